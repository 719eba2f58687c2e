"""Reading what the nightly run must look at: the cases due on a date, and the facts to plan them.

Only cases marked for review or whose next action is due are read, through indexes: a run where
nothing is due costs the same on a small store and a large one.
"""

from collections import Counter, defaultdict
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from casefiles.crypto.vault import Vault
from casefiles.kernel.vocabulary import CaseState, DisposalStatus, NextAction, TransferStatus
from casefiles.people import persons
from casefiles.persistence.models import Case, Concern, DisposalItem, LegalHold, Measure, Restriction, TransferPackage
from retention.lifecycle import CaseFacts, ConcernFact, DisposalFact, MeasureFact
from retention.sampling import surname_initial

DUE_ACTIONS = (NextAction.ARCHIVE, NextAction.PROPOSE_DISPOSAL, NextAction.CARRY_OUT)
ITEMS_THAT_MATTER = (DisposalStatus.PROPOSED, DisposalStatus.APPROVED, DisposalStatus.REJECTED)


def is_due(as_of: date):
    return or_(
        Case.next_action == NextAction.REVIEW,
        and_(Case.next_action_due_on <= as_of, Case.next_action.in_(DUE_ACTIONS)),
    )


def due_case_ids(session: Session, as_of: date, after: str, limit: int) -> list[str]:
    """The next `limit` due case ids after `after`, in id order (keyset paging, stable across commits)."""
    return list(session.scalars(
        select(Case.id).where(is_due(as_of), Case.id > after).order_by(Case.id).limit(limit)
    ))


def count_due(session: Session, as_of: date) -> int:
    return session.scalar(select(func.count()).select_from(Case).where(is_due(as_of)))


def lock_cases(session: Session, case_ids: list[str]) -> None:
    """Lock the cases' rows until commit, so that a hold placed meanwhile waits for this batch (and
    this batch sees it if it came first). SQLite serialises writers already."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(Case.id).where(Case.id.in_(case_ids)).with_for_update())


def load_facts(session: Session, case_ids: list[str], vault: Vault) -> list[CaseFacts]:
    """The facts of each case, read in a few set-wise queries (no query per case)."""
    measures, concerns = defaultdict(list), defaultdict(list)
    for case_id, nature, started, ended in session.execute(
        select(Measure.case_id, Measure.nature, Measure.started_on, Measure.ended_on)
        .where(Measure.case_id.in_(case_ids))
    ):
        measures[case_id].append(MeasureFact(nature, started, ended))
    for case_id, outcome, received, closed in session.execute(
        select(Concern.case_id, Concern.outcome, Concern.received_on, Concern.closed_on)
        .where(Concern.case_id.in_(case_ids))
    ):
        concerns[case_id].append(ConcernFact(outcome, received, closed))
    holds = Counter()
    for model in (LegalHold, Restriction):  # a restriction (art. 18) stops disposal as a hold does
        holds.update(dict(session.execute(
            select(model.case_id, func.count()).where(model.case_id.in_(case_ids), model.lifted_on.is_(None))
            .group_by(model.case_id)
        ).all()))
    # An archived child's birth date and surname are sealed: the read model opens them. Of the surname,
    # the facts keep only the letter the sampling rule by initials needs.
    children = persons.children(session, vault, case_ids)
    births = {case_id: child.birth_date for case_id, child in children.items()}
    initials = {case_id: surname_initial(child.last_name) for case_id, child in children.items()}
    items: dict[str, DisposalFact] = {}
    for case_id, item_id, status, decided_on, sampled_by in session.execute(
        select(DisposalItem.case_id, DisposalItem.id, DisposalItem.status, DisposalItem.decided_on,
               DisposalItem.sampled_by)
        .where(DisposalItem.case_id.in_(case_ids), DisposalItem.status.in_(ITEMS_THAT_MATTER))
        .order_by(DisposalItem.id)
    ):
        # The item awaiting a decision or approved wins; else the latest rejection.
        if case_id not in items or items[case_id].status == DisposalStatus.REJECTED:
            items[case_id] = DisposalFact(item_id, status, decided_on, sampled_by)
    confirmed = set(session.scalars(
        select(TransferPackage.case_id).join(Case, Case.id == TransferPackage.case_id)
        .where(TransferPackage.case_id.in_(case_ids), TransferPackage.status == TransferStatus.CONFIRMED,
               Case.state == CaseState.AWAITING_TRANSFER)))
    cases = session.execute(
        select(Case.id, Case.state, Case.opened_on, Case.archived_on, Case.next_action, Case.next_action_due_on)
        .where(Case.id.in_(case_ids)).order_by(Case.id)
    )
    return [
        CaseFacts(id=case_id, state=state, opened_on=opened, child_birth_date=births.get(case_id),
                  child_surname_initial=initials.get(case_id),
                  measures=tuple(measures[case_id]), concerns=tuple(concerns[case_id]),
                  holds_in_force=holds.get(case_id, 0), archived_on=archived, next_action=next_action,
                  next_action_due_on=due, disposal=items.get(case_id), transfer_confirmed=case_id in confirmed)
        for case_id, state, opened, archived, next_action, due in cases
    ]
