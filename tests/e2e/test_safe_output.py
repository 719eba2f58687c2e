"""What Oubli puts on the terminal, in the files it writes and in its exit code holds against hostile data and
hostile surroundings: a name written to break the output, a link planted where a file goes, a spreadsheet
formula in a cell, a signal, a reader that stops reading, a folder without a database."""

import csv
import io
import json
import signal
import stat
import subprocess
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from casefiles.persistence.db import create_db_engine
from tests.e2e.conftest import on_each_database

TODAY = datetime.now(ZoneInfo("Europe/Paris")).date().isoformat()
CASE = "=1+2"  # a case id a spreadsheet would compute
LAST_NAME = "Evil[/bold]\x1b]0;owned\x07\x1b[2J"  # rich markup, an OSC setting the title, BEL, clearing the screen
FIRST_NAMES = "@Rouge\x9b31m\u202e"  # a C1 CSI and a right-to-left override; initials starting with @
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e")


def import_hostile_case(cli, tmp_path) -> None:
    """One case whose child's name is made to break the terminal and the bordereau; its service ended long ago,
    so today's run proposes it for disposal."""
    record = {"id": CASE, "opened_on": "2001-02-03",
              "persons": [{"id": "P-evil", "last_name": LAST_NAME, "first_names": FIRST_NAMES,
                           "birth_date": "1990-01-01", "sex": "F"}],
              "participants": [{"person_id": "P-evil", "role": "child"}],
              "measures": [{"id": "M-evil", "type": "AED", "started_on": "2001-02-03", "ended_on": "2002-01-01"}]}
    path = tmp_path / "hostile.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    imported = cli("import", str(path))
    assert imported.returncode == 0, imported.stderr


def assert_shown_not_obeyed(text: str) -> None:
    assert not any(control in text for control in RAW_CONTROLS)
    assert "Evil[/bold]\\x1b]0;owned\\x07\\x1b[2J" in text
    assert "@Rouge\\x9b31m\\u202e" in text


# The terminal


@on_each_database
def test_a_name_with_markup_and_escape_sequences_is_shown_as_text_by_cases_show(cli, tmp_path):
    import_hostile_case(cli, tmp_path)
    shown = cli("cases", "show", CASE)
    assert shown.returncode == 0, shown.stderr
    assert_shown_not_obeyed(shown.stdout)
    assert f"Case {CASE}:" in shown.stdout


@on_each_database
def test_a_name_with_markup_and_escape_sequences_is_shown_as_text_by_subjects_search(cli, tmp_path):
    import_hostile_case(cli, tmp_path)
    found = cli("subjects", "search", "evil")
    assert found.returncode == 0, found.stderr
    assert_shown_not_obeyed(found.stdout)
    assert "1 persons found." in found.stdout


def test_json_gives_the_name_back_exactly_with_every_control_character_escaped(cli, tmp_path):
    import_hostile_case(cli, tmp_path)
    shown = cli("cases", "show", CASE, "--json")
    assert not any(control in shown.stdout for control in RAW_CONTROLS)
    [child] = json.loads(shown.stdout)["participants"]
    assert child["name"] == f"{FIRST_NAMES} {LAST_NAME}"


def test_a_letter_printed_on_the_terminal_shows_a_hostile_requester_name_as_text(cli, tmp_path):
    import_hostile_case(cli, tmp_path)
    opened = cli.json("requests", "open", "--kind", "access", "--subject", "P-evil", "--requester-name",
                      "Mme \x1b[2JTémoin", "--capacity", "self", "--received", TODAY)
    letter = cli("requests", "letter", str(opened["id"]), "--which", "acknowledgement")
    assert letter.returncode == 0, letter.stderr
    assert "Mme \\x1b[2JTémoin" in letter.stdout and "\x1b" not in letter.stdout


# Files


def test_a_report_is_a_new_file_readable_by_its_owner_only(cli, tmp_path):
    out = tmp_path / "report.html"
    written = cli("report", "retention", "--out", str(out))
    assert written.returncode == 0, written.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and "<html" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "with --force"])
