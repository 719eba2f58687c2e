"""Key material kept outside the database: created once with mode 0600, never printed."""

import base64
import os
import secrets
from pathlib import Path

# The master key wraps each archived case's own key; the ledger key makes the erasure ledger's
# digests irreversible; the index key makes the blind index of persons out of daily use unguessable
# (casefiles/crypto/blind_index.py). All must be backed up apart from the database.
KEY_NAMES = ("master.key", "ledger.key", "index.key")


def create_missing_keys(folder: Path) -> list[str]:
    """Create every key that does not exist yet; returns the names created (never the keys)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    created = []
    for name in KEY_NAMES:
        path = folder / name
        if path.exists():
            continue
        write_key(path, secrets.token_bytes(32))
        created.append(name)
    return created


def write_key(path: Path, key: bytes) -> None:
    """A new key file, mode 0600, on disk before this returns; never overwrites one."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(base64.b64encode(key) + b"\n")
        stream.flush()
        os.fsync(stream.fileno())
