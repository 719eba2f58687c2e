"""The lifecycle rules, with a fixed as-of date and no database."""

from dataclasses import replace
from datetime import date

import pytest

from casefiles.kernel.vocabulary import CaseState, NextAction
from oubli.settings import DEFAULT_POLICY
from retention.lifecycle import (
    CaseFacts,
    ConcernFact,
    DisposalFact,
    MeasureFact,
    category_of,
    plan,
    plan_case,
    service_ended_on,
)
from retention.policy import Category, load_policy, parse_policy

POLICY = load_policy(DEFAULT_POLICY)
AS_OF = date(2026, 11, 22)


def case(*measures, concerns=(), state=CaseState.ACTIVE, **fields) -> CaseFacts:
    return CaseFacts(id="D-1", state=state, opened_on=date(2010, 1, 4), child_birth_date=date(2008, 6, 1),
                     measures=tuple(MeasureFact(*m) for m in measures),
                     concerns=tuple(ConcernFact(*c) for c in concerns), **fields)


AED_ENDED_2023 = ("administrative", date(2021, 1, 1), date(2023, 3, 31))
AED_ENDED_2019 = ("administrative", date(2017, 1, 1), date(2019, 5, 10))
AED_OPEN = ("administrative", date(2025, 1, 1), None)
AEMO_ENDED_2019 = ("judicial", date(2016, 1, 1), date(2019, 5, 10))


def test_the_clock_starts_at_the_last_end_never_at_creation():
    assert service_ended_on(case(AED_ENDED_2019, AED_ENDED_2023)) == date(2023, 3, 31)


def test_case_with_open_concern_is_not_archived():
    facts = case(AED_ENDED_2019, concerns=[("evaluation", date(2026, 10, 1), None)])
    assert service_ended_on(facts) is None
    assert plan_case(facts, POLICY, AS_OF) is None


def test_case_with_open_measure_is_not_archived():
    assert plan_case(case(AED_ENDED_2019, AED_OPEN), POLICY, AS_OF) is None


def test_an_ended_case_is_archived_and_given_its_disposal_date():
    decision = plan_case(case(AED_ENDED_2023), POLICY, AS_OF)
    assert decision.steps == ("archived",)
    assert (decision.state, decision.archived_on) == (CaseState.ARCHIVED, AS_OF)
    assert (decision.next_action, decision.next_action_due_on) == (NextAction.PROPOSE_DISPOSAL, date(2028, 3, 31))


def test_the_archive_period_runs_from_the_end_of_service_not_from_archiving():
    archived_late = case(AED_ENDED_2023, state=CaseState.ARCHIVED, archived_on=AS_OF)
    assert plan_case(archived_late, POLICY, date(2028, 3, 30)).steps == ()
    assert plan_case(archived_late, POLICY, date(2028, 3, 31)).steps == ("proposed_for_disposal",)


def test_an_old_unarchived_case_is_archived_and_proposed_in_the_same_run():
    decision = plan_case(case(AED_ENDED_2019), POLICY, AS_OF)
    assert decision.steps == ("archived", "proposed_for_disposal")
    assert (decision.state, decision.next_action) == (CaseState.PENDING_DISPOSAL, NextAction.AWAIT_VISA)


@pytest.mark.parametrize("measure", [AED_ENDED_2023, AED_ENDED_2019, AED_OPEN])
def test_planning_again_on_the_same_day_changes_nothing(measure):
    first = plan_case(case(measure, next_action=NextAction.REVIEW), POLICY, AS_OF)
    disposal = DisposalFact(1, "proposed", None) if first.state == CaseState.PENDING_DISPOSAL else None
    after = case(measure, state=first.state, archived_on=first.archived_on, next_action=first.next_action,
                 next_action_due_on=first.next_action_due_on, disposal=disposal)
    assert plan_case(after, POLICY, AS_OF) is None


def test_a_case_not_yet_due_is_scheduled_for_its_disposal_date():
    recent = ("administrative", date(2023, 1, 1), date(2024, 2, 29))
    archived = case(recent, state=CaseState.ARCHIVED, archived_on=date(2024, 3, 1))
    decision = plan_case(archived, POLICY, AS_OF)
    assert decision.steps == ()
    assert (decision.next_action, decision.next_action_due_on) == (NextAction.PROPOSE_DISPOSAL, date(2029, 2, 28))


def test_a_held_case_is_never_proposed_for_disposal_whatever_the_date():
    held = case(AED_ENDED_2019, state=CaseState.ARCHIVED, archived_on=date(2019, 6, 1), holds_in_force=1)
    decision = plan_case(held, POLICY, date(2040, 1, 1))
    assert decision.steps == ("skipped_hold",)
    assert decision.state == CaseState.ARCHIVED


