"""Disposal lists (bordereaux d'élimination): review, the archives' visa, rejection, and export.

Nothing is destroyed unless its item was approved with the visa of the Archives départementales
(Code du patrimoine L212-2, R212-51). A list is open while the nightly run adds proposals to it;
the first decision closes it to new proposals. Lists are kept forever.
"""

import html
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select, update

from casefiles.crypto.private_files import private_file
from casefiles.kernel.calendar import add_years
from casefiles.kernel.csv_cells import CsvWriter
from casefiles.kernel.errors import InvalidInput, NotFound
from casefiles.kernel.vocabulary import CaseState, DisposalStatus, NextAction
from casefiles.persistence.models import Case, DisposalItem, DisposalList
from casefiles.persistence.uow import UnitOfWork
from retention.policy import Category, Policy

EXPORT_COLUMNS = ("item", "case", "child", "born", "category", "opened", "service_ended", "proposed_on",
                  "final_action", "status")


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
    rejection_reason: str | None = None  # the archives' words, when they refused this item


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


def _item_view(item: DisposalItem) -> ItemView:
    return ItemView(item.id, item.case_id, item.child_initials, item.child_birth_year, item.category,
                    item.final_action, item.opened_on, item.service_ended_on, item.due_on, item.status,
                    item.decided_on, item.decided_by, item.carried_out_on, item.rejection_reason)


def _views(session, lists: list[DisposalList]) -> list[ListView]:
    items: dict[int, list[ItemView]] = {disposal_list.id: [] for disposal_list in lists}
    for item in session.scalars(select(DisposalItem).where(DisposalItem.list_id.in_(items))
                                .order_by(DisposalItem.case_id)):
        items[item.list_id].append(_item_view(item))
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
            visa_on: date | None = None) -> list[int]:
    """Record the archives' visa, dated `visa_on` (default: today), on the list (or on some of its items);
    the next run carries them out."""
    if not visa_ref.strip():
        raise InvalidInput("the visa reference of the Archives départementales is required")
    with uow:
        disposal_list, items = _undecided_items(uow, list_id, item_ids)
        disposal_list.visa_on = _decision_date(disposal_list, visa_on, as_of)
        for item in items:
            item.status, item.decided_on, item.decided_by = DisposalStatus.APPROVED, as_of, uow.actor
        uow.session.execute(update(Case).where(Case.id.in_([item.case_id for item in items]))
                            .values(next_action=NextAction.CARRY_OUT, next_action_due_on=as_of))
        disposal_list.status, disposal_list.visa_ref = "closed", visa_ref.strip()
        disposal_list.decided_on, disposal_list.decided_by = as_of, uow.actor
        approved = [item.id for item in items]
        uow.record("disposal.approved", "disposal_list", [str(list_id)], visa_ref=visa_ref.strip(),
                   visa_on=disposal_list.visa_on.isoformat(), item_ids=approved, cases=[item.case_id for item in items])
        uow.commit()
    return approved


def reject(uow: UnitOfWork, list_id: int, policy: Policy, as_of: date, item_ids: list[int] | None = None,
           visa_on: date | None = None, reason: str | None = None, reply_id: str | None = None) -> list[int]:
    """The archives refused (on `visa_on`, by their SEDA reply `reply_id`, for `reason`: kept with the items,
    never journaled, as it may name people; erased with the case): the cases go back to the archive, to be
    proposed again after the policy's delay."""
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


def _rows(view: ListView) -> list[tuple]:
    return [(i.id, i.case_id, i.child_initials, i.child_birth_year or "", i.category, i.opened_on.isoformat(),
             i.service_ended_on.isoformat(), i.due_on.isoformat(), i.final_action, i.status) for i in view.items]


def export(view: ListView, folder: Path, replace: bool = False) -> tuple[Path, Path]:
    """Write the list as CSV and as a printable HTML page; file names carry only the list id. Both files are
    new (or, with `replace`, replace the previous export), owner-only: neither is written if either cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise InvalidInput(f"cannot make the folder {folder}: {error.strerror}; nothing was written") from None
    csv_path, html_path = folder / f"bordereau-{view.id}.csv", folder / f"bordereau-{view.id}.html"
    table = io.StringIO(newline="")
    writer = CsvWriter(table)
    writer.writerow(EXPORT_COLUMNS)
    writer.writerows(_rows(view))
    cells = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>\n"
                    for row in _rows(view))
    header = "".join(f"<th>{html.escape(c)}</th>" for c in EXPORT_COLUMNS)
    visa = html.escape(view.visa_ref or "en attente")
    page = f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Bordereau d'élimination n° {view.id}</title>
<style>
body {{ font-family: sans-serif; margin: 2em; }} table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #999; padding: 4px 6px; font-size: 11pt; text-align: left; }}
th {{ background: #eee; }} @media print {{ body {{ margin: 0; }} tr {{ page-break-inside: avoid; }} }}
.sign {{ margin-top: 3em; display: flex; gap: 4em; }} .sign div {{ border-top: 1px solid #000; width: 18em; }}
</style></head><body>
<h1>Bordereau d'élimination n° {view.id}</h1>
<p>Service producteur : Aide sociale à l'enfance. Dossiers dont la durée d'utilité administrative est échue
(Code du patrimoine, art. L212-2 et R212-51). Établi le {view.created_on.isoformat()}, politique de
conservation {view.policy[:12]}. Visa des Archives départementales : {visa}.</p>
<p>{len(view.items)} dossiers. Seuls figurent la référence du dossier, les initiales et l'année de naissance de
l'enfant.</p>
<table><thead><tr>{header}</tr></thead><tbody>
{cells}</tbody></table>
<div class="sign"><div>Le chef de service</div><div>Le directeur des Archives départementales</div></div>
</body></html>
"""
    with private_file(csv_path, replace) as csv_file, private_file(html_path, replace) as html_file:
        csv_file.write(table.getvalue().encode("utf-8"))
        html_file.write(page.encode("utf-8"))
    return csv_path, html_path


def export_list(uow: UnitOfWork, list_id: int, folder: Path, replace: bool = False) -> tuple[Path, Path]:
    """`export` of one list, journaled: the files are written first, then the entry is committed."""
    paths = export(show_disposal_list(uow, list_id), folder, replace)
    with uow:
        uow.record("disposal.exported", "disposal_list", [str(list_id)])
        uow.commit()
    return paths
