"""The retention report for auditors: what the store holds, what is due and why, what was done, and
whether the journal is intact. Plain values out; rendering is in retention/report_render.py.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from casefiles.kernel.vocabulary import CaseAction, CaseState, DisposalStatus, NextAction
from casefiles.persistence import journal
from casefiles.persistence.models import Case, DisposalItem, DisposalList, LegalHold, Restriction
from retention.due import DUE_ACTIONS
from retention.labels import DueReason, JournalAction
from retention.policy import Policy, Rule
from retention.purge_list import StillHeld, still_held

# Every lifecycle action on a case, then the decisions on lists, the holds and the runs (from their
# vocabularies, so a new one cannot be left out).
ACTIONS_REPORTED = (*CaseAction, *JournalAction)
OVERDUE_LISTED = 1000
NOT_PLANNED = "not yet planned"  # the category key of cases the lifecycle has not placed yet


@dataclass(frozen=True)
class DueCase:
    case_id: str
    state: str
    category: str | None
    next_action: str | None
    due_on: date | None
    why: DueReason
    list_id: int | None = None  # waiting for the archives' visa: the disposal list proposing it,
    proposed_on: date | None = None  # the day that list was drawn up,
    days_waiting: int | None = None  # and the days since, to the report's date


@dataclass(frozen=True)
class ActionDone:
    seq: int
    at: str
    actor: str
    action: str
    targets: list[str]
    policy: str | None


@dataclass(frozen=True)
class ListSummary:
    id: int
    status: str
    created_on: date
    visa_ref: str | None
    decided_on: date | None  # the day the decision was recorded
    decided_by: str | None
    items: dict[str, int]  # per item status
    visa_on: date | None  # the date of the archives' decision, as they dated it


@dataclass(frozen=True)
class Report:
    as_of: date
    period_from: date | None
    period_to: date | None
    policy: str
    policy_reading: str  # from_majority, from_end_of_service or mixed: when the archive periods start
    sampling: dict[str, Any]  # the sampling rules in force: one_in, birth_days, surname_initials
    sampled_by_rule: dict[str, int]  # disposal items kept for history (turned into transfers), per sampling rule
    cases_by_state: dict[str, int]
    cases_by_state_and_category: dict[str, dict[str, int]]
    pipeline_by_year: dict[int, dict[str, int]]  # year service ended (or opened) -> state -> cases
    overdue_total: int
    overdue_by_reason: dict[str, int]
    overdue: list[DueCase]  # the first OVERDUE_LISTED, by due date
    actions_by_type: dict[str, int]
    actions: list[ActionDone]
    disposal_lists: list[ListSummary]
    journal: journal.Verification
    policy_rules: list[Rule]  # the rule in force for each category
    live_system_years: int  # the case system moves a case out of its daily use this long after the end of service
    source_still_holds: list[StillHeld]  # per reason of the purge list: not confirmed by the source, and confirmed


def _why(next_action: str | None, held: bool, restricted: bool, item_status: str | None) -> DueReason:
    if held:
        return DueReason.HOLD
    if restricted:
        return DueReason.RESTRICTED
    if item_status == DisposalStatus.PROPOSED:
        return DueReason.AWAITING_VISA
    if item_status == DisposalStatus.APPROVED:
        return DueReason.APPROVED
    if next_action == NextAction.REVIEW:
        return DueReason.CHANGED
    return DueReason.DUE


def build_report(connection: Connection, policy: Policy, as_of: date, period_from: date | None = None,
                 period_to: date | None = None) -> Report:
    by_state = dict(connection.execute(select(Case.state, func.count()).group_by(Case.state)).all())
    by_category: dict[str, dict[str, int]] = defaultdict(dict)
    for state, category, count in connection.execute(
        select(Case.state, Case.category, func.count()).group_by(Case.state, Case.category)
    ):
        by_category[state][category or NOT_PLANNED] = count

    year = _year_of(connection, func.coalesce(Case.service_ended_on, Case.opened_on))
    pipeline: dict[int, dict[str, int]] = defaultdict(dict)
    for case_year, state, count in connection.execute(
        select(year, Case.state, func.count()).group_by(year, Case.state)
    ):
        pipeline[int(case_year)][state] = count

    overdue_filter = and_(
        Case.state.in_([CaseState.ACTIVE, CaseState.ARCHIVED, CaseState.PENDING_DISPOSAL]),
        or_(and_(Case.next_action.in_(DUE_ACTIONS), Case.next_action_due_on <= as_of),
            Case.next_action.in_([NextAction.AWAIT_VISA, NextAction.REVIEW])),
    )
    held = set(connection.scalars(select(LegalHold.case_id).where(LegalHold.lifted_on.is_(None))))
    restricted = set(connection.scalars(select(Restriction.case_id).where(Restriction.lifted_on.is_(None))))
    open_items = {case_id: (status, list_id, created_on) for case_id, status, list_id, created_on in connection.execute(
        select(DisposalItem.case_id, DisposalItem.status, DisposalItem.list_id, DisposalList.created_on)
        .join(DisposalList, DisposalList.id == DisposalItem.list_id)
        .where(DisposalItem.status.in_([DisposalStatus.PROPOSED, DisposalStatus.APPROVED])))}
    reasons: Counter = Counter()
    overdue: list[DueCase] = []
    for case_id, state, category, next_action, due in connection.execute(
        select(Case.id, Case.state, Case.category, Case.next_action, Case.next_action_due_on)
        .where(overdue_filter).order_by(Case.next_action_due_on, Case.id)
    ):
        item_status, list_id, proposed_on = open_items.get(case_id, (None, None, None))
        why = _why(next_action, case_id in held, case_id in restricted, item_status)
        reasons[why] += 1
        if len(overdue) < OVERDUE_LISTED:
            waiting = (list_id, proposed_on, (as_of - proposed_on).days) if why == DueReason.AWAITING_VISA else ()
            overdue.append(DueCase(case_id, state, category, next_action, due, why, *waiting))

    actions, by_type = [], Counter()
    for entry in journal.entries(connection, since=period_from.isoformat() if period_from else None):
        if period_to and entry.at[:10] > period_to.isoformat():
            break
        if entry.action in ACTIONS_REPORTED:
            by_type[entry.action] += len(entry.target_ids) or 1
            if entry.action != "run.completed":
                actions.append(ActionDone(entry.seq, entry.at, entry.actor, entry.action, entry.target_ids,
                                          entry.details.get("policy")))

    items: dict[int, Counter] = defaultdict(Counter)
    for list_id, status, count in connection.execute(
        select(DisposalItem.list_id, DisposalItem.status, func.count()).group_by(DisposalItem.list_id, DisposalItem.status)
    ):
        items[list_id][status] = count
    sampled = dict(connection.execute(
        select(DisposalItem.sampled_by, func.count()).where(DisposalItem.sampled_by.is_not(None))
        .group_by(DisposalItem.sampled_by)).all())
    lists = [ListSummary(d.id, d.status, d.created_on, d.visa_ref, d.decided_on, d.decided_by, dict(items[d.id]),
                         d.visa_on)
             for d in connection.execute(select(DisposalList).order_by(DisposalList.id))]

    return Report(
        as_of=as_of, period_from=period_from, period_to=period_to, policy=policy.version,
        policy_reading=policy.reading.value, sampling=_sampling_in_force(policy), sampled_by_rule=sampled,
        cases_by_state=by_state, cases_by_state_and_category={k: dict(v) for k, v in by_category.items()},
        pipeline_by_year=dict(sorted(pipeline.items())), overdue_total=sum(reasons.values()),
        overdue_by_reason=dict(reasons), overdue=overdue, actions_by_type=dict(by_type), actions=actions,
        disposal_lists=lists, journal=journal.verify(connection), policy_rules=list(policy.rules.values()),
        live_system_years=policy.live_system_years,
        source_still_holds=still_held(connection, policy, as_of, period_from, period_to),
    )


def _sampling_in_force(policy: Policy) -> dict[str, object]:
    given = policy.sampling
    return {"one_in": given.one_in, "birth_days": sorted(given.birth_days),
            "surname_initials": sorted(given.surname_initials)}


def _year_of(connection: Connection, column):
    """The year of a date, as each database writes it."""
    if connection.dialect.name == "sqlite":
        return func.strftime("%Y", column)
    return func.extract("year", column)
