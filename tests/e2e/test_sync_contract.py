"""`oubli sync` on the example vendor source (tests/data/vendor), read from SQLite and from PostgreSQL, as the
issue's contract says: the JSON's keys, a second sync of an unchanged source all unchanged and nothing in the
journal but the sync's own entry, a changed dossier changed, a deleted one gone, a case destroyed here that the
source still holds skipped, problems listed by source id and kind without a value."""

import json
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import new_postgres_database
from tests.data.vendor import make_vendor_source as vendor
from tests.e2e.conftest import on_each_database

MAPPING = str(Path(__file__).parents[1] / "data" / "vendor" / "mapping.yaml")
DOSSIERS = 150
KEYS = ["new", "changed", "unchanged", "gone", "skipped_destroyed", "problems"]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def vendor_source(request, tmp_path) -> tuple[str, dict[str, int]]:
    """A new example vendor source of each kind: its URL and the problems its generator put in."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'iodas.db'}"
        return url, vendor.write(url, DOSSIERS)
    url = new_postgres_database(request, "vendor_sync")
    return url, vendor.write(url, DOSSIERS)


def synced(cli, url: str, *options: str) -> dict:
    result = cli("sync", "--source", url, "--mapping", MAPPING, "--json", *options)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def journal_length(cli) -> int:
    return len(cli.json("audit", "log", "--limit", "100000"))


def delete_dossier(url: str, key: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        for table in reversed(vendor.metadata.sorted_tables):
            if "NUM_DOSSIER" in table.c:
                connection.execute(table.delete().where(table.c.NUM_DOSSIER == key))
    engine.dispose()


def test_a_sync_then_an_unchanged_one_then_a_day_of_changes_as_the_contract_says(cli, vendor_source):
    url, expected = vendor_source
    first = synced(cli, url)
    assert list(first) == KEYS
    assert first["new"] > DOSSIERS and first["changed"] == first["unchanged"] == first["gone"] == 0
    assert all(list(problem) == ["source_id", "kind"] for problem in first["problems"])
    assert set(Counter(problem["kind"] for problem in first["problems"])) == set(expected)
    entries = journal_length(cli)

    again = synced(cli, url)
    assert (again["new"], again["changed"], again["unchanged"], again["gone"]) == (0, 0, first["new"], 0)
    assert journal_length(cli) == entries + 1
    assert cli.json("audit", "log", "--limit", "100000")[-1]["action"] == "sync.completed"

    changed = vendor.change(url, 0.02, "2026-02-01 02:00:00")
    deleted = next(key for key in (f"F{n:07d}" for n in range(DOSSIERS, 0, -1)) if key not in changed)
    of_deleted = [case["id"] for case in cli.json("cases", "list", "--limit", "1000")["cases"]
                  if case["id"].startswith(f"IOD-{deleted}-")]
    delete_dossier(url, deleted)
    day = synced(cli, url)
    assert day["new"] == 0 and 1 <= day["changed"] <= 3 * len(changed)
    assert day["gone"] == len(of_deleted) >= 1
    assert day["unchanged"] == first["new"] - day["changed"] - day["gone"]
    still = [case["id"] for case in cli.json("cases", "list", "--limit", "1000")["cases"]]
    assert set(of_deleted) <= set(still)  # reported, never deleted


def test_a_case_destroyed_here_that_the_source_still_holds_is_skipped_not_an_error(cli, vendor_source):
    url, _ = vendor_source
    first = synced(cli, url)
    assert cli("run").returncode == 0  # today: the visa below is given today
    [disposal_list] = cli.json("disposals", "list")
    doomed = [item["case_id"] for item in disposal_list["items"]]
    assert doomed, "the test needs cases past their archive period"
    assert cli("disposals", "approve", str(disposal_list["id"]), "--visa", "AD31-2026-117", "--yes").returncode == 0
    assert cli.json("run")["destroyed"] == len(doomed)
    entries = journal_length(cli)

    after = synced(cli, url)
    full = synced(cli, url, "--full")

    for result in (after, full):
        assert (result["new"], result["changed"], result["skipped_destroyed"]) == (0, 0, len(doomed))
        assert result["unchanged"] == first["new"] - len(doomed)
    assert journal_length(cli) == entries + 2
    for case_id in doomed:
        assert cli.json("cases", "show", case_id)["state"] == "destroyed"


def test_a_dry_run_reports_what_a_sync_would_do_and_changes_nothing(cli, vendor_source):
    url, _ = vendor_source
    entries = journal_length(cli)
    dry = synced(cli, url, "--dry-run")
    assert dry["new"] > DOSSIERS
    assert journal_length(cli) == entries and cli.json("cases", "list")["cases"] == []
    assert synced(cli, url)["new"] == dry["new"]


def test_the_table_says_what_was_done_and_names_problems_by_source_id(cli, vendor_source):
    url, _ = vendor_source
    shown = cli("sync", "--source", url, "--mapping", MAPPING)
    assert shown.returncode == 0, shown.stderr
    assert "Synced from exemple-iodas (every case read):" in shown.stdout and "problems in the source" in shown.stdout


@on_each_database
def test_a_sync_while_the_nightly_run_holds_its_lock_stops_at_once_and_changes_nothing(cli, vendor_source):
    from datetime import UTC, datetime

    from oubli.bootstrap import bootstrap
    from oubli.settings import Settings
    from retention import lock

    url, _ = vendor_source
    app = bootstrap(Settings(db_url=cli.db_url, keys_dir=cli.home / "keys", actor="nightly"))
    held = lock.acquire(app.uow(), "pid 4242 on the scheduler", datetime.now(UTC))
    try:
        entries = journal_length(cli)
        refused = cli("sync", "--source", url, "--mapping", MAPPING, "--json")
        assert (refused.returncode, refused.stdout) == (1, "")
        assert refused.stderr.startswith("Error: another run (pid 4242 on the scheduler)")
        assert journal_length(cli) == entries and cli.json("cases", "list")["cases"] == []
    finally:
        lock.release(app.uow(), held)
        app.engine.dispose()
    assert synced(cli, url)["new"] > DOSSIERS


@pytest.mark.parametrize(("source", "mapping", "said"), [
    ("sqlite:///{tmp}/absent.db", MAPPING, "the SQLite source absent.db is not a file"),
    ("{tmp}", MAPPING, "holds no .csv file"),
    ("sqlite:///{tmp}/absent.db", "{tmp}/absent.yaml", "absent.yaml: cannot be read"),
], ids=["no database file", "a folder without CSV", "no mapping file"])
def test_bad_input_is_one_error_line_and_exit_1(cli, tmp_path, source, mapping, said):
    result = cli("sync", "--source", source.format(tmp=tmp_path), "--mapping", mapping.format(tmp=tmp_path))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith("Error: ") and said in result.stderr and len(result.stderr.splitlines()) == 1
