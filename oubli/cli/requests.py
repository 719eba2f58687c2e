"""`oubli requests`: the DPO's register of rights requests, with their deadlines."""

import typer
from rich.table import Table

from casefiles.vocabulary import Capacity, Channel, RequestKind
from oubli.cli.context import open_app
from oubli.cli.output import console, day_option, emit_json, errors
from subject_requests.register import (extend, list_requests, open_request, show_request, verify_identity,
                                       withdraw)

app = typer.Typer(help="Rights requests (GDPR arts. 15-21): register, identity, deadlines.\n\n"
                       "Example: oubli requests list --due-within 7",
                  no_args_is_help=True)


@app.command("open")
def open_command(
    ctx: typer.Context,
    kind: RequestKind = typer.Option(..., "--kind", help="The right exercised."),
    subject: str = typer.Option(..., "--subject", metavar="PERSON_ID", help="Whom the request is about."),
    requester_name: str = typer.Option(..., "--requester-name", help="Who sent it (kept in the register only)."),
    capacity: Capacity = typer.Option(..., "--capacity", help="In what capacity the requester asks."),
    received: str = typer.Option(..., "--received", metavar="YYYY-MM-DD", help="The day the request arrived."),
    channel: Channel = typer.Option(Channel.MAIL, "--channel", help="How it arrived."),
    requester_id: str = typer.Option(None, "--requester-id", metavar="PERSON_ID",
                                     help="The requester, when the store knows them: checks their capacity."),
    as_json: bool = typer.Option(False, "--json", help='Print {"id", "due_on", "warnings"} as JSON.'),
) -> None:
    """Register a request: due one calendar month after receipt. Prints the new request's id; warnings
    on the requester's capacity go to standard error.

    Example: oubli requests open --kind access --subject P-1-0000003 --requester-name "Mme X" --capacity self --received 2026-11-20
    """
    received_on = day_option(received, "--received")
    app_ = open_app(ctx)
    request_id, warnings = open_request(app_.uow(), kind, subject, requester_name, capacity, received_on, channel,
                                        app_.today(), requester_id)
    view = show_request(app_.uow(), request_id, app_.today())
    if as_json:
        emit_json({"id": request_id, "due_on": view.due_on, "warnings": warnings})
    else:
        console.print(str(request_id))
        errors.print(f"Request {request_id} ({kind.value}) opened, due on {view.due_on.isoformat()}. "
                     "Verify the requester's identity before answering.", highlight=False)
    for warning in warnings:
        errors.print(f"Warning: {warning}.", markup=False, highlight=False)


@app.command("list")
def list_command(
    ctx: typer.Context,
    due_within: int = typer.Option(None, "--due-within", min=0, metavar="DAYS", help="Open requests due within DAYS."),
    overdue: bool = typer.Option(False, "--overdue", help="Open requests past their due date."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """List requests by due date: all of them, or the open ones due soon or overdue.

    Example: oubli requests list --overdue --json
    """
    app_ = open_app(ctx)
    views = list_requests(app_.uow(), app_.today(), due_within, overdue)
    if as_json:
        emit_json(views)
        return
    table = Table("id", "kind", "subject", "received", "due", "days left", "identity", "status")
    for v in views:
        table.add_row(str(v.id), v.kind, v.subject_id, v.received_on.isoformat(), v.due_on.isoformat(),
                      str(v.days_left), "verified" if v.identity_verified else "to verify", v.status)
    console.print(table)
    console.print(f"{len(views)} requests.", highlight=False)


@app.command("show")
def show_command(
    ctx: typer.Context,
    request_id: int = typer.Argument(..., metavar="ID"),
    as_json: bool = typer.Option(False, "--json", help="Print the request as JSON."),
) -> None:
    """Show one request: kind, status, dates, identity check.

    Example: oubli requests show 12 --json
    """
    app_ = open_app(ctx)
    view = show_request(app_.uow(), request_id, app_.today())
    if as_json:
        emit_json(view)
        return
    for name, value in vars(view).items():
        console.print(f"{name.replace('_', ' ')}: {value if value is not None else '-'}", highlight=False)


@app.command("verify-identity")
def verify_identity_command(
    ctx: typer.Context,
    request_id: int = typer.Argument(..., metavar="ID"),
    method: str = typer.Option(..., "--method", help="How identity was checked (kept in the register only)."),
) -> None:
    """Record that the requester's identity was checked, and how (art. 12(6)).

    Example: oubli requests verify-identity 12 --method "carte d'identité vue au guichet"
    """
    app_ = open_app(ctx)
    verify_identity(app_.uow(), request_id, method, app_.today())
    console.print(f"Identity verified for request {request_id}.", highlight=False)


@app.command("extend")
def extend_command(
    ctx: typer.Context,
    request_id: int = typer.Argument(..., metavar="ID"),
    reason: str = typer.Option(..., "--reason", help="Why the answer takes longer (told to the person)."),
) -> None:
    """Extend the deadline once by two months, before the first deadline passes (art. 12(3)).

    Example: oubli requests extend 12 --reason "Dossier de 2 000 documents à examiner"
    """
    app_ = open_app(ctx)
    due_on = extend(app_.uow(), request_id, reason, app_.today())
    console.print(f"Request {request_id} extended: now due on {due_on.isoformat()}.", highlight=False)


@app.command("withdraw")
def withdraw_command(
    ctx: typer.Context,
    request_id: int = typer.Argument(..., metavar="ID"),
) -> None:
    """Record that the person withdrew the request; it leaves the deadlines.

    Example: oubli requests withdraw 12
    """
    app_ = open_app(ctx)
    withdraw(app_.uow(), request_id, app_.today())
    console.print(f"Request {request_id} withdrawn.", highlight=False)