def test_a_hold_placed_after_approval_stops_the_destruction():
    approved = case(AED_ENDED_2019, state=CaseState.PENDING_DISPOSAL, archived_on=date(2019, 6, 1),
                    holds_in_force=1, disposal=DisposalFact(7, "approved", date(2026, 11, 1)))
    decision = plan_case(approved, POLICY, AS_OF)
    assert decision.steps == ("skipped_hold",)
    assert decision.state == CaseState.PENDING_DISPOSAL
    released = plan_case(replace(approved, holds_in_force=0), POLICY, AS_OF)
    assert released.steps == ("carry_out",) and released.disposal_item_id == 7


def test_nothing_is_carried_out_while_the_visa_is_awaited():
    waiting = case(AED_ENDED_2019, state=CaseState.PENDING_DISPOSAL, archived_on=date(2019, 6, 1),
                   next_action=NextAction.AWAIT_VISA, disposal=DisposalFact(7, "proposed", None))
    assert plan_case(waiting, POLICY, date(2035, 1, 1)) is None


@pytest.mark.parametrize("state", [CaseState.ARCHIVED, CaseState.PENDING_DISPOSAL])
def test_a_new_measure_reopens_an_archived_or_pending_case_and_resets_the_clock(state):
    reopened = case(AED_ENDED_2019, AED_OPEN, state=state, archived_on=date(2019, 6, 1),
                    disposal=DisposalFact(7, "proposed", None) if state == CaseState.PENDING_DISPOSAL else None)
    decision = plan_case(reopened, POLICY, AS_OF)
    assert decision.steps == ("reactivated",)
    assert (decision.state, decision.archived_on, decision.next_action) == (CaseState.ACTIVE, None, None)


def test_a_rejected_disposal_is_not_proposed_again_before_the_policy_delay():
    rejected = case(AED_ENDED_2019, state=CaseState.ARCHIVED, archived_on=date(2019, 6, 1),
                    next_action=NextAction.REVIEW, disposal=DisposalFact(7, "rejected", date(2026, 11, 2)))
    decision = plan_case(rejected, POLICY, AS_OF)
    assert decision.steps == ()
    assert (decision.state, decision.next_action_due_on) == (CaseState.ARCHIVED, date(2027, 11, 2))
    assert plan_case(rejected, POLICY, date(2027, 11, 2)).steps == ("proposed_for_disposal",)


@pytest.mark.parametrize(
    ("measures", "concerns", "category"),
    [
        ([], [("no_further_action", date(2019, 1, 1), date(2019, 2, 1))], Category.CONCERN_ONLY),
        ([AED_ENDED_2019], [], Category.ADMINISTRATIVE),
        ([AED_ENDED_2019, AEMO_ENDED_2019], [], Category.JUDICIAL),
        ([AED_ENDED_2019], [("reported_to_prosecutor", date(2016, 1, 1), date(2016, 2, 1))], Category.ABUSE),
    ],
)
def test_each_case_falls_in_the_first_category_that_applies(measures, concerns, category):
    assert category_of(case(*measures, concerns=concerns)) == category


def test_a_concern_that_led_to_nothing_is_counted_from_its_closing():
    facts = case(concerns=[("no_further_action", date(2019, 1, 1), date(2019, 2, 15))],
                 state=CaseState.ARCHIVED, archived_on=date(2019, 3, 1))
    decision = plan_case(facts, POLICY, date(2024, 2, 14))
    assert decision.next_action_due_on == date(2024, 2, 15)


def test_judicial_cases_are_kept_longer_as_the_policy_says():
    facts = case(AEMO_ENDED_2019, state=CaseState.ARCHIVED, archived_on=date(2019, 6, 1))
    assert plan_case(facts, POLICY, AS_OF).next_action_due_on == date(2029, 5, 10)


def test_counting_from_majority_starts_the_clock_at_the_18th_birthday_when_later():
    abuse = case(AED_ENDED_2019, concerns=[("reported_to_prosecutor", date(2016, 1, 1), date(2016, 2, 1))],
                 state=CaseState.ARCHIVED, archived_on=date(2019, 6, 1))
    # child born 2008-06-01: majority 2026-06-01, then 20 years
    assert plan_case(abuse, POLICY, AS_OF).next_action_due_on == date(2046, 6, 1)


def test_archiving_waits_as_long_as_the_policy_says():
    policy = parse_policy("defaults: {archive_after_months: 24}")
    decision = plan_case(case(("administrative", date(2024, 1, 1), date(2025, 8, 31))), policy, AS_OF)
    assert (decision.state, decision.next_action, decision.next_action_due_on) == (
        CaseState.ACTIVE, NextAction.ARCHIVE, date(2027, 8, 31))


def test_without_a_visa_requirement_the_transfer_is_approved_at_proposal():
    policy = parse_policy("defaults: {final_action: transfer_to_archives, visa_required: false}")
    decision = plan_case(case(AED_ENDED_2019), policy, AS_OF)
    assert decision.steps == ("archived", "proposed_for_disposal", "carry_out")
    assert decision.auto_approved


def test_plan_returns_only_the_cases_that_change():
    assert [d.case_id for d in plan([case(AED_OPEN), replace(case(AED_ENDED_2023), id="D-2")], POLICY, AS_OF)] == ["D-2"]
