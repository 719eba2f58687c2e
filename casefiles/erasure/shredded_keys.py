"""What lets `verify-disposal` look for a destroyed case's key in SQLite's file: recorded as it goes.

Deleting a case's key is what makes its sealed rows unreadable, so the proof is that its bytes are
nowhere in the database file. The key itself cannot be kept to look for it; what is kept, in a file
beside the database (`oubli.db.destroyed-keys`, mode 0600, written before the erasing transaction
commits), is the wrapped key's nonce (12 random bytes, public in AES-GCM): a match of those 96 bits in the
file's free space is the key left behind. A line names the case only
by its ledger digest. A case that had no key (no document was ever sealed) is recorded as such.
`oubli erasures compact` rewrites the file from its live rows, which proves for every case destroyed
before it, recorded or not: it adds a line saying so.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from casefiles.crypto.sealing import NONCE_BYTES
from casefiles.erasure.residue import database_file


def record_path(engine: Engine) -> Path | None:
    path = database_file(engine)
    return None if path is None else Path(f"{path}.destroyed-keys")


def record(engine: Engine, wrapped: Mapping[str, bytes | None]) -> None:
    """Append the fingerprints of the keys about to be deleted, by the ledger digest of their case."""
    path = record_path(engine)
    if path is None or not wrapped:
        return
    lines = [f"key {digest} {key[:NONCE_BYTES].hex()}\n" if key is not None
             else f"none {digest}\n" for digest, key in wrapped.items()]
    _append(path, lines)


def record_compaction(engine: Engine, on: date) -> None:
    path = record_path(engine)
    if path is not None:
        _append(path, [f"compacted {on.isoformat()}\n"])


def _append(path: Path, lines: list[str]) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as stream:
        stream.writelines(lines)
        stream.flush()
        os.fsync(stream.fileno())


@dataclass
class Recorded:
    keys: dict[str, bytes | None] = field(default_factory=dict)  # case's ledger digest: its key's nonce, or no key
    compacted: bool = False  # the file was rewritten from its live rows since these cases were destroyed

    def nonces(self) -> set[bytes]:
        return {nonce for nonce in self.keys.values() if nonce is not None}


def read(engine: Engine) -> Recorded:
    recorded = Recorded()
    path = record_path(engine)
    if path is None or not path.exists():
        return recorded
    with path.open(encoding="ascii") as stream:
        for line in stream:
            kind, *rest = line.split()
            if kind == "key":
                recorded.keys[rest[0]] = bytes.fromhex(rest[1])
            elif kind == "none":
                recorded.keys.setdefault(rest[0], None)
            elif kind == "compacted":
                recorded.compacted = True
    return recorded
