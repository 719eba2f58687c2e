"""Files that hold personal data: created mode 0600, never overwriting one that exists."""

import os
from pathlib import Path
from typing import BinaryIO

from casefiles.kernel.errors import InvalidInput


def create_private(path: Path) -> BinaryIO:
    """A new file open for writing in binary, readable by its owner only."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InvalidInput(f"{path} already exists: choose another --out, nothing is ever overwritten") from None
    except OSError as error:
        raise InvalidInput(f"cannot create {path}: {error.strerror}") from None
    return os.fdopen(descriptor, "wb")
