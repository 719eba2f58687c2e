"""Legal holds: while one is in force, a case is neither proposed for disposal nor disposed of."""

from datetime import date

from sqlalchemy import select

from casefiles.kernel.errors import InvalidInput, NotFound
from casefiles.kernel.vocabulary import FINAL_STATES
from casefiles.people.queries import HOLD_COLUMNS, HoldView
from casefiles.persistence.models import Case, LegalHold
from casefiles.persistence.uow import UnitOfWork


def _locked_case(uow: UnitOfWork, case_id: str) -> Case:
    """The case, its row locked: a run's batch holding it finishes first, or sees this hold."""
    case = uow.session.execute(select(Case).where(Case.id == case_id).with_for_update()).scalar_one_or_none()
    if case is None:
        raise NotFound(f"no case has the id {case_id}: check it with `oubli cases list`")
    return case


def place_hold(uow: UnitOfWork, case_id: str, reason: str, as_of: date, placed_on: date | None = None) -> int:
    """Hold the case from `placed_on` (the court order's or the claim's date; default: today), which can be
    neither in the future nor before the case was opened."""
    if not reason.strip():
        raise InvalidInput("a hold needs a reason (the proceedings, claim or request it serves)")
    placed_on = placed_on or as_of
    if placed_on > as_of:
        raise InvalidInput(f"--placed-on {placed_on.isoformat()} is after today ({as_of.isoformat()}): give the date "
                           "of the court order or claim the hold serves, which has already been made")
    with uow:
        case = _locked_case(uow, case_id)
        if case.state in FINAL_STATES:
            raise InvalidInput(f"case {case_id} was already {case.state} on its disposal: nothing left to hold")
        if placed_on < case.opened_on:
            raise InvalidInput(f"--placed-on {placed_on.isoformat()} is before case {case_id} was opened "
                               f"({case.opened_on.isoformat()}): check the date of the court order")
        hold = LegalHold(case_id=case_id, reason=reason.strip(), placed_on=placed_on, placed_by=uow.actor)
        uow.session.add(hold)
        uow.session.flush()
        hold_id = hold.id
        # The reason stays in the holds table: it may name people, so it never enters the journal.
        uow.record("hold.placed", "case", [case_id], hold_id=hold_id, placed_on=placed_on.isoformat())
        uow.commit()
    return hold_id


def lift_holds(uow: UnitOfWork, case_id: str, as_of: date) -> list[int]:
    """Lift every hold in force on the case; returns their ids."""
    with uow:
        _locked_case(uow, case_id)
        holds = list(uow.session.scalars(select(LegalHold).where(LegalHold.case_id == case_id,
                                                                  LegalHold.lifted_on.is_(None))))
        if not holds:
            raise InvalidInput(f"case {case_id} has no hold in force: nothing to lift")
        for hold in holds:
            hold.lifted_on, hold.lifted_by = as_of, uow.actor
        lifted = [hold.id for hold in holds]
        uow.record("hold.lifted", "case", [case_id], hold_ids=lifted)
        uow.commit()
    return lifted


def list_holds(uow: UnitOfWork, include_lifted: bool = False) -> list[HoldView]:
    query = select(*HOLD_COLUMNS).order_by(LegalHold.case_id, LegalHold.id)
    if not include_lifted:
        query = query.where(LegalHold.lifted_on.is_(None))
    with uow.reading():
        return [HoldView(*row) for row in uow.session.execute(query)]
