"""Proofs that cannot lie about the bytes: a destroying run that another program keeps from clearing
SQLite's write-ahead log says so (exit 3), `verify-disposal` refuses its proof while the log holds the
former pages, and the next command finishes the clearing, also after a run killed -9 after its last
commit. Each test opens the real files and looks for the destroyed cases' wrapped keys in their bytes."""

import json
import os
import signal
import sqlite3
import subprocess
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from casefiles.persistence.db import create_db_engine
from tests.e2e.conftest import OUBLI, on_each_database

TODAY = datetime.now(ZoneInfo("Europe/Paris")).date().isoformat()


def approved(cli) -> dict[str, bytes]:
    """Seeded cases run and their disposal approved; returns the wrapped keys of the cases about to go."""
    cli.start_from_seeded(cases=60, seed=5, as_of=TODAY)
    cli.json("run", "--as-of", TODAY)
    [disposal_list] = cli.json("disposals", "list")
    assert cli("disposals", "approve", str(disposal_list["id"]), "--visa", "AD31-2026-117", "--yes").returncode == 0
    engine = create_db_engine(cli.db_url)
    with engine.connect() as connection:
        keys = dict(connection.execute(sa.text(
            "SELECT k.owner_id, k.wrapped_key FROM data_keys k JOIN cases c ON c.id = k.owner_id "
            "WHERE k.owner_type = 'case' AND c.state = 'pending_disposal'")).all())
    engine.dispose()
    assert keys
    return keys


def files(cli) -> tuple[Path, Path, Path]:
    path = Path(sa.engine.make_url(cli.db_url).database)
    return path, Path(f"{path}-wal"), Path(f"{path}.residue-pending")


def keys_in_files(cli, keys: dict[str, bytes]) -> set[str]:
    """The cases whose wrapped key can be read from the database file or its write-ahead log."""
    database, log, _ = files(cli)
    raw = b"".join(p.read_bytes() for p in (database, log) if p.exists())
    return {case for case, key in keys.items() if key in raw}


