"""The register of rights requests: open, verify identity, extend, withdraw, send the answer, list and
show. Every step is journaled by request id and person id; names and free text stay in the register.

A request's status as shown: open, identity_verified, exported (an access export is written but not
yet sent: a new export replaces it), answered (decided, or the export sent: its day counts for the
deadlines), withdrawn."""

import json
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import select

from casefiles.crypto.vault import Vault
from casefiles.kernel.errors import InvalidInput, NotFound
from casefiles.kernel.vocabulary import Capacity, Channel, RequestKind, RequestStatus, Role
from casefiles.persistence.models import Participation, Person, SubjectRequest
from casefiles.persistence.uow import UnitOfWork
from subject_requests.capacity import Facts, capacity_warnings
from subject_requests.deadlines import extended_deadline, first_deadline, why_not_extendable
from subject_requests.decision import Decision


@dataclass(frozen=True)
class RequestView:
    id: int
    kind: str
    status: str
    subject_id: str
    capacity: str
    channel: str
    received_on: date
    due_on: date
    days_left: int
    extended: bool
    identity_verified: bool
    identity_verified_on: date | None
    closed_on: date | None


def _status(request: SubjectRequest) -> str:
    if request.status != RequestStatus.OPEN:
        return request.status
    if "export_sha256" in recorded_answer(request.answer)[1]:
        return "exported"
    return "identity_verified" if request.identity_verified_on else RequestStatus.OPEN.value


def _view(request: SubjectRequest, today: date) -> RequestView:
    return RequestView(request.id, request.kind, _status(request), request.subject_id, request.capacity,
                       request.channel, request.received_on, request.due_on, (request.due_on - today).days,
                       request.extended_on is not None, request.identity_verified_on is not None,
                       request.identity_verified_on, request.closed_on)


def _facts(uow: UnitOfWork, subject: Person, capacity: Capacity, received_on: date,
           requester_id: str | None) -> Facts:
    session = uow.session
    roles = session.execute(select(Participation.case_id, Participation.role)
                            .where(Participation.person_id == subject.id)).all()
    cases = {case_id for case_id, _ in roles}
    requester = session.get(Person, requester_id) if requester_id else None
    if requester_id and requester is None:
        raise NotFound(f"no person has the id {requester_id} (--requester-id): check it with `oubli subjects search`")
    in_files = bool(requester and requester.id != subject.id and cases and session.scalar(
        select(Participation.case_id).where(Participation.person_id == requester.id,
                                            Participation.case_id.in_(cases)).limit(1)))
    return Facts(capacity, received_on, subject.birth_date,
                 subject_is_third_party=any(role == Role.THIRD_PARTY for _, role in roles),
                 requester_in_subject_files=in_files,
                 requester_authority_withdrawn=bool(requester and requester.parental_authority_withdrawn))


def open_request(uow: UnitOfWork, kind: RequestKind, subject_id: str, requester_name: str, capacity: Capacity,
                 received_on: date, channel: Channel, today: date,
                 requester_id: str | None = None, *, vault: Vault) -> tuple[int, list[str]]:
    """The new request's id and the capacity warnings for the DPO. A subject out of daily use has a
    sealed birth date: the vault opens it for the capacity checks."""
    if not requester_name.strip():
        raise InvalidInput.in_field("requester_name", "the requester's name", "is empty: write who sent the request")
    if received_on > today:
        raise InvalidInput.in_field("received_on", "the day of receipt",
                                    f"{received_on.isoformat()} is after today: give the date the request arrived")
    with uow:
        subject = uow.session.get(Person, subject_id)
        if subject is None:
            raise NotFound(f"no person has the id {subject_id}: find the subject with `oubli subjects search`")
        vault.open_person(uow.session, subject)
        warnings = capacity_warnings(_facts(uow, subject, capacity, received_on, requester_id))
        request = SubjectRequest(kind=kind, subject_id=subject_id, requester_name=requester_name.strip(),
                                 requester_id=requester_id, capacity=capacity, channel=channel,
                                 received_on=received_on, due_on=first_deadline(received_on),
                                 status=RequestStatus.OPEN, opened_by=uow.actor)
        uow.session.add(request)
        uow.session.flush()
        request_id = request.id
        uow.record("request.opened", "request", [str(request_id)], kind=kind.value, subject_id=subject_id,
                   capacity=capacity.value, received_on=received_on.isoformat(),
                   due_on=request.due_on.isoformat(), warnings=len(warnings))
        uow.commit()
    return request_id, warnings


def locked_open_request(uow: UnitOfWork, request_id: int, kind: RequestKind | None = None,
                        answering: bool = False) -> SubjectRequest:
    """The open request, its row locked; of `kind` when given; identity verified when `answering`."""
    request = uow.session.execute(select(SubjectRequest).where(SubjectRequest.id == request_id)
                                  .with_for_update()).scalar_one_or_none()
    if request is None:
        raise NotFound(f"no request has the id {request_id}: check it with `oubli requests list`")
    if kind is not None and request.kind != kind:
        raise InvalidInput(f"request {request_id} is a request for {request.kind}, not {kind.value}")
    if request.status != RequestStatus.OPEN:
        raise InvalidInput(f"request {request_id} is {request.status} since {request.closed_on}: "
                           "it was already dealt with")
    if answering and request.identity_verified_on is None:
        raise InvalidInput(f"request {request_id}: the requester's identity is not verified; record how it was "
                           "checked with `oubli requests verify-identity` before answering (art. 12(6))")
    return request


