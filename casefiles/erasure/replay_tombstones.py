"""After a restore: the cases the erasure ledger destroys again get what their disposal had left them.

A backup taken before a destroying run holds those cases as pending disposal, their disposal items
approved (or still proposed, or none if they were proposed after it), and no tombstone. Replaying the
ledger destroys their records again; this gives each the tombstone and the final state of its item that
the lost disposal had written, from what the restored database still knows (the item and its list, the
case's dates) and the ledger (the action and the day), so that `oubli verify-disposal` proves them. The
journal entry each tombstone cites says it was rebuilt by the replay; a case whose item the backup
lacks is put on a closed list of its own, named for the replay, since its visa is in the lost part.
"""

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from casefiles.kernel.vocabulary import DISPOSED_AS, CaseState, DisposalStatus
from casefiles.persistence.models import Case, DisposalItem, DisposalList, Tombstone
from casefiles.persistence.uow import UnitOfWork

REPLAY = "erasure ledger replay"  # who approved, for a case whose item the backup lacks


@dataclass(frozen=True)
class Destroyed:
    """A case the ledger says was disposed of: how and on which day."""

    case_id: str
    action: str  # destroyed, anonymised, transferred: the state it is left in
    on: date


def rebuild(uow: UnitOfWork, destroyed: list[Destroyed], as_of: date) -> None:
    """Within the replay's unit of work, after the cases' records are erased: items done, tombstones."""
    if not destroyed:
        return
    session = uow.session
    ids = [d.case_id for d in destroyed]
    cases = {row.id: row for row in session.execute(select(Case.id, Case.opened_on, Case.service_ended_on,
                                                           Case.archived_on, Case.category)
                                                    .where(Case.id.in_(ids)))}
    items = _latest_items(session, ids)
    lost_list = None
    tombstones = []
    for case in destroyed:
        item = items.get(case.case_id)
        if item is None and lost_list is None:
            lost_list = _list_for_the_lost(session, as_of)
        row = cases[case.case_id]
        list_id = item.list_id if item else lost_list
        visa = (item.visa_ref or item.decided_by or REPLAY) if item else REPLAY
        approved_by = (item.decided_by or REPLAY) if item else REPLAY
        category = row.category or (item.category if item else "unknown")
        if item is not None:
            session.execute(update(DisposalItem).where(DisposalItem.id == item.id).values(
                status=DisposalStatus.DONE, carried_out_on=case.on, decided_on=item.decided_on or as_of,
                decided_by=item.decided_by or REPLAY))
        position = uow.record(DISPOSED_AS[CaseState(case.action)], "case", [case.case_id], category=category,
                              policy=item.policy if item else REPLAY, list_id=list_id,
                              item_id=item.id if item else None, visa_ref=visa, approved_by=approved_by,
                              rebuilt_by_replay=True, disposed_on=case.on.isoformat())
        tombstones.append(({
            "case_id": case.case_id, "case_ref_sha256": hashlib.sha256(case.case_id.encode()).hexdigest(),
            "final_action": case.action, "category": category, "policy": item.policy if item else REPLAY,
            "opened_on": row.opened_on, "service_ended_on": row.service_ended_on or (item.service_ended_on if item
                                                                                    else case.on),
            "archived_on": row.archived_on, "disposed_on": case.on, "list_id": list_id, "visa_ref": visa,
            "approved_by": approved_by, "package_sha256": None,
        }, position))
    seqs = uow.flush()
    session.execute(insert(Tombstone),
                    [tombstone | {"journal_seq": seqs[position]} for tombstone, position in tombstones])


@dataclass(frozen=True)
class _Item:
    id: int
    list_id: int
    category: str
    service_ended_on: date
    decided_on: date | None
    decided_by: str | None
    visa_ref: str | None
    policy: str


def _latest_items(session: Session, case_ids: list[str]) -> dict[str, _Item]:
    """Each case's most recent disposal item the disposal would have carried out (approved, else proposed)."""
    rank = {DisposalStatus.APPROVED: 0, DisposalStatus.PROPOSED: 1}
    found: dict[str, tuple[int, _Item]] = {}
    for case_id, status, *values in session.execute(
            select(DisposalItem.case_id, DisposalItem.status, DisposalItem.id, DisposalItem.list_id,
                   DisposalItem.category, DisposalItem.service_ended_on, DisposalItem.decided_on,
                   DisposalItem.decided_by, DisposalList.visa_ref, DisposalList.policy)
            .join(DisposalList, DisposalList.id == DisposalItem.list_id)
            .where(DisposalItem.case_id.in_(case_ids), DisposalItem.status.in_(list(rank)))
            .order_by(DisposalItem.id)):
        item = _Item(*values)
        if case_id not in found or rank[status] <= found[case_id][0]:
            found[case_id] = (rank[status], item)
    return {case_id: item for case_id, (_, item) in found.items()}


def _list_for_the_lost(session: Session, as_of: date) -> int:
    """A closed list for the cases whose disposal item is in the lost part of the database."""
    lost = DisposalList(status="closed", created_on=as_of, policy=REPLAY, visa_ref=None, decided_on=as_of,
                        decided_by=REPLAY)
    session.add(lost)
    session.flush()
    return lost.id
