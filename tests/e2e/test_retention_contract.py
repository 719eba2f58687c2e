"""The nightly run, disposal lists, holds and the report, as auditors' scripts drive them."""

import json
import signal
import subprocess
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import sessionmaker

from casefiles.persistence.db import create_db_engine
from casefiles.persistence.uow import UnitOfWork
from retention import lock
from tests.e2e.conftest import on_each_database

COUNT_KEYS = {"archived", "reactivated", "proposed_for_disposal", "destroyed", "skipped_hold"}
# Approvals are dated by the real clock, in Paris; the runs that carry them out must run on that day.
TODAY = datetime.now(ZoneInfo("Europe/Paris")).date().isoformat()
STATES = {"active", "archived", "pending_disposal", "destroyed", "anonymised", "transferred"}


def seeded(cli, cases=60):
    cli.start_from_seeded(cases=cases, seed=5, as_of=TODAY)


@on_each_database
def test_run_then_approve_then_run_destroys_with_a_tombstone(cli):
    seeded(cli)
    first = cli.json("run", "--as-of", TODAY)
    assert COUNT_KEYS <= set(first) and first["proposed_for_disposal"] > 0
    assert cli.json("run", "--as-of", TODAY)["examined"] == 0

    [disposal_list] = cli.json("disposals", "list")
    assert disposal_list["status"] == "open" and {"id", "status", "items"} <= set(disposal_list)
    doomed = disposal_list["items"][0]["case_id"]
    held = disposal_list["items"][1]["case_id"]
    approved = cli("disposals", "approve", str(disposal_list["id"]), "--visa", "AD31-2026-117", "--yes")
    assert approved.returncode == 0, approved.stderr
    # A hold placed after the visa: the run checks again at the moment of action.
    assert cli("holds", "place", held, "--reason", "Procédure en cours").returncode == 0

    second = cli.json("run", "--as-of", TODAY)
    assert second["destroyed"] == len(disposal_list["items"]) - 1 and second["skipped_hold"] == 1

    gone = cli.json("cases", "show", doomed)
    assert gone["state"] == "destroyed" and gone["participants"] == []
    assert gone["tombstone"]["visa_ref"] == "AD31-2026-117"
    assert gone["tombstone"]["approved_by"] == "e2e-dpo"
    kept = cli.json("cases", "show", held, "--reason", "contrôle du maintien")
    assert kept["state"] == "pending_disposal" and kept["participants"]

    report = cli.json("report", "retention", "--format", "json")
    assert report["journal"]["ok"] is True
    assert report["overdue_by_reason"] == {"hold in force": 1}
    assert set(report["cases_by_state"]) <= STATES
    assert cli.json("audit", "verify")["ok"] is True


def test_an_archived_case_is_read_only_with_a_reason_and_the_read_is_journaled(cli):
    seeded(cli, 30)
    cli("run", "--as-of", TODAY)
    archived = cli.json("cases", "list", "--state", "archived")["cases"][0]["id"]
    refused = cli("cases", "show", archived)
    assert refused.returncode == 1 and "--reason" in refused.stderr
    assert cli("cases", "show", archived, "--reason", "Demande de la CNIL n° 12").returncode == 0
    reads = cli.json("audit", "log", "--action", "case.archive_read")
    assert [r["target_ids"] for r in reads] == [[archived]]
    assert "CNIL" not in json.dumps(reads)
    assert archived not in [c["id"] for c in cli.json("cases", "list", "--limit", "1000")["cases"]]


def test_approving_without_yes_asks_and_no_changes_nothing(cli):
    seeded(cli, 40)
    cli("run", "--as-of", TODAY)
    [disposal_list] = cli.json("disposals", "list")
    answer = cli("disposals", "approve", str(disposal_list["id"]), "--visa", "AD31-1", input="n\n")
    assert answer.returncode == 1
    assert cli.json("disposals", "list")[0]["status"] == "open"


def test_the_exported_bordereau_names_children_only_by_initials(cli, tmp_path):
    seeded(cli, 40)
    cli("run", "--as-of", TODAY)
    [disposal_list] = cli.json("disposals", "list")
    written = cli.json("disposals", "export", str(disposal_list["id"]), "--out", str(tmp_path))
    html_text = open(written["html"], encoding="utf-8").read()
    csv_text = open(written["csv"], encoding="utf-8").read()
    case = cli.json("cases", "show", disposal_list["items"][0]["case_id"], "--reason", "vérification du bordereau")
    child = next(p for p in case["participants"] if p["role"] == "child")
    last_name = child["name"].split(" ")[-1]
    assert last_name not in html_text and last_name not in csv_text
    assert disposal_list["items"][0]["case_id"] in csv_text
    assert written["html"].endswith(f"bordereau-{disposal_list['id']}.html")


