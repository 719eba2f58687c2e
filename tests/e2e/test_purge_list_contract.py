"""`oubli purge-list` and `purge-list confirm` as the DPO and the case system's IT use them, and the auditors'
report's section on what the source still holds past its time."""

import csv
import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from casefiles.persistence.db import create_db_engine
from tests.e2e.conftest import on_each_database
from tests.e2e.test_auditors_report import csv_tables

TODAY = datetime.now(ZoneInfo("Europe/Paris")).date().isoformat()
FRENCH_HEADERS = ["identifiant dans le logiciel métier", "dossier Oubli", "motif", "à traiter depuis le (AAAA-MM-JJ)",
                  "logiciel métier"]
REASONS = {"destroyed", "anonymised", "transferred", "past_live_delay"}
SECTION = "Ce que le logiciel métier détient encore au-delà de son délai"


def linked_store(cli) -> set[str]:
    """A seeded store run, its disposal list approved and carried out, every case linked to its id in the case
    system as a sync links them: the ids of the cases destroyed."""
    cli.start_from_seeded(cases=60, seed=5, as_of=TODAY)
    assert cli("run", "--as-of", TODAY).returncode == 0
    [disposal_list] = cli.json("disposals", "list")
    assert cli("disposals", "approve", str(disposal_list["id"]), "--visa", "AD31-2026-117", "--yes").returncode == 0
    assert cli.json("run", "--as-of", TODAY)["destroyed"] > 0
    engine = create_db_engine(cli.db_url)
    with engine.begin() as connection:
        ids = connection.scalars(sa.text("SELECT id FROM cases")).all()
        connection.execute(sa.text("INSERT INTO source_links (case_id, source, source_id, first_synced_on, "
                                   "last_seen_on) VALUES (:case_id, 'iodas', :source_id, :day, :day)"),
                           [{"case_id": case_id, "source_id": f"DOS/{case_id[-7:]}", "day": TODAY} for case_id in ids])
    engine.dispose()
    return {case["id"] for case in cli.json("cases", "list", "--state", "destroyed")["cases"]}


def written(cli, tmp_path, *options: str) -> str:
    path = tmp_path / f"purge-{len(list(tmp_path.iterdir()))}"
    result = cli("purge-list", *options, "--out", str(path))
    assert result.returncode == 0, result.stderr
    return path.read_text(encoding="utf-8")


@on_each_database
def test_the_json_list_gives_each_case_by_the_sources_id_with_its_reason_code(cli, tmp_path):
    destroyed = linked_store(cli)
    entries = json.loads(written(cli, tmp_path, "--format", "json"))
    assert entries and all({"source_id", "case_id", "reason", "due_on", "source"} == set(e) for e in entries)
    assert {e["reason"] for e in entries} <= REASONS
    assert {e["case_id"] for e in entries if e["reason"] == "destroyed"} == destroyed
    assert all(e["source_id"] == f"DOS/{e['case_id'][-7:]}" and e["source"] == "iodas" for e in entries)
    assert {e["due_on"] for e in entries if e["reason"] == "destroyed"} == {TODAY}
    assert any(e["reason"] == "past_live_delay" for e in entries)
    [entry] = cli.json("audit", "log", "--action", "purge_list.written")
    assert entry["details"]["lines"] == len(entries) and len(entry["details"]["sha256"]) == 64


def test_the_csv_has_french_headers_and_reasons_in_words(cli, tmp_path):
    linked_store(cli)
    header, *rows = list(csv.reader(io.StringIO(written(cli, tmp_path))))
    assert header == FRENCH_HEADERS
    assert {row[2] for row in rows} == {"dossier détruit dans Oubli : à supprimer",
                                         "délai en base active dépassé : à sortir de l'usage courant"}
    assert not REASONS & {cell for row in rows for cell in row}


def test_a_returned_file_with_a_wrong_line_is_refused_naming_it_and_the_right_one_confirmed(cli, tmp_path):
    linked_store(cli)
    listed = written(cli, tmp_path)
    header, first, second, *_ = listed.splitlines(keepends=True)
    active = cli.json("cases", "list")["cases"][0]["id"]
    wrong = f"DOS/{active[-7:]},{active},dossier détruit dans Oubli : à supprimer,{TODAY},iodas\r\n"
    back = tmp_path / "retour.csv"
    back.write_text(header + first + wrong + second, encoding="utf-8")
    refused = cli("purge-list", "confirm", str(back))
    assert refused.returncode == 1
    assert refused.stderr.startswith("Error: 1 of the 3 lines of retour.csv cannot be confirmed")
    assert f"line 3: case {active} is not on the purge list as destroyed (it is active here)" in refused.stderr
    assert written(cli, tmp_path) == listed  # nothing recorded

    back.write_text(header + first + second, encoding="utf-8")
    confirmed = cli.json("purge-list", "confirm", str(back), "--on", TODAY)
    assert (confirmed["lines"], confirmed["confirmed_on"]) == (2, TODAY)
    assert written(cli, tmp_path) == header + "".join(listed.splitlines(keepends=True)[3:])
    [entry] = cli.json("audit", "log", "--action", "purge_list.confirmed")
    assert entry["details"]["lines"] == 2 and len(entry["target_ids"]) == 2


def test_the_report_shows_what_the_source_still_holds_per_reason(cli, tmp_path):
    destroyed = linked_store(cli)
    entries = json.loads(written(cli, tmp_path, "--format", "json"))
    late = sorted(e["due_on"] for e in entries if e["reason"] == "past_live_delay")
    page = cli("report", "retention").stdout
    assert f"<h2>{SECTION}</h2>" in page and "délai en base active dépassé" in page
    assert "2 ans après la fin de la prise en charge" in page
    rows = csv_tables(cli("report", "retention", "--format", "csv").stdout)[SECTION]
    assert rows[0] == ["motif", "dossiers non confirmés", "échéance la plus ancienne", "jours depuis",
                       "purges confirmées dans la période"]
    by_reason = {row[0]: row[1:] for row in rows[1:]}
    assert by_reason["dossier détruit dans Oubli : à supprimer"] == [str(len(destroyed)), TODAY, "0", "0"]
    assert by_reason["délai en base active dépassé : à sortir de l'usage courant"][:2] == [str(len(late)), late[0]]
    held = {h["reason"]: h for h in cli.json("report", "retention")["source_still_holds"]}
    assert held["destroyed"]["cases"] == len(destroyed) and held["transferred"]["cases"] == 0


def test_usage_and_refusals_are_one_line(cli, tmp_path):
    assert cli("purge-list").returncode == 2
    assert cli("purge-list", "confirm", str(tmp_path / "x.csv"), "--on", "04/12/2026").returncode == 2
    (tmp_path / "taken.csv").write_text("")
    refused = cli("purge-list", "--out", str(tmp_path / "taken.csv"))
    assert refused.returncode == 1 and "already exists" in refused.stderr and "--force" in refused.stderr
    missing = cli("purge-list", "confirm", str(tmp_path / "x.csv"))
    assert missing.returncode == 1 and missing.stderr.startswith("Error: cannot read")
    assert "Example: oubli purge-list" in cli("purge-list", "--help").stdout
    assert "Example: oubli purge-list confirm" in cli("purge-list", "confirm", "--help").stdout
