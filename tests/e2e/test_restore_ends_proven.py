"""The restore procedure of docs/operations.md, from the command line, ends with every disposal proven:
a backup taken before a destroying run, the run, the backup restored, `erasures replay`, then
`verify-disposal` passes and every disposal item is in a final state."""

import sqlite3
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from tests.conftest import copy_database
from tests.e2e.conftest import on_each_database

TODAY = datetime.now(ZoneInfo("Europe/Paris")).date().isoformat()


def backup(cli, request, tmp_path) -> str:
    """A backup as an operator takes one: SQLite's online backup, PostgreSQL's copy of the database."""
    if cli.db_url.startswith("sqlite"):
        target = tmp_path / "backup.db"
        source = sqlite3.connect(sa.engine.make_url(cli.db_url).database)
        with sqlite3.connect(target) as copy:
            source.backup(copy)
        source.close()
        return str(target)
    return copy_database(request, tmp_path, cli.db_url)


def restore(cli, taken: str) -> None:
    """The database replaced by the backup (SQLite: the file copied back, its log gone with the old one)."""
    if cli.db_url.startswith("sqlite"):
        path = Path(sa.engine.make_url(cli.db_url).database)
        for stale in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
        path.write_bytes(Path(taken).read_bytes())
    else:
        cli.db_url = taken


@on_each_database
def test_a_backup_restored_after_a_destroying_run_is_proven_again_once_the_ledger_is_replayed(cli, request,
                                                                                               tmp_path):
    cli.start_from_seeded(cases=60, seed=5, as_of=TODAY)
    cli.json("run", "--as-of", TODAY)
    [disposal_list] = cli.json("disposals", "list")
    assert cli("disposals", "approve", str(disposal_list["id"]), "--visa", "AD31-2026-117", "--yes").returncode == 0
    taken = backup(cli, request, tmp_path)  # the cases approved, not yet destroyed
    destroyed = cli.json("run", "--as-of", TODAY)["destroyed"]
    assert destroyed > 0 and cli.json("verify-disposal")["failed"] == 0
    restore(cli, taken)
    refused = cli("run", "--as-of", TODAY)
    assert refused.returncode == 1 and "run `oubli erasures replay`" in refused.stderr
    replay = cli.json("erasures", "replay")
    assert len(replay["cases"]) == destroyed
    proof = cli("verify-disposal", "--json")
    assert proof.returncode == 0, proof.stdout
    assert cli.json("verify-disposal")["verified"] == destroyed
    items = cli.json("disposals", "show", str(disposal_list["id"]))["items"]
    assert items and {item["status"] for item in items} == {"done"}
    assert cli("audit", "verify").returncode == 0  # each tombstone cites its entry, about its case
    assert cli.json("run", "--as-of", TODAY)["destroyed"] == 0


def test_a_case_destroyed_after_a_backup_older_than_its_proposal_is_proven_on_a_list_for_the_lost(cli, tmp_path,
                                                                                                 request):
    cli.start_from_seeded(cases=60, seed=5, as_of=TODAY)
    taken = backup(cli, request, tmp_path)  # before the first run: no disposal list yet
    cli.json("run", "--as-of", TODAY)
    [disposal_list] = cli.json("disposals", "list")
    cli("disposals", "approve", str(disposal_list["id"]), "--visa", "AD31-2026-117", "--yes")
    destroyed = cli.json("run", "--as-of", TODAY)["destroyed"]
    restore(cli, taken)
    assert len(cli.json("erasures", "replay")["cases"]) == destroyed
    assert cli("verify-disposal").returncode == 0
    [lost] = cli.json("disposals", "list")
    assert lost["status"] == "closed" and lost["decided_by"] == "erasure ledger replay"
    assert cli("audit", "verify").returncode == 0
