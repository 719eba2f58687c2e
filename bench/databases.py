"""Throwaway databases for the benchmarks: a SQLite file in a temporary folder, or a PostgreSQL
database on 127.0.0.1:5432 that is dropped afterwards."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/"


@contextmanager
def throwaway_database(folder: Path, label: str, postgres: bool) -> Iterator[str]:
    """The URL of a new, empty database; a PostgreSQL one is dropped on leaving."""
    if not postgres:
        yield f"sqlite:///{folder / (label + '.db')}"
        return
    name = f"oubli_bench_{label}_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(POSTGRES + "postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield POSTGRES + name
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()
