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
from tests.conftest import plainer_reading

POLICY = load_policy(DEFAULT_POLICY)
# The shipped policy's plainer reading, as its comments say to choose it: counted from the end of service
# whatever the child's age (abuse apart). For the tests of the clock's other rules, which majority would hide.
PLAIN = parse_policy(plainer_reading())
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


def test_an_ended_case_is_archived_and_given_its_disposal_date_five_years_after_the_childs_majority():
    decision = plan_case(case(AED_ENDED_2023), POLICY, AS_OF)
    assert decision.steps == ("archived",)
    assert (decision.state, decision.archived_on) == (CaseState.ARCHIVED, AS_OF)
    # services ended 2023-03-31, the child (born 2008-06-01) of age on 2026-06-01: five years from then
    assert (decision.next_action, decision.next_action_due_on) == (NextAction.PROPOSE_DISPOSAL, date(2031, 6, 1))


def test_the_archive_period_runs_from_the_end_of_service_not_from_archiving():
    archived_late = case(AED_ENDED_2023, state=CaseState.ARCHIVED, archived_on=AS_OF)
    assert plan_case(archived_late, PLAIN, date(2028, 3, 30)).steps == ()
    assert plan_case(archived_late, PLAIN, date(2028, 3, 31)).steps == ("proposed_for_disposal",)


def test_an_old_unarchived_case_is_archived_and_proposed_in_the_same_run():
    decision = plan_case(case(AED_ENDED_2019), PLAIN, AS_OF)
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
    decision = plan_case(archived, PLAIN, AS_OF)
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
    decision = plan_case(rejected, PLAIN, AS_OF)
    assert decision.steps == ()
    assert (decision.state, decision.next_action_due_on) == (CaseState.ARCHIVED, date(2027, 11, 2))
    assert plan_case(rejected, PLAIN, date(2027, 11, 2)).steps == ("proposed_for_disposal",)


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
    decision = plan_case(facts, PLAIN, date(2024, 2, 14))
    assert decision.next_action_due_on == date(2024, 2, 15)


def test_judicial_cases_are_kept_longer_as_the_policy_says():
    facts = case(AEMO_ENDED_2019, state=CaseState.ARCHIVED, archived_on=date(2019, 6, 1))
    assert plan_case(facts, POLICY, AS_OF).next_action_due_on == date(2036, 6, 1)  # majority 2026-06-01 + 10
    assert plan_case(facts, PLAIN, AS_OF).next_action_due_on == date(2029, 5, 10)  # services ended + 10


CHILD_OF_FOUR = dict(opened_on=date(2016, 9, 1), child_birth_date=date(2015, 3, 1))
ENDED_AT_FOUR = date(2019, 3, 1)


@pytest.mark.parametrize(("measures", "concerns", "years"), [
    ([], [("no_further_action", date(2019, 1, 1), ENDED_AT_FOUR)], 5),
    ([("administrative", date(2016, 9, 1), ENDED_AT_FOUR)], [], 5),
    ([("judicial", date(2016, 9, 1), ENDED_AT_FOUR)], [], 10),
    ([("administrative", date(2016, 9, 1), ENDED_AT_FOUR)],
     [("reported_to_prosecutor", date(2016, 9, 1), date(2016, 10, 1))], 20),
])
def test_by_default_every_category_counts_from_majority_for_a_child_of_four(measures, concerns, years):
    facts = CaseFacts(id="D-4", state=CaseState.ARCHIVED, archived_on=date(2019, 4, 1), **CHILD_OF_FOUR,
                      measures=tuple(MeasureFact(*m) for m in measures),
                      concerns=tuple(ConcernFact(*c) for c in concerns))
    assert POLICY.reading == "from_majority"
    # 18 on 2033-03-01: not destroyed at nine (2024), kept until the years after majority have run
    assert plan_case(facts, POLICY, AS_OF).next_action_due_on == date(2033 + years, 3, 1)


def test_the_plainer_reading_counts_from_the_end_of_service_and_says_so():
    child_of_four = CaseFacts(id="D-4", state=CaseState.ARCHIVED, archived_on=date(2019, 4, 1), **CHILD_OF_FOUR,
                              measures=(MeasureFact("administrative", date(2016, 9, 1), ENDED_AT_FOUR),))
    assert plan_case(child_of_four, PLAIN, AS_OF).steps == ("proposed_for_disposal",)  # due 2024-03-01, aged nine
    assert PLAIN.reading == "mixed"  # abuse still counts from majority (art. 2226)
    assert [c for c, rule in PLAIN.rules.items() if rule.count_from_majority] == [Category.ABUSE]
    assert parse_policy("defaults: {count_from_majority: false}").reading == "from_end_of_service"


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
    policy = parse_policy("defaults: {final_action: transfer_to_archives, visa_required: false, "
                          "count_from_majority: false}")
    decision = plan_case(case(AED_ENDED_2019), policy, AS_OF)
    assert decision.steps == ("archived", "proposed_for_disposal", "carry_out")
    assert decision.auto_approved