def open_reader(cli) -> sqlite3.Connection:
    """Another program reading the database: a read transaction left open."""
    reader = sqlite3.connect(files(cli)[0], isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM data_keys").fetchone()
    return reader


def test_a_reader_keeping_the_log_makes_the_run_exit_3_and_verify_disposal_refuse_until_it_is_gone(cli):
    keys = approved(cli)
    reader = open_reader(cli)
    run = cli("run", "--as-of", TODAY, "--json")
    assert run.returncode == 3, run.stderr
    assert "may still hold destroyed data" in run.stderr and "the next oubli command finishes" in run.stderr
    assert '"residue_cleared": false' in run.stdout
    database, log, pending = files(cli)
    assert pending.exists() and keys_in_files(cli, keys) == set(keys)  # every destroyed key still readable
    refused = cli("verify-disposal", "--json")
    assert refused.returncode == 1
    proof = json.loads(refused.stdout)
    assert proof["failed"] == proof["verified"] == len(keys)
    assert all(any("write-ahead log" in p and "then run `oubli verify-disposal` again" in p for p in case["problems"])
               for case in proof["cases"])
    reader.execute("ROLLBACK")  # the other program stops reading (its connection stays open)
    assert cli("cases", "list").returncode == 0  # the next command finishes the clearing
    assert not pending.exists() and (not log.exists() or log.stat().st_size == 0)
    assert keys_in_files(cli, keys) == set()
    proven = cli.json("verify-disposal")
    assert proven["failed"] == 0 and proven["verified"] == len(keys)
    assert "SQLite's write-ahead log empty" in proven["checked"] and "secure_delete on" in proven["checked"]
    reader.close()


def test_a_run_killed_after_its_last_commit_leaves_its_clearing_to_the_next_command(cli, cli_process, tmp_path):
    """A real `oubli run` process, killed with SIGKILL while it waits to clear the log (a reader holds it)
    after committing every batch and its completion: the point is reached deterministically by watching
    the journal for `run.completed` from a third connection."""
    keys = approved(cli)
    reader = open_reader(cli)
    watcher = sqlite3.connect(files(cli)[0], isolation_level=None)
    completed = "SELECT count(*) FROM journal_entries WHERE action = 'run.completed'"
    runs_before = watcher.execute(completed).fetchone()[0]
    env = {**cli_process.environment(), "PYTHONPATH": os.getcwd()}
    said = tmp_path / "run.stderr"
    with said.open("w") as stderr:
        process = subprocess.Popen([OUBLI, *cli.arguments(("run", "--as-of", TODAY), db=True)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=stderr)
    deadline = time.monotonic() + 60
    while watcher.execute(completed).fetchone()[0] == runs_before:
        assert time.monotonic() < deadline and process.poll() is None, f"the run never completed: {said.read_text()}"
        time.sleep(0.05)
    watcher.close()
    assert process.poll() is None, said.read_text()  # still waiting for the reader, every batch committed
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    reader.execute("ROLLBACK")
    database, log, pending = files(cli)
    assert pending.exists() and keys_in_files(cli, keys) == set(keys)
    assert cli("holds", "list").returncode == 0  # any next command
    assert not pending.exists() and keys_in_files(cli, keys) == set()
    assert cli.json("verify-disposal")["failed"] == 0
    reader.close()


def test_a_disposed_key_left_in_the_free_space_fails_its_case_until_the_file_is_compacted(cli):
    keys = approved(cli)
    assert cli.json("run", "--as-of", TODAY)["destroyed"] == len(keys)
    database, _, _ = files(cli)
    engine = create_db_engine(cli.db_url)
    with engine.connect() as connection:  # a copy of one key left where no row is, as a page rebuild leaves one
        connection.exec_driver_sql("PRAGMA secure_delete = OFF")
        victim, key = next(iter(keys.items()))
        connection.execute(sa.text("CREATE TABLE scratch (b BLOB)"))
        connection.execute(sa.text("INSERT INTO scratch VALUES (:kept), (:key)"), {"kept": b"kept", "key": key})
        connection.commit()
        connection.execute(sa.text("DELETE FROM scratch WHERE b = :key"), {"key": key})
        connection.commit()
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    assert keys_in_files(cli, keys) == {victim}
    proof = cli("verify-disposal", "--json")
    assert proof.returncode == 1
    failed = {c["case_id"]: c["problems"] for c in json.loads(proof.stdout)["cases"] if not c["ok"]}
    assert list(failed) == [victim]
    assert failed[victim] == [f"its key's bytes are still in the free space of {database}: run `oubli erasures "
                              "compact` (it rewrites the database file from its live rows), then verify again"]
    assert cli("erasures", "compact").returncode == 0
    assert keys_in_files(cli, keys) == set()
    assert cli.json("verify-disposal")["failed"] == 0


def test_free_pages_left_with_content_fail_every_case_until_the_file_is_compacted(cli):
    keys = approved(cli)
    assert cli.json("run", "--as-of", TODAY)["destroyed"] == len(keys)
    engine = create_db_engine(cli.db_url)
    with engine.connect() as connection:  # a program that deletes without secure_delete
        connection.exec_driver_sql("PRAGMA secure_delete = OFF")
        connection.execute(sa.text("CREATE TABLE scratch (b BLOB)"))
        connection.execute(sa.text("INSERT INTO scratch VALUES (:b)"), [{"b": os.urandom(3000)} for _ in range(40)])
        connection.commit()
        connection.execute(sa.text("DROP TABLE scratch"))
        connection.commit()
    engine.dispose()
    proof = cli("verify-disposal", "--json")
    assert proof.returncode == 1
    cases = json.loads(proof.stdout)["cases"]
    assert len(cases) == len(keys) and all(
        any("free pages of" in p and "hold non-zero bytes" in p and "oubli erasures compact" in p
            for p in case["problems"]) for case in cases)
    assert cli("erasures", "compact").returncode == 0
    assert cli.json("verify-disposal")["failed"] == 0


@on_each_database
def test_verify_disposal_says_what_it_proved_on_the_files_and_what_it_cannot(cli, backend):
    keys = approved(cli)
    assert cli.json("run", "--as-of", TODAY)["destroyed"] == len(keys)
    proof = cli.json("verify-disposal")
    assert proof["failed"] == 0
    if backend == "sqlite":
        assert proof["not_proven"] == []
        assert any("key absent from the file's free space" in c for c in proof["checked"])
    else:
        assert any("WAL segments, WAL archives and base backups" in n for n in proof["not_proven"])
        assert not any("write-ahead log" in c for c in proof["checked"])
    human = cli("verify-disposal")
    assert human.returncode == 0 and ("Not proven here" in human.stdout) == (backend == "postgresql")


def seeded(cli) -> tuple[sa.Engine, dict[str, bytes]]:
    """The seeded store, and each person's plain NIR before a run seals some."""
    cli.start_from_seeded(cases=60, seed=5, as_of=TODAY)
    engine = create_db_engine(cli.db_url)
    with engine.connect() as connection:
        return engine, {p: nir.encode() for p, nir in connection.execute(sa.text(
            "SELECT id, nir FROM persons WHERE nir IS NOT NULL")).all()}


def sealed_since(engine, nirs: dict[str, bytes]) -> set[bytes]:
    """The former plain NIRs of the persons the run sealed."""
    with engine.connect() as connection:
        sealed = set(connection.execute(sa.text("SELECT id FROM persons WHERE sealed IS NOT NULL")).scalars())
    former = {nirs[p] for p in sealed if p in nirs}
    assert former
    return former


def in_pages(engine, values: set[bytes]) -> set[bytes]:
    """Which of `values` the pages of the persons table hold, read raw (pageinspect)."""
    with engine.connect() as connection:
        connection.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pageinspect"))
        pages = connection.execute(sa.text(
            "SELECT get_raw_page('persons', 'main', n::int) FROM "
            "generate_series(0, pg_relation_size('persons') / current_setting('block_size')::int - 1) n"
        )).scalars().all()
        connection.commit()
    raw = b"".join(pages)
    return {value for value in values if value in raw}


on_postgresql = pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgres)])


