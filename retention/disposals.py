"""Disposal lists (bordereaux d'élimination): review, the archives' visa, rejection, and export.

Nothing is destroyed unless its item was approved with the visa of the Archives départementales
(Code du patrimoine L212-2, R212-51). A list is open while the nightly run adds proposals to it;
the first decision closes it to new proposals. Lists are kept forever.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import aliased

from casefiles.crypto.private_files import private_file
from casefiles.kernel.calendar import add_years
from casefiles.kernel.errors import InvalidInput, NotFound
from casefiles.kernel.stored_text import what_is_wrong
from casefiles.kernel.vocabulary import CaseState, DisposalStatus, NextAction
from casefiles.persistence.models import Case, DisposalItem, DisposalList, LegalHold, Restriction
from casefiles.persistence.uow import UnitOfWork
from retention import bordereau
from retention.policy import Category, Policy

REASON_MAX = 2000  # the archives' reason for a refusal, in characters


@dataclass(frozen=True)
class ItemView:
    id: int
    case_id: str
    child_initials: str
    child_birth_year: int | None
    category: str
    final_action: str
    opened_on: date
    service_ended_on: date
    due_on: date
    status: str
    decided_on: date | None
    decided_by: str | None
    carried_out_on: date | None
    document_bytes: int | None  # the documents' size when proposed
    rejection_reason: str | None  # the archives' words, when they refused this item
    refused_before_on: date | None  # the case's latest earlier proposal the archives refused, and their words
    refused_before_reason: str | None
    sampled_by: str | None  # kept for history by this sampling rule (retention/sampling.py): then transferred


@dataclass(frozen=True)
class ListView:
    id: int
    status: str
    created_on: date
    policy: str
    visa_ref: str | None
    decided_on: date | None
    decided_by: str | None
    items: list[ItemView]
    visa_on: date | None = None  # the date of the archives' decision, as they dated it
    request_id: str | None = None  # the SEDA elimination request sent (retention/elimination.py), and when
    requested_on: date | None = None


def _item_view(item: DisposalItem, refused_before: tuple[date | None, str | None]) -> ItemView:
    return ItemView(item.id, item.case_id, item.child_initials, item.child_birth_year, item.category,
                    item.final_action, item.opened_on, item.service_ended_on, item.due_on, item.status,
                    item.decided_on, item.decided_by, item.carried_out_on, item.document_bytes, item.rejection_reason,
                    *refused_before, item.sampled_by)


def _earlier_refusals(session, list_ids: list[int]) -> dict[int, tuple[date | None, str | None]]:
    """For each item of the lists, the latest refusal by the archives of an earlier proposal of its case."""
    item, earlier = aliased(DisposalItem), aliased(DisposalItem)
    refusals: dict[int, tuple[date | None, str | None]] = {}
    for item_id, decided_on, reason in session.execute(
        select(item.id, earlier.decided_on, earlier.rejection_reason)
        .join(earlier, (earlier.case_id == item.case_id) & (earlier.id < item.id))
        .where(item.list_id.in_(list_ids), earlier.status == DisposalStatus.REJECTED).order_by(earlier.id)
    ):
        refusals[item_id] = (decided_on, reason)  # in id order: the latest wins
    return refusals


def _views(session, lists: list[DisposalList]) -> list[ListView]:
    items: dict[int, list[ItemView]] = {disposal_list.id: [] for disposal_list in lists}
    refusals = _earlier_refusals(session, list(items))
    for item in session.scalars(select(DisposalItem).where(DisposalItem.list_id.in_(items))
                                .order_by(DisposalItem.case_id)):
        items[item.list_id].append(_item_view(item, refusals.get(item.id, (None, None))))
    return [ListView(d.id, d.status, d.created_on, d.policy, d.visa_ref, d.decided_on, d.decided_by, items[d.id],
                     d.visa_on, d.request_id, d.requested_on) for d in lists]


def list_disposal_lists(uow: UnitOfWork) -> list[ListView]:
    with uow.reading():
        return _views(uow.session, list(uow.session.scalars(select(DisposalList).order_by(DisposalList.id))))


def show_disposal_list(uow: UnitOfWork, list_id: int) -> ListView:
    with uow.reading():
        disposal_list = uow.session.get(DisposalList, list_id)
        if disposal_list is None:
            raise NotFound(f"no disposal list has the id {list_id}: see `oubli disposals list`")
        return _views(uow.session, [disposal_list])[0]


def _undecided_items(uow: UnitOfWork, list_id: int, item_ids: list[int] | None) -> tuple[DisposalList, list]:
    disposal_list = uow.session.execute(
        select(DisposalList).where(DisposalList.id == list_id).with_for_update()).scalar_one_or_none()
    if disposal_list is None:
        raise NotFound(f"no disposal list has the id {list_id}: see `oubli disposals list`")
    items = list(uow.session.scalars(select(DisposalItem).where(DisposalItem.list_id == list_id)
                                     .order_by(DisposalItem.id)))
    chosen = items if item_ids is None else [item for item in items if item.id in set(item_ids)]
    unknown = sorted(set(item_ids or ()) - {item.id for item in items})
    if unknown:
        raise InvalidInput(f"disposal list {list_id} has no item {', '.join(map(str, unknown))}")
    decided = [item.id for item in chosen if item.status != DisposalStatus.PROPOSED]
    if item_ids is not None and decided:
        raise InvalidInput(f"items {', '.join(map(str, decided))} of list {list_id} were already decided")
    chosen = [item for item in chosen if item.status == DisposalStatus.PROPOSED]
    if not chosen:
        raise InvalidInput(f"disposal list {list_id} has no item awaiting a decision")
    return disposal_list, chosen


@dataclass(frozen=True)
class HeldItem:
    """An item approve left awaiting a decision, and why: never its hold's reason, which may name people."""

    item_id: int
    case_id: str
    hold_ids: list[int]  # legal holds in force
    held_since: date | None  # the earliest of their dates (the court order's)
    restricted: bool  # restricted at a rights request (GDPR art. 18), which stops disposal as a hold does