def test_a_report_never_goes_through_a_link_planted_at_out(cli, tmp_path, force):
    victim = tmp_path / "victim.txt"
    victim.write_text("kept\n")
    out = tmp_path / "report.html"
    out.symlink_to(victim)
    refused = cli("report", "retention", "--out", str(out), *force)
    assert refused.returncode == 1
    assert refused.stderr == f"Error: {out} is a symbolic link: Oubli never writes through one; remove it or " \
                             "choose another path; nothing was written\n"
    assert victim.read_text() == "kept\n" and out.is_symlink()


def test_a_dangling_link_at_out_is_not_followed_either(cli, tmp_path):
    out, target = tmp_path / "report.csv", tmp_path / "created-through-the-link.csv"
    out.symlink_to(target)
    refused = cli("report", "retention", "--format", "csv", "--out", str(out))
    assert refused.returncode == 1 and "symbolic link" in refused.stderr
    assert not target.exists()


def test_a_report_replaces_an_existing_file_only_with_force(cli, tmp_path):
    (tmp_path / "reports").mkdir()
    out = tmp_path / "reports" / "report.json"
    out.write_text("an earlier report\n")
    out.chmod(0o644)
    refused = cli("report", "retention", "--format", "json", "--out", str(out))
    assert refused.returncode == 1
    assert refused.stderr == (f"Error: {out} already exists: choose another path, or give --force to replace it; "
                              "nothing was written\n")
    assert out.read_text() == "an earlier report\n"
    replaced = cli("report", "retention", "--format", "json", "--out", str(out), "--force")
    assert replaced.returncode == 0, replaced.stderr
    assert json.loads(out.read_text())["journal"]["ok"] is True
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [path.name for path in out.parent.iterdir()] == ["report.json"]  # no temporary file left beside it


def test_a_report_into_a_missing_folder_is_one_error_line(cli, tmp_path):
    out = tmp_path / "no-such-folder" / "report.html"
    refused = cli("report", "retention", "--out", str(out))
    assert (refused.returncode, refused.stdout) == (1, "")
    assert refused.stderr == (f"Error: the folder {out.parent} does not exist: create it or choose another path; "
                              "nothing was written\n")


def test_a_letter_never_goes_through_a_link_nor_over_a_file(cli, tmp_path):
    import_hostile_case(cli, tmp_path)
    request_id = str(cli.json("requests", "open", "--kind", "access", "--subject", "P-evil", "--requester-name",
                              "Mme Témoin", "--capacity", "self", "--received", TODAY)["id"])
    victim, out = tmp_path / "victim.txt", tmp_path / "lettre.txt"
    victim.write_text("kept\n")
    out.symlink_to(victim)
    assert cli("requests", "letter", request_id, "--out", str(out)).returncode == 1
    assert victim.read_text() == "kept\n"
    out.unlink()
    assert cli("requests", "letter", request_id, "--out", str(out)).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    again = cli("requests", "letter", request_id, "--out", str(out))
    assert again.returncode == 1 and "already exists" in again.stderr
    assert cli("requests", "letter", request_id, "--out", str(out), "--force").returncode == 0


def exported_list(cli, tmp_path) -> int:
    import_hostile_case(cli, tmp_path)
    assert cli.json("run", "--as-of", TODAY)["proposed_for_disposal"] == 1
    [disposal_list] = cli.json("disposals", "list")
    return disposal_list["id"]


def cells(csv_text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(csv_text)))


@on_each_database
def test_the_bordereau_csv_writes_formula_cells_as_text_in_owner_only_files(cli, tmp_path):
    list_id = exported_list(cli, tmp_path)
    folder = tmp_path / "bordereaux"
    written = cli.json("disposals", "export", str(list_id), "--out", str(folder))
    header, row = cells(open(written["csv"], encoding="utf-8").read())
    assert (row[header.index("référence du dossier")], row[header.index("initiales de l'enfant")]) == ("'=1+2", "'@.E.")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE((folder / name).stat().st_mode) == 0o600 for name in (written["csv"], written["html"]))


