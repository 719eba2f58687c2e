"""Rectification (art. 16): identifying data are corrected, the former value kept encrypted in the
person's history; a disputed assessment is never rewritten, the person's own statement is added next
to it. Closing the request lists the recipients to tell (art. 19). The journal names the field and
the document, never a value."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update

from casefiles.crypto import sealing
from casefiles.crypto.vault import Vault
from casefiles.kernel.errors import InvalidInput, NotFound
from casefiles.kernel.identifiers import compact_nir, nir_is_valid
from casefiles.kernel.names import search_name
from casefiles.kernel.stored_text import what_is_wrong
from casefiles.kernel.vocabulary import IDENTIFYING_FIELDS, PERSON_FIELDS, RequestKind, Sex
from casefiles.people import persons
from casefiles.persistence.journal import timestamp
from casefiles.persistence.models import Document, HistoryRead, Participation, Person, RecordHistory, Statement
from casefiles.persistence.uow import UnitOfWork
from subject_requests.decision import Decision
from subject_requests.register import locked_open_request, record_answer

FIELDS = PERSON_FIELDS
STATEMENT_MAX_CHARACTERS = 20_000


def parse_value(field: str, value: str) -> str | date | None:
    """The value as the record stores it; an empty value clears an optional field. Errors never repeat
    the value."""
    if field not in FIELDS:
        raise InvalidInput(f"--field {field} cannot be rectified here; choose one of: {', '.join(FIELDS)}")
    value = value.strip()
    if not value:
        if field == "last_name":
            raise InvalidInput("--value is empty: a person keeps a last name")
        return None
    if field == "birth_date":
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise InvalidInput("--value is not a date: write the birth date as YYYY-MM-DD") from None
    if field == "sex" and value not in {s.value for s in Sex}:
        raise InvalidInput(f"--value for sex must be one of: {', '.join(s.value for s in Sex)}")
    if field == "nir":
        value = compact_nir(value)
        if not nir_is_valid(value):
            raise InvalidInput("--value is not a valid NIR: 15 characters whose last two are the key; check it")
    wrong = what_is_wrong(value, _column_length(field))
    if wrong:
        raise InvalidInput(f"--value {wrong} for {field}: nothing was rectified")
    return value


def _column_length(field: str) -> int | None:
    """The most characters the person's column for `field` holds (None: no such limit)."""
    return getattr(Person.__table__.c[field].type, "length", None)


def rectify(uow: UnitOfWork, request_id: int, field: str, value: str, vault: Vault, as_of: date) -> None:
    """A person out of daily use is opened, corrected and sealed again under their own key."""
    new = parse_value(field, value)
    with uow:
        request = locked_open_request(uow, request_id, RequestKind.RECTIFICATION, answering=True)
        person = persons.person(uow.session, vault, request.subject_id)
        if person is None:
            raise NotFound(f"the subject of request {request_id} is no longer in the store: nothing to rectify")
        master_key = vault.master(uow.session)
        former = getattr(person, field)
        if former == new:
            raise InvalidInput(f"{field} already holds this value: nothing to rectify")
        wrapped = sealed = None
        if former is not None:
            text = former.isoformat() if isinstance(former, date) else former
            wrapped, sealed = sealing.seal_value(master_key, text, sealing.history_binding(person.id, field))
        uow.session.add(RecordHistory(person_id=person.id, field=field, former_value=sealed, wrapped_key=wrapped,
                                      master_key_id=sealing.key_id(master_key) if wrapped else None,
                                      changed_on=as_of, changed_by=uow.actor, request_id=request_id))
        changed = person.fields() | {field: new}
        if field in ("last_name", "first_names"):
            folded, most = len(search_name(changed["first_names"], changed["last_name"])), _column_length("search_name")
            if most is not None and folded > most:  # folding can lengthen a name: 'ß' -> 'ss'
                raise InvalidInput(f"--value makes the names {folded} characters once folded for search, at most "
                                   f"{most}: nothing was rectified")
        if person.sealed and field in IDENTIFYING_FIELDS:  # the plain columns stay blank
            vault.reseal_person(uow.session, person.id, changed, as_of)
        else:
            names = {"search_name": search_name(changed["first_names"], changed["last_name"])} \
                if field in ("last_name", "first_names") else {}
            uow.session.execute(update(Person).where(Person.id == person.id).values({field: new} | names))
        uow.record("request.rectified", "request", [str(request_id)], person_id=person.id, field=field)
        uow.commit()