@on_each_database
def test_a_second_run_while_one_is_running_exits_at_once(cli):
    seeded(cli, 20)
    engine = create_db_engine(cli.db_url)
    uow = UnitOfWork(sessionmaker(bind=engine), "test", lambda: datetime.now(UTC))
    held = lock.acquire(uow, "pid 7 on night-server", datetime.now(UTC))  # as a live run holds it
    try:
        started = time.monotonic()
        result = cli("run", "--as-of", TODAY)
        assert result.returncode == 1 and time.monotonic() - started < 30
        assert "another run (pid 7 on night-server) has been running" in result.stderr
        broken = cli("run", "--as-of", TODAY, "--break-lock")
        assert broken.returncode == 1 and "another run (pid 7 on night-server)" in broken.stderr
    finally:
        lock.release(uow, held)
        engine.dispose()


@on_each_database
def test_a_run_killed_mid_way_leaves_whole_cases_and_the_next_run_finishes(cli, cli_process):
    seeded(cli, 2000)  # four batches: the kill lands after the first commit, long before the last
    reference = cli.json("run", "--as-of", TODAY, "--dry-run")
    process = cli_process.popen("run", "--as-of", TODAY, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    engine = create_db_engine(cli.db_url)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        with engine.connect() as connection:
            if connection.execute(sa.text("SELECT count(*) FROM cases WHERE state <> 'active'")).scalar():
                break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with engine.connect() as connection:  # its row stays, for display; its lock went with its process
        assert connection.execute(sa.text("SELECT count(*) FROM run_locks")).scalar() == 1
    engine.dispose()
    assert cli.json("audit", "verify")["ok"] is True
    finished = cli.json("run", "--as-of", TODAY)
    assert 0 < finished["examined"] < reference["examined"]
    states = cli.json("report", "retention", "--format", "json")["cases_by_state"]
    assert states.get("archived", 0) + states.get("pending_disposal", 0) == reference["archived"]
    assert states.get("pending_disposal", 0) == reference["proposed_for_disposal"]
    assert cli.json("run", "--as-of", TODAY)["examined"] == 0


def approved_under(cli, tmp_path, policy_text: str) -> dict:
    """A store run and approved under the policy given; returns the approved list."""
    policy = tmp_path / "policy.yaml"
    policy.write_text(policy_text)
    cli.env["OUBLI_POLICY"] = str(policy)
    seeded(cli, 40)
    cli("run", "--as-of", TODAY)
    [disposal_list] = cli.json("disposals", "list")
    cli("disposals", "approve", str(disposal_list["id"]), "--visa", "AD31-9", "--yes")
    return disposal_list


def test_an_approved_anonymisation_is_carried_out_and_reported(cli, tmp_path):
    disposal_list = approved_under(cli, tmp_path, "defaults: {final_action: anonymise}\nanonymisation: {k: 2}\n")
    assert {item["final_action"] for item in disposal_list["items"]} == {"anonymise"}
    result = cli.json("run", "--as-of", TODAY)
    assert result["anonymised"] == len(disposal_list["items"]) and result["not_carried_out"] == 0
    report = cli.json("report", "anonymisation")
    assert report["k"] == 2 and report["cases_anonymised"] == len(disposal_list["items"])
    assert report["records"] + report["suppressed"] == report["cases_anonymised"]
    assert report["records"] == 0 or report["k_reached"] >= 2
    assert cli.json("verify-disposal")["failed"] == 0


def test_a_transfer_without_the_archives_key_waits_with_a_clear_message(cli, tmp_path):
    disposal_list = approved_under(cli, tmp_path, "defaults: {final_action: transfer_to_archives}\n")
    result = cli("run", "--as-of", TODAY)
    assert result.returncode == 0 and "set transfer.recipient (their age public key)" in result.stderr
    states = cli.json("report", "retention", "--json")["cases_by_state"]
    assert states["pending_disposal"] == len(disposal_list["items"]) and "transferred" not in states


@on_each_database
def test_the_files_the_sample_keeps_are_listed_by_rule_and_counted_in_the_report(cli, tmp_path):
    disposal_list = approved_under(cli, tmp_path, "defaults: {count_from_majority: false}\n"
                                                  "sampling: {birth_days: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}\n")
    items = cli.json("disposals", "show", str(disposal_list["id"]))["items"]
    sampled = [item for item in items if item["sampled_by"] == "birth_days"]
    assert sampled and len(sampled) < len(items)
    assert {item["final_action"] for item in sampled} == {"transfer_to_archives"}
    assert {item["final_action"] for item in items if item["sampled_by"] is None} == {"destroy"}
    report = cli.json("report", "retention", "--format", "json")
    assert report["sampled_by_rule"] == {"birth_days": len(sampled)}
    assert report["sampling"] == {"one_in": None, "birth_days": list(range(1, 11)), "surname_initials": []}
    assert report["policy_reading"] == "from_end_of_service"


def test_the_report_says_the_shipped_policy_counts_from_majority(cli):
    report = cli.json("report", "retention", "--format", "json")
    assert report["policy_reading"] == "from_majority"
    assert report["sampling"] == {"one_in": None, "birth_days": [], "surname_initials": []}
