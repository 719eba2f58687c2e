"""`oubli disposals`: review disposal lists, record the archives' visa or refusal, export the bordereau."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from oubli.cli.context import open_app
from oubli.cli.output import console, day_option, emit_json

if TYPE_CHECKING:
    from retention.disposals import ListView

app = typer.Typer(help="Disposal lists (bordereaux d'élimination) and the visa of the Archives départementales."
                       "\n\nExample: oubli disposals approve 3 --visa AD31-2026-117 --visa-date 2026-11-28 --yes",
                  no_args_is_help=True)


def _items(value: str | None) -> list[int] | None:
    if value is None:
        return None
    try:
        return [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise typer.BadParameter("give item ids separated by commas, such as 12,15,16", param_hint="--items") from None


def _refusal(item) -> str:
    """The archives' words: on this item, or on the case's earlier proposal they refused."""
    if item.rejection_reason:
        return item.rejection_reason
    if item.refused_before_on:
        return f"refused {item.refused_before_on.isoformat()}: {item.refused_before_reason or '-'}"
    return "-"


def _items_table(view: ListView) -> Table:
    table = Table("item", "case", "child", "born", "category", "service ended", "final action", "status",
                  "archives' refusal", title=f"Disposal list {view.id} ({view.status})")
    for item in view.items:
        table.add_row(str(item.id), item.case_id, item.child_initials, str(item.child_birth_year or "-"),
                      item.category, item.service_ended_on.isoformat(),
                      item.final_action + (f" (sample: {item.sampled_by})" if item.sampled_by else ""), item.status,
                      _refusal(item))
    return table


@app.command("list")
def list_command(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """List the disposal lists with their status, visa and items.

    Example: oubli disposals list --json
    """
    from retention import disposals

    lists = disposals.list_disposal_lists(open_app(ctx).uow())
    if as_json:
        emit_json(lists)
        return
    table = Table("list", "status", "created", "items", "awaiting visa", "visa", "decided by")
    for view in lists:
        waiting = sum(1 for item in view.items if item.status == "proposed")
        table.add_row(str(view.id), view.status, view.created_on.isoformat(), str(len(view.items)), str(waiting),
                      view.visa_ref or "-", view.decided_by or "-")
    console.print(table)


@app.command("show")
def show_command(ctx: typer.Context, list_id: int = typer.Argument(..., metavar="LIST_ID"),
                 as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Show one disposal list, item by item.

    Example: oubli disposals show 3
    """
    from retention import disposals

    view = disposals.show_disposal_list(open_app(ctx).uow(), list_id)
    if as_json:
        emit_json(view)
    else:
        console.print(_items_table(view))
        _print_exchange(view)


def _print_exchange(view: ListView) -> None:
    """The SEDA exchange with the archives, when there was one, the date of their decision, and their reasons."""
    if view.request_id:
        console.print(f"SEDA request {view.request_id} sent on {view.requested_on}.", highlight=False)
    if view.visa_ref or view.visa_on:
        console.print(f"Archives' decision dated {view.visa_on or '-'}, visa {view.visa_ref or '- (refused)'}.",
                      highlight=False)
    reasons: dict[str, list[str]] = {}
    for item in view.items:
        if item.rejection_reason:
            reasons.setdefault(item.rejection_reason, []).append(str(item.id))
    for reason, ids in reasons.items():
        console.print(f"Refused (items {', '.join(ids)}): {reason}", highlight=False)


