"""Deadlines and capacity checks of rights requests (pure)."""

from datetime import date

import pytest

from casefiles.kernel.vocabulary import Capacity
from subject_requests.capacity import Facts, capacity_warnings
from subject_requests.deadlines import extended_deadline, first_deadline, why_not_extendable


@pytest.mark.parametrize("received, due", [
    (date(2026, 1, 31), date(2026, 2, 28)), (date(2028, 1, 31), date(2028, 2, 29)),
    (date(2026, 3, 31), date(2026, 4, 30)), (date(2026, 12, 15), date(2027, 1, 15)),
])
def test_answer_due_one_calendar_month_after_receipt(received, due):
    assert first_deadline(received) == due


def test_one_extension_of_two_months_only_before_the_first_deadline():
    received = date(2026, 1, 31)
    assert extended_deadline(received) == date(2026, 4, 30)
    assert why_not_extendable(received, None, date(2026, 2, 28)) is None
    assert "has passed" in why_not_extendable(received, None, date(2026, 3, 1))
    assert "already extended" in why_not_extendable(received, date(2026, 2, 10), date(2026, 2, 11))


def facts(**given) -> Facts:
    return Facts(**({"capacity": Capacity.SELF, "received_on": date(2026, 11, 22), "subject_birth_date": None,
                     "subject_is_third_party": False, "requester_in_subject_files": False,
                     "requester_authority_withdrawn": False} | given))


def test_a_parent_asking_for_a_child_now_adult_is_warned():
    [warning] = capacity_warnings(facts(capacity=Capacity.PARENTAL_AUTHORITY, subject_birth_date=date(2008, 11, 22)))
    assert "was 18 on receipt" in warning
    assert capacity_warnings(facts(capacity=Capacity.PARENTAL_AUTHORITY, subject_birth_date=date(2008, 11, 23))) == []


def test_withdrawn_authority_a_requester_in_the_file_and_a_subject_third_party_are_warned():
    warnings = capacity_warnings(facts(capacity=Capacity.PARENTAL_AUTHORITY, subject_birth_date=date(2015, 1, 1),
                                       requester_authority_withdrawn=True, requester_in_subject_files=True,
                                       subject_is_third_party=True))
    assert len(warnings) == 3
    assert "withdrawn" in warnings[0] and "also takes part" in warnings[1] and "third party" in warnings[2]


def test_a_minor_asking_alone_is_flagged_and_an_adult_asking_alone_is_not():
    assert "minor (15)" in capacity_warnings(facts(subject_birth_date=date(2011, 6, 1)))[0]
    assert capacity_warnings(facts(subject_birth_date=date(1990, 6, 1))) == []
