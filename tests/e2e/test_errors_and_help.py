"""Errors are one clear line and exit 1; usage errors exit 2; every command's help has an example."""

import json

import pytest

from synthetic.seed import Departement
from tests.conftest import FIXED_NOW

COMMANDS = [["init"], ["seed"], ["import"], ["cases", "list"], ["cases", "show"], ["subjects", "search"],
            ["audit", "verify"], ["audit", "log"], ["detect"], ["detect-eval"], ["requests", "open"],
            ["requests", "list"], ["requests", "show"], ["requests", "verify-identity"], ["requests", "extend"],
            ["requests", "withdraw"], ["requests", "export"], ["requests", "decide"], ["requests", "rectify"],
            ["requests", "add-statement"], ["requests", "lift-restriction"], ["requests", "letter"],
            ["subjects", "history"], ["keys", "rotate"], ["erasures", "replay"], ["verify-disposal"],
            ["report", "anonymisation"], ["keys"], ["erasures"], ["requests"], ["cases"],
            ["subjects"], ["audit"], []]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "oubli")
def test_every_command_help_has_an_example(cli, command):
    result = cli(*command, "--help", db=False)
    assert result.returncode == 0
    assert "Example" in result.stdout


def test_a_command_before_init_says_to_run_init(cli):
    result = cli("cases", "list")
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and "run `oubli init`" in result.stderr
    assert result.stdout == ""


def test_usage_errors_exit_2(cli):
    assert cli("seed", "--cases", "many").returncode == 2
    assert cli("seed", "--cases", "3", "--as-of", "22/11/2026").returncode == 2
    assert cli("no-such-command").returncode == 2


def test_an_unknown_case_is_one_line_on_stderr_and_exit_1(cli):
    cli("init")
    result = cli("cases", "show", "D-missing")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.strip() == "Error: no case has the id D-missing: check it with `oubli cases list`"


def test_a_bad_import_lists_every_bad_line_without_personal_values(cli, tmp_path):
    cli("init")
    cases = [json.loads(json.dumps(c)) for c in Departement(4, FIXED_NOW.date()).cases(3)]
    secret = cases[0]["persons"][0]["first_names"]
    cases[0]["persons"][0]["sex"] = secret
    cases[2]["measures"] = [{"id": "M-x", "type": "AED", "started_on": "2020-05-01", "ended_on": "2020-04-01"}]
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in cases))
    result = cli("import", str(path))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == ("Error: the file has 2 invalid lines: nothing was imported; "
                        "correct them and import the file again")
    assert any(line.startswith("  line 1: persons[0]") and ".sex: is not one of F, M" in line for line in lines)
    assert any(line.startswith("  line 3: measures[0] (M-x).ended_on: the measure ends before it starts")
               for line in lines)
    assert secret not in result.stderr
    assert cli.json("cases", "list")["total"] == 0


def test_subjects_search_ignores_accents_and_case(cli):
    cli("init")
    cli("seed", "--cases", "10", "--seed", "8", "--as-of", "2026-11-22")
    case = cli.json("cases", "show", cli.json("cases", "list")["cases"][0]["id"])
    child = next(p for p in case["participants"] if p["role"] == "child")
    hits = cli.json("subjects", "search", child["name"].upper())
    assert child["person_id"] in [hit["person_id"] for hit in hits]