@dataclass(frozen=True)
class Approval:
    approved: list[int]
    held: list[HeldItem]


def _held(uow: UnitOfWork, items: list[DisposalItem]) -> list[HeldItem]:
    case_ids = [item.case_id for item in items]
    holds: dict[str, list[tuple[int, date]]] = {}
    for case_id, hold_id, placed_on in uow.session.execute(
            select(LegalHold.case_id, LegalHold.id, LegalHold.placed_on)
            .where(LegalHold.case_id.in_(case_ids), LegalHold.lifted_on.is_(None)).order_by(LegalHold.id)):
        holds.setdefault(case_id, []).append((hold_id, placed_on))
    restricted = set(uow.session.scalars(select(Restriction.case_id).where(
        Restriction.case_id.in_(case_ids), Restriction.lifted_on.is_(None))))
    return [HeldItem(item.id, item.case_id, [hold_id for hold_id, _ in holds.get(item.case_id, [])],
                     min((placed for _, placed in holds.get(item.case_id, [])), default=None),
                     item.case_id in restricted)
            for item in items if item.case_id in holds or item.case_id in restricted]


def _decision_date(disposal_list: DisposalList, visa_on: date | None, as_of: date) -> date:
    """The date of the archives' decision, as given: neither after today nor before the list; today when not given."""
    if visa_on is None:
        return as_of
    if visa_on > as_of:
        raise InvalidInput(f"the archives' decision on disposal list {disposal_list.id} is dated {visa_on.isoformat()}, "
                           f"after today ({as_of.isoformat()}): give the date written on their visa")
    if visa_on < disposal_list.created_on:
        raise InvalidInput(f"the archives' decision on disposal list {disposal_list.id} is dated {visa_on.isoformat()}, "
                           f"before the list was made ({disposal_list.created_on.isoformat()}): give the date "
                           "written on their visa")
    return visa_on


