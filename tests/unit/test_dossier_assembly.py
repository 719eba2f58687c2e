"""Assembling one dossier's rows into cases: one per child, ids prefixed, the source's labels kept, and each
data-quality problem named by its kind and column, never by a value."""

import copy
from datetime import date
from pathlib import Path

import pytest

from casefiles.ingest.dossier import DossierRows, assemble
from casefiles.ingest.mapping import load_mapping
from casefiles.ingest.store import record_lengths

MAPPING = load_mapping(Path(__file__).parents[1] / "data" / "vendor" / "mapping.yaml")
LENGTHS = record_lengths()
LABELS = {"participants": {"ENF": "Enfant", "MERE": "Mère", "PERE": "Père", "REF": "Référent ASE"},
          "measures": {"PUP": "Pupille de l'État", "AEMO": "AEMO", "TUT": "Tutelle déférée à l'ASE"},
          "concerns": {"SIGN": "Signalement au parquet"}, "documents": {"NOTE": "Note de situation"}}
SECRET = "Zéphyrine"


def person(person_id: int, **values) -> dict:
    return {"id": person_id, "last_name": "DURAND", "first_names": SECRET, "birth_date": "01/02/2015", "sex": "2",
            "nir": "215029912345645", "phone": "", "parental_authority_withdrawn": "N",
            "_changed": "2025-01-01 10:00:00"} | values


def family() -> DossierRows:
    """Dossier F1: three children (11, 12, 13), their mother (2) and the referent (9)."""
    links = [(11, "ENF"), (12, "ENF"), (13, "ENF"), (2, "MERE"), (9, "REF")]
    return DossierRows(
        "F1", {"id": "F1", "opened_on": "04/03/2021", "closed_on": ""},
        persons=[person(11), person(12), person(13), person(2, birth_date="05/06/1990"), person(9, nir=None)],
        participants=[{"dossier": "F1", "person": p, "role": code} for p, code in links],
        items={
            "measures": [{"dossier": "F1", "id": 1, "child": None, "code": "AEMO", "started_on": "01/04/2021",
                          "ended_on": "01/04/2022"},
                         {"dossier": "F1", "id": 2, "child": 12, "code": "PUP", "started_on": "02/04/2022",
                          "ended_on": ""}],
            "concerns": [{"dossier": "F1", "id": 1, "child": 11, "code": "SIGN", "received_on": "04/03/2021",
                          "closed_on": "10/03/2021", "reported_by": None}],
            "documents": [{"dossier": "F1", "id": 1, "child": None, "code": "NOTE", "written_on": "02/05/2021",
                           "author": 9, "text": f"{SECRET} va mieux."}],
            "proceedings": [{"dossier": "F1", "id": 1, "child": 13, "code": "PEN", "started_on": "01/09/2023",
                             "ended_on": None}],
        })


def cases_of(rows: DossierRows, seen: dict | None = None):
    return {case.source_id: case for case in assemble(rows, MAPPING, LABELS, LENGTHS, {} if seen is None else seen)}


def test_a_family_dossier_of_three_children_gives_three_cases_each_with_one_child_and_the_others_as_siblings():
    cases = cases_of(family())
    assert sorted(cases) == ["F1/11", "F1/12", "F1/13"]
    record = cases["F1/12"].record
    assert record is not None and record.id == "IOD-F1-12" and record.opened_on == date(2021, 3, 4)
    roles = {(p.person_id, p.role) for p in record.participants}
    assert {role for _, role in roles} == {"child", "sibling", "parent", "parental_authority_holder", "professional"}
    assert ("IOD-P12", "child") in roles and {("IOD-P11", "sibling"), ("IOD-P13", "sibling")} <= roles
    assert {p.id for p in record.persons} == {"IOD-P2", "IOD-P9", "IOD-P11", "IOD-P12", "IOD-P13"}
    assert all(case.problems == () for case in cases.values())


