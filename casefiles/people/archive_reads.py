"""Reading a case out of daily use: only with a reason, and every read is journaled."""

from datetime import datetime

from sqlalchemy import select

from casefiles.crypto.vault import Vault
from casefiles.kernel.errors import InvalidInput, NotFound
from casefiles.kernel.vocabulary import FINAL_STATES, OUT_OF_DAILY_USE
from casefiles.people.persons import Identity, identities
from casefiles.people.queries import CaseDetail, case_detail
from casefiles.persistence.journal import timestamp
from casefiles.persistence.models import ArchiveRead, Case
from casefiles.persistence.uow import UnitOfWork


def read_case(uow: UnitOfWork, case_id: str, reason: str | None, at: datetime, vault: Vault) -> CaseDetail:
    """The case in full; an archived case only with a reason, kept with the read (not in the journal,
    since a reason may name people) and journaled by its id; its sealed values are opened on the fly."""
    with uow:
        _allow_read(uow, case_id, reason, at)
        detail = case_detail(uow.session, case_id, vault)
        uow.commit()
    return detail


def read_identities(uow: UnitOfWork, case_id: str, reason: str | None, at: datetime,
                    vault: Vault) -> list[Identity]:
    """The names and identifiers of the case's participants (to find them in its texts), under the
    same rule as reading the case."""
    with uow:
        if _allow_read(uow, case_id, reason, at, purpose="identities") in FINAL_STATES:
            raise InvalidInput(f"case {case_id} is disposed of: its participants' data no longer exist")
        found = identities(uow.session, vault, [case_id])[case_id]
        uow.commit()
    return found


def _allow_read(uow: UnitOfWork, case_id: str, reason: str | None, at: datetime, **details) -> str:
    """The case's state, once the read is allowed (and journaled if the case is archived)."""
    state = uow.session.scalar(select(Case.state).where(Case.id == case_id))
    if state is None:
        raise NotFound(f"no case has the id {case_id}: check it with `oubli cases list`")
    if state in OUT_OF_DAILY_USE:
        if not reason or not reason.strip():
            raise InvalidInput(
                f"case {case_id} is {state}: it is out of daily use and can only be read with "
                "--reason TEXT (why you need it); the read is journaled")
        read = ArchiveRead(case_id=case_id, at=timestamp(at), actor=uow.actor, reason=reason.strip())
        uow.session.add(read)
        uow.session.flush()
        uow.record("case.archive_read", "case", [case_id], read_id=read.id, state=state, **details)
    return state
