"""The CLI as a user drives it, each test in a home of its own.

`cli` runs the `oubli` app in this process through Typer's CliRunner: the same arguments, environment,
stdout, stderr and exit code as the installed command, without a process start for each. `cli_process`
runs the installed command itself, kept for where a process is the point (the console script, signals,
`--processes`).

Every test runs on SQLite, from a copy of the migrated template with its keys made as `oubli init` makes
them; `@on_each_database` runs it on PostgreSQL too, for what the two do differently (locks, upserts,
residue, migrations, concurrency). `blank_cli` starts from no schema and no keys, for the tests of `init`.
`cli.start_from_seeded(...)` replaces the test's store by a copy of one seeded once per session.
"""

import json
import os
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from casefiles.crypto.keys import create_missing_keys
from casefiles.persistence.db import create_db_engine
from oubli.cli import app as oubli_app
from tests.conftest import BACKENDS, _drop, _pg_url, _postgres_admin, copy_database, fresh_database

OUBLI = str(Path(sys.executable).parent / "oubli")

on_each_database = pytest.mark.parametrize("backend", BACKENDS)


@dataclass
class Ran:
    """What a command left: as `subprocess.CompletedProcess` has it."""

    returncode: int
    stdout: str
    stderr: str


class Cli:
    """Runs `oubli` in this process, as a user would run it in a home of its own."""

    def __init__(self, db_url: str, home: Path, request=None, backend: str = "sqlite"):
        self.db_url, self.home = db_url, home
        self.env: dict[str, str] = {}  # more environment for every command, such as OUBLI_POLICY
        self._request, self._backend = request, backend

    def environment(self) -> dict[str, str]:
        return {"OUBLI_HOME": str(self.home), "OUBLI_ACTOR": "e2e-dpo", "COLUMNS": "200", **self.env}

    def arguments(self, args: tuple[str, ...], db: bool) -> list[str]:
        return [*(["--db", self.db_url] if db else []), *args]

    def __call__(self, *args: str, db: bool = True, input: str | None = None) -> Ran:
        # A bug ends as it ends a user's command: one line, exit 70, its frames in $OUBLI_HOME/errors/ (read them
        # there); catch_exceptions=False lets out only what would escape the app itself.
        result = CliRunner().invoke(oubli_app, self.arguments(args, db), input=input, prog_name="oubli",
                                    env={**self.environment(), "OUBLI_DB": None}, catch_exceptions=False)
        return Ran(result.exit_code, result.stdout, result.stderr)

    def json(self, *args: str):
        result = self(*args, "--json")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    def start_from_seeded(self, cases: int, seed: int, as_of: str) -> None:
        """This test's database and home become a copy of a store that `oubli seed` filled once per session."""
        store = self._request.getfixturevalue("seeded_stores").get(self._request, self._backend, cases, seed, as_of)
        self.db_url = copy_database(self._request, self.home.parent, store.db_url)
        shutil.rmtree(self.home, ignore_errors=True)
        shutil.copytree(store.home, self.home)


class CliProcess:
    """Runs the installed `oubli` command in a process of its own, on the database and in the home of `cli`."""

    def __init__(self, cli: Cli):
        self.cli = cli

    def environment(self) -> dict[str, str]:
        env = {**os.environ, **self.cli.environment()}
        env.pop("OUBLI_DB", None)
        return env

    def __call__(self, *args: str, db: bool = True, input: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([OUBLI, *self.cli.arguments(args, db)], capture_output=True, text=True,
                              env=self.environment(), input=input, timeout=300)

    def popen(self, *args: str, **options) -> subprocess.Popen:
        return subprocess.Popen([OUBLI, *self.cli.arguments(args, db=True)], env=self.environment(), **options)


@dataclass(frozen=True)
class Store:
    db_url: str
    home: Path


class SeededStores:
    """Stores filled by `oubli seed` once per session, by backend and seed arguments; tests copy them."""

    def __init__(self, folder: Path):
        self.folder, self.stores, self.postgres = folder, {}, []

    def get(self, request, backend: str, cases: int, seed: int, as_of: str) -> Store:
        key = (backend, cases, seed, as_of)
        if key not in self.stores:
            self.stores[key] = self._seed(request, backend, cases, seed, as_of)
        return self.stores[key]

    def _seed(self, request, backend: str, cases: int, seed: int, as_of: str) -> Store:
        folder = self.folder / f"{backend}-{cases}-{seed}-{as_of}"
        folder.mkdir()
        if backend == "sqlite":
            url = copy_database(request, folder, f"sqlite:///{request.getfixturevalue('sqlite_template')}")
        else:
            name = f"oubli_seeded_{uuid.uuid4().hex[:10]}"
            with request.getfixturevalue("postgres_admin").connect() as connection:
                connection.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE "
                                           f"{request.getfixturevalue('postgres_template')}")
            self.postgres.append(name)
            url = _pg_url(name)
        cli = Cli(url, folder / "home")
        create_missing_keys(cli.home / "keys")
        seeded = cli("seed", "--cases", str(cases), "--seed", str(seed), "--as-of", as_of)
        assert seeded.returncode == 0, seeded.stderr
        if backend == "sqlite":  # the whole store in its one file, ready to copy
            engine = create_db_engine(url)
            with engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            engine.dispose()
        return Store(url, cli.home)

    def drop(self) -> None:
        if self.postgres:
            admin = _postgres_admin()
            for name in self.postgres:
                _drop(admin, name)
            admin.dispose()


@pytest.fixture(scope="session")
def seeded_stores(tmp_path_factory):
    stores = SeededStores(tmp_path_factory.mktemp("seeded"))
    yield stores
    stores.drop()


@pytest.fixture
def backend() -> str:
    """The database a test runs on: SQLite, unless it is marked `@on_each_database`."""
    return "sqlite"


@pytest.fixture
def cli(request, backend, tmp_path) -> Cli:
    """The CLI on a migrated, empty database, with its keys: where `oubli init` leaves a user."""
    cli = Cli(fresh_database(request, tmp_path, backend, migrated=True), tmp_path / "home", request, backend)
    create_missing_keys(cli.home / "keys")  # as `oubli init` does
    return cli


@pytest.fixture
def blank_cli(request, backend, tmp_path) -> Cli:
    """The CLI on a database without a schema, and no keys: before `oubli init`."""
    return Cli(fresh_database(request, tmp_path, backend, migrated=False), tmp_path / "home", request, backend)


@pytest.fixture
def cli_process(cli) -> CliProcess:
    """The installed `oubli` command, run as a process on the same database and in the same home as `cli`."""
    return CliProcess(cli)


def seeded_with_entry_4_tampered(cli) -> None:
    """A small seeded store whose journal entry 4 was edited by someone who dropped the append-only trigger."""
    cli("seed", "--cases", "5", "--seed", "3", "--as-of", "2026-11-22")
    engine = create_db_engine(cli.db_url)
    with engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("DROP TRIGGER journal_entries_no_update")
        else:
            connection.exec_driver_sql("DROP TRIGGER journal_entries_append_only ON journal_entries")
        connection.execute(sa.text("UPDATE journal_entries SET actor = 'nobody' WHERE seq = 4"))
    engine.dispose()
