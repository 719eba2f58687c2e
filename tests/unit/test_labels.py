"""Every code a reader could meet in the auditors' report has its words in French and in English."""

from datetime import date

import pytest

from casefiles.kernel.vocabulary import CaseAction, CaseState, DisposalStatus, NextAction, RequestKind, SamplingRule
from retention.labels import (
    LEGAL_GROUNDS,
    WORDS,
    DueReason,
    JournalAction,
    Language,
    ListStatus,
    PurgeReason,
    date_in_words,
    sample_in_force,
    words,
)
from retention.policy import Category, Clock, FinalAction, Reading
from retention.sampling import Sampling

REPORTED = (CaseState, CaseAction, JournalAction, NextAction, DisposalStatus, ListStatus, Category, FinalAction,
            Clock, DueReason, RequestKind, SamplingRule, Reading, PurgeReason)


def test_every_vocabulary_the_report_shows_has_a_table_of_words():
    assert set(REPORTED) <= set(WORDS)


@pytest.mark.parametrize("vocabulary", list(WORDS), ids=lambda vocabulary: vocabulary.__name__)
def test_every_value_of_a_vocabulary_has_words_in_french_and_in_english(vocabulary):
    for value in vocabulary:
        french, english = WORDS[vocabulary][value]
        assert french.strip() and english.strip(), value
        assert words(vocabulary, value, Language.FR) == french
        assert words(vocabulary, value, Language.EN) == english


@pytest.mark.parametrize("vocabulary", list(WORDS), ids=lambda vocabulary: vocabulary.__name__)
def test_no_french_words_are_the_code_itself(vocabulary):
    codes_kept = {value for value in vocabulary if WORDS[vocabulary][value][0] == value.value}
    assert codes_kept == set()


def test_every_category_has_its_legal_ground():
    assert set(LEGAL_GROUNDS) == set(Category) and all(ground.strip() for ground in LEGAL_GROUNDS.values())


def test_a_code_without_words_is_shown_as_it_is_and_no_value_as_a_dash():
    assert words(CaseState, "awaiting_something_new", Language.FR) == "awaiting_something_new"
    assert words(CaseState, None, Language.FR) == "-"


@pytest.mark.parametrize(("day", "language", "expected"), [
    (date(2026, 12, 6), Language.FR, "6 décembre 2026"),
    (date(2027, 3, 1), Language.FR, "1er mars 2027"),
    (date(2024, 2, 29), Language.FR, "29 février 2024"),
    (date(2026, 8, 15), Language.FR, "15 août 2026"),
    (date(2026, 12, 6), Language.EN, "6 December 2026"),
    (date(2027, 3, 1), Language.EN, "1 March 2027"),
    (None, Language.FR, "-"),
])
def test_dates_are_written_in_words(day, language, expected):
    assert date_in_words(day, language) == expected


@pytest.mark.parametrize(("rule", "sampling", "french", "english"), [
    (SamplingRule.SHARE, Sampling(one_in=10), "un dossier sur 10", "one file in 10"),
    (SamplingRule.BIRTH_DAYS, Sampling(birth_days=frozenset({1})), "enfants nés le 1er du mois",
     "children born on day 1 of a month"),
    (SamplingRule.BIRTH_DAYS, Sampling(birth_days=frozenset({15, 2, 1})), "enfants nés le 1er, 2 ou 15 du mois",
     "children born on day 1, 2 or 15 of a month"),
    (SamplingRule.SURNAME_INITIALS, Sampling(surname_initials=frozenset({"T", "B"})),
     "nom de l'enfant commençant par B ou T", "the child's surname starting with B or T"),
])
def test_a_sampling_rule_in_force_is_said_with_its_figures(rule, sampling, french, english):
    assert (sample_in_force(rule, sampling, Language.FR), sample_in_force(rule, sampling, Language.EN)) == (
        french, english)
