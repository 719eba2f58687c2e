"""Deciding an erasure request (art. 17) record by record: each case the subject takes part in, then
their identity. What has no ground left is erased through the store's erasure (the destruction the
nightly run uses); every refusal names its ground and offers restriction."""

from datetime import date

from casefiles.erasure.eraser import Eraser
from casefiles.kernel.vocabulary import RequestKind
from casefiles.persistence.uow import UnitOfWork
from subject_requests.cases import subject_cases
from subject_requests.decision import OFFER, Decision
from subject_requests.erasure_rules import decide_case, decide_person
from subject_requests.register import locked_open_request, record_answer


def decide_erasure(uow: UnitOfWork, request_id: int, as_of: date, eraser: Eraser) -> list[Decision]:
    with uow:
        eraser.ledger.check_key(uow.session)  # a wrong ledger key refuses every erasure, before any answer
        request = locked_open_request(uow, request_id, RequestKind.ERASURE, answering=True)
        subject_id = request.subject_id
        cases = subject_cases(uow.session, subject_id)
        decisions = [decide_case(c.id, c.state, c.held, c.retention_until) for c in cases]
        decisions.append(decide_person(subject_id, len(cases)))
        if decisions[-1].outcome == "erased" and not eraser.erase_person_if_unreferred(
                uow.session, subject_id, as_of):
            decisions[-1] = Decision(decisions[-1].record, "refused",
                                     f"17(3)(b): another record still refers to this person; {OFFER}",
                                     "un autre dossier s'y rapporte encore")
        record_answer(uow, request, as_of, decisions)
        uow.commit()
    with uow:
        eraser.settle(uow)
    return decisions