def approve(uow: UnitOfWork, list_id: int, visa_ref: str, as_of: date, item_ids: list[int] | None = None,
            visa_on: date | None = None) -> Approval:
    """Record the archives' visa, dated `visa_on` (default: today), on the list (or on some of its items); the
    next run carries them out. An item whose case is under a legal hold (or restricted) is left awaiting a
    decision, and said so."""
    if not visa_ref.strip():
        raise InvalidInput("the visa reference of the Archives départementales is required")
    with uow:
        disposal_list, items = _undecided_items(uow, list_id, item_ids)
        held = _held(uow, items)
        items = [item for item in items if item.id not in {h.item_id for h in held}]
        if not items:
            raise InvalidInput(f"every item of list {list_id} to approve is under a legal hold or restricted (items "
                               f"{', '.join(str(h.item_id) for h in held)}): nothing was approved; see `oubli holds "
                               "list`, and approve them once the holds are lifted")
        disposal_list.visa_on = _decision_date(disposal_list, visa_on, as_of)
        for item in items:
            item.status, item.decided_on, item.decided_by = DisposalStatus.APPROVED, as_of, uow.actor
        uow.session.execute(update(Case).where(Case.id.in_([item.case_id for item in items]))
                            .values(next_action=NextAction.CARRY_OUT, next_action_due_on=as_of))
        disposal_list.status, disposal_list.visa_ref = "closed", visa_ref.strip()
        disposal_list.decided_on, disposal_list.decided_by = as_of, uow.actor
        approved = [item.id for item in items]
        uow.record("disposal.approved", "disposal_list", [str(list_id)], visa_ref=visa_ref.strip(),
                   visa_on=disposal_list.visa_on.isoformat(), item_ids=approved,
                   cases=[item.case_id for item in items], held_item_ids=[h.item_id for h in held])
        uow.commit()
    return Approval(approved, held)


def reject(uow: UnitOfWork, list_id: int, policy: Policy, as_of: date, reason: str,
           item_ids: list[int] | None = None, visa_on: date | None = None, reply_id: str | None = None) -> list[int]:
    """The archives refused (on `visa_on`, by their SEDA reply `reply_id` if any), for `reason`: kept with the
    items, shown when the cases are proposed again, never journaled as it may name people, erased with the case.
    The cases go back to the archive, proposed again after the policy's delay."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput("--reason is empty: give the reason the Archives départementales gave for their refusal")
    wrong = what_is_wrong(reason, REASON_MAX)
    if wrong:
        raise InvalidInput(f"--reason {wrong}: give the archives' reason as plain text")
    with uow:
        disposal_list, items = _undecided_items(uow, list_id, item_ids)
        if visa_on is not None:
            disposal_list.visa_on = _decision_date(disposal_list, visa_on, as_of)
        for item in items:
            item.status, item.decided_on, item.decided_by = DisposalStatus.REJECTED, as_of, uow.actor
            item.rejection_reason = reason
            review_on = add_years(as_of, policy.rule(Category(item.category)).review_rejected_after_years)
            uow.session.execute(update(Case).where(Case.id == item.case_id).values(
                state=CaseState.ARCHIVED, next_action=NextAction.PROPOSE_DISPOSAL, next_action_due_on=review_on))
        disposal_list.status, disposal_list.decided_on, disposal_list.decided_by = "closed", as_of, uow.actor
        rejected = [item.id for item in items]
        reply = {"reply_id": reply_id, "visa_on": visa_on.isoformat()} if reply_id and visa_on else {}
        uow.record("disposal.rejected", "disposal_list", [str(list_id)], item_ids=rejected,
                   cases=[item.case_id for item in items], policy=policy.version, **reply)
        uow.commit()
    return rejected


def export(view: ListView, policy: Policy, folder: Path, replace: bool = False) -> tuple[Path, Path]:
    """Write the bordereau as CSV and as a printable HTML page (retention/bordereau.py); file names carry only
    the list id. Both files are new (or, with `replace`, replace the previous export), owner-only: neither is
    written if either cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise InvalidInput(f"cannot make the folder {folder}: {error.strerror}; nothing was written") from None
    csv_path, html_path = folder / f"bordereau-{view.id}.csv", folder / f"bordereau-{view.id}.html"
    csv_text, page = bordereau.render_csv(view, policy), bordereau.render_html(view, policy)
    with private_file(csv_path, replace) as csv_file, private_file(html_path, replace) as html_file:
        csv_file.write(csv_text.encode("utf-8"))
        html_file.write(page.encode("utf-8"))
    return csv_path, html_path


def export_list(uow: UnitOfWork, list_id: int, policy: Policy, folder: Path, replace: bool = False) -> tuple[Path, Path]:
    """`export` of one list, journaled: the files are written first, then the entry is committed."""
    paths = export(show_disposal_list(uow, list_id), policy, folder, replace)
    with uow:
        uow.record("disposal.exported", "disposal_list", [str(list_id)])
        uow.commit()
    return paths
