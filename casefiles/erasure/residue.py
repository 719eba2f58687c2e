"""After destruction: leave nothing of the deleted rows readable in the database's own files.

SQLite runs with `secure_delete` on (casefiles/db.py), so deleted content and freed pages are
overwritten with zeros; what remains is the write-ahead log, which still holds the pages as they were
before: a TRUNCATE checkpoint copies the zeroed pages into the database file and empties the log.

PostgreSQL keeps deleted rows as dead tuples until a vacuum prunes them: the touched tables are
vacuumed. What PostgreSQL has written to its WAL segments (and any WAL archive or base backup) stays
out of reach of a vacuum: crypto-shredding and the erasure ledger cover those (docs/operations.md).
"""

from collections.abc import Iterable

from sqlalchemy import Engine

from casefiles.persistence.db import WRITES


def clear_residue(engine: Engine, tables: Iterable[str]) -> bool:
    """False when SQLite's write-ahead log could not be emptied because another connection was reading."""
    if engine.dialect.name == "sqlite":
        # A checkpoint cannot run inside a write transaction: the unit of work's engine may be a writer's.
        with engine.execution_options(**{WRITES: False}).connect() as connection:
            busy, _log, _done = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        return not busy
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for table in sorted(set(tables)):
                connection.exec_driver_sql(f'VACUUM "{table}"')
    return True
