"""The encrypted package of access exports: a tar of files with a manifest of their SHA-256 digests,
encrypted in the age format (pyrage) to a recipient's public key or a passphrase, so that the standard
`age` command opens it. Transfers to the Archives départementales are SEDA packages (retention/transfer.py)
in the same age envelope, to a public key checked here.

The tar is built in memory and encrypted as it is written: no plaintext file ever touches the disk.
The output is written by casefiles/crypto/private_files.py: mode 0600, never through a link, never over a
file unless asked; a failed write leaves nothing behind."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pyrage

from casefiles.crypto.private_files import private_file
from casefiles.kernel.errors import InvalidInput


def json_bytes(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2, default=lambda v: v.isoformat()).encode("utf-8")


def with_manifest(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files, and manifest.json holding the SHA-256 of each."""
    return files | {"manifest.json": json_bytes({name: hashlib.sha256(content).hexdigest()
                                                  for name, content in sorted(files.items())})}


def age_recipient(public_key: str, whose: str) -> pyrage.x25519.Recipient:
    try:
        return pyrage.x25519.Recipient.from_str(public_key.strip())
    except pyrage.RecipientError:
        raise InvalidInput(f"{whose} is not an age public key (age1...)") from None


def write_encrypted(files: dict[str, bytes], out: Path, folder: str, recipient: pyrage.x25519.Recipient | None = None,
                    passphrase: str | None = None, replace: bool = False) -> str:
    """Encrypt a tar of `files` (under `folder/`) into `out` (replacing a file there only if `replace`);
    returns the SHA-256 of what was written."""
    if (recipient is None) == (passphrase is None):
        raise InvalidInput("give exactly one of a recipient's age public key and a passphrase")
    plain = io.BytesIO()
    with tarfile.open(fileobj=plain, mode="w") as archive:
        for name, content in files.items():
            entry = tarfile.TarInfo(f"{folder}/{name}")
            entry.size, entry.mode = len(content), 0o600
            archive.addfile(entry, io.BytesIO(content))
    with private_file(out, replace, replace_option=None) as sink:
        if recipient is not None:
            plain.seek(0)
            pyrage.encrypt_io(plain, sink, [recipient])
        else:
            sink.write(pyrage.passphrase.encrypt(plain.getvalue(), passphrase))
    return hashlib.sha256(out.read_bytes()).hexdigest()