@on_postgresql
def test_postgresql_compaction_leaves_no_former_plain_value_in_the_tables_pages(cli):
    """Sealing by UPDATE leaves each person's former row, plain NIR included, in the table's pages until the
    space is reused; `oubli erasures compact` rewrites them."""
    engine, nirs = seeded(cli)
    cli.json("run", "--as-of", TODAY)
    former = sealed_since(engine, nirs)
    assert in_pages(engine, former)  # the former plain values are there after sealing
    compacted = cli("erasures", "compact")
    assert compacted.returncode == 0, compacted.stderr
    assert in_pages(engine, former) == set()
    engine.dispose()


@on_postgresql
def test_postgresql_compaction_says_so_when_an_open_transaction_keeps_former_rows(cli):
    engine, nirs = seeded(cli)
    old = engine.connect()  # another program's transaction, its snapshot from before the sealing
    old.execute(sa.text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
    old.execute(sa.text("SELECT 1")).scalar_one()  # takes the snapshot, locks no table
    cli.json("run", "--as-of", TODAY)
    former = sealed_since(engine, nirs)
    kept = cli("erasures", "compact")
    assert kept.returncode == 1 and kept.stderr.startswith("Error: the tables were rewritten, but PostgreSQL kept")
    assert "in persons" in kept.stderr and "run `oubli erasures compact` again" in kept.stderr
    assert in_pages(engine, former)
    old.close()
    assert cli("erasures", "compact").returncode == 0
    assert in_pages(engine, former) == set()
    engine.dispose()