def test_an_exported_bordereau_is_replaced_only_with_force_and_never_through_a_link(cli, tmp_path):
    list_id = exported_list(cli, tmp_path)
    folder = tmp_path / "bordereaux"
    folder.mkdir()
    victim = tmp_path / "victim.csv"
    victim.write_text("kept\n")
    (folder / f"bordereau-{list_id}.csv").symlink_to(victim)
    for force in ([], ["--force"]):
        refused = cli("disposals", "export", str(list_id), "--out", str(folder), *force)
        assert refused.returncode == 1 and "symbolic link" in refused.stderr
    assert victim.read_text() == "kept\n" and not (folder / f"bordereau-{list_id}.html").exists()
    (folder / f"bordereau-{list_id}.csv").unlink()
    assert cli("disposals", "export", str(list_id), "--out", str(folder)).returncode == 0
    again = cli("disposals", "export", str(list_id), "--out", str(folder))
    assert again.returncode == 1 and "already exists" in again.stderr and "--force" in again.stderr
    assert cli("disposals", "export", str(list_id), "--out", str(folder), "--force").returncode == 0
    assert sorted(path.name for path in folder.iterdir()) == [f"bordereau-{list_id}.csv", f"bordereau-{list_id}.html"]


def test_the_report_csv_writes_no_cell_a_spreadsheet_would_run(cli, tmp_path):
    exported_list(cli, tmp_path)
    report = cli("report", "retention", "--format", "csv")
    assert report.returncode == 0, report.stderr
    rows = cells(report.stdout)
    assert any("'=1+2" in row for row in rows)
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


# Exit codes


def test_a_run_stopped_by_sigterm_exits_143_and_says_it_stopped_early(cli, cli_process):
    cli.start_from_seeded(cases=2000, seed=5, as_of=TODAY)  # ten batches: the signal lands long before the last
    process = cli_process.popen("run", "--as-of", TODAY, "--json", stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
    engine = create_db_engine(cli.db_url)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:  # its first batch is committed
        with engine.connect() as connection:
            if connection.execute(sa.text("SELECT count(*) FROM cases WHERE state <> 'active'")).scalar():
                break
        time.sleep(0.05)
    engine.dispose()
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 143, stderr
    assert json.loads(stdout)["stopped_early"] is True
    finished = cli.json("run", "--as-of", TODAY)
    assert finished["examined"] > 0 and finished["stopped_early"] is False


@pytest.mark.parametrize("command", [["cases", "list"], ["cases", "list", "--json"], ["audit", "log"], ["--help"],
                                     ["cases", "list", "--help"]])
def test_a_reader_that_closes_the_pipe_early_ends_the_command_quietly_with_exit_0(cli_process, command):
    process = cli_process.popen(*command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # as `head` does once it has its lines: every write of the command meets a closed pipe
    stderr = process.communicate(timeout=120)[1]
    assert (process.returncode, stderr) == (0, b"")


def test_an_error_is_still_exit_1_when_the_reader_has_gone(cli_process):
    process = cli_process.popen("cases", "show", "D-missing", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    stderr = process.communicate(timeout=120)[1]
    assert process.returncode == 1 and stderr.startswith(b"Error: no case has the id D-missing")


# No database


@pytest.mark.parametrize("command", [["cases", "list"], ["audit", "verify"], ["report", "retention"],
                                     ["subjects", "search", "x"], ["run"], ["seed", "--cases", "1"]])
def test_a_command_in_a_folder_without_a_database_says_to_run_init_and_creates_nothing(blank_cli, command):
    database = blank_cli.home / "oubli.db"
    result = blank_cli(*command, db=False)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"Error: no database at {database}: run `oubli init` to create it, or give another --db\n"
    assert not blank_cli.home.exists()


def test_a_mistyped_database_path_creates_nothing(cli, tmp_path):
    missing = tmp_path / "oubil.db"
    result = cli("--db", f"sqlite:///{missing}", "cases", "list", db=False)
    assert result.returncode == 1 and "no database at" in result.stderr
    assert not missing.exists()


def test_the_quick_start_still_works_from_an_empty_folder(blank_cli, tmp_path):
    for command in (["init"], ["seed", "--cases", "50", "--seed", "1"], ["run"],
                    ["report", "retention", "--out", str(tmp_path / "r.html")]):
        done = blank_cli(*command, db=False)
        assert done.returncode == 0, (command, done.stderr)
    assert stat.S_IMODE((blank_cli.home / "oubli.db").stat().st_mode) == 0o600
    assert "<html" in (tmp_path / "r.html").read_text(encoding="utf-8")
