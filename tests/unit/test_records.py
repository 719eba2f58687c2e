"""The import format: valid cases parse; every problem in a bad case is named, without its value."""

import copy

import pytest

from casefiles.ingest.json_line import JsonObject
from casefiles.ingest.records import RecordProblems
from casefiles.ingest.records import parse_case as parse_with
from casefiles.ingest.store import record_lengths

SECRET_NAME = "Zéphyrine"
LENGTHS = record_lengths()


def parse_case(case):
    return parse_with(case, LENGTHS)


def valid_case() -> dict:
    return {
        "id": "D-1",
        "opened_on": "2020-02-29",
        "persons": [
            {"id": "P-child", "last_name": "Martin", "first_names": SECRET_NAME, "birth_date": "2014-05-01",
             "sex": "F", "nir": "2 14 05 2A 004 012 00"},
            {"id": "P-mother", "last_name": "Martin", "first_names": "Anne", "phone": "06 12 34 56 78",
             "parental_authority_withdrawn": False},
            {"id": "P-neighbour", "last_name": "Durand"},
        ],
        "participants": [
            {"person_id": "P-child", "role": "child"},
            {"person_id": "P-mother", "role": "parent"},
            {"person_id": "P-mother", "role": "parental_authority_holder"},
        ],
        "measures": [{"id": "M-1", "type": "AEMO", "started_on": "2020-03-01", "ended_on": "2021-03-01"}],
        "concerns": [{"id": "IP-1", "received_on": "2020-02-29", "outcome": "evaluation",
                      "closed_on": "2020-03-31", "reported_by": "P-neighbour"}],
        "documents": [{"id": "DOC-1", "kind": "situation_note", "written_on": "2020-04-02",
                       "text": f"{SECRET_NAME} va bien."}],
    }


def test_a_valid_case_parses_with_the_measures_nature_derived_from_its_type():
    case = parse_case(valid_case())
    assert case.id == "D-1"
    assert case.persons[0].nir == "214052A00401200"
    assert case.measures[0].nature == "judicial"
    assert {(p.person_id, p.role) for p in case.participants} >= {("P-mother", "parent")}


def changed(path: list, value=None, delete=False) -> dict:
    case = copy.deepcopy(valid_case())
    target = case
    for step in path[:-1]:
        target = target[step]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return case


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (changed(["opened_on"], delete=True), "missing field 'opened_on'"),
        (changed(["opened_on"], "2020-02-30"), "opened_on: is not a date in the form YYYY-MM-DD"),
        (changed(["opened_on"], "29/02/2020"), "opened_on: is not a date in the form YYYY-MM-DD"),
        (changed(["participants", 1, "role"], "uncle"), "participants[1].role: is not one of child, parent"),
        (changed(["measures", 0, "ended_on"], "2020-02-01"), "measures[0] (M-1).ended_on: the measure ends before"),
        (changed(["participants", 1, "person_id"], "P-nobody"),
         "participants[1].person_id: refers to person P-nobody, who is not in this case's persons"),
        (changed(["concerns", 0, "reported_by"], "P-nobody"), "concerns[0].reported_by: refers to person P-nobody"),
        (changed(["persons", 0, "nom"], "x"), "persons[0] (P-child): 1 unknown field; the fields here are: address,"),
        (changed(["persons", 0, "frist_names"], "x"), "persons[0] (P-child): 1 unknown field (a misspelt first_names?)"),
        (changed(["persons", 0, "nir"], f"{SECRET_NAME}12345"), "persons[0] (P-child).nir: is not a NIR"),
        (changed(["persons", 0, "sex"], "X"), "persons[0] (P-child).sex: is not one of F, M"),
        (changed(["persons", 1, "parental_authority_withdrawn"], "no"), "must be true or false"),
        (changed(["participants", 0, "role"], "sibling"), "participants: a case has exactly one child, this one has 0"),
        (changed(["concerns", 0, "outcome"], "pending"), "a pending concern cannot have been closed"),
        (changed(["concerns", 0, "closed_on"], "2020-01-01"), "the concern is closed before it was received"),
        (changed(["documents", 0, "text"], ""), "documents[0] (DOC-1).text: must be a non-empty string"),
        (changed(["measures", 0, "type"], "PRISON"), "measures[0] (M-1).type: is not one of AED"),
        (changed(["persons"], "everyone"), "persons: must be a list"),
        (changed(["measures"], [{"id": "M-1", "type": "AED", "started_on": "2020-01-01"}] * 2),
         "measures: id M-1 appears more than once"),
    ],
)
def test_each_problem_is_named_with_its_field_and_item(case, expected):
    with pytest.raises(RecordProblems) as caught:
        parse_case(case)
    assert any(expected in problem for problem in caught.value.problems), caught.value.problems


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (changed(["persons", 1, "phone"], "06 12 34 56 78 / " * 3),
         f"persons[1] (P-mother).phone: is 51 characters, at most {LENGTHS['persons']['phone']}"),
        (changed(["persons", 0, "last_name"], "Mar\x00tin"), "persons[0] (P-child).last_name: holds a NUL character"),
        (changed(["documents", 0, "text"], "va bien \ud800"), "documents[0] (DOC-1).text: holds a lone surrogate"),
        (changed(["persons", 2, "id"], "P-" + "9" * 70),
         f"persons[2].id: is 72 characters, at most {LENGTHS['persons']['id']}"),
        (changed(["measures", 0, "id"], "M-1\x1b[2J"), "measures[0].id: holds a control or invisible character"),
        (changed(["id"], "D\u202e-1"), "id: holds a control or invisible character"),
        (changed(["persons", 0, "first_names"], "\ufdfa" * 30),
         f"persons[0] (P-child).first_names: first_names and last_name make 547 characters once folded for search, "
         f"at most {LENGTHS['persons']['search_name']}"),
        (changed(["persons", 2, "id"], ["P-neighbour"]), "persons[2].id: must be a non-empty string"),
    ],
)
def test_a_value_the_store_could_not_keep_is_named_by_its_field_and_what_is_wrong(case, expected):
    with pytest.raises(RecordProblems) as caught:
        parse_case(case)
    assert any(problem.startswith(expected) for problem in caught.value.problems), caught.value.problems


