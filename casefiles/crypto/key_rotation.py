"""`oubli keys rotate`: every data key re-wrapped under a new master key; no sealed data is touched.

The new key is written beside the old one (master.key.next, mode 0600) before the database changes,
and replaces it only once they are committed and on disk (SQLite's log synced, PostgreSQL's commit waiting
for its WAL): a rotation cut off at any point, a power cut included, can be finished by running it
again, and never leaves keys wrapped by a master key that is nowhere on disk.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefiles.crypto import sealing
from casefiles.crypto.keys import write_key
from casefiles.crypto.vault import Vault, check_master
from casefiles.persistence.db import commit_durably, synced
from casefiles.persistence.models import DataKey, RecordHistory
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


def _discard_torn(session: Session, pending: Path, current: bytes) -> None:
    """master.key.next unreadable (empty, cut short: a crash while it was written, before the commit that
    would use it) is deleted if every stored key is still wrapped by the current master key; if some
    are not, the rotation committed under it and it must not go."""
    current_id = sealing.key_id(current)
    others: set[str] = set()
    for model in (DataKey, RecordHistory):
        others.update(session.scalars(select(model.master_key_id).distinct().where(
            model.master_key_id.is_not(None), model.master_key_id != current_id)))
    if others:
        raise sealing.KeyProblem(
            f"the new master key {pending} of an interrupted rotation is unreadable, and the stored keys were "
            f"wrapped by master key {', '.join(sorted(others))}, not by master.key ({current_id}): nothing was "
            f"changed; do not delete {pending.name}. Put the backup of that new key in {pending} and run "
            "`oubli keys rotate` again, or restore the database from a backup taken before the rotation")
    pending.unlink()


def rotate_master_key(uow: UnitOfWork, keys_dir: Path) -> Rotation:
    path, pending = keys_dir / "master.key", keys_dir / "master.key.next"
    current = sealing.load_master_key(keys_dir)
    following, started_over = None, False
    with uow:
        if pending.exists():
            try:
                following = sealing.load_key(pending)
            except sealing.MalformedKey:
                _discard_torn(uow.session, pending, current)
                started_over = True
        if following is not None:
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
                   keys_rewrapped=count, **({"unreadable_next_key_discarded": True} if started_over else {}))
        commit_durably(uow.session)
        uow.commit()
        synced(uow.session.get_bind())  # on disk before the old key goes: a power cut cannot undo the re-wrap
    _install(pending, path)
    return Rotation(sealing.key_id(current), sealing.key_id(new), count)
