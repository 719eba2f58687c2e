"""Encryption at rest with keys kept outside the database (AES-256-GCM from `cryptography`).

The master key (a file made by `oubli init`, mode 0600) never encrypts data itself: it wraps data
keys, and each data key encrypts its own records. Every ciphertext is bound to what it belongs to
(the associated data), so a value moved to another row does not decrypt.

`cryptography` is imported when something is sealed or opened, not when this module is: the commands
that only list or count pay nothing for it."""

import base64
import binascii
import hashlib
import os
from pathlib import Path

from casefiles.kernel.errors import OubliError

NONCE_BYTES = 12


class KeyProblem(OubliError):
    """The master key is missing, malformed, or not the one that wrapped the stored keys."""


class MalformedKey(KeyProblem):
    """A key file that holds no key: empty, cut short, or not base64 of 32 bytes."""


def load_master_key(keys_dir: Path) -> bytes:
    return load_key(keys_dir / "master.key")


def load_key(path: Path) -> bytes:
    """A key file made by `oubli init`: 32 random bytes in base64, readable by its owner only (as ssh
    wants a private key: a key others could read is refused, not used)."""
    try:
        with path.open("rb") as stream:
            mode = os.fstat(stream.fileno()).st_mode
            if mode & 0o077:
                raise KeyProblem(f"the key {path} is open to other users (mode {mode & 0o777:04o}): "
                                 f"run `chmod 600 {path}` (and ask whether someone else could have read it)")
            key = base64.b64decode(stream.read().strip(), validate=True)
    except FileNotFoundError:
        raise KeyProblem(f"the key {path} does not exist: run `oubli init` to create it on a new installation "
                        "(it refuses when data already depend on the key: restore the key from its backup), or "
                        "set OUBLI_KEYS to the folder that holds it") from None
    except (binascii.Error, ValueError):
        raise MalformedKey(f"the key {path} is not a base64 key of 32 bytes: restore it from its backup") from None
    if len(key) != 32:
        raise MalformedKey(f"the key {path} is not a base64 key of 32 bytes: restore it from its backup")
    return key


def key_id(key: bytes) -> str:
    """A short public name for a key, to tell which master key wrapped what (not a secret)."""
    return hashlib.sha256(b"oubli key id" + key).hexdigest()[:16]


def new_data_key() -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM.generate_key(bit_length=256)


def encrypt(key: bytes, plaintext: bytes, bound_to: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, bound_to.encode("utf-8"))


def decrypt(key: bytes, sealed: bytes, bound_to: str) -> bytes:
    """Raises KeyProblem when `key` is not the one that sealed it (or the data were altered)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], bound_to.encode("utf-8"))
    except InvalidTag:
        raise KeyProblem(f"a stored value for {bound_to} does not open with this key: the master key is not the one "
                        "that wrapped it, or the value was altered") from None


def history_binding(person_id: str, field: str) -> str:
    """What a rectified field's former value is bound to."""
    return f"record_history:{person_id}:{field}"


def seal_value(master: bytes, value: str, bound_to: str) -> tuple[bytes, bytes]:
    """(wrapped data key, ciphertext) for one value under a fresh data key."""
    data_key = new_data_key()
    return encrypt(master, data_key, bound_to), encrypt(data_key, value.encode("utf-8"), bound_to)


def open_value(master: bytes, wrapped_key: bytes, sealed: bytes, bound_to: str) -> str:
    return decrypt(decrypt(master, wrapped_key, bound_to), sealed, bound_to).decode("utf-8")
