"""`requests decide`: the decision a request of each kind calls for, record by record."""

from datetime import date

from casefiles.erasure.eraser import Eraser
from casefiles.kernel.errors import InvalidInput
from casefiles.persistence.models import SubjectRequest
from casefiles.persistence.uow import UnitOfWork
from casefiles.kernel.vocabulary import RequestKind
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


def decide(uow: UnitOfWork, request_id: int, today: date, recipients: list[str], eraser: Eraser) -> list[Decision]:
    """Decide and answer the request; `recipients` are those told of a rectification (art. 19)."""
    kind = _kind(uow, request_id)
    if kind == RequestKind.ACCESS:
        raise InvalidInput(f"request {request_id} is an access request: answer it with `oubli requests export`")
    if kind == RequestKind.RECTIFICATION:
        return close_rectification(uow, request_id, recipients, today)
    if kind == RequestKind.RESTRICTION:
        return restrict(uow, request_id, today)
    if kind in RULES:
        return _decide_by_rule(uow, request_id, RequestKind(kind), today)
    return decide_erasure(uow, request_id, today, eraser)


def _decide_by_rule(uow: UnitOfWork, request_id: int, kind: RequestKind, today: date) -> list[Decision]:
    with uow:
        request = locked_open_request(uow, request_id, kind, answering=True)
        decisions = RULES[kind](request.subject_id, subject_cases(uow.session, request.subject_id))
        record_answer(uow, request, today, decisions)
        uow.commit()
    return decisions