def test_a_field_given_twice_is_named_and_unknown_fields_are_counted_not_repeated():
    case = valid_case()
    case["persons"][0] = JsonObject(case["persons"][0])
    case["persons"][0].repeated = ("last_name",)
    case["persons"][1][SECRET_NAME] = "x"
    with pytest.raises(RecordProblems) as caught:
        parse_case(case)
    assert caught.value.problems[0] == "persons[0] (P-child).last_name: is given more than once in the same object: " \
                                       "give each field once"
    assert caught.value.problems[1].startswith("persons[1] (P-mother): 1 unknown field; the fields here are: address")
    assert not any(SECRET_NAME in problem for problem in caught.value.problems)


def test_every_problem_of_a_case_is_listed_not_only_the_first():
    case = changed(["opened_on"], "not a date")
    case["measures"][0]["ended_on"] = "2019-01-01"
    case["participants"][1]["role"] = "uncle"
    with pytest.raises(RecordProblems) as caught:
        parse_case(case)
    assert len(caught.value.problems) == 3


def test_problems_never_repeat_a_personal_value():
    case = changed(["persons", 0, "nir"], f"{SECRET_NAME} 1 2 3")
    case["persons"][0]["birth_date"] = SECRET_NAME
    case["documents"][0]["kind"] = SECRET_NAME
    with pytest.raises(RecordProblems) as caught:
        parse_case(case)
    assert len(caught.value.problems) == 3
    assert not any(SECRET_NAME in problem for problem in caught.value.problems)


def test_a_line_that_is_not_an_object_is_rejected():
    with pytest.raises(RecordProblems) as caught:
        parse_case(["D-1"])
    assert caught.value.problems[0] == "must be a JSON object"


def test_a_measure_may_carry_its_legal_framework_and_each_item_the_source_label():
    case = changed(["measures", 0], {"id": "M-1", "type": "PLACEMENT", "nature": "administrative",
                                     "started_on": "2020-03-01", "source_label": "Pupille de l'État"})
    case["participants"][1]["source_label"] = "Mère"
    case["concerns"][0]["source_label"] = "Évaluation administrative"
    case["documents"][0]["source_label"] = "Note de situation"
    record = parse_case(case)
    assert (record.measures[0].nature, record.measures[0].source_label) == ("administrative", "Pupille de l'État")
    assert record.participants[1].source_label == "Mère" and record.participants[0].source_label is None
    assert record.concerns[0].source_label == "Évaluation administrative"
    assert record.documents[0].source_label == "Note de situation"


@pytest.mark.parametrize(("path", "value", "expected"), [
    (["measures", 0, "nature"], "civil", "measures[0] (M-1).nature: is not one of administrative, judicial"),
    (["measures", 0, "source_label"], "x" * 201, "measures[0] (M-1).source_label: "),
    (["participants", 0, "source_label"], 7, "participants[0].source_label: must be a string"),
])
def test_a_wrong_framework_or_source_label_is_named_by_its_field(path, value, expected):
    with pytest.raises(RecordProblems) as caught:
        parse_case(changed(path, value))
    assert any(problem.startswith(expected) for problem in caught.value.problems), caught.value.problems
