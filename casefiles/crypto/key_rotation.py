"""`oubli keys rotate`: every data key re-wrapped under a new master key; no sealed data is touched.

The new key is written beside the old one (master.key.next, mode 0600) before the database changes,
and replaces it only once they are committed and on disk (SQLite's log synced, PostgreSQL's commit waiting
for its WAL): a rotation cut off at any point, a power cut included, can be finished by running it
again, and never leaves keys wrapped by a master key that is nowhere on disk.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from casefiles.crypto import sealing
from casefiles.crypto.keys import write_key
from casefiles.crypto.vault import Vault, check_master
from casefiles.persistence.db import commit_durably, synced
from casefiles.persistence.uow import UnitOfWork


@dataclass(frozen=True)
class Rotation:
    old_key_id: str
    new_key_id: str
    keys_rewrapped: int
    finished_interrupted: bool = False


def _install(pending: Path, path: Path) -> None:
    os.replace(pending, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def rotate_master_key(uow: UnitOfWork, keys_dir: Path) -> Rotation:
    path, pending = keys_dir / "master.key", keys_dir / "master.key.next"
    current = sealing.load_master_key(keys_dir)
    with uow:
        if pending.exists():
            following = sealing.load_key(pending)
            try:
                check_master(uow.session, current)
            except sealing.KeyProblem:
                check_master(uow.session, following)  # raises if neither key wrapped the stored ones
                _install(pending, path)
                return Rotation(sealing.key_id(current), sealing.key_id(following), 0, finished_interrupted=True)
            pending.unlink()  # written by a rotation that never committed
        new = sealing.new_data_key()
        vault = Vault(lambda: current)
        count = vault.rewrap_all(uow.session, new)  # checks first that `current` wrapped every stored key
        write_key(pending, new)
        uow.record("keys.rotated", "keys", [], old_key_id=sealing.key_id(current), new_key_id=sealing.key_id(new),
                   keys_rewrapped=count)
        commit_durably(uow.session)
        uow.commit()
        synced(uow.session.get_bind())  # on disk before the old key goes: a power cut cannot undo the re-wrap
    _install(pending, path)
    return Rotation(sealing.key_id(current), sealing.key_id(new), count)
