"""Importing JSON Lines: all or nothing, every bad line named, upsert by id, shared persons once."""

import copy
import json

import pytest
from sqlalchemy import func, select

from casefiles.ingest import importer
from casefiles.ingest.importer import import_file
from casefiles.kernel.errors import InvalidInput
from casefiles.people.queries import case_detail
from casefiles.persistence import journal
from casefiles.persistence.models import Case, Document, Measure, Participation, Person
from synthetic.seed import Departement
from tests.conftest import FIXED_NOW

AS_OF = FIXED_NOW.date()


def write_jsonl(path, cases) -> None:
    path.write_text("".join(json.dumps(case, ensure_ascii=False) + "\n" for case in cases), encoding="utf-8")


@pytest.fixture
def department_cases():
    return list(Departement(seed=5, as_of=AS_OF).cases(40))


def count(app, model) -> int:
    with app.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def test_a_valid_file_imports_every_case_and_journals_each(app, tmp_path, department_cases):
    path = tmp_path / "export.jsonl"
    write_jsonl(path, department_cases)
    result = import_file(app.uow(), path, app.eraser().ledger)
    assert (result.cases, result.created, result.updated) == (40, 40, 0)
    assert count(app, Case) == 40
    with app.engine.connect() as connection:
        actions = [entry.action for entry in journal.entries(connection)]
        assert journal.verify(connection).ok
    assert actions.count("case.imported") == 40 and actions[-1] == "import.completed"


def test_a_parent_shared_by_two_cases_is_one_person(app, tmp_path, department_cases):
    path = tmp_path / "export.jsonl"
    write_jsonl(path, department_cases)
    import_file(app.uow(), path, app.eraser().ledger)
    persons = {p["id"] for case in department_cases for p in case["persons"]}
    assert count(app, Person) == len(persons)
    assert sum(len(case["persons"]) for case in department_cases) > len(persons)


def test_importing_a_case_again_updates_it_in_place(app, tmp_path, department_cases):
    path = tmp_path / "export.jsonl"
    write_jsonl(path, department_cases)
    import_file(app.uow(), path, app.eraser().ledger)
    changed = copy.deepcopy(department_cases[0])
    changed["measures"] = [{"id": "M-new", "type": "AED", "started_on": AS_OF.isoformat()}]
    changed["documents"] = changed["documents"][:1]
    write_jsonl(path, [changed])
    result = import_file(app.uow(), path, app.eraser().ledger)
    assert (result.cases, result.created, result.updated) == (1, 0, 1)
    with app.uow() as uow:
        case = case_detail(uow.session, changed["id"], app.vault())
    assert [m.id for m in case.measures] == ["M-new"]
    assert len(case.documents) == 1
    assert count(app, Case) == 40


