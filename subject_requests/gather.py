"""Everything the store holds on a data subject: their record, each case they take part in with
their roles, its measures and concerns (without who reported them), its documents, and the
names and identifiers of everyone in those cases (to tell the subject from third parties), and the
statements they added to documents."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefiles.crypto.vault import Vault
from casefiles.kernel.errors import NotFound
from casefiles.people import persons
from casefiles.people.persons import Identity
from casefiles.persistence.models import Case, Concern, Document, Measure, Statement


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
    """Sealed values (archived cases, persons out of daily use) are opened: persons by the read model,
    documents by the vault. Each kind of row is read for all the subject's cases at once."""
    person = persons.person(session, vault, person_id)
    if person is None:
        raise NotFound(f"no person has the id {person_id}: their record may have been destroyed")
    roles: dict[str, list[str]] = {}
    for case_id, _, role in persons.roles(session, person_ids=[person_id]):
        roles.setdefault(case_id, []).append(role)
    measures: dict[str, list[dict]] = {case_id: [] for case_id in roles}
    for m in session.scalars(select(Measure).where(Measure.case_id.in_(roles))
                             .order_by(Measure.started_on, Measure.id)):
        measures[m.case_id].append({"id": m.id, "type": m.type, "nature": m.nature, "started_on": m.started_on,
                                    "ended_on": m.ended_on})
    concerns: dict[str, list[dict]] = {case_id: [] for case_id in roles}
    for c in session.scalars(select(Concern).where(Concern.case_id.in_(roles))
                             .order_by(Concern.received_on, Concern.id)):
        concerns[c.case_id].append({"id": c.id, "received_on": c.received_on, "outcome": c.outcome,
                                    "closed_on": c.closed_on})
    identities = persons.identities(session, vault, list(roles))
    cases = [CaseData(case.id, case.state, case.opened_on, case.service_ended_on, roles[case.id], measures[case.id],
                      concerns[case.id], identities[case.id])
             for case in session.scalars(select(Case).where(Case.id.in_(roles)).order_by(Case.id))]
    rows = list(session.scalars(select(Document).where(Document.case_id.in_(roles))
                                .order_by(Document.written_on, Document.id)))
    texts = vault.document_texts(session, [(d.id, d.case_id, d.sealed_text) for d in rows])
    documents = [DocumentText(d.id, d.case_id, d.kind, d.written_on, texts.get(d.id, d.text)) for d in rows]
    statements = [{"document": s.document_id, "added_on": s.added_on, "text": s.text}
                  for s in session.scalars(select(Statement).where(Statement.person_id == person_id)
                                           .order_by(Statement.id))]
    return SubjectData({"id": person.id} | person.fields(), cases, documents, statements)
