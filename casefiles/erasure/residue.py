"""After destruction: leave nothing of the deleted rows readable in the database's own files.

SQLite runs with `secure_delete` on (casefiles/persistence/db.py), so deleted content and freed pages
are overwritten with zeros; what remains is the write-ahead log, which still holds the pages as they
were before: a TRUNCATE checkpoint copies the zeroed pages into the database file and empties the log.
It cannot while another connection reads: then clearing stays pending. Whatever erases first marks it
pending in a file beside the database (`oubli.db.residue-pending`), before its transaction commits, and
only a clearing that emptied the log removes the mark; so a run killed after its last commit, or one
whose clearing was kept out by a reader, is finished by the next command that opens the store
(`finish_pending`), and `verify-disposal` refuses its proof while the log is not empty.

PostgreSQL keeps deleted rows as dead tuples until a vacuum prunes them: the touched tables are
vacuumed. A vacuum leaves the former values of updated rows (a person's plain NIR before it was sealed)
in the table's pages until the space is reused: `compact` rewrites the tables (VACUUM FULL). What
PostgreSQL has written to its WAL segments (and any WAL archive or base backup) stays out of reach:
crypto-shredding and the erasure ledger cover those (docs/operations.md).
"""

import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from casefiles.kernel.errors import DatabaseBusy

# How long a clearing waits for other connections to stop reading before it gives up (and stays pending).
WAIT_SECONDS = 5.0


def database_file(engine: Engine) -> Path | None:
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        return None
    return Path(database).expanduser().resolve()


def pending_mark(engine: Engine) -> Path | None:
    """The file whose presence says a clearing is pending (SQLite files only)."""
    path = database_file(engine)
    return None if path is None else Path(f"{path}.residue-pending")


def log_file(engine: Engine) -> Path | None:
    path = database_file(engine)
    return None if path is None else Path(f"{path}-wal")


def mark_pending(engine: Engine) -> None:
    """Before a transaction that erases commits: the next command must clear its residue, even if this
    process dies right after the commit."""
    mark = pending_mark(engine)
    if mark is None or mark.exists():
        return
    os.close(os.open(mark, os.O_WRONLY | os.O_CREAT, 0o600))
    folder = os.open(mark.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the mark outlives a power cut as the commit does
    finally:
        os.close(folder)


def log_bytes(engine: Engine) -> int:
    """How many bytes SQLite's write-ahead log holds (0 when absent)."""
    path = log_file(engine)
    try:
        return 0 if path is None else path.stat().st_size
    except FileNotFoundError:
        return 0


def clear_residue(engine: Engine, tables: Iterable[str], wait: float = WAIT_SECONDS) -> bool:
    """False when SQLite's write-ahead log could not be emptied because another connection was reading
    for longer than `wait` seconds; the clearing then stays pending."""
    if engine.dialect.name == "sqlite":
        with _sqlite_outside_transactions(engine) as connection:
            usual = connection.execute("PRAGMA busy_timeout").fetchone()[0]
            connection.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
            try:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            finally:
                connection.execute(f"PRAGMA busy_timeout = {usual}")
        cleared = log_bytes(engine) == 0
        if cleared and (mark := pending_mark(engine)) is not None:
            mark.unlink(missing_ok=True)
        return cleared
    if engine.dialect.name == "postgresql":
        with _outside_transactions(engine) as connection:
            for table in sorted(set(tables)):
                connection.exec_driver_sql(f'VACUUM "{table}"')
    return True


def _outside_transactions(engine: Engine) -> Connection:
    """A PostgreSQL connection in autocommit: VACUUM and VACUUM FULL cannot run inside a transaction."""
    return engine.connect().execution_options(isolation_level="AUTOCOMMIT")


@contextmanager
def _sqlite_outside_transactions(engine: Engine) -> Iterator[Any]:
    """The driver's connection itself, outside any transaction (casefiles/persistence/db.py leaves them to
    SQLAlchemy, so the driver's is in autocommit): a checkpoint or VACUUM cannot run inside one, and going
    through SQLAlchemy would begin one (a writer's, on a unit of work's engine)."""
    pooled = engine.raw_connection()
    try:
        yield pooled.driver_connection
    finally:
        pooled.close()


def finish_pending(engine: Engine, wait: float = 0.0) -> bool | None:
    """Clear the residue a former command left pending; None when none was pending, else whether it is done."""
    mark = pending_mark(engine)
    if mark is None or not mark.exists():
        return None
    return clear_residue(engine, (), wait)


def compact(engine: Engine, tables: Iterable[str]) -> None:
    """Rewrite the store from its live rows: SQLite's whole file (VACUUM, then the log emptied), or
    PostgreSQL's `tables` (VACUUM FULL: each locked ACCESS EXCLUSIVE while it is rewritten). Raises
    DatabaseBusy when a former version of a row could not be left behind, saying what to do."""
    if engine.dialect.name == "sqlite":
        with _sqlite_outside_transactions(engine) as connection:
            connection.execute("VACUUM")
        if not clear_residue(engine, ()):
            raise DatabaseBusy(f"the database was compacted, but another program kept reading it, so its "
                               f"write-ahead log {log_file(engine)} still holds the file's former pages: close "
                               "it, then run `oubli erasures compact` again")
    elif engine.dialect.name == "postgresql":
        kept = {}
        with _outside_transactions(engine) as connection:
            notices: list[str] = []
            connection.connection.driver_connection.add_notice_handler(  # type: ignore[union-attr]
                lambda diagnostic: notices.append(f"{diagnostic.message_primary} {diagnostic.message_detail}"))
            for table in sorted(set(tables)):
                # A plain vacuum first prunes the dead versions (VACUUM FULL alone copies those it judges
                # still visible to a transaction of another database), then the table is rewritten.
                connection.exec_driver_sql(f'VACUUM "{table}"')
                notices.clear()
                connection.exec_driver_sql(f'VACUUM (FULL, ANALYZE, VERBOSE) "{table}"')
                left = sum(int(n) for notice in notices for n in _NOT_REMOVABLE.findall(notice))
                if left:
                    kept[table] = left
        if kept:
            counts = ", ".join(f"{count} in {table}" for table, count in sorted(kept.items()))
            raise DatabaseBusy(f"the tables were rewritten, but PostgreSQL kept former row versions ({counts}) "
                               "that a transaction still open could see: once it has ended (pg_stat_activity "
                               "shows it, with its xact_start), run `oubli erasures compact` again")


# VACUUM VERBOSE's detail, e.g. "50 dead row versions cannot be removed yet."
_NOT_REMOVABLE = re.compile(r"(\d+) dead row versions cannot be removed yet")
