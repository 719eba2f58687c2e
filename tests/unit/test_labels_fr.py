"""Every code a person meets in their access answer has French words, and none is the code itself."""

from datetime import date

import pytest

from casefiles.kernel.vocabulary import (
    PERSON_FIELDS,
    CaseState,
    ConcernOutcome,
    DocumentKind,
    MeasureNature,
    MeasureType,
    Role,
    Sex,
)
from subject_requests.labels_fr import (
    CASE_STATES,
    CONCERN_OUTCOMES,
    DOCUMENT_KINDS,
    FIELDS,
    MEASURE_NATURES,
    MEASURE_TYPES,
    ROLES,
    SEXES,
    field_value,
    words,
)

SAME_IN_FRENCH = {Role.PARENT}  # "parent" is the French word too
TABLES = [(Role, ROLES), (MeasureType, MEASURE_TYPES), (MeasureNature, MEASURE_NATURES),
          (ConcernOutcome, CONCERN_OUTCOMES), (DocumentKind, DOCUMENT_KINDS), (CaseState, CASE_STATES), (Sex, SEXES)]


@pytest.mark.parametrize(("vocabulary", "table"), TABLES, ids=lambda v: getattr(v, "__name__", ""))
def test_every_value_has_french_words_that_are_not_its_code(vocabulary, table):
    assert set(table) == set(vocabulary)
    assert [value for value in vocabulary if not table[value].strip()
            or (table[value] == value.value and value not in SAME_IN_FRENCH)] == []


def test_every_field_of_a_person_has_its_french_name():
    assert set(FIELDS) == set(PERSON_FIELDS) and "_" not in "".join(FIELDS.values())


@pytest.mark.parametrize(("name", "value", "shown"), [
    ("birth_date", date(2012, 3, 1), "1er mars 2012"),
    ("birth_date", "2012-08-02", "2 août 2012"),
    ("sex", "F", "féminin"),
    ("phone", None, "non renseigné"),
    ("email", "", "non renseigné"),
    ("last_name", "Dupont", "Dupont"),
])
def test_a_field_reads_in_words(name, value, shown):
    assert field_value(name, value) == shown


def test_a_code_without_words_loses_its_underscores_and_nothing_is_a_dash():
    assert words(CASE_STATES, "awaiting_something_new") == "awaiting something new"
    assert words(CASE_STATES, None) == "—"
