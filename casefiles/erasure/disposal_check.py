"""`oubli verify-disposal`: proof that a disposed case is really gone.

For each case in a final state (a case sent to the archives is not in one until they confirm they hold
it): its tombstone is there; no table of personal data still has a row that refers to it; its key is
gone (so no copy of its sealed rows can be read); the erasure ledger holds it (so a restored backup
would be cleaned again). The case row, its disposal-list item, its tombstone and its journal entries
stay by design: they hold no personal data and prove the disposal.
"""

from dataclasses import dataclass

from sqlalchemy import select

from casefiles.erasure.eraser import CASE_TABLES
from casefiles.erasure.ledger import CASE, Ledger
from casefiles.kernel.errors import InvalidInput, NotFound
from casefiles.kernel.vocabulary import FINAL_STATES, CaseState
from casefiles.persistence.db import chunks
from casefiles.persistence.models import Case, DataKey, LedgerEntry, Tombstone


@dataclass(frozen=True)
class DisposalCheck:
    case_id: str
    state: str
    problems: list[str]  # empty when everything holds


def verify_disposal(session, ledger: Ledger, case_id: str | None = None) -> list[DisposalCheck]:
    if case_id is not None:
        state = session.scalar(select(Case.state).where(Case.id == case_id))
        if state is None:
            raise NotFound(f"no case has the id {case_id}: check it with `oubli cases list`")
        if state == CaseState.AWAITING_TRANSFER:
            raise InvalidInput(f"case {case_id} is {state}: it has not been disposed of, and is kept here until the "
                               "archives confirm they hold its package (`oubli transfers confirm`)")
        if state not in FINAL_STATES:
            raise InvalidInput(f"case {case_id} is {state}: it has not been disposed of, so there is nothing to verify")
        cases = {case_id: state}
    else:
        cases = dict(session.execute(select(Case.id, Case.state).where(Case.state.in_(FINAL_STATES))
                                     .order_by(Case.id)).all())
    ledger.check_key(session)  # under another key every case would seem missing from the ledger
    problems: dict[str, list[str]] = {case: [] for case in cases}
    ids = list(cases)
    in_file = ledger.file_entries()
    for chunk in chunks(ids):
        tombstones = set(session.scalars(select(Tombstone.case_id).where(Tombstone.case_id.in_(chunk))))
        for case in chunk:
            if case not in tombstones:
                problems[case].append("no tombstone")
        for model in CASE_TABLES:
            for case in session.scalars(select(model.case_id).where(model.case_id.in_(chunk)).distinct()):
                problems[case].append(f"rows left in {model.__tablename__}")
        for case in session.scalars(select(DataKey.owner_id).where(DataKey.owner_type == CASE,
                                                                   DataKey.owner_id.in_(chunk))):
            problems[case].append("its key still exists")
        digests = {ledger.digest(CASE, case): case for case in chunk}
        held = set(session.scalars(select(LedgerEntry.digest).where(LedgerEntry.digest.in_(digests))))
        for digest, case in digests.items():
            if digest not in held:
                problems[case].append("not in the erasure ledger")
            elif digest not in in_file:
                problems[case].append(f"not yet copied to the ledger file {ledger.path} (the next run copies it)")
    return [DisposalCheck(case, cases[case], problems[case]) for case in ids]
