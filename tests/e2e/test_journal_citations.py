"""`audit verify` against the rows that cite journal entries: cutting the journal's end and moving its
head back leaves a chain that verifies, but not the tombstones citing the entries that were cut."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from casefiles.persistence.db import create_db_engine
from tests.e2e.conftest import on_each_database

TODAY = datetime.now(ZoneInfo("Europe/Paris")).date().isoformat()


def destroyed_some(cli) -> int:
    cli.start_from_seeded(cases=60, seed=5, as_of=TODAY)
    cli.json("run", "--as-of", TODAY)
    [disposal_list] = cli.json("disposals", "list")
    assert cli("disposals", "approve", str(disposal_list["id"]), "--visa", "AD31-2026-117", "--yes").returncode == 0
    return cli.json("run", "--as-of", TODAY)["destroyed"]


def cut_before_the_first_tombstone(cli) -> tuple[int, list[str]]:
    """Delete every entry from the first one a tombstone cites, and move the head back to the entry
    before it, as someone hiding the disposals would; returns the new head and the tombstoned cases."""
    engine = create_db_engine(cli.db_url)
    with engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("DROP TRIGGER journal_entries_no_delete")
        else:
            connection.exec_driver_sql("DROP TRIGGER journal_entries_append_only ON journal_entries")
        cases = list(connection.execute(sa.text("SELECT case_id FROM tombstones ORDER BY journal_seq, case_id"))
                     .scalars())
        first = connection.execute(sa.text("SELECT min(journal_seq) FROM tombstones")).scalar_one()
        connection.execute(sa.text("DELETE FROM journal_entries WHERE seq >= :first"), {"first": first})
        head = connection.execute(sa.text("SELECT hash FROM journal_entries WHERE seq = :seq"),
                                  {"seq": first - 1}).scalar_one()
        connection.execute(sa.text("UPDATE journal_head SET seq = :seq, hash = :hash"), {"seq": first - 1,
                                                                                          "hash": head})
    engine.dispose()
    return first - 1, cases


@on_each_database
def test_a_journal_cut_before_the_entries_tombstones_cite_fails_verification_naming_them(cli):
    destroyed = destroyed_some(cli)
    assert destroyed > 0 and cli.json("audit", "verify")["ok"] is True
    head, cases = cut_before_the_first_tombstone(cli)
    result = cli("audit", "verify", "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert (report["ok"], report["entries"], report["first_bad"]) == (False, head, head + 1)
    assert report["bad_citations"] == [{"table": "tombstones", "column": "journal_seq", "id_column": "case_id",
                                        "missing": destroyed,
                                        "not_about_them": 0, "first_ids": cases[:5], "first_seq": head + 1}]
    human = cli("audit", "verify")
    assert human.returncode == 1 and f"The journal is BROKEN at entry {head + 1}" in human.stderr
    assert f"tombstones.journal_seq: {destroyed} cite entries past the head ({head}) or gone" in human.stderr
    assert f"by case_id: {cases[0]}" in human.stderr


def test_entries_written_again_over_a_cut_are_not_taken_for_the_ones_tombstones_cite(cli):
    destroyed = destroyed_some(cli)
    head, _ = cut_before_the_first_tombstone(cli)
    assert cli("run", "--as-of", TODAY).returncode == 0  # new entries take the numbers of those cut
    report = json.loads(cli("audit", "verify", "--json").stdout)
    [bad] = report["bad_citations"]
    assert report["ok"] is False and bad["missing"] + bad["not_about_them"] == destroyed
    assert bad["not_about_them"] > 0


def test_a_journal_with_its_tombstones_intact_verifies(cli):
    destroyed_some(cli)
    verified = cli.json("audit", "verify")
    assert verified["ok"] is True and verified["bad_citations"] == []
