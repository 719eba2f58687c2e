"""Reading the store: case lists, one case in full, and finding a person by name. Plain values out;
persons and participants are read (and opened) by casefiles/people/persons.py."""

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casefiles.crypto.blind_index import BlindIndex
from casefiles.crypto.vault import Vault
from casefiles.kernel.errors import InvalidInput, NotFound
from casefiles.kernel.identifiers import compact_nir, nir_is_valid
from casefiles.kernel.names import fold
from casefiles.kernel.vocabulary import CaseState
from casefiles.people import persons
from casefiles.persistence.models import Case, Concern, Document, LegalHold, Measure, Person, Tombstone


@dataclass(frozen=True)
class CaseSummary:
    id: str
    state: str
    opened_on: date
    service_ended_on: date | None
    next_action: str | None
    next_action_due_on: date | None


@dataclass(frozen=True)
class ParticipantView:
    person_id: str
    role: str
    name: str


@dataclass(frozen=True)
class MeasureView:
    id: str
    type: str
    nature: str
    started_on: date
    ended_on: date | None


@dataclass(frozen=True)
class ConcernView:
    id: str
    received_on: date
    outcome: str
    closed_on: date | None


@dataclass(frozen=True)
class DocumentView:
    id: str
    kind: str
    written_on: date
    author_id: str | None
    characters: int


@dataclass(frozen=True)
class HoldView:
    """A legal hold on a case, as `holds list` and `cases show` give it."""

    id: int
    case_id: str
    placed_on: date
    placed_by: str
    lifted_on: date | None
    lifted_by: str | None
    reason: str


HOLD_COLUMNS = (LegalHold.id, LegalHold.case_id, LegalHold.placed_on, LegalHold.placed_by, LegalHold.lifted_on,
                LegalHold.lifted_by, LegalHold.reason)


@dataclass(frozen=True)
class TombstoneView:
    final_action: str
    category: str
    policy: str
    disposed_on: date
    list_id: int
    visa_ref: str
    approved_by: str
    journal_seq: int


@dataclass(frozen=True)
class CaseDetail(CaseSummary):
    archived_on: date | None
    holds: list[HoldView]
    participants: list[ParticipantView]
    measures: list[MeasureView]
    concerns: list[ConcernView]
    documents: list[DocumentView]
    tombstone: TombstoneView | None


def _summary_columns():
    return (Case.id, Case.state, Case.opened_on, Case.service_ended_on, Case.next_action,
            Case.next_action_due_on)


def list_cases(session: Session, state: str = CaseState.ACTIVE, limit: int = 50,
               offset: int = 0) -> tuple[int, list[CaseSummary]]:
    """(how many cases in that state in all, the page asked for), by case id. Archived cases are out of
    daily use: they are listed only when asked for by state."""
    query = select(*_summary_columns()).where(Case.state == state)
    counting = select(func.count()).select_from(Case).where(Case.state == state)
    rows = session.execute(query.order_by(Case.id).limit(limit).offset(offset))
    return session.scalar(counting), [CaseSummary(*row) for row in rows]


