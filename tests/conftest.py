"""Databases for the tests: every database test runs on SQLite and on the real PostgreSQL.

Each backend is migrated once into a template; each test gets its own copy. Outside CI a missing
PostgreSQL skips its tests; under CI (CI=true) it fails them.
"""

import os
import shutil
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

# The consoles of oubli/cli/output.py take their width when first imported, which may be outside a command's
# environment (whichever test imports them first): every test reads the output 200 columns wide.
os.environ["COLUMNS"] = "200"

from casefiles.crypto.keys import create_missing_keys
from casefiles.persistence import schema
from casefiles.persistence.db import create_db_engine, create_sqlite_database
from oubli.bootstrap import App, bootstrap
from oubli.settings import DEFAULT_POLICY, Settings

POSTGRES_ADMIN_URL = os.environ.get("OUBLI_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
FIXED_NOW = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)


def _postgres_admin() -> sa.Engine:
    return sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")


def _pg_url(name: str) -> str:
    return sa.engine.make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_admin():
    engine = _postgres_admin()
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except sa.exc.OperationalError as error:
        message = f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {error.orig}"
        if os.environ.get("CI"):
            pytest.fail(message + " (under CI PostgreSQL is required)")
        pytest.skip(message)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "oubli.db"
    create_sqlite_database(f"sqlite:///{path}")
    engine = create_db_engine(f"sqlite:///{path}")
    schema.upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_template(postgres_admin):
    name = f"oubli_template_{uuid.uuid4().hex[:10]}"
    with postgres_admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    engine = create_db_engine(_pg_url(name))
    schema.upgrade(engine)
    engine.dispose()
    yield name
    with postgres_admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def fresh_database(request, tmp_path: Path, backend: str, migrated: bool) -> str:
    """The URL of a new database of `backend` for the test of `request`: a copy of the migrated template, or
    blank; a PostgreSQL one is dropped after the test."""
    if backend == "sqlite":
        path = tmp_path / "oubli.db"
        if migrated:
            shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    template = f" TEMPLATE {request.getfixturevalue('postgres_template')}" if migrated else ""
    return new_postgres_database(request, "oubli_test", template)


def new_postgres_database(request, prefix: str, template: str = "") -> str:
    """The URL of a new PostgreSQL database (`prefix` and a random suffix), dropped when the test or fixture of
    `request` ends: a store, or a case system's source."""
    admin = request.getfixturevalue("postgres_admin")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}{template}")

    def drop():
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    request.addfinalizer(drop)
    return _pg_url(name)


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> str:
    """The URL of a freshly migrated, empty database of each backend."""
    return fresh_database(request, tmp_path, request.param, migrated=True)


@pytest.fixture(params=BACKENDS)
def blank_database_url(request, tmp_path) -> str:
    """The URL of a database of each backend that has no schema yet (for SQLite an empty file)."""
    url = fresh_database(request, tmp_path, request.param, migrated=False)
    create_sqlite_database(url)
    return url


@pytest.fixture
def app(database_url, tmp_path) -> App:
    application = app_on(database_url, tmp_path)
    yield application
    application.engine.dispose()


@pytest.fixture
def sqlite_app(request, tmp_path) -> App:
    """The application on SQLite alone: the store of a test whose subject is elsewhere (a case system's database),
    or whose long work is the same on both databases (what differs between them is tested beside it)."""
    application = app_on(fresh_database(request, tmp_path, "sqlite", migrated=True), tmp_path)
    yield application
    application.engine.dispose()


def app_on(database_url: str, tmp_path: Path) -> App:
    """The application on a database, its keys made in `tmp_path` as `oubli init` makes them, at FIXED_NOW."""
    create_missing_keys(tmp_path / "keys")
    return bootstrap(Settings(db_url=database_url, keys_dir=tmp_path / "keys", actor="test-dpo"),
                     clock=lambda: FIXED_NOW)


@pytest.fixture
def backup_of(request, tmp_path):
    """A function that copies an application's database, as a backup would, and returns the copy's URL."""

    def copy(app: App) -> str:
        app.engine.dispose()  # a backup of a database nobody is writing to
        return copy_database(request, tmp_path, app.settings.db_url)

    return copy


def copy_database(request, folder: Path, url: str) -> str:
    """A copy of the database at `url` for one test (a PostgreSQL one is dropped after it)."""
    parsed = sa.engine.make_url(url)
    name = f"oubli_copy_{uuid.uuid4().hex[:12]}"
    if parsed.get_backend_name() == "sqlite":
        path = folder / f"{name}.db"
        shutil.copyfile(parsed.database, path)
        return f"sqlite:///{path}"
    admin = request.getfixturevalue("postgres_admin")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {parsed.database}")
    request.addfinalizer(lambda: _drop(admin, name))
    return _pg_url(name)


def _drop(admin, name: str) -> None:
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def age_command() -> str:
    """The standard `age` command, to open what Oubli encrypts as anyone would."""
    path = shutil.which("age")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("the `age` command is required under CI (Debian package age)")
        pytest.skip("the `age` command is not installed")
    return path


def plainer_reading() -> str:
    """The shipped policy under its plainer reading, chosen as its comments say: archive periods counted from
    the end of service whatever the child's age (abuse apart), for tests of what a child's majority would hide."""
    shipped = DEFAULT_POLICY.read_text(encoding="utf-8")
    plainer = shipped.replace("count_from_majority: true       # the plainer reading: false", "count_from_majority: false")
    assert plainer != shipped, "the shipped policy no longer offers its plainer reading on that line"
    return plainer


def sampling_birth_days(policy_text: str, days: range) -> str:
    """A policy (the shipped one, or `plainer_reading()`) that keeps for history the files of the children born on
    these days of a month, as the archives' sorting rules may ask."""
    sampled = policy_text.replace("  birth_days: []", f"  birth_days: {list(days)}")
    assert sampled != policy_text, "the shipped policy no longer has its empty birth_days line"
    return sampled