def record_answer(uow: UnitOfWork, request: SubjectRequest, today: date, decisions: list[Decision],
                  kept: dict | None = None, action: str = "request.decided", closes: bool = True,
                  **journaled) -> None:
    """Close the request as answered (unless not `closes`: an export, answered once sent). The register
    keeps the decisions and what the letter needs (`kept`); the journal gets each decision's record,
    outcome and ground, and `journaled`."""
    if closes:
        request.status, request.closed_on = RequestStatus.ANSWERED, today
    request.answer = json.dumps({"decisions": [asdict(d) for d in decisions]} | (kept or {}), ensure_ascii=False,
                                sort_keys=True, default=str)
    uow.record(action, "request", [str(request.id)],
               decisions=[{"record": d.record, "outcome": d.outcome, "ground": d.ground} for d in decisions],
               **journaled)


def recorded_answer(answer: str | None) -> tuple[list[Decision], dict]:
    """The decisions and the rest of what `record_answer` kept in a request's `answer`."""
    kept = json.loads(answer or "{}")
    return [Decision(**d) for d in kept.pop("decisions", [])], kept


def verify_identity(uow: UnitOfWork, request_id: int, method: str, today: date) -> None:
    """Record how the requester's identity was checked (art. 12(6)); the method stays in the register."""
    if not method.strip():
        raise InvalidInput.in_field("method", "the identity check's method",
                                    "is empty: say how identity was checked (e.g. 'pièce d'identité vue au guichet')")
    with uow:
        request = locked_open_request(uow, request_id)
        request.identity_method, request.identity_verified_on = method.strip(), today
        uow.record("request.identity_verified", "request", [str(request_id)], on=today.isoformat())
        uow.commit()


def extend(uow: UnitOfWork, request_id: int, reason: str, today: date) -> date:
    """Extend once by two months, before the first deadline; returns the new due date."""
    if not reason.strip():
        raise InvalidInput.in_field("reason", "the reason for the extension",
                                    "is empty: the person must be told why the answer takes longer (art. 12(3))")
    with uow:
        request = locked_open_request(uow, request_id)
        refusal = why_not_extendable(request.received_on, request.extended_on, today)
        if refusal:
            raise InvalidInput(f"request {request_id} cannot be extended: {refusal}")
        request.extended_on, request.extension_reason = today, reason.strip()
        request.due_on = extended_deadline(request.received_on)
        due_on = request.due_on
        uow.record("request.extended", "request", [str(request_id)], due_on=due_on.isoformat())
        uow.commit()
    return due_on


def send(uow: UnitOfWork, request_id: int, channel: Channel, sent_on: date, today: date) -> str:
    """Record that the exported answer was sent, how and when: the request is answered on that day.
    Returns the digest of the export sent."""
    if sent_on > today:
        raise InvalidInput.in_field("sent_on", "the day the answer was sent",
                                    f"{sent_on.isoformat()} is after today: give the day it was sent")
    with uow:
        request = locked_open_request(uow, request_id, RequestKind.ACCESS, answering=True)
        decisions, kept = recorded_answer(request.answer)
        if "export_sha256" not in kept:
            raise InvalidInput(f"request {request_id} has no export to send: write it with "
                               f"`oubli requests export {request_id} --out FILE` first")
        if sent_on < request.received_on:
            raise InvalidInput.in_field("sent_on", "the day the answer was sent",
                                        f"{sent_on.isoformat()} is before the request was received "
                                        f"({request.received_on.isoformat()})")
        kept |= {"sent_on": sent_on, "sent_channel": channel.value}
        record_answer(uow, request, sent_on, decisions, kept=kept, action="request.sent", channel=channel.value,
                      sent_on=sent_on.isoformat(), sha256=kept["export_sha256"])
        uow.commit()
    return kept["export_sha256"]


def withdraw(uow: UnitOfWork, request_id: int, today: date) -> None:
    with uow:
        request = locked_open_request(uow, request_id)
        request.status, request.closed_on = RequestStatus.WITHDRAWN, today
        uow.record("request.withdrawn", "request", [str(request_id)])
        uow.commit()


def list_requests(uow: UnitOfWork, today: date, due_within: int | None = None,
                  overdue: bool = False) -> list[RequestView]:
    """Open requests by due date (all requests when no filter is given and `overdue` is False)."""
    query = select(SubjectRequest).order_by(SubjectRequest.due_on, SubjectRequest.id)
    if due_within is not None or overdue:
        query = query.where(SubjectRequest.status == RequestStatus.OPEN)
    if overdue:
        query = query.where(SubjectRequest.due_on < today)
    elif due_within is not None:
        query = query.where(SubjectRequest.due_on <= date.fromordinal(today.toordinal() + due_within))
    with uow.reading():
        return [_view(request, today) for request in uow.session.scalars(query)]


def show_request(uow: UnitOfWork, request_id: int, today: date) -> RequestView:
    with uow.reading():
        request = uow.session.get(SubjectRequest, request_id)
        if request is None:
            raise NotFound(f"no request has the id {request_id}: check it with `oubli requests list`")
        return _view(request, today)
