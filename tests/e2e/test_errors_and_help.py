"""Errors are one clear line and exit 1; usage errors exit 2; every command's help has an example."""

import json
import re
import stat
from pathlib import Path

import typer
from typer.testing import CliRunner

from oubli.cli import app
from synthetic.seed import Departement
from tests.conftest import FIXED_NOW

SECRET_VALUE = "Zéphyrine MARCHETTI 06 12 34 56 78"


def every_command(command, path=()):
    """The paths of a command and of all its sub-commands, from the Click command tree."""
    yield list(path)
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from every_command(sub, (*path, name))


def test_every_command_and_group_has_help_with_an_example_of_itself():
    paths = list(every_command(typer.main.get_command(app)))
    assert ["requests", "decide"] in paths and ["verify-disposal"] in paths and [] in paths
    without = []
    for path in paths:
        result = CliRunner().invoke(app, [*path, "--help"], prog_name="oubli", env={"COLUMNS": "200"},
                                    catch_exceptions=False)
        assert result.exit_code == 0, (path, result.stderr)
        example = re.search(r"Examples?:\s+(oubli\b.*)", result.stdout)
        words = iter(example.group(1).split()) if example else iter(())
        if not (example and all(word in words for word in path)):  # its words in order, options between
            without.append(" ".join(["oubli", *path]))
    assert without == []


def test_a_command_before_init_says_to_run_init(blank_cli):
    result = blank_cli("cases", "list")
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and "run `oubli init`" in result.stderr
    assert result.stdout == ""


def test_usage_errors_exit_2(cli):
    assert cli("seed", "--cases", "many").returncode == 2
    assert cli("seed", "--cases", "3", "--as-of", "22/11/2026").returncode == 2
    assert cli("no-such-command").returncode == 2


def test_an_unknown_case_is_one_line_on_stderr_and_exit_1(cli):
    result = cli("cases", "show", "D-missing")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.strip() == "Error: no case has the id D-missing: check it with `oubli cases list`"


def test_a_bad_import_lists_every_bad_line_without_personal_values(cli, tmp_path):
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
    cli("seed", "--cases", "10", "--seed", "8", "--as-of", "2026-11-22")
    case = cli.json("cases", "show", cli.json("cases", "list")["cases"][0]["id"])
    child = next(p for p in case["participants"] if p["role"] == "child")
    hits = cli.json("subjects", "search", child["name"].upper())
    assert child["person_id"] in [hit["person_id"] for hit in hits]


def test_the_installed_command_prints_help_and_exits_0_1_or_2_as_in_process(cli_process):
    helped = cli_process("--help", db=False)
    assert helped.returncode == 0 and "Example: oubli" in helped.stdout
    unknown = cli_process("cases", "show", "D-missing")
    assert (unknown.returncode, unknown.stdout) == (1, "")
    assert unknown.stderr.strip() == "Error: no case has the id D-missing: check it with `oubli cases list`"
    assert cli_process("no-such-command").returncode == 2


def test_a_bug_ends_in_one_line_with_an_error_id_and_its_frames_in_a_file_only_the_owner_reads(cli, monkeypatch):
    from oubli.settings import Settings

    def broken(cls, *args):
        raise ZeroDivisionError(f"a bug whose message holds a value: {SECRET_VALUE}")

    monkeypatch.setattr(Settings, "load", classmethod(broken))
    result = cli("cases", "list")
    assert (result.returncode, result.stdout) == (70, "")
    line = re.fullmatch(r"Error: unexpected failure \(error id ([0-9a-f]{8})\); details written to (\S+)\n",
                        result.stderr)
    assert line, result.stderr
    details = Path(line.group(2))
    assert details.parent == cli.home / "errors"
    assert stat.S_IMODE(details.stat().st_mode) == 0o600
    text = details.read_text()
    assert f"error id: {line.group(1)}" in text and "builtins.ZeroDivisionError" in text
    assert re.search(r'File ".*test_errors_and_help.py", line \d+, in broken', text)  # the frame that raised
    assert 'oubli/cli/__init__.py", line' in text
    assert SECRET_VALUE not in text and SECRET_VALUE not in result.stderr


def test_usage_errors_aborts_and_ctrl_c_are_not_reported_as_failures(cli, monkeypatch):
    from oubli.settings import Settings

    assert cli("seed", "--cases", "many").returncode == 2
    declined = cli("disposals", "approve", "1", "--visa", "V-1", input="n\n")
    assert (declined.returncode, declined.stderr) == (1, "")  # declined: typer.Exit(1), nothing to say

    def interrupted(cls, *args):
        raise KeyboardInterrupt

    monkeypatch.setattr(Settings, "load", classmethod(interrupted))
    interrupted = cli("cases", "list")
    assert (interrupted.returncode, interrupted.stderr) == (130, "")  # Typer's answer to Ctrl-C
    assert not (cli.home / "errors").exists()
