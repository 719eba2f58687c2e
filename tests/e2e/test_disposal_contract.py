"""Destruction that holds up, from the command line: verify-disposal, keys rotate, erasures replay,
report anonymisation, and what a wrong master key does."""

import base64
import os
from datetime import datetime
from zoneinfo import ZoneInfo

from tests.e2e.conftest import on_each_database

TODAY = datetime.now(ZoneInfo("Europe/Paris")).date().isoformat()


def destroyed_some(cli) -> dict:
    cli.start_from_seeded(cases=60, seed=5, as_of=TODAY)
    cli.json("run", "--as-of", TODAY)
    [disposal_list] = cli.json("disposals", "list")
    assert cli("disposals", "approve", str(disposal_list["id"]), "--visa", "AD31-2026-117", "--yes").returncode == 0
    return cli.json("run", "--as-of", TODAY)


@on_each_database
def test_disposed_cases_are_verified_and_a_planted_row_fails_the_check(cli):
    run = destroyed_some(cli)
    assert run["destroyed"] > 0 and run["residue_cleared"] is True
    verified = cli.json("verify-disposal")
    assert verified["verified"] == run["destroyed"] and verified["failed"] == 0
    one = verified["cases"][0]["case_id"]
    assert cli.json("verify-disposal", one)["cases"] == [{"case_id": one, "state": "destroyed", "ok": True,
                                                           "problems": []}]
    active = cli.json("cases", "list")["cases"][0]["id"]
    refused = cli("verify-disposal", active)
    assert refused.returncode == 1 and "has not been disposed of" in refused.stderr


def test_keys_rotate_then_the_run_goes_on_and_a_wrong_key_changes_nothing(cli):
    destroyed_some(cli)
    rotation = cli.json("keys", "rotate")
    assert rotation["keys_rewrapped"] > 0 and rotation["old_key_id"] != rotation["new_key_id"]
    master = cli.home / "keys" / "master.key"
    assert os.stat(master).st_mode & 0o777 == 0o600
    assert cli("run", "--as-of", TODAY).returncode == 0
    master.write_bytes(base64.b64encode(os.urandom(32)) + b"\n")
    failed = cli("run", "--as-of", TODAY)
    assert failed.returncode == 1 and failed.stderr.startswith("Error: the stored keys were wrapped by master key")
    assert "nothing was changed" in failed.stderr and "Traceback" not in failed.stderr


def test_replay_on_a_database_that_was_not_restored_finds_nothing(cli):
    destroyed_some(cli)
    assert cli.json("erasures", "replay") == {"cases": [], "persons": 0, "kept": [], "ledger_entries_restored": 0}


def test_the_anonymisation_report_gives_k_and_the_risk(cli):
    report = cli.json("report", "anonymisation")
    assert report == {"k": 5, "records": 0, "level": None, "k_reached": None, "cases_anonymised": 0,
                      "suppressed": 0, "share_suppressed": 0.0, "max_risk": 0.0}


def test_a_key_file_others_can_read_is_refused_in_one_line_naming_the_chmod_to_run(cli):
    master = cli.home / "keys" / "master.key"
    master.chmod(0o644)
    refused = cli("keys", "rotate")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr == (f"Error: the key {master} is open to other users (mode 0644): run `chmod 600 {master}` "
                              "(and ask whether someone else could have read it)\n")
    master.chmod(0o600)
    assert cli("keys", "rotate").returncode == 0
