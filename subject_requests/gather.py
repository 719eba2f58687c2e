"""Everything the store holds on a data subject: their record, each case they take part in with
their roles, its measures and concerns (without who reported them), its documents, and the
names and identifiers of everyone in those cases (to tell the subject from third parties), and the
statements they added to documents."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefiles.kernel.errors import NotFound
from casefiles.persistence.models import Case, Concern, Document, Measure, Participation, Person, Statement
from casefiles.people.queries import Identity, case_identities
from casefiles.crypto.vault import Vault

PERSON_FIELDS = ("id", "last_name", "first_names", "birth_date", "birth_place", "sex", "nir", "address", "phone",
                 "email", "caf_number")


@dataclass(frozen=True)
class DocumentText:
    id: str
    case_id: str
    kind: str
    written_on: date
    text: str


@dataclass(frozen=True)
class CaseData:
    id: str
    state: str
    opened_on: date
    service_ended_on: date | None
    roles: list[str]
    measures: list[dict]
    concerns: list[dict]
    identities: list[Identity]


@dataclass(frozen=True)
class SubjectData:
    person: dict
    cases: list[CaseData]
    documents: list[DocumentText]
    statements: list[dict]  # the subject's own statements added to documents (art. 16)


def gather_subject(session: Session, person_id: str, vault: Vault) -> SubjectData:
    """Sealed values (archived cases, persons out of daily use) are opened by the vault."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"no person has the id {person_id}: their record may have been destroyed")
    vault.open_person(session, person)
    roles: dict[str, list[str]] = {}
    for case_id, role in session.execute(select(Participation.case_id, Participation.role)
                                         .where(Participation.person_id == person_id)
                                         .order_by(Participation.case_id, Participation.role)):
        roles.setdefault(case_id, []).append(role)
    cases = []
    for case in session.scalars(select(Case).where(Case.id.in_(roles)).order_by(Case.id)):
        measures = [{"id": m.id, "type": m.type, "nature": m.nature, "started_on": m.started_on,
                     "ended_on": m.ended_on}
                    for m in session.scalars(select(Measure).where(Measure.case_id == case.id)
                                             .order_by(Measure.started_on, Measure.id))]
        concerns = [{"id": c.id, "received_on": c.received_on, "outcome": c.outcome, "closed_on": c.closed_on}
                    for c in session.scalars(select(Concern).where(Concern.case_id == case.id)
                                             .order_by(Concern.received_on, Concern.id))]
        cases.append(CaseData(case.id, case.state, case.opened_on, case.service_ended_on, roles[case.id], measures,
                              concerns, case_identities(session, case.id, vault)))
    rows = list(session.scalars(select(Document).where(Document.case_id.in_(roles))
                                .order_by(Document.written_on, Document.id)))
    texts = vault.document_texts(session, [(d.id, d.case_id, d.sealed_text) for d in rows])
    documents = [DocumentText(d.id, d.case_id, d.kind, d.written_on, texts.get(d.id, d.text)) for d in rows]
    statements = [{"document": s.document_id, "added_on": s.added_on, "text": s.text}
                  for s in session.scalars(select(Statement).where(Statement.person_id == person_id)
                                           .order_by(Statement.id))]
    return SubjectData({field: getattr(person, field) for field in PERSON_FIELDS}, cases, documents, statements)
