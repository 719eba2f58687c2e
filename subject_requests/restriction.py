"""Restriction (art. 18): each case of the subject still held is marked; while marked, its data are
only stored: the nightly run neither proposes nor disposes of it (as under a hold) and an access
export needs the person's consent recorded. Lifting records when and how the person was told
(art. 18(3)); that text may name people, so it stays in its table."""

from datetime import date

from sqlalchemy import select

from casefiles.kernel.errors import InvalidInput
from casefiles.kernel.vocabulary import FINAL_STATES, RequestKind, RequestStatus
from casefiles.persistence.models import Restriction, SubjectRequest
from casefiles.persistence.uow import UnitOfWork
from subject_requests.cases import lock_subject_cases, subject_cases
from subject_requests.decision import Decision
from subject_requests.register import locked_open_request, record_answer


def restrict(uow: UnitOfWork, request_id: int, as_of: date) -> list[Decision]:
    with uow:
        request = locked_open_request(uow, request_id, RequestKind.RESTRICTION, answering=True)
        lock_subject_cases(uow.session, request.subject_id)  # then read them as a run's batch left them
        decisions = []
        for case in subject_cases(uow.session, request.subject_id):
            record = f"case:{case.id}"
            if case.state in FINAL_STATES:
                decisions.append(Decision(record, "refused", f"the case is already {case.state}: nothing to restrict",
                                          "le dossier a déjà été éliminé : il n'y a plus rien à limiter"))
                continue
            uow.session.add(Restriction(case_id=case.id, request_id=request_id, placed_on=as_of,
                                        placed_by=uow.actor))
            listed = (" Its disposal, already listed, is suspended until the restriction is lifted."
                      if case.on_disposal_list else "")
            decisions.append(Decision(record, "restricted",
                                      f"18(1): only stored from now on; you will be told before it is lifted.{listed}",
                                      "les données sont désormais seulement conservées, et nous vous préviendrons "
                                      "avant de lever la limitation"))
        if not decisions:
            raise InvalidInput(f"the subject of request {request_id} takes part in no case: nothing to restrict")
        record_answer(uow, request, as_of, decisions)
        uow.commit()
    return decisions


def lift(uow: UnitOfWork, request_id: int, told_on: date, told_how: str, as_of: date) -> list[str]:
    """Lift the restrictions placed for the request; returns the case ids."""
    if not told_how.strip():
        raise InvalidInput("--told-how is empty: record how the person was told the restriction ends (art. 18(3))")
    if told_on > as_of:
        raise InvalidInput(f"--told-on {told_on.isoformat()} is after today: the person must be told first")
    with uow:
        request = uow.session.get(SubjectRequest, request_id)
        if request is None or request.kind != RequestKind.RESTRICTION or request.status != RequestStatus.ANSWERED:
            raise InvalidInput(f"request {request_id} is not an answered restriction request: "
                               "check it with `oubli requests show`")
        restrictions = list(uow.session.scalars(select(Restriction).where(
            Restriction.request_id == request_id, Restriction.lifted_on.is_(None)).with_for_update()))
        if not restrictions:
            raise InvalidInput(f"request {request_id} has no restriction in force: nothing to lift")
        for restriction in restrictions:
            restriction.lifted_on, restriction.lifted_by = as_of, uow.actor
            restriction.person_told_on, restriction.person_told_how = told_on, told_how.strip()
        cases = [r.case_id for r in restrictions]
        uow.record("request.restriction_lifted", "request", [str(request_id)], cases=cases,
                   person_told_on=told_on.isoformat())
        uow.commit()
    return cases