def test_items_go_to_their_child_or_to_every_child_with_ids_prefixed_by_the_case():
    cases = cases_of(family())
    measures = {source_id: [m.id for m in case.record.measures] for source_id, case in cases.items()}
    assert measures == {"F1/11": ["IOD-F1-11-1"], "F1/12": ["IOD-F1-12-1", "IOD-F1-12-2"], "F1/13": ["IOD-F1-13-1"]}
    assert [c.id for c in cases["F1/11"].record.concerns] == ["IOD-F1-11-1"] and not cases["F1/12"].record.concerns
    assert cases["F1/13"].proceedings[0].id == "IOD-F1-13-1"
    assert cases["F1/13"].proceedings[0].kind == "procédure pénale en cours"
    assert cases["F1/13"].proceedings[0].started_on == date(2023, 9, 1) and not cases["F1/11"].proceedings
    assert cases["F1/11"].record.documents[0].author_id == "IOD-P9"


def test_the_sources_labels_are_kept_beside_the_mapped_values_and_the_code_decides_the_framework():
    record = cases_of(family())["F1/12"].record
    pupille = next(m for m in record.measures if m.id == "IOD-F1-12-2")
    assert (pupille.type, pupille.nature, pupille.source_label) == ("PLACEMENT", "administrative", "Pupille de l'État")
    assert {(p.role, p.source_label) for p in record.participants if p.person_id == "IOD-P2"} == {
        ("parent", "Mère"), ("parental_authority_holder", "Mère")}
    assert record.documents[0].source_label == "Note de situation"
    assert cases_of(family())["F1/11"].record.concerns[0].source_label == "Signalement au parquet"


def with_change(change) -> DossierRows:
    rows = copy.deepcopy(family())
    change(rows)
    return rows


def measure(rows: DossierRows, index: int = 0) -> dict:
    return rows.items["measures"][index]


# Each fault: what it does to the dossier, the problem it makes (kind, where), in which cases, and whether
# those cases keep their record.
FAULTS = [
    (lambda r: measure(r).update(code="XX9"), ("unknown_code", "MESURE.CODE_MESURE"), ["F1/11", "F1/12", "F1/13"], False),
    (lambda r: r.participants[3].update(role="ONCLE"), ("unknown_code", "LIEN_DOSSIER.CODE_ROLE"),
     ["F1/11", "F1/12", "F1/13"], False),
    (lambda r: measure(r).update(ended_on="31/02/2022"), ("bad_date", "MESURE.DATE_FIN"),
     ["F1/11", "F1/12", "F1/13"], False),
    (lambda r: r.persons[0].update(birth_date="2015-02-01"), ("bad_date", "INDIVIDU.DATE_NAISSANCE"),
     ["F1/11", "F1/12", "F1/13"], False),
    (lambda r: measure(r).update(started_on=""), ("missing_required", "MESURE.DATE_DEBUT"),
     ["F1/11", "F1/12", "F1/13"], False),
    (lambda r: r.items["documents"][0].update(text=None), ("missing_required", "ECRIT.TEXTE"),
     ["F1/11", "F1/12", "F1/13"], False),
    (lambda r: measure(r, 1).update(child=99), ("unknown_child", "MESURE.ID_ENFANT"), ["F1/11", "F1/12", "F1/13"], False),
    (lambda r: r.persons[1].update(nir="12345"), ("invalid_record", "persons[1] (IOD-P12).nir"),
     ["F1/11", "F1/12", "F1/13"], False),
    (lambda r: r.items["proceedings"].append(dict(r.items["proceedings"][0], code="APP")),
     ("invalid_record", "PROCEDURE.NUM_PROCEDURE"), ["F1/13"], False),
    (lambda r: r.dossier.update(closed_on="01/01/2024"), ("closed_with_running_measure", "DOSSIER_FAMILLE.DATE_CLOTURE"),
     ["F1/12"], True),
    (lambda r: r.persons[1].update(nir=""), ("missing_nir", "INDIVIDU.NIR"), ["F1/12"], True),
    (lambda r: r.persons.append(person(2, phone="07 00 00 00 00", _changed="2024-01-01")),
     ("person_described_twice", "INDIVIDU.ID_INDIVIDU"), ["F1/11", "F1/12", "F1/13"], True),
    (lambda r: r.dossier.update(opened_on=""), ("missing_opening_date", "DOSSIER_FAMILLE.DATE_OUVERTURE"),
     ["F1/11", "F1/12", "F1/13"], True),
    (lambda r: r.items["documents"][0].update(author=77), ("unknown_person", "ECRIT.ID_AUTEUR"),
     ["F1/11", "F1/12", "F1/13"], True),
    (lambda r: r.persons[0].update(sex="9"), ("unknown_code", "INDIVIDU.SEXE"), ["F1/11", "F1/12", "F1/13"], False),
]


