"""Lifecycle planning: a pure function of (case facts, policy, as-of date) to the actions due.

    active --(service ended, + archive_after)--> archived --(+ keep_archived)--> pending_disposal
       ^                                            |                              |
       +------ a new measure or concern reopens ----+------------------------------+
    pending_disposal --(visa, no hold)--> destroyed | anonymised | awaiting_transfer
    awaiting_transfer --(the archives confirm, no hold)--> transferred   (they refuse: pending_disposal again)

The clock starts when service ends (the last measure ended and no concern is open), never at the
record's creation; for a category counted from majority, at the child's 18th birthday if later.
A hold in force stops disposal whatever the date. A case proposed for destruction or anonymisation
that the policy's sampling rules keep for history (retention/sampling.py) is proposed for transfer to
the archives instead, and carried out so. No database, no clock, no key file: `as_of` and the sampling
key are arguments.
"""

from dataclasses import dataclass, field
from datetime import date

from casefiles.kernel.calendar import add_months, add_years
from casefiles.kernel.vocabulary import CaseState, ConcernOutcome, DisposalStatus, MeasureNature, NextAction
from retention.policy import Category, FinalAction, Policy, Rule
from retention.sampling import sampled_by

# The final actions that eliminate a file: the only ones a sample can turn into a transfer.
ELIMINATING = (FinalAction.DESTROY, FinalAction.ANONYMISE)


@dataclass(frozen=True)
class MeasureFact:
    nature: str
    started_on: date
    ended_on: date | None


@dataclass(frozen=True)
class ConcernFact:
    outcome: str
    received_on: date
    closed_on: date | None


@dataclass(frozen=True)
class DisposalFact:
    item_id: int
    status: str
    decided_on: date | None
    sampled_by: str | None = None  # the sampling rule that turned the item into a transfer, if any


@dataclass(frozen=True)
class CaseFacts:
    id: str
    state: str
    opened_on: date
    child_birth_date: date | None
    child_surname_initial: str | None = None  # what the surname_initials sampling rule needs, nothing more
    measures: tuple[MeasureFact, ...] = ()
    concerns: tuple[ConcernFact, ...] = ()
    holds_in_force: int = 0
    archived_on: date | None = None
    next_action: str | None = None
    next_action_due_on: date | None = None
    disposal: DisposalFact | None = None  # the case's current disposal-list item, if any
    transfer_confirmed: bool = False  # awaiting_transfer: the archives confirmed they hold its package


@dataclass(frozen=True)
class CaseDecision:
    """What the plan decided for one case: its new lifecycle fields and the steps that lead there (a
    rights request's decision on one record is subject_requests/decision.py's `Decision`)."""

    case_id: str
    steps: tuple[str, ...]  # archived, reactivated, proposed_for_disposal, sampled, skipped_hold, carry_out, ...
    state: str
    category: Category
    service_ended_on: date | None
    archived_on: date | None
    next_action: str | None
    next_action_due_on: date | None
    final_action: FinalAction | None = None
    disposal_item_id: int | None = None
    auto_approved: bool = False
    sampled_by: str | None = None  # kept for history by this sampling rule: final_action is then the transfer


def category_of(facts: CaseFacts) -> Category:
    if any(c.outcome == ConcernOutcome.REPORTED_TO_PROSECUTOR for c in facts.concerns):
        return Category.ABUSE
    if any(m.nature == MeasureNature.JUDICIAL for m in facts.measures):
        return Category.JUDICIAL
    if facts.measures:
        return Category.ADMINISTRATIVE
    return Category.CONCERN_ONLY


def service_ended_on(facts: CaseFacts) -> date | None:
    """The day service ended, or None while a measure or a concern is open."""
    if any(m.ended_on is None for m in facts.measures) or any(c.closed_on is None for c in facts.concerns):
        return None
    ends = [m.ended_on for m in facts.measures] + [c.closed_on for c in facts.concerns]
    return max(ends, default=facts.opened_on)


def disposal_due_on(rule: Rule, ended: date, child_birth_date: date | None) -> date:
    start = ended
    if rule.count_from_majority and child_birth_date:
        start = max(ended, add_years(child_birth_date, 18))
    return add_years(start, rule.keep_archived_years)


@dataclass
class _Draft:
    state: str
    archived_on: date | None
    steps: list[str] = field(default_factory=list)


def _plan_awaiting_transfer(facts: CaseFacts, category: Category, as_of: date) -> CaseDecision:
    """A case sent to the archives stays as it is until they confirm they hold it; then it is destroyed here
    (its transfer carried out), unless a hold came meanwhile. Nothing else moves it: a refusal is recorded
    by `oubli transfers reject`, which puts it back on a disposal list."""
    ended = service_ended_on(facts)
    item_id = facts.disposal.item_id if facts.disposal else None
    sampled = facts.disposal.sampled_by if facts.disposal else None
    steps: tuple[str, ...] = ()
    next_action, due = NextAction.AWAIT_TRANSFER_REPLY, None
    if facts.transfer_confirmed and ended is not None:  # reopened meanwhile: it waits for the DPO
        next_action, due = NextAction.CARRY_OUT, as_of
        steps = ("skipped_hold",) if facts.holds_in_force else ("carry_out",)
    return CaseDecision(case_id=facts.id, steps=steps, state=facts.state, category=category, service_ended_on=ended,
                        archived_on=facts.archived_on, next_action=next_action, next_action_due_on=due,
                        final_action=FinalAction.TRANSFER_TO_ARCHIVES, disposal_item_id=item_id, sampled_by=sampled)


