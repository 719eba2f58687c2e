"""The cases a data subject takes part in, with what bears on deciding their request."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefiles.kernel.vocabulary import DisposalStatus, NextAction
from casefiles.persistence.models import Case, DisposalItem, LegalHold, Participation, Restriction
from subject_requests.subject_case import SubjectCase


def lock_subject_cases(session: Session, subject_id: str) -> None:
    """Lock the rows of the subject's cases until commit, as a hold locks its case: a run's batch that
    holds one finishes first, and what is read afterwards sees the cases as the batch left them (on
    PostgreSQL each statement reads what was committed before it); a batch not yet begun waits and
    then sees what this transaction recorded. SQLite serialises writers already."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(Case.id).where(Case.id.in_(
            select(Participation.case_id).where(Participation.person_id == subject_id)))
            .order_by(Case.id).with_for_update())


def subject_cases(session: Session, subject_id: str) -> list[SubjectCase]:
    rows = session.execute(
        select(Case.id, Case.state, Case.next_action, Case.next_action_due_on)
        .join(Participation, Participation.case_id == Case.id)
        .where(Participation.person_id == subject_id).distinct().order_by(Case.id)).all()
    ids = [row.id for row in rows]

    def in_force(model) -> set[str]:
        return set(session.scalars(select(model.case_id).where(model.case_id.in_(ids), model.lifted_on.is_(None))))

    held, restricted = in_force(LegalHold), in_force(Restriction)
    listed = set(session.scalars(select(DisposalItem.case_id).where(
        DisposalItem.case_id.in_(ids), DisposalItem.status.in_([DisposalStatus.PROPOSED, DisposalStatus.APPROVED]))))
    return [SubjectCase(row.id, row.state,
                        row.next_action_due_on if row.next_action == NextAction.PROPOSE_DISPOSAL else None,
                        row.id in held, row.id in restricted, row.id in listed) for row in rows]
