"""Opening the database: SQLite (the embedded default) or PostgreSQL, with the same code."""

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from casefiles.kernel.errors import DatabaseError


def normalise_url(url: str) -> str:
    """Accept the URL forms operators type: `postgresql://` uses psycopg 3, the driver installed."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(
            f"'{url}' is not a database URL: use sqlite:///PATH or postgresql://USER@HOST:PORT/NAME"
        ) from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def display_url(url: str) -> str:
    """The URL as it may be shown in a message: never with its password."""
    return make_url(url).render_as_string(hide_password=True)


def create_db_engine(url: str) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database)
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True)
    raise DatabaseError(f"unsupported database '{parsed.get_backend_name()}': use SQLite or PostgreSQL")


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:":
        path = Path(database).expanduser().resolve()
        if not path.parent.is_dir():
            raise DatabaseError(f"the folder {path.parent} does not exist: create it or give another --db")
        if not path.exists():
            # The file holds personal data: readable by its owner only (SQLite gives its -wal the same mode).
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, open transactions, so that reads are inside them too.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        # Deleted content and freed pages are overwritten with zeros (see casefiles/residue.py).
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN")

    return engine


def create_sqlite_folder(url: str) -> None:
    """For `oubli init`: make the folder of a SQLite database (owner only) if it is missing."""
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True, mode=0o700)


def chunks(items: list, size: int = 500):
    """`items` in slices small enough for an IN list on either database."""
    for start in range(0, len(items), size):
        yield items[start:start + size]