@app.command("export")
def export_command(ctx: typer.Context, list_id: int = typer.Argument(..., metavar="LIST_ID"),
                   out: Path = typer.Option(None, "--out", help="The folder to write into (made if missing; default: "
                                                                "here), or with --format seda the XML file to write."),
                   export_format: str = typer.Option("bordereau", "--format", metavar="bordereau|seda",
                                                     help="bordereau: CSV and printable HTML; seda: the SEDA request "
                                                          "for the archives' visa (AuthorizationControlAuthorityRequest)."),
                   force: bool = typer.Option(False, "--force", help="Replace this list's files of an earlier export."),
                   as_json: bool = typer.Option(False, "--json", help="Print the files written as JSON.")) -> None:
    """Write the bordereau d'élimination, in French, as CSV and as an A4 HTML page to print, sign and send
    to the Archives départementales.

    Per file: its reference, dates extrêmes, the durée d'utilité administrative and its legal ground, the
    sort final, the volume, the archives' earlier refusals; the totals; the signature blocks. Only the case
    reference, the child's initials and year of birth leave: no other personal data. The files are readable
    by their owner only; an earlier export of the list is replaced only with --force.
    With --format seda, the SEDA request for their visa on the files to destroy or anonymise (the case
    references only); sending it closes the list to new proposals, and their reply is recorded with
    `oubli disposals approve LIST_ID --reply FILE`.

    Example: oubli disposals export 3 --out ./bordereaux
    Example: oubli disposals export 3 --format seda --out demande-elimination-3.xml
    """
    from retention import disposals

    if export_format not in ("bordereau", "seda"):
        raise typer.BadParameter(f"'{export_format}' is not bordereau or seda", param_hint="--format")
    if export_format == "seda":
        _export_seda(ctx, list_id, out, force, as_json)
        return
    app_ = open_app(ctx)
    csv_path, html_path = disposals.export_list(app_.uow(), list_id, app_.policy(), out or Path("."), replace=force)
    if as_json:
        emit_json({"csv": str(csv_path), "html": str(html_path)})
    else:
        console.print(f"Wrote {csv_path} and {html_path}.", highlight=False)


def _export_seda(ctx: typer.Context, list_id: int, out: Path | None, force: bool, as_json: bool) -> None:
    from retention import elimination

    if out is None:
        raise typer.BadParameter("give the XML file to write, such as demande-elimination-3.xml", param_hint="--out")
    app_ = open_app(ctx)
    sent = elimination.export_request(app_.uow(), list_id, app_.policy(), out, app_.clock(), replace=force)
    if as_json:
        emit_json({"list_id": list_id, "seda": str(sent.path), "request_id": sent.message_id, "cases": sent.cases})
    else:
        console.print(f"Wrote {sent.path}: request {sent.message_id} for the archives' visa on {len(sent.cases)} "
                      f"files; record their reply with `oubli disposals approve {list_id} --reply FILE`.",
                      highlight=False)


def _confirm(yes: bool, question: str) -> None:
    if not yes and not typer.confirm(question):
        raise typer.Exit(1)