def case_detail(session: Session, case_id: str, vault: Vault) -> CaseDetail:
    """The case in full; an archived case's sealed values are opened by the vault."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"no case has the id {case_id}: check it with `oubli cases list`")
    participants = [ParticipantView(p.person.id, p.role, p.person.name)
                    for p in persons.participants(session, vault, [case_id])]
    measures = [MeasureView(*row) for row in session.execute(
        select(Measure.id, Measure.type, Measure.nature, Measure.started_on, Measure.ended_on)
        .where(Measure.case_id == case_id).order_by(Measure.started_on, Measure.id))]
    concerns = [ConcernView(*row) for row in session.execute(
        select(Concern.id, Concern.received_on, Concern.outcome, Concern.closed_on)
        .where(Concern.case_id == case_id).order_by(Concern.received_on, Concern.id))]
    rows = session.execute(select(Document.id, Document.case_id, Document.sealed_text, Document.kind,
                                  Document.written_on, Document.author_id, func.length(Document.text).label("chars"))
                           .where(Document.case_id == case_id).order_by(Document.written_on, Document.id)).all()
    texts = vault.document_texts(session, [(r.id, r.case_id, r.sealed_text) for r in rows])  # only sealed are read
    documents = [DocumentView(r.id, r.kind, r.written_on, r.author_id, len(texts[r.id]) if r.id in texts else r.chars)
                 for r in rows]
    holds = [HoldView(*row) for row in session.execute(
        select(*HOLD_COLUMNS).where(LegalHold.case_id == case_id).order_by(LegalHold.id))]
    tombstone = session.execute(
        select(Tombstone.final_action, Tombstone.category, Tombstone.policy, Tombstone.disposed_on,
               Tombstone.list_id, Tombstone.visa_ref, Tombstone.approved_by, Tombstone.journal_seq)
        .where(Tombstone.case_id == case_id)).one_or_none()
    return CaseDetail(case.id, case.state, case.opened_on, case.service_ended_on, case.next_action,
                      case.next_action_due_on, case.archived_on, holds, participants, measures,
                      concerns, documents, TombstoneView(*tombstone) if tombstone else None)


@dataclass(frozen=True)
class SubjectHit:
    """A person found. One out of daily use (`sealed`) shows only what the blind index and the case
    records hold in clear: their id and their cases; their names stay sealed."""

    person_id: str
    sealed: bool
    first_names: str | None
    last_name: str | None
    birth_date: date | None
    cases: list[tuple[str, str, str]]  # (case id, role, case state)


@dataclass(frozen=True)
class SubjectQuery:
    """What a search asks for: words of the names (folded), a birth date, a NIR."""

    words: list[str]
    born: date | None = None
    nir: str | None = None


DATE_WRITINGS = (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), re.compile(r"^(\d{2})/(\d{2})/(\d{4})$"))


def subject_query(text: str, born: date | None = None) -> SubjectQuery:
    """The text as a query: a NIR (spaces allowed) alone, or words and at most one date (YYYY-MM-DD or
    DD/MM/YYYY). Errors never repeat the text."""
    if nir_is_valid(text.strip()):
        return SubjectQuery([], born, compact_nir(text.strip()))
    words = []
    for token in text.split():
        written = next((m.groups() for m in (w.match(token) for w in DATE_WRITINGS) if m), None)
        if written is None:
            words.extend(fold(token).split())
            continue
        year, month, day = written if len(written[0]) == 4 else written[::-1]
        try:
            day_given = date(int(year), int(month), int(day))
        except ValueError:
            raise InvalidInput("the search holds a date that does not exist: write it as YYYY-MM-DD") from None
        if born is not None and born != day_given:
            raise InvalidInput("the search holds two different birth dates (in the text and --born): give one")
        born = day_given
    return SubjectQuery(words, born)


def search_subjects(session: Session, text: str, limit: int = 50, born: date | None = None,
                    index: BlindIndex | None = None) -> list[SubjectHit]:
    """Persons in clear whose names contain every word of `text` (whatever the accents and case), born
    on `born` and with the NIR given when given; then, through the blind `index` (without it: persons in
    clear only), persons out of daily use holding every word as a whole word of their names, that birth
    date, that NIR. Nobody is opened."""
    query = subject_query(text, born)
    if not (query.words or query.born or query.nir):
        return []
    clear = select(Person.id, Person.first_names, Person.last_name, Person.birth_date).where(Person.sealed.is_(None))
    for word in query.words:
        clear = clear.where(Person.search_name.contains(word, autoescape=True))
    if query.born:
        clear = clear.where(Person.birth_date == query.born)
    if query.nir:
        clear = clear.where(Person.nir == query.nir)
    people = [(person_id, False, first, last, birth) for person_id, first, last, birth in
              session.execute(clear.order_by(Person.last_name, Person.id).limit(limit))]
    if index is not None and len(people) < limit:
        people += [(person_id, True, None, None, None) for person_id in
                   index.find(session, query.words, query.born, query.nir, limit - len(people))]
    cases: dict[str, list[tuple[str, str, str]]] = {person_id: [] for person_id, *_ in people}
    found = persons.roles(session, person_ids=cases)
    states = dict(session.execute(select(Case.id, Case.state).where(Case.id.in_({row[0] for row in found}))).all())
    for case_id, person_id, role in found:
        cases[person_id].append((case_id, role, states[case_id]))
    return [SubjectHit(person_id, sealed, first, last, birth, cases[person_id])
            for person_id, sealed, first, last, birth in people]