def add_statement(uow: UnitOfWork, request_id: int, document_id: str, text: str, as_of: date) -> int:
    text = text.strip()
    if not text:
        raise InvalidInput("the statement file is empty: it holds the person's own words on the assessment")
    if len(text) > STATEMENT_MAX_CHARACTERS:
        raise InvalidInput(f"the statement is {len(text)} characters long; the limit is {STATEMENT_MAX_CHARACTERS}")
    wrong = what_is_wrong(text, None)
    if wrong:
        raise InvalidInput(f"the statement file {wrong}: nothing was added")
    with uow:
        request = locked_open_request(uow, request_id, RequestKind.RECTIFICATION, answering=True)
        case_id = uow.session.scalar(select(Document.case_id).where(Document.id == document_id))
        if case_id is None:
            raise NotFound(f"no document has the id {document_id}: find it with `oubli cases show`")
        takes_part = uow.session.scalar(select(Participation.case_id).where(
            Participation.case_id == case_id, Participation.person_id == request.subject_id).limit(1))
        if takes_part is None:
            raise InvalidInput(f"document {document_id} belongs to case {case_id}, in which the subject of request "
                               f"{request_id} takes no part")
        statement = Statement(document_id=document_id, person_id=request.subject_id, request_id=request_id,
                              added_on=as_of, text=text)
        uow.session.add(statement)
        uow.session.flush()
        statement_id = statement.id
        uow.record("request.statement_added", "request", [str(request_id)], document_id=document_id,
                   statement_id=statement_id, characters=len(text))
        uow.commit()
    return statement_id


@dataclass(frozen=True)
class FormerValue:
    field: str
    value: str | None
    changed_on: date
    request_id: int


def former_values(uow: UnitOfWork, person_id: str, master_key: bytes, reason: str | None,
                  at: datetime) -> list[FormerValue]:
    """The person's rectification history, decrypted (a wrong master key raises, naming the key): only
    with a reason, kept with the read (not in the journal, since a reason may name people), the read
    journaled by the person's id and the fields read."""
    if not reason or not reason.strip():
        raise InvalidInput(f"the history of {person_id} holds values a rectification replaced: it can only be read "
                           "with --reason TEXT (why you need it); the read is journaled")
    with uow:
        if uow.session.scalar(select(Person.id).where(Person.id == person_id)) is None:
            raise NotFound(f"no person has the id {person_id}: find them with `oubli subjects search`")
        rows = uow.session.execute(select(RecordHistory.field, RecordHistory.former_value, RecordHistory.wrapped_key,
                                          RecordHistory.master_key_id, RecordHistory.changed_on,
                                          RecordHistory.request_id)
                                   .where(RecordHistory.person_id == person_id).order_by(RecordHistory.id)).all()
        current = sealing.key_id(master_key)
        values = []
        for row in rows:
            if row.former_value is not None and row.master_key_id != current:
                raise sealing.KeyProblem(f"the history of {person_id} was sealed under master key "
                                         f"{row.master_key_id}, not this one ({current}): use the key file that was "
                                         "in use then")
            value = None if row.former_value is None else sealing.open_value(
                master_key, row.wrapped_key, row.former_value, sealing.history_binding(person_id, row.field))
            values.append(FormerValue(row.field, value, row.changed_on, row.request_id))
        read = HistoryRead(person_id=person_id, at=timestamp(at), actor=uow.actor, reason=reason.strip())
        uow.session.add(read)
        uow.session.flush()
        uow.record("person.history_read", "person", [person_id], read_id=read.id,
                   fields=sorted({value.field for value in values}))
        uow.commit()
    return values


def close_rectification(uow: UnitOfWork, request_id: int, recipients: list[str], as_of: date) -> list[Decision]:
    """Answer the request with what was rectified and added; `recipients` are those to tell (art. 19)."""
    with uow:
        request = locked_open_request(uow, request_id, RequestKind.RECTIFICATION, answering=True)
        fields = uow.session.execute(select(RecordHistory.person_id, RecordHistory.field)
                                     .where(RecordHistory.request_id == request_id).order_by(RecordHistory.id)).all()
        documents = uow.session.scalars(select(Statement.document_id).where(Statement.request_id == request_id)
                                        .order_by(Statement.id)).all()
        if not fields and not documents:
            raise InvalidInput(f"nothing was rectified for request {request_id}: use `oubli requests rectify` or "
                               "`oubli requests add-statement` first")
        decisions = [Decision(f"person:{person_id}:{field}", "rectified",
                              "16: corrected; the former value is kept encrypted in the record's history",
                              "l'ancienne valeur est conservée, chiffrée, dans l'historique") for person_id, field in fields]
        decisions += [Decision(f"document:{document_id}", "statement_added",
                               "16: the person's statement is added; the assessment itself is not rewritten",
                               "l'évaluation professionnelle n'est pas réécrite, mais la déclaration "
                               "l'accompagne désormais") for document_id in documents]
        to_tell = recipients if fields else []
        record_answer(uow, request, as_of, decisions, kept={"recipients": to_tell}, recipients_to_notify=len(to_tell))
        uow.commit()
    return decisions