@pytest.mark.parametrize(("change", "problem", "where_found", "kept"), FAULTS,
                         ids=[f"{problem[0]}:{problem[1]}" for _, problem, _, _ in FAULTS])
def test_each_problem_is_named_by_kind_and_column_in_the_cases_it_touches(change, problem, where_found, kept):
    cases = cases_of(with_change(change))
    found = sorted(source_id for source_id, case in cases.items()
                   if problem in {(p.kind, p.where) for p in case.problems})
    assert found == where_found
    assert all((cases[source_id].record is not None) == kept for source_id in where_found)
    assert all(p.source_id == source_id for source_id, case in cases.items() for p in case.problems)


def test_a_dossier_without_a_child_is_one_problem_by_the_dossiers_id():
    rows = with_change(lambda r: r.participants.__delitem__(slice(0, 3)))
    (case,) = assemble(rows, MAPPING, LABELS, LENGTHS, {})
    assert (case.source_id, case.record) == ("F1", None)
    assert [(p.kind, p.where) for p in case.problems] == [("no_child", "LIEN_DOSSIER.CODE_ROLE")]


def test_a_missing_opening_date_is_the_earliest_date_of_the_case():
    cases = cases_of(with_change(lambda r: r.dossier.update(opened_on="")))
    assert cases["F1/11"].record.opened_on == date(2021, 3, 4)  # its concern
    assert cases["F1/12"].record.opened_on == date(2021, 4, 1)  # the family's first measure


def test_of_a_person_described_twice_the_most_recently_changed_row_is_kept():
    rows = with_change(lambda r: r.persons.append(person(2, phone="07 11 22 33 44", _changed="2026-01-01")))
    mother = next(p for p in cases_of(rows)["F1/11"].record.persons if p.id == "IOD-P2")
    assert mother.phone == "07 11 22 33 44"


def test_a_person_described_otherwise_in_an_earlier_dossier_is_a_problem_there_too():
    seen: dict = {}
    cases_of(family(), seen)
    other = with_change(lambda r: r.persons[3].update(address="3 rue des Lilas"))
    other.key = other.dossier["id"] = "F2"
    assert all(("person_described_twice" in {p.kind for p in case.problems}) for case in cases_of(other, seen).values())
    assert all(case.problems == () for case in cases_of(family(), {}).values())


def test_problems_never_hold_a_personal_value():
    def everything(rows):
        rows.persons[1].update(nir="", birth_date="99/99/9999", sex="X")
        rows.persons.append(person(2, last_name="AUTRE"))
        measure(rows).update(code="XX9", ended_on="demain")
        rows.dossier.update(opened_on="", closed_on="01/01/2030")
    problems = [p for case in cases_of(with_change(everything)).values() for p in case.problems]
    assert len({p.kind for p in problems}) >= 4
    assert not any(value in repr(problems) for value in (SECRET, "DURAND", "AUTRE", "99/99/9999", "demain", "XX9"))
