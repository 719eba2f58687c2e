"""What an attacker showed with hostile import lines and a rectified value: each is refused by its line and
field, with no personal value of the file on the screen, nothing imported, and no traceback, on SQLite and
on PostgreSQL (which refuses a NUL character and a value longer than its column where SQLite does not)."""

import json
from datetime import date

import pytest

from casefiles.persistence.models import Person
from synthetic.seed import Departement
from tests.e2e.conftest import on_each_database

PHONES = "06 12 34 56 78 / 07 98 76 54 32 / 01 23 45 67 89"  # three numbers in the phone field
PHONE_LENGTH = Person.__table__.c.phone.type.length


def synthetic_cases() -> list[dict]:
    return [json.loads(json.dumps(case)) for case in Departement(21, date(2026, 11, 22)).cases(3)]


def personal_values(cases: list[dict]) -> set[str]:
    """Every name, NIR, phone, address and e-mail of the file, and the attack's own values."""
    values = {PHONES, "06 12 34 56 78"}
    for case in cases:
        for person in case["persons"]:
            values |= {str(person[field]) for field in ("last_name", "first_names", "nir", "phone", "address",
                                                         "email", "caf_number") if person.get(field)}
    return values


def write(path, lines: list[str]) -> str:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


def line_of(case: dict) -> str:
    return json.dumps(case)  # ASCII, so that "\u0000" and "\ud800" stay escapes in the file, as an attacker writes


def assert_refused_silently(cli, result, cases: list[dict], expected: str, stored: int = 0) -> None:
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("Error: "), result.stderr
    assert f"\n  {expected}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "unexpected failure" not in result.stderr
    shown = result.stdout + result.stderr
    assert [value for value in personal_values(cases) if value in shown] == []
    assert cli.json("cases", "list")["total"] == stored  # all or nothing


def person_where(case: dict, index: int = 0) -> str:
    return f"persons[{index}] ({case['persons'][index]['id']})"


@on_each_database
def test_a_phone_holding_three_numbers_is_refused_by_its_line_and_field(cli, tmp_path):
    cases = synthetic_cases()
    cases[1]["persons"][0]["phone"] = PHONES
    result = cli("import", write(tmp_path / "export.jsonl", [line_of(case) for case in cases]))
    assert_refused_silently(cli, result, cases, f"line 2: {person_where(cases[1])}.phone: is {len(PHONES)} "
                                                f"characters, at most {PHONE_LENGTH}")


@on_each_database
@pytest.mark.parametrize(("character", "wrong"), [("\u0000", "holds a NUL character"),
                                                  ("\ud800", "holds a lone surrogate")])
def test_a_nul_or_a_lone_surrogate_in_a_name_is_refused_by_its_line_and_field(cli, tmp_path, character, wrong):
    cases = synthetic_cases()
    cases[1]["persons"][0]["last_name"] += character
    lines = [line_of(case) for case in cases]
    assert "\\u0000" in lines[1] or "\\ud800" in lines[1]
    result = cli("import", write(tmp_path / "export.jsonl", lines))
    assert_refused_silently(cli, result, cases, f"line 2: {person_where(cases[1])}.last_name: {wrong}")


@on_each_database
def test_an_array_nested_200000_deep_is_refused_by_its_line(cli, tmp_path):
    cases = synthetic_cases()
    del cases[2]["measures"]
    deep = line_of(cases[2])[:-1] + ', "measures": ' + "[" * 200_000 + "]" * 200_000 + "}"
    result = cli("import", write(tmp_path / "export.jsonl", [line_of(cases[0]), line_of(cases[1]), deep]))
    assert_refused_silently(cli, result, cases, "line 3: is nested more than 8 levels deep")


@on_each_database
def test_a_number_of_5000_digits_is_refused_by_its_line_and_field(cli, tmp_path):
    cases = synthetic_cases()
    cases[0]["persons"][1]["phone"] = "NUMBER"
    lines = [line_of(case) for case in cases]
    lines[0] = lines[0].replace('"NUMBER"', "1" * 5000)
    result = cli("import", write(tmp_path / "export.jsonl", lines))
    assert_refused_silently(cli, result, cases, f"line 1: {person_where(cases[0], 1)}.phone: must be a string")


