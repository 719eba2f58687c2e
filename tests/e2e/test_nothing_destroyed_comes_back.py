"""What is destroyed stays destroyed, from the command line: a ledger key that is not the ledger's is
refused by everything that erases or checks, `init` never makes a new one for a ledger that exists,
and an import naming a destroyed case or person is refused line by line."""

import base64
import json
import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from casefiles.persistence.db import create_db_engine
from synthetic.seed import Departement
from tests.conftest import plainer_reading
from tests.e2e.conftest import on_each_database

TODAY = datetime.now(ZoneInfo("Europe/Paris")).date().isoformat()
WRONG_KEY = "is not the key the erasure ledger"
RESTORE_ADVICE = "Restore ledger.key from its backup; never create a new one"


def destroyed_some(cli) -> list[str]:
    """Seeded cases run, approved and destroyed; returns the children of the destroyed cases."""
    cli.start_from_seeded(cases=60, seed=5, as_of=TODAY)
    cli.json("run", "--as-of", TODAY)
    doomed = [c["id"] for c in cli.json("cases", "list", "--state", "pending_disposal", "--limit", "500")["cases"]]
    children = [p["person_id"] for case in doomed
                for p in cli.json("cases", "show", case, "--reason", "test")["participants"] if p["role"] == "child"]
    [disposal_list] = cli.json("disposals", "list")
    assert cli("disposals", "approve", str(disposal_list["id"]), "--visa", "AD31-2026-117", "--yes").returncode == 0
    assert cli.json("run", "--as-of", TODAY)["destroyed"] == len(doomed)
    return children


def counts(cli) -> tuple[int, int]:
    """(persons, journal entries) in the store: what an erasure or an import would change."""
    engine = create_db_engine(cli.db_url)
    with engine.connect() as connection:
        persons = connection.execute(sa.text("SELECT count(*) FROM persons")).scalar_one()
        entries = connection.execute(sa.text("SELECT count(*) FROM journal_entries")).scalar_one()
    engine.dispose()
    return persons, entries


def present(cli, person_ids: list[str]) -> set[str]:
    """Which of `person_ids` the store holds."""
    engine = create_db_engine(cli.db_url)
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT id FROM persons WHERE id IN :ids")
                                  .bindparams(sa.bindparam("ids", expanding=True)), {"ids": person_ids})
        found = {row[0] for row in rows}
    engine.dispose()
    return found


def an_active_child(cli) -> str:
    [case] = cli.json("cases", "list", "--limit", "1")["cases"]
    return next(p["person_id"] for p in cli.json("cases", "show", case["id"])["participants"] if p["role"] == "child")


def replace_ledger_key(cli) -> None:
    (cli.home / "keys" / "ledger.key").write_bytes(base64.b64encode(os.urandom(32)) + b"\n")


@on_each_database
def test_a_replaced_ledger_key_is_refused_by_the_run_every_erasure_and_the_checks_and_nothing_is_erased(cli):
    destroyed_some(cli)
    subject = an_active_child(cli)
    request_id = str(cli.json("requests", "open", "--kind", "erasure", "--subject", subject, "--requester-name", "X",
                              "--capacity", "self", "--received", TODAY)["id"])
    cli("requests", "verify-identity", request_id, "--method", "CNI")
    replace_ledger_key(cli)
    before = counts(cli)
    for command in (("run", "--as-of", TODAY), ("requests", "decide", request_id), ("verify-disposal",),
                    ("erasures", "replay")):
        refused = cli(*command)
        assert refused.returncode == 1, command
        assert refused.stderr.startswith("Error: the ledger key") and WRONG_KEY in refused.stderr, command
        assert RESTORE_ADVICE in refused.stderr and "Traceback" not in refused.stderr, command
    assert counts(cli) == before  # nothing erased, nothing journaled
    assert cli.json("requests", "show", request_id)["status"] == "identity_verified"  # not answered
    assert cli("cases", "show", cli.json("cases", "list", "--limit", "1")["cases"][0]["id"]).returncode == 0


def test_the_ledger_key_put_back_from_its_backup_is_accepted_again(cli):
    destroyed_some(cli)
    key = cli.home / "keys" / "ledger.key"
    backup = key.read_bytes()
    replace_ledger_key(cli)
    assert cli("verify-disposal").returncode == 1
    key.write_bytes(backup)
    assert cli.json("verify-disposal")["failed"] == 0
    assert cli("run", "--as-of", TODAY).returncode == 0


