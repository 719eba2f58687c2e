"""The sample kept for history: each sampling rule, its rows in and out, and the policy's sampling section."""

from datetime import date

import pytest

from casefiles.kernel.vocabulary import SamplingRule
from retention.policy import PolicyError, parse_policy
from retention.sampling import Sampling, in_share, sampled_by, surname_initial

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
CASES = [f"D-{n:04d}" for n in range(1, 101)]


def test_one_in_ten_keeps_about_a_tenth_of_the_cases():
    kept = sum(in_share(f"D-{n:05d}", 10, KEY) for n in range(10_000))
    assert 900 <= kept <= 1100  # 1,013 under this key


def test_the_share_keeps_the_same_cases_in_every_run_and_every_version():
    # Pinned: a change of the digest or of how it is read would change which cases went to the archives.
    assert [c for c in CASES if in_share(c, 10, KEY)] == ["D-0002", "D-0009", "D-0011", "D-0017", "D-0025",
                                                          "D-0029", "D-0059"]


def test_another_key_chooses_other_cases():
    under_key = {c for c in CASES if in_share(c, 10, KEY)}
    under_other = {c for c in CASES if in_share(c, 10, OTHER_KEY)}
    assert under_other and under_key != under_other


def test_the_share_rule_needs_the_key():
    with pytest.raises(ValueError, match="sampling key"):
        sampled_by(Sampling(one_in=10), "D-0002", None, None, b"")


@pytest.mark.parametrize(("born", "kept"), [
    (date(2010, 3, 1), True),
    (date(2010, 3, 3), True),
    (date(2012, 2, 29), False),
    (date(2010, 3, 4), False),
    (date(2010, 12, 31), False),
    (None, False),  # no birth date known: the rule cannot choose the case
])
def test_the_birth_days_rule_keeps_the_children_born_on_those_days(born, kept):
    rule = sampled_by(Sampling(birth_days=frozenset({1, 2, 3})), "D-0001", born, None, KEY)
    assert rule == (SamplingRule.BIRTH_DAYS if kept else None)


@pytest.mark.parametrize(("surname", "initial"), [
    ("Bernard", "B"),
    ("thomas", "T"),
    ("Émery", "E"),
    ("Le Gall", "L"),
    ("d'Almeida", "D"),
    ("  Œuvray", "O"),
    ("Øster", None),  # no letter A to Z to file it under
    ("", None),
    (None, None),
])
def test_a_surname_is_filed_under_its_first_letter_accents_and_case_folded(surname, initial):
    assert surname_initial(surname) == initial


@pytest.mark.parametrize(("surname", "kept"), [("Bernard", True), ("Thomas", True), ("Tétard", True),
                                               ("Dupont", False), (None, False)])
def test_the_initials_rule_keeps_the_surnames_starting_with_those_letters(surname, kept):
    rule = sampled_by(Sampling(surname_initials=frozenset({"B", "T"})), "D-0001", None, surname_initial(surname), KEY)
    assert rule == (SamplingRule.SURNAME_INITIALS if kept else None)


def test_a_case_chosen_by_several_rules_is_named_by_the_first_in_order():
    every_rule = Sampling(one_in=10, birth_days=frozenset({1}), surname_initials=frozenset({"B"}))
    assert sampled_by(every_rule, "D-0002", date(2010, 3, 1), "B", KEY) == SamplingRule.SHARE
    assert sampled_by(every_rule, "D-0001", date(2010, 3, 1), "B", KEY) == SamplingRule.BIRTH_DAYS
    assert sampled_by(every_rule, "D-0001", date(2010, 3, 2), "B", KEY) == SamplingRule.SURNAME_INITIALS
    assert sampled_by(every_rule, "D-0001", date(2010, 3, 2), "D", KEY) is None


def test_a_policy_without_sampling_keeps_no_sample():
    assert sampled_by(parse_policy("").sampling, "D-0002", date(2010, 3, 1), "B", b"") is None


def test_the_sampling_section_is_read():
    policy = parse_policy("sampling: {one_in: 10, birth_days: [1, 2, 3], surname_initials: [b, T]}")
    assert policy.sampling == Sampling(one_in=10, birth_days=frozenset({1, 2, 3}), surname_initials=frozenset({"B", "T"}))
    assert policy.sampling.rules == (SamplingRule.SHARE, SamplingRule.BIRTH_DAYS, SamplingRule.SURNAME_INITIALS)


@pytest.mark.parametrize(("section", "key"), [
    ("sampling: {one_in: 1}", "sampling.one_in"),
    ("sampling: {one_in: 1001}", "sampling.one_in"),
    ("sampling: {one_in: ten}", "sampling.one_in"),
    ("sampling: {birth_days: [0, 3]}", "sampling.birth_days"),
    ("sampling: {birth_days: [32]}", "sampling.birth_days"),
    ("sampling: {surname_initials: [BT]}", "sampling.surname_initials"),
    ("sampling: {surname_initials: [É]}", "sampling.surname_initials"),
    ("sampling: {one_in_ten: true}", "sampling.one_in_ten"),
])
def test_a_wrong_sampling_section_is_refused_naming_its_key(section, key):
    with pytest.raises(PolicyError, match=key.replace(".", r"\.") + ":"):
        parse_policy(section)