@on_each_database
def test_a_field_given_twice_in_one_object_is_refused_not_merged(cli, tmp_path):
    cases = synthetic_cases()
    first = cases[1]["persons"][0]
    lines = [line_of(case) for case in cases]
    given = f'"last_name": {json.dumps(first["last_name"])}'
    assert given in lines[1]
    lines[1] = lines[1].replace(given, f'{given}, "last_name": "Dupont-Usurpé"', 1)
    result = cli("import", write(tmp_path / "export.jsonl", lines))
    assert_refused_silently(cli, result, cases, f"line 2: {person_where(cases[1])}.last_name: is given more than "
                                                "once in the same object")
    assert "Usurpé" not in result.stderr


@on_each_database
def test_a_case_given_twice_in_one_file_is_refused_not_merged(cli, tmp_path):
    cases = synthetic_cases()
    twin = json.loads(json.dumps(cases[0]))
    twin["measures"] = []
    lines = [line_of(cases[0]), line_of(cases[1]), line_of(twin)]
    result = cli("import", write(tmp_path / "export.jsonl", lines))
    assert_refused_silently(cli, result, cases, f"line 3: id: case {cases[0]['id']} is also on line 1; give each "
                                                "case once in a file")


@on_each_database
def test_a_document_id_another_case_holds_is_refused_by_its_line(cli, tmp_path):
    cases = synthetic_cases()
    assert cli("import", write(tmp_path / "first.jsonl", [line_of(cases[0])])).returncode == 0
    thief = cases[1]
    taken = cases[0]["documents"][0]["id"]
    thief["documents"][0]["id"] = taken
    result = cli("import", write(tmp_path / "second.jsonl", [line_of(thief), line_of(cases[2])]))
    assert_refused_silently(cli, result, cases, f"line 1: documents[0] ({taken}).id: case {cases[0]['id']} in "
                                                "the store holds this id, and the file leaves that case alone", stored=1)


def a_rectification(cli) -> tuple[str, str]:
    """(subject, request id) of a verified rectification request on a seeded store."""
    cli.start_from_seeded(cases=2, seed=4, as_of="2026-11-22")
    [case] = cli.json("cases", "list", "--limit", "1")["cases"]
    subject = next(p["person_id"] for p in cli.json("cases", "show", case["id"])["participants"]
                   if p["role"] == "child")
    request_id = str(cli.json("requests", "open", "--kind", "rectification", "--subject", subject,
                              "--requester-name", "Mme Témoin", "--capacity", "self", "--received", "2026-11-22")["id"])
    assert cli("requests", "verify-identity", request_id, "--method", "CNI").returncode == 0
    return subject, request_id


@on_each_database
def test_a_rectified_value_longer_than_its_column_is_refused_without_being_shown(cli):
    subject, request_id = a_rectification(cli)
    value = "06 12 34 56 78 07 98 76 54 32 01 23 45 67 89 05 55 55 55"
    assert len(value) == 56
    result = cli("requests", "rectify", request_id, "--field", "phone", "--value", value)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"Error: --value is 56 characters, at most {PHONE_LENGTH} for phone: nothing was rectified\n"
    assert cli.json("subjects", "history", subject, "--reason", "contrôle") == []


@on_each_database
def test_a_statement_holding_a_nul_character_is_refused_without_being_shown(cli, tmp_path):
    _, request_id = a_rectification(cli)
    [case] = cli.json("cases", "list", "--limit", "1")["cases"]
    document = cli.json("cases", "show", case["id"])["documents"][0]["id"]
    statement = tmp_path / "declaration.txt"
    statement.write_text("Je conteste\x00 ce rapport.", encoding="utf-8")
    result = cli("requests", "add-statement", request_id, "--document", document, "--text-file", str(statement))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "Error: the statement file holds a NUL character (\\u0000), which no text may hold: " \
                            "nothing was added\n"