def test_init_refuses_to_make_a_new_ledger_key_for_a_ledger_that_exists(cli):
    destroyed_some(cli)
    key = cli.home / "keys" / "ledger.key"
    key.unlink()
    refused = cli("init")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "ledger.key is missing, but the erasure ledger" in refused.stderr
    assert "Restore ledger.key from its backup" in refused.stderr
    assert not key.exists()
    ledger_file = cli.home / "erasure-ledger.txt"
    engine = create_db_engine(cli.db_url)
    with engine.begin() as connection:  # the file alone is enough to refuse
        connection.execute(sa.text("DELETE FROM erasure_ledger"))
    engine.dispose()
    assert ledger_file.stat().st_size > 0
    again = cli("init")
    assert again.returncode == 1 and f"its file {ledger_file}" in again.stderr and not key.exists()


def test_a_ledger_made_before_the_check_value_is_probed_and_a_wrong_key_refused(cli):
    destroyed_some(cli)
    ledger_file = cli.home / "erasure-ledger.txt"
    lines = ledger_file.read_text().splitlines(keepends=True)
    assert lines[0].split()[2] == "key"  # a new ledger begins with its key's check value
    key = cli.home / "keys" / "ledger.key"
    backup = key.read_bytes()
    engine = create_db_engine(cli.db_url)
    with engine.begin() as connection:  # as a ledger made before this version: no check value anywhere
        connection.execute(sa.text("DELETE FROM erasure_ledger WHERE kind = 'key'"))
    ledger_file.write_text("".join(lines[1:]))
    replace_ledger_key(cli)
    refused = cli("run", "--as-of", TODAY)
    assert refused.returncode == 1 and "the most recent disposed cases are not in the ledger" in refused.stderr
    key.write_bytes(backup)
    assert cli.json("verify-disposal")["failed"] == 0
    engine.dispose()
    assert cli("run", "--as-of", TODAY).returncode == 0


def export_naming(tmp_path, case_id: str | None, person_id: str | None):
    """Two valid new cases; the first takes `case_id` and gives its child `person_id`."""
    cases = list(Departement(9, date(2026, 11, 22)).cases(2))
    first = cases[0]
    child = next(p["person_id"] for p in first["participants"] if p["role"] == "child")
    text = json.dumps(first)
    if person_id:
        text = text.replace(f'"{child}"', f'"{person_id}"')
    if case_id:
        text = text.replace(f'"{first["id"]}"', f'"{case_id}"')
    path = tmp_path / "export.jsonl"
    path.write_text(text + "\n" + json.dumps(cases[1]) + "\n")
    index = next(i for i, p in enumerate(json.loads(text)["persons"]) if p["id"] == (person_id or child))
    return path, index


@on_each_database
def test_an_import_naming_a_destroyed_person_or_case_is_refused_line_by_line_and_imports_nothing(cli, tmp_path):
    # Under the plainer reading enough cases are destroyed for some child to be erased with all their cases.
    (tmp_path / "policy.yaml").write_text(plainer_reading(), encoding="utf-8")
    cli.env["OUBLI_POLICY"] = str(tmp_path / "policy.yaml")
    children = destroyed_some(cli)
    gone = sorted(set(children) - present(cli, children))[0]  # erased with their case
    destroyed_case = cli.json("verify-disposal")["cases"][0]["case_id"]
    before = counts(cli)
    path, index = export_naming(tmp_path, None, gone)
    refused = cli("import", str(path))
    assert refused.returncode == 1 and "the file has 1 invalid line: nothing was imported" in refused.stderr
    assert (f"line 1: persons[{index}].id: person {gone} was destroyed (they are in the erasure ledger) and "
            "cannot come back") in refused.stderr
    assert "line 2" not in refused.stderr and "Traceback" not in refused.stderr
    path, _ = export_naming(tmp_path, destroyed_case, None)
    refused = cli("import", str(path))
    assert refused.returncode == 1
    assert f"line 1: id: case {destroyed_case} was destroyed (it is in the erasure ledger)" in refused.stderr
    assert counts(cli) == before and present(cli, [gone]) == set()


def test_an_import_under_a_replaced_ledger_key_is_refused(cli, tmp_path):
    destroyed_some(cli)
    replace_ledger_key(cli)
    path, _ = export_naming(tmp_path, None, None)
    refused = cli("import", str(path))
    assert refused.returncode == 1 and WRONG_KEY in refused.stderr


def test_an_import_into_a_database_restored_from_a_backup_waits_for_the_replay(cli, tmp_path):
    destroyed_some(cli)
    engine = create_db_engine(cli.db_url)
    with engine.begin() as connection:  # the database lost the ledger's last entry: as a restored backup
        connection.execute(sa.text("DELETE FROM erasure_ledger WHERE id = (SELECT max(id) FROM erasure_ledger)"))
    engine.dispose()
    before = counts(cli)
    path, _ = export_naming(tmp_path, None, None)
    refused = cli("import", str(path))
    assert refused.returncode == 1 and "it was restored from a backup" in refused.stderr
    assert "Nothing was imported: run `oubli erasures replay` first" in refused.stderr
    assert counts(cli) == before
