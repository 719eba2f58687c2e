"""`requests decide`: the decision a request of each kind calls for, record by record."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from casefiles.erasure.eraser import Eraser
from casefiles.kernel.errors import InvalidInput
from casefiles.kernel.vocabulary import RequestKind
from casefiles.persistence.models import SubjectRequest
from casefiles.persistence.uow import UnitOfWork
from subject_requests.cases import subject_cases
from subject_requests.decision import Decision
from subject_requests.erasure import decide_erasure
from subject_requests.public_task import decide_objection, decide_portability
from subject_requests.rectification import close_rectification
from subject_requests.register import locked_open_request, record_answer
from subject_requests.restriction import restrict

RULES = {RequestKind.PORTABILITY: decide_portability, RequestKind.OBJECTION: decide_objection}


def _kind(uow: UnitOfWork, request_id: int) -> str:
    with uow:
        request = uow.session.get(SubjectRequest, request_id)
        return request.kind if request else ""  # an unknown id is reported by the service


@dataclass(frozen=True)
class _Deciding:
    """What deciding a request of any kind may use."""

    uow: UnitOfWork
    request_id: int
    today: date
    recipients: list[str]
    eraser: Eraser


def _refuse_access(d: _Deciding) -> list[Decision]:
    raise InvalidInput(f"request {d.request_id} is an access request: answer it with `oubli requests export`")


def _unknown(d: _Deciding) -> list[Decision]:
    with d.uow:
        locked_open_request(d.uow, d.request_id)  # raises NotFound, naming the id
    raise AssertionError(f"request {d.request_id} exists but has no kind")


# What each kind of request calls for: one entry per RequestKind (a test checks that none is missing).
DECIDERS: dict[RequestKind, Callable[[_Deciding], list[Decision]]] = {
    RequestKind.ACCESS: _refuse_access,
    RequestKind.RECTIFICATION: lambda d: close_rectification(d.uow, d.request_id, d.recipients, d.today),
    RequestKind.ERASURE: lambda d: decide_erasure(d.uow, d.request_id, d.today, d.eraser),
    RequestKind.RESTRICTION: lambda d: restrict(d.uow, d.request_id, d.today),
    RequestKind.PORTABILITY: lambda d: _decide_by_rule(d.uow, d.request_id, RequestKind.PORTABILITY, d.today),
    RequestKind.OBJECTION: lambda d: _decide_by_rule(d.uow, d.request_id, RequestKind.OBJECTION, d.today),
}


def decide(uow: UnitOfWork, request_id: int, today: date, recipients: list[str], eraser: Eraser) -> list[Decision]:
    """Decide and answer the request; `recipients` are those told of a rectification (art. 19)."""
    kind = _kind(uow, request_id)
    return DECIDERS.get(kind, _unknown)(_Deciding(uow, request_id, today, recipients, eraser))


def _decide_by_rule(uow: UnitOfWork, request_id: int, kind: RequestKind, today: date) -> list[Decision]:
    with uow:
        request = locked_open_request(uow, request_id, kind, answering=True)
        decisions = RULES[kind](request.subject_id, subject_cases(uow.session, request.subject_id))
        record_answer(uow, request, today, decisions)
        uow.commit()
    return decisions