def _sample(facts: CaseFacts, policy: Policy, rule: Rule, key: bytes) -> str | None:
    if rule.final_action not in ELIMINATING:
        return None
    return sampled_by(policy.sampling, facts.id, facts.child_birth_date, facts.child_surname_initial, key)


def plan_case(facts: CaseFacts, policy: Policy, as_of: date, sampling_key: bytes = b"") -> CaseDecision | None:
    """The decision for one case on `as_of`, or None when nothing changes. `sampling_key` is needed only
    by the share rule of sampling (retention/sampling.py)."""
    category = category_of(facts)
    if facts.state == CaseState.AWAITING_TRANSFER:
        decision = _plan_awaiting_transfer(facts, category, as_of)
        unchanged = not decision.steps and (decision.next_action, decision.next_action_due_on) == (
            facts.next_action, facts.next_action_due_on)
        return None if unchanged else decision
    rule = policy.rule(category)
    ended = service_ended_on(facts)
    draft = _Draft(facts.state, facts.archived_on)
    next_action: str | None = None
    due: date | None = None
    item_id = facts.disposal.item_id if facts.disposal else None
    auto_approved = False
    # An item on a list keeps the choice made when it was proposed, whatever the policy says since.
    sampled = facts.disposal.sampled_by if facts.disposal and facts.disposal.status in (
        DisposalStatus.PROPOSED, DisposalStatus.APPROVED) else None

    if ended is None:
        if draft.state in (CaseState.ARCHIVED, CaseState.PENDING_DISPOSAL):
            draft.steps.append("reactivated")
        draft.state, draft.archived_on = CaseState.ACTIVE, None
    else:
        disposal_due = disposal_due_on(rule, ended, facts.child_birth_date)
        if draft.state == CaseState.ACTIVE:
            archive_due = add_months(ended, rule.archive_after_months)
            if archive_due <= as_of:
                draft.state, draft.archived_on = CaseState.ARCHIVED, as_of
                draft.steps.append("archived")
            else:
                next_action, due = NextAction.ARCHIVE, archive_due
        if facts.disposal and facts.disposal.status == DisposalStatus.REJECTED:
            # The archives refused: not proposed again before the policy's delay has passed.
            disposal_due = max(disposal_due, add_years(facts.disposal.decided_on, rule.review_rejected_after_years))
        if draft.state == CaseState.PENDING_DISPOSAL and facts.disposal \
                and facts.disposal.status == DisposalStatus.PROPOSED:
            next_action = NextAction.AWAIT_VISA
        if draft.state == CaseState.ARCHIVED:
            if disposal_due > as_of:
                next_action, due = NextAction.PROPOSE_DISPOSAL, disposal_due
            elif facts.holds_in_force:
                next_action, due = NextAction.PROPOSE_DISPOSAL, disposal_due
                draft.steps.append("skipped_hold")
            else:
                draft.state = CaseState.PENDING_DISPOSAL
                draft.steps.append("proposed_for_disposal")
                item_id = None
                sampled = _sample(facts, policy, rule, sampling_key)
                if sampled:
                    draft.steps.append("sampled")  # kept for history: proposed for transfer instead
                if rule.visa_required:
                    next_action = NextAction.AWAIT_VISA
                else:
                    auto_approved = True
        approved = auto_approved or (
            item_id is not None and facts.disposal.status == DisposalStatus.APPROVED)
        if draft.state == CaseState.PENDING_DISPOSAL and approved:
            next_action, due = NextAction.CARRY_OUT, as_of
            if facts.holds_in_force:
                draft.steps.append("skipped_hold")
            else:
                draft.steps.append("carry_out")

    if draft.state != CaseState.PENDING_DISPOSAL:
        sampled = None  # reopened: its item is withdrawn, and with it the choice
    decision = CaseDecision(
        case_id=facts.id, steps=tuple(draft.steps), state=draft.state, category=category,
        service_ended_on=ended, archived_on=draft.archived_on, next_action=next_action,
        next_action_due_on=due, final_action=FinalAction.TRANSFER_TO_ARCHIVES if sampled else rule.final_action,
        disposal_item_id=item_id, auto_approved=auto_approved, sampled_by=sampled,
    )
    unchanged = (not decision.steps and decision.state == facts.state and decision.archived_on == facts.archived_on
                 and (next_action, due) == (facts.next_action, facts.next_action_due_on))
    return None if unchanged else decision


def plan(cases: list[CaseFacts], policy: Policy, as_of: date, sampling_key: bytes = b"") -> list[CaseDecision]:
    return [decision for facts in cases if (decision := plan_case(facts, policy, as_of, sampling_key))]
