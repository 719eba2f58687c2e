"""The commands and JSON keys that auditors' scripts rely on."""

import json
import os
import stat

from tests.e2e.conftest import on_each_database, seeded_with_entry_4_tampered


@on_each_database
def test_init_seed_show_and_verify_give_the_documented_keys(blank_cli):
    cli = blank_cli
    assert cli("init").returncode == 0
    seeded = cli.json("seed", "--cases", "25", "--seed", "7", "--as-of", "2026-11-22")
    assert (seeded["cases"], seeded["created"]) == (25, 25)

    listed = cli.json("cases", "list", "--limit", "100")
    assert listed["total"] == 25
    case = cli.json("cases", "show", listed["cases"][0]["id"])
    assert {"id", "state", "service_ended_on", "next_action", "next_action_due_on", "holds",
            "participants"} <= set(case)
    assert {"person_id", "role"} <= set(case["participants"][0])
    assert "child" in {p["role"] for p in case["participants"]}

    verified = cli.json("audit", "verify")
    assert verified["ok"] is True and verified["first_bad"] is None
    assert verified["entries"] == 2 + 25 + 1  # schema and keys, one per case, the seed itself


@on_each_database
def test_a_tampered_journal_fails_verification_with_exit_1_naming_the_entry(cli):
    seeded_with_entry_4_tampered(cli)
    result = cli("audit", "verify", "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert (report["ok"], report["first_bad"], report["entries"]) == (False, 4, 3)
    human = cli("audit", "verify")
    assert human.returncode == 1 and "BROKEN at entry 4" in human.stderr


@on_each_database
def test_import_of_a_seeded_export_then_the_journal_lists_it(cli, tmp_path):
    from datetime import date

    from synthetic.seed import Departement

    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(c) + "\n" for c in Departement(9, date(2026, 11, 22)).cases(12)))
    imported = cli.json("import", str(export))
    assert (imported["cases"], imported["created"]) == (12, 12)
    again = cli.json("import", str(export))
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 12)
    entries = cli.json("audit", "log", "--action", "import.completed")
    assert [e["details"]["sha256"] for e in entries] == [imported["sha256"]] * 2


def test_init_creates_owner_only_key_files_and_never_prints_a_key(blank_cli):
    cli = blank_cli
    result = cli("init")
    keys = cli.home / "keys"
    for name in ("master.key", "ledger.key", "index.key"):
        path = keys / name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.read_text().strip() not in result.stdout + result.stderr
    assert stat.S_IMODE(keys.stat().st_mode) == 0o700
    again = cli("init")
    assert again.returncode == 0 and "all present" in again.stdout


def test_the_default_database_is_created_owner_only_in_oubli_home(blank_cli):
    cli = blank_cli
    result = cli("init", db=False)
    assert result.returncode == 0, result.stderr
    database = cli.home / "oubli.db"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert str(database) in result.stdout
    assert os.path.exists(database)
