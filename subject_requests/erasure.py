"""Deciding an erasure request (art. 17) record by record: each case the subject takes part in, then
their identity. What has no ground left is erased through the store's erasure (the destruction the
nightly run uses); every refusal names its ground and offers restriction."""

from datetime import date

from sqlalchemy import select

from casefiles.erasure import erase_person_if_unreferred
from casefiles.models import Case, LegalHold, Participation
from casefiles.uow import UnitOfWork
from casefiles.vocabulary import NextAction, RequestKind, RequestStatus
from subject_requests.erasure_rules import Decision, decide_case, decide_person
from subject_requests.register import locked_open_request


def decide_erasure(uow: UnitOfWork, request_id: int, today: date) -> list[Decision]:
    with uow:
        request = locked_open_request(uow, request_id, RequestKind.ERASURE, answering=True)
        subject_id = request.subject_id
        cases = uow.session.execute(
            select(Case.id, Case.state, Case.next_action, Case.next_action_due_on)
            .join(Participation, Participation.case_id == Case.id)
            .where(Participation.person_id == subject_id).distinct().order_by(Case.id)).all()
        held = set(uow.session.scalars(select(LegalHold.case_id).where(
            LegalHold.case_id.in_([c.id for c in cases]), LegalHold.lifted_on.is_(None))))
        decisions = [decide_case(c.id, c.state, c.id in held,
                                 c.next_action_due_on if c.next_action == NextAction.PROPOSE_DISPOSAL else None)
                     for c in cases]
        decisions.append(decide_person(subject_id, len(cases)))
        if decisions[-1].outcome == "erased" and not erase_person_if_unreferred(uow.session, subject_id):
            decisions[-1] = Decision(decisions[-1].record, "refused", "17(3)(b): another record still refers to "
                                                                     "this person")
        request.status, request.closed_on = RequestStatus.ANSWERED, today
        uow.record("request.decided", "request", [str(request_id)],
                   decisions=[{"record": d.record, "outcome": d.outcome, "ground": d.ground} for d in decisions])
        uow.commit()
    return decisions
