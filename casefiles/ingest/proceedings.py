"""A case system's pending proceedings as legal holds here, inside the sync's unit of work.

A proceeding pending in the source holds its case from the day it started (`placed_on`), once: the hold
keeps the proceeding's id (`source_ref`), so that the next sync finds it instead of placing another. Its
end in the source lifts the hold on the day it ended. A hold a DPO placed (no `source_ref`) is never
touched. Each hold placed or lifted is journaled by ids and dates; its reason (the proceeding's kind, in
the mapping's words) stays in the holds table, as a DPO's does.
"""

from collections.abc import Mapping, Sequence

from sqlalchemy import select, update

from casefiles.ingest.source_case import Proceeding
from casefiles.persistence.db import chunks
from casefiles.persistence.models import LegalHold
from casefiles.persistence.uow import UnitOfWork


def hold_reason(proceeding: Proceeding, source: str) -> str:
    return f"{proceeding.kind.replace('_', ' ')}: proceeding {proceeding.id} pending in {source}"


def apply_proceedings(uow: UnitOfWork, source: str, proceedings: Mapping[str, Sequence[Proceeding]]) -> tuple[int, int]:
    """Place a hold for each pending proceeding of each case (case id -> its proceedings in the source) that has
    none yet, and lift the hold of each that ended; returns (placed, lifted)."""
    session = uow.session
    wanted = {case_id: list(found) for case_id, found in proceedings.items() if found}
    holds: dict[tuple[str, str], tuple[int, bool]] = {}  # (case, proceeding id) -> (hold id, in force)
    for ids in chunks(sorted(wanted)):
        for hold_id, case_id, ref, lifted_on in session.execute(
                select(LegalHold.id, LegalHold.case_id, LegalHold.source_ref, LegalHold.lifted_on)
                .where(LegalHold.case_id.in_(ids), LegalHold.source_ref.is_not(None))):
            holds[(case_id, ref)] = (hold_id, lifted_on is None)
    placed = lifted = 0
    for case_id, found in sorted(wanted.items()):
        for proceeding in found:
            hold = holds.get((case_id, proceeding.id))
            if hold is None and proceeding.ended_on is None:
                new = LegalHold(case_id=case_id, reason=hold_reason(proceeding, source), placed_on=proceeding.started_on,
                                placed_by=uow.actor, source_ref=proceeding.id)
                session.add(new)
                session.flush()
                holds[(case_id, proceeding.id)] = (new.id, True)
                uow.record("hold.placed", "case", [case_id], hold_id=new.id, placed_on=proceeding.started_on.isoformat(),
                           source=source, source_ref=proceeding.id)
                placed += 1
            elif hold is not None and hold[1] and proceeding.ended_on is not None:
                session.execute(update(LegalHold).where(LegalHold.id == hold[0])
                                .values(lifted_on=proceeding.ended_on, lifted_by=uow.actor))
                holds[(case_id, proceeding.id)] = (hold[0], False)
                uow.record("hold.lifted", "case", [case_id], hold_ids=[hold[0]], lifted_on=proceeding.ended_on.isoformat(),
                           source=source, source_ref=proceeding.id)
                lifted += 1
    return placed, lifted
