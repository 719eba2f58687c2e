"""An unexpected failure (a bug, a database error nobody foresaw): one line for the user, the details for
whoever maintains Oubli in a file only its owner reads, in `errors/` beside the database and the keys.

An exception's message can carry a personal value (a database error may quote the row it refused, a
KeyError its key, a ValueError the text it could not read), so no message is written: only each
exception's type, the chain of exceptions, each traceback's frames (file, line, function, the line of
code), and for a database error its code and the table, column and constraint the database names.
Never a local variable, never the command's arguments.
"""

import os
import secrets
import sys
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

# The exit code of an unexpected failure: sysexits' EX_SOFTWARE, apart from 1 (an expected failure:
# what is wrong is said) and 2 (a usage error), so that a script can tell a bug from a refusal.
EXIT_CODE = 70

# What a database driver's error says of itself without quoting a value: psycopg's SQLSTATE and
# diagnostics, sqlite3's error name.
_DATABASE_FACTS = ("sqlstate", "sqlite_errorname")
_DIAGNOSTICS = ("table_name", "column_name", "constraint_name", "datatype_name")


def report(error: BaseException, folder: Path, command: str | None) -> str:
    """Writes the details of `error` to a new file in `folder` (mode 0600); returns the line to show."""
    error_id = secrets.token_hex(4)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = folder / f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{error_id}.txt"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            out.write("\n".join(_details(error, error_id, command)) + "\n")
    except OSError as failed:
        return (f"Error: unexpected failure (error id {error_id}); its details could not be written to {folder} "
                f"({failed.strerror})")
    return f"Error: unexpected failure (error id {error_id}); details written to {path}"


def _details(error: BaseException, error_id: str, command: str | None) -> Iterator[str]:
    yield f"error id: {error_id}"
    yield f"at: {datetime.now(UTC).isoformat(timespec='seconds')}"
    yield f"command: oubli {command or ''}".rstrip()
    yield f"python: {sys.version.split()[0]}"
    yield "Exception messages are left out: they can carry personal values. The first raised comes first."
    for exception in _chain(error):
        kind = type(exception)
        yield ""
        yield f"{kind.__module__}.{kind.__qualname__}" + "".join(f" {fact}" for fact in _database_facts(exception))
        for frame in traceback.extract_tb(exception.__traceback__):
            yield f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}'
            if frame.line:
                yield f"    {frame.line}"


def _chain(error: BaseException) -> list[BaseException]:
    """`error` and the exceptions it was raised from or while handling, the first raised first."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return chain[::-1]


def _database_facts(exception: BaseException) -> Iterator[str]:
    for name in _DATABASE_FACTS:
        value = getattr(exception, name, None)
        if isinstance(value, str):
            yield f"{name}={value}"
    diagnostics = getattr(exception, "diag", None)
    for name in _DIAGNOSTICS if diagnostics is not None else ():
        value = getattr(diagnostics, name, None)
        if isinstance(value, str):
            yield f"{name}={value}"
