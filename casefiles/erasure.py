"""Deleting a case's personal records: what both disposal and an erasure request stand on.

A person is deleted only when no other case still refers to them (as participant, author of a
document or reporter of a concern); otherwise only the link to this case goes.
"""

from collections.abc import Collection

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from casefiles.models import (ArchiveRead, Concern, Document, LegalHold, Measure, Participation, Person, RecordHistory,
                              Restriction, Statement)


def erase_case_records(session: Session, case_ids: Collection[str]) -> int:
    """Delete the documents (with the statements added to them), measures, concerns, participations,
    holds, restrictions and reasons for reading of `case_ids`, then every person they referred to
    that nothing else refers to. Returns how many persons were deleted. The case rows stay, for their tombstones."""
    if not case_ids:
        return 0
    ids = list(case_ids)
    referred = set(session.scalars(select(Participation.person_id).where(Participation.case_id.in_(ids))))
    referred |= set(session.scalars(select(Document.author_id).where(Document.case_id.in_(ids))))
    referred |= set(session.scalars(select(Concern.reported_by).where(Concern.case_id.in_(ids))))
    referred.discard(None)
    session.execute(delete(Statement).where(Statement.document_id.in_(select(Document.id)
                                                                      .where(Document.case_id.in_(ids)))))
    for model in (Document, Measure, Concern, Participation, LegalHold, Restriction, ArchiveRead):
        session.execute(delete(model).where(model.case_id.in_(ids)))
    orphans = list(session.scalars(select(Person.id).where(Person.id.in_(referred), ~_still_referred())))
    if orphans:
        _delete_persons(session, orphans)
    return len(orphans)


def _delete_persons(session: Session, person_ids: list[str]) -> None:
    """The persons with their rectification history and their statements."""
    for model in (RecordHistory, Statement):
        session.execute(delete(model).where(model.person_id.in_(person_ids)))
    session.execute(delete(Person).where(Person.id.in_(person_ids)))


def _still_referred():
    return (exists().where(Participation.person_id == Person.id)
            | exists().where(Document.author_id == Person.id)
            | exists().where(Concern.reported_by == Person.id))


def erase_person_if_unreferred(session: Session, person_id: str) -> bool:
    """Delete the person when no case refers to them any more; True if deleted."""
    if session.scalar(select(Person.id).where(Person.id == person_id, ~_still_referred())) is None:
        return False
    _delete_persons(session, [person_id])
    return True
