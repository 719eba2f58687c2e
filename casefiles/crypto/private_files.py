"""The one writer of the files Oubli creates for people (reports, bordereaux, letters, exports, packages):
readable by their owner only (0600), never through a symbolic link, never over a file that exists unless
the command was asked to replace it, and then replaced whole (a temporary file in the same folder renamed
over it), so that a reader sees the old file or the new one, never half of one. A failed write leaves
nothing behind. The key files and the erasure ledger have writers of their own (keys.py, ledger.py)."""

import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from casefiles.kernel.errors import InvalidInput

_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


@contextmanager
def private_file(path: Path, replace: bool = False, replace_option: str | None = "--force") -> Iterator[BinaryIO]:
    """A binary stream whose content becomes the file at `path` when the block ends without an error.

    Without `replace` an existing file (or link) at `path` is refused; with it, a regular file is replaced.
    `replace_option` is the option that asks for replacing, named in the refusal (None: the command has none)."""
    path = Path(path)
    _check_folder(path)
    if replace:
        _refuse_link(path)
        target, descriptor = _temporary_beside(path)
    else:
        target, descriptor = path, _create(path, path, replace_option)
    stream = os.fdopen(descriptor, "wb")
    try:
        with stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if target != path:
            os.replace(target, path)  # a link put at `path` meanwhile is itself replaced, its target untouched
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def write_private(path: Path, content: bytes, replace: bool = False, replace_option: str | None = "--force") -> None:
    """`content` into a new owner-only file at `path`, as `private_file` writes it."""
    with private_file(path, replace, replace_option) as stream:
        stream.write(content)


def _check_folder(path: Path) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise InvalidInput(f"the folder {folder} does not exist: create it or choose another path; nothing was written")


def _refuse_link(path: Path) -> None:
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise InvalidInput(f"{path} is a symbolic link: Oubli never writes through one; remove it or choose "
                           "another path; nothing was written")
    if not stat.S_ISREG(mode):
        raise InvalidInput(f"{path} exists and is not a file: choose another path; nothing was written")


def _create(path: Path, shown: Path, replace_option: str | None) -> int:
    try:
        return os.open(path, _NEW, 0o600)
    except FileExistsError:
        _refuse_link(shown)
        how = f", or give {replace_option} to replace it" if replace_option else ""
        raise InvalidInput(f"{shown} already exists: choose another path{how}; nothing was written") from None
    except OSError as error:
        if error.errno == getattr(os, "ELOOP", None):  # O_NOFOLLOW met a link put there meanwhile
            _refuse_link(shown)
        raise InvalidInput(f"cannot create {shown}: {error.strerror}; nothing was written") from None


def _temporary_beside(path: Path) -> tuple[Path, int]:
    """A new, hidden, owner-only file in `path`'s folder: renaming it over `path` is atomic."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    return temporary, _create(temporary, path, None)