@app.command("approve")
def approve_command(
    ctx: typer.Context,
    list_id: int = typer.Argument(..., metavar="LIST_ID"),
    visa: str = typer.Option(None, "--visa", metavar="REF", help="The visa reference of the Archives départementales, "
                                                                  "from the signed bordereau."),
    visa_date: str = typer.Option(None, "--visa-date", metavar="DATE", help="The date of their visa on the signed "
                                                                            "bordereau (default: today)."),
    reply: Path = typer.Option(None, "--reply", metavar="FILE", help="Their SEDA reply to the request of `export "
                                                                     "--format seda`: records their visa or refusal."),
    items: str = typer.Option(None, "--items", metavar="ID,ID", help="Only these items (default: every item "
                                                                        "awaiting a decision); not with --reply."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Record the visa: the next run destroys (or otherwise disposes of) the approved cases, unless held.

    The visa's reference is required: typed from the signed bordereau with --visa (and the date written
    on it with --visa-date), or read from the archives' SEDA reply with --reply, whose identifier and
    date become the visa's; a reply that refuses rejects the files it answers, keeping its comment.

    Example: oubli disposals approve 3 --visa AD31-2026-117 --visa-date 2026-11-28 --yes
    Example: oubli disposals approve 3 --reply reponse-AD31.xml --yes
    """
    from retention import disposals

    if (visa is None) == (reply is None):
        raise typer.BadParameter("give the archives' visa: --visa REF (with --visa-date), or --reply FILE",
                                 param_hint="--visa / --reply")
    if reply is not None:
        if items is not None or visa_date is not None:
            raise typer.BadParameter("the reply answers the request as a whole, and is dated by the archives",
                                     param_hint="--items / --visa-date")
        _record_reply(ctx, list_id, reply, yes, as_json)
        return
    visa_on = day_option(visa_date, "--visa-date")
    chosen = _items(items)
    app_ = open_app(ctx)
    _confirm(yes, f"Approve {'the items ' + items if chosen else 'every item awaiting a decision'} of disposal "
                  f"list {list_id} with visa {visa}? The next run carries them out")
    approval = disposals.approve(app_.uow(), list_id, visa, app_.today(), chosen, visa_on)
    if as_json:
        emit_json({"list_id": list_id, "approved": approval.approved, "visa": visa,
                   "visa_on": (visa_on or app_.today()).isoformat(), "held": approval.held})
        return
    console.print(f"Approved {len(approval.approved)} items of list {list_id} with visa {visa}; "
                  "the next run carries them out.", highlight=False)
    if approval.held:
        console.print(f"Left out, awaiting a decision: {len(approval.held)} item(s) whose case is held "
                      "(never approved while a hold is in force):", highlight=False)
    for held in approval.held:
        why = []
        if held.hold_ids:
            since = held.held_since.isoformat() if held.held_since else "?"
            why.append(f"legal hold {', '.join(map(str, held.hold_ids))} since {since}")
        if held.restricted:
            why.append("restricted at a rights request (GDPR art. 18)")
        console.print(f"  item {held.item_id}, case {held.case_id}: {'; '.join(why)}", highlight=False)
    if approval.held:
        console.print("Approve them with --items once the holds are lifted (oubli holds lift CASE_ID).",
                      highlight=False)


def _record_reply(ctx: typer.Context, list_id: int, reply: Path, yes: bool, as_json: bool) -> None:
    from retention import elimination

    app_ = open_app(ctx)
    _confirm(yes, f"Record the archives' reply {reply} on disposal list {list_id}? If it approves, the next run "
                  "carries out the files it answers")
    recorded = elimination.record_reply(app_.uow(), list_id, reply, app_.policy(), app_.today())
    if as_json:
        emit_json({"list_id": list_id, "approved" if recorded.approved else "rejected": recorded.item_ids,
                   "visa" if recorded.approved else "reply": recorded.reply_id, "reply_code": recorded.reply_code,
                   "visa_on": recorded.visa_on.isoformat()})
    elif recorded.approved:
        console.print(f"Approved {len(recorded.item_ids)} items of list {list_id} with the archives' visa "
                      f"{recorded.reply_id} of {recorded.visa_on.isoformat()}; the next run carries them out.",
                      highlight=False)
    else:
        console.print(f"The archives refused (reply {recorded.reply_id}, code {recorded.reply_code}): rejected "
                      f"{len(recorded.item_ids)} items of list {list_id}, back to the archive; their reason is kept "
                      f"(`oubli disposals show {list_id}`).", highlight=False)


@app.command("notify")
def notify_command(
    ctx: typer.Context,
    list_id: int = typer.Argument(..., metavar="LIST_ID"),
    out: Path = typer.Option(..., "--out", metavar="FILE", help="The XML file to write."),
    force: bool = typer.Option(False, "--force", help="Replace the file of an earlier notification."),
    as_json: bool = typer.Option(False, "--json", help="Print the file written as JSON."),
) -> None:
    """Write the SEDA notification (ArchiveDestructionNotification) of the list's files destroyed or
    anonymised under the archives' visa, to send them once the run has carried out every approved file.

    Example: oubli disposals notify 3 --out notification-elimination-3.xml
    """
    from retention import elimination

    app_ = open_app(ctx)
    sent = elimination.notify(app_.uow(), list_id, app_.policy(), out, app_.clock(), replace=force)
    if as_json:
        emit_json({"list_id": list_id, "seda": str(sent.path), "notification_id": sent.message_id,
                   "cases": sent.cases})
    else:
        console.print(f"Wrote {sent.path}: notification {sent.message_id} of {len(sent.cases)} files eliminated.",
                      highlight=False)


@app.command("reject")
def reject_command(
    ctx: typer.Context,
    list_id: int = typer.Argument(..., metavar="LIST_ID"),
    reason: str = typer.Option(..., "--reason", help="The reason the Archives départementales gave; shown when "
                                                         "the cases are proposed again."),
    items: str = typer.Option(None, "--items", metavar="ID,ID", help="Only these items (default: every item "
                                                                        "awaiting a decision)."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Record the archives' refusal and their reason: the cases return to the archive and are proposed again
    later, with the reason on the next bordereau and in `disposals show`.

    Example: oubli disposals reject 3 --items 12,15 --reason "Intérêt historique : à verser" --yes
    """
    from retention import disposals

    chosen = _items(items)
    app_ = open_app(ctx)
    _confirm(yes, f"Reject {'the items ' + items if chosen else 'every item awaiting a decision'} of disposal "
                  f"list {list_id}?")
    rejected = disposals.reject(app_.uow(), list_id, app_.policy(), app_.today(), reason, chosen)
    if as_json:
        emit_json({"list_id": list_id, "rejected": rejected})
    else:
        console.print(f"Rejected {len(rejected)} items of list {list_id}: back to the archive.", highlight=False)