def test_a_file_with_bad_lines_imports_nothing_and_names_every_bad_line(app, tmp_path, department_cases):
    cases = [json.loads(json.dumps(case)) for case in department_cases[:6]]  # each line its own copy
    secret = cases[1]["persons"][0]["last_name"]
    cases[1]["persons"][0].pop("last_name")
    cases[1]["persons"][0]["birth_date"] = secret
    cases[3]["participants"][0]["role"] = "cousin"
    lines = [json.dumps(case, ensure_ascii=False) for case in cases]
    lines[4] = lines[4][:50]  # cut off: not JSON
    (tmp_path / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        import_file(app.uow(), tmp_path / "export.jsonl", app.eraser().ledger)
    assert "3 invalid lines: nothing was imported" in str(caught.value)
    problems = caught.value.problems
    assert any(p.startswith("line 2: persons[0]") and "missing field 'last_name'" in p for p in problems)
    assert any(p.startswith("line 2: persons[0]") and "birth_date: is not a date" in p for p in problems)
    assert any(p.startswith("line 4: participants[0].role") for p in problems)
    assert any(p.startswith("line 5: is not valid JSON") for p in problems)
    assert not any(secret in p for p in problems)
    assert count(app, Case) == 0 and count(app, Person) == 0
    with app.engine.connect() as connection:
        assert journal.verify(connection).entries == 0


def test_an_id_already_used_by_another_case_imports_nothing_and_names_the_line(app, tmp_path, department_cases):
    path = tmp_path / "export.jsonl"
    write_jsonl(path, department_cases[:2])
    import_file(app.uow(), path, app.eraser().ledger)
    thief = copy.deepcopy(department_cases[2])
    taken = department_cases[0]["documents"][0]["id"]
    thief["documents"][0]["id"] = taken
    write_jsonl(path, [department_cases[3], thief])
    with pytest.raises(InvalidInput, match="ids that other cases hold: nothing was imported") as caught:
        import_file(app.uow(), path, app.eraser().ledger)
    assert caught.value.problems == [f"line 2: documents[0] ({taken}).id: case {department_cases[0]['id']} in the "
                                     "store holds this id, and the file leaves that case alone; an id belongs to one case"]
    assert count(app, Case) == 2
    assert count(app, Document) == sum(len(c["documents"]) for c in department_cases[:2])


def test_two_lines_giving_one_measure_id_are_both_named_whether_in_one_batch_or_two(app, tmp_path, department_cases,
                                                                                      monkeypatch):
    cases = copy.deepcopy(department_cases[:4])
    cases[3]["measures"][0]["id"] = cases[0]["measures"][0]["id"]
    cases[2]["measures"][0]["id"] = cases[1]["measures"][0]["id"]
    path = tmp_path / "export.jsonl"
    write_jsonl(path, cases)
    monkeypatch.setattr(importer, "LEDGER_BATCH", 3)  # lines 1-3 written before line 4 is checked
    with pytest.raises(InvalidInput) as caught:
        import_file(app.uow(), path, app.eraser().ledger)
    assert [problem.split(":")[0] for problem in caught.value.problems] == ["line 3"]
    assert "line 2 gives the same id" in caught.value.problems[0]
    cases[2]["measures"][0]["id"] = "M-own"
    write_jsonl(path, cases)
    with pytest.raises(InvalidInput) as caught:
        import_file(app.uow(), path, app.eraser().ledger)
    assert [problem.split(":")[0] for problem in caught.value.problems] == ["line 4"]
    assert "line 1 gives the same id" in caught.value.problems[0]
    assert count(app, Case) == 0


def test_a_document_moves_to_another_case_when_both_lines_are_in_the_file(app, tmp_path, department_cases):
    path = tmp_path / "export.jsonl"
    write_jsonl(path, department_cases[:2])
    import_file(app.uow(), path, app.eraser().ledger)
    first, second = copy.deepcopy(department_cases[:2])
    second["documents"].append(first["documents"].pop(0))
    write_jsonl(path, [second, first])
    assert import_file(app.uow(), path, app.eraser().ledger).updated == 2
    with app.uow() as uow:
        owner = uow.session.scalar(select(Document.case_id).where(Document.id == second["documents"][-1]["id"]))
    assert owner == second["id"]


def test_blank_lines_are_skipped_and_a_missing_file_is_a_clear_error(app, tmp_path, department_cases):
    path = tmp_path / "export.jsonl"
    path.write_text("\n" + json.dumps(department_cases[0]) + "\n\n", encoding="utf-8")
    assert import_file(app.uow(), path, app.eraser().ledger).cases == 1
    with pytest.raises(InvalidInput, match="does not exist"):
        import_file(app.uow(), tmp_path / "missing.jsonl", app.eraser().ledger)


def test_measures_are_stored_with_their_nature(app, tmp_path, department_cases):
    path = tmp_path / "export.jsonl"
    write_jsonl(path, department_cases)
    import_file(app.uow(), path, app.eraser().ledger)
    with app.uow() as uow:
        natures = dict(uow.session.execute(select(Measure.type, Measure.nature).distinct()).all())
    assert natures.get("PLACEMENT") == "judicial" and natures.get("AED") == "administrative"


def test_a_measures_own_framework_and_the_source_labels_are_stored(app, tmp_path, department_cases):
    case = copy.deepcopy(department_cases[0])
    case["measures"] = [{"id": "M-label", "type": "PLACEMENT", "nature": "administrative", "started_on": case["opened_on"],
                         "source_label": "Pupille de l'État"}]
    case["participants"][0]["source_label"] = "Enfant"
    path = tmp_path / "export.jsonl"
    write_jsonl(path, [case])
    import_file(app.uow(), path, app.eraser().ledger)
    with app.uow() as uow:
        measure = uow.session.execute(select(Measure.nature, Measure.source_label).where(Measure.id == "M-label")).one()
        labels = set(uow.session.scalars(select(Participation.source_label).where(Participation.case_id == case["id"])))
    assert tuple(measure) == ("administrative", "Pupille de l'État")
    assert "Enfant" in labels
