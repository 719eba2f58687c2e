"""Throwaway databases for the benchmarks: a SQLite file in a temporary folder, or a PostgreSQL
database on 127.0.0.1:5432 that is dropped afterwards."""

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from casefiles.persistence.db import create_sqlite_database

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/"


@contextmanager
def throwaway_database(folder: Path, label: str, postgres: bool) -> Iterator[str]:
    """The URL of a new, empty database; a PostgreSQL one is dropped on leaving."""
    if not postgres:
        url = f"sqlite:///{folder / (label + '.db')}"
        create_sqlite_database(url)
        yield url
        return
    with _postgres_database(f"oubli_bench_{label}_{uuid.uuid4().hex[:8]}") as url:
        yield url


@contextmanager
def _postgres_database(name: str, template: str | None = None) -> Iterator[str]:
    admin = sa.create_engine(POSTGRES + "postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    try:
        yield POSTGRES + name
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


@contextmanager
def copy_of(url: str, label: str) -> Iterator[str]:
    """A copy of a database nobody is using (a file copy, or a PostgreSQL database from it as template)."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database)
        copy = path.with_name(f"{label}.db")
        shutil.copyfile(path, copy)
        try:
            yield f"sqlite:///{copy}"
        finally:
            copy.unlink(missing_ok=True)
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{copy}{suffix}").unlink(missing_ok=True)
        return
    with _postgres_database(f"{parsed.database}_{label}", template=parsed.database) as copy:
        yield copy