def test_plan_returns_only_the_cases_that_change():
    assert [d.case_id for d in plan([case(AED_OPEN), replace(case(AED_ENDED_2023), id="D-2")], POLICY, AS_OF)] == ["D-2"]


SAMPLED_BY_BIRTH = parse_policy("defaults: {count_from_majority: false}\nsampling: {birth_days: [1]}\n"
                                "categories: {abuse: {final_action: transfer_to_archives}}")


def test_a_case_the_sample_keeps_is_proposed_for_transfer_and_the_others_for_destruction():
    kept = plan_case(case(AED_ENDED_2019), SAMPLED_BY_BIRTH, AS_OF)  # the child was born on 1 June
    assert kept.steps == ("archived", "proposed_for_disposal", "sampled")
    assert (kept.final_action, kept.sampled_by) == ("transfer_to_archives", "birth_days")
    other = plan_case(replace(case(AED_ENDED_2019), child_birth_date=date(2008, 6, 2)), SAMPLED_BY_BIRTH, AS_OF)
    assert other.steps == ("archived", "proposed_for_disposal")
    assert (other.final_action, other.sampled_by) == ("destroy", None)


def test_a_sampled_item_is_carried_out_as_a_transfer_whatever_the_policy_says_since():
    approved = case(AED_ENDED_2019, state=CaseState.PENDING_DISPOSAL, archived_on=date(2019, 6, 1),
                    disposal=DisposalFact(7, "approved", date(2026, 11, 1), sampled_by="birth_days"))
    for policy in (SAMPLED_BY_BIRTH, PLAIN):  # PLAIN: the sampling rules removed after the proposal
        decision = plan_case(approved, policy, AS_OF)
        assert decision.steps == ("carry_out",)
        assert (decision.final_action, decision.sampled_by) == ("transfer_to_archives", "birth_days")
    not_sampled = replace(approved, disposal=DisposalFact(7, "approved", date(2026, 11, 1)))
    assert plan_case(not_sampled, SAMPLED_BY_BIRTH, AS_OF).final_action == "destroy"


def test_a_sampled_case_reopened_is_no_longer_in_the_sample():
    pending = case(AED_ENDED_2019, AED_OPEN, state=CaseState.PENDING_DISPOSAL, archived_on=date(2019, 6, 1),
                   disposal=DisposalFact(7, "proposed", None, sampled_by="birth_days"))
    decision = plan_case(pending, SAMPLED_BY_BIRTH, AS_OF)
    assert decision.steps == ("reactivated",) and decision.sampled_by is None


def test_only_eliminable_files_are_sampled():
    abuse = case(AED_ENDED_2019, concerns=[("reported_to_prosecutor", date(2016, 1, 1), date(2016, 2, 1))],
                 state=CaseState.ARCHIVED, archived_on=date(2019, 6, 1))
    decision = plan_case(abuse, SAMPLED_BY_BIRTH, date(2046, 6, 1))  # transferred anyway: not a sample
    assert decision.steps == ("proposed_for_disposal",)
    assert (decision.final_action, decision.sampled_by) == ("transfer_to_archives", None)
    anonymised = parse_policy("defaults: {count_from_majority: false, final_action: anonymise}\n"
                              "sampling: {surname_initials: [B]}")
    by_initial = plan_case(case(AED_ENDED_2019, child_surname_initial="B"), anonymised, AS_OF)
    assert (by_initial.final_action, by_initial.sampled_by) == ("transfer_to_archives", "surname_initials")


def test_the_share_rule_chooses_by_the_key_handed_to_the_plan():
    one_in_two = parse_policy("defaults: {count_from_majority: false}\nsampling: {one_in: 2}")
    ids = [f"D-{n}" for n in range(20)]
    chosen = {key: {d.case_id for d in plan([replace(case(AED_ENDED_2019), id=i) for i in ids], one_in_two, AS_OF, key)
                    if d.sampled_by == "share"} for key in (bytes(32), bytes([1]) * 32)}
    assert chosen[bytes(32)] and chosen[bytes(32)] != chosen[bytes([1]) * 32]
    with pytest.raises(ValueError, match="sampling key"):
        plan_case(case(AED_ENDED_2019), one_in_two, AS_OF)
