"""`oubli transfers`: the SEDA packages sent to the Archives départementales, and their replies."""

from pathlib import Path

import typer
from rich.table import Table

from oubli.cli.context import open_app
from oubli.cli.output import console, day_option, emit_json
from oubli.cli.run import residue_left

app = typer.Typer(help="Packages sent to the Archives départementales: a transferred case is destroyed here only "
                       "once they confirm they hold it.\n\nExample: oubli transfers confirm D-1-0000042 --reply "
                       "accuse-reception.xml", no_args_is_help=True)


@app.command("list")
def list_command(
    ctx: typer.Context,
    status: str = typer.Option(None, "--status", help="Only the packages awaiting_reply, confirmed or rejected."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """List the packages sent, oldest first: where each is, its SHA-512, whether the archives replied, the
    day it was sent and the days it waited, and their reason when they refused it.

    Example: oubli transfers list --status awaiting_reply --json
    """
    from casefiles.kernel.vocabulary import TransferStatus
    from retention.transfer_replies import list_packages

    if status is not None and status not in tuple(TransferStatus):
        raise typer.BadParameter(f"choose one of {', '.join(TransferStatus)}", param_hint="--status")
    app_ = open_app(ctx)
    packages = list_packages(app_.uow(), app_.today(), status)
    if as_json:
        emit_json(packages)
        return
    table = Table("case", "status", "sent", "days", "reply", "package", "archives' reason",
                  title="Packages sent to the Archives départementales")
    for package in packages:
        table.add_row(package.case_id, package.status, package.sent_on.isoformat(), str(package.days_waiting),
                      package.reply_identifier or "-", package.path, package.reason or "-")
    console.print(table)


@app.command("confirm")
def confirm_command(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="CASE_ID"),
    reply: Path = typer.Option(None, "--reply", metavar="FILE", help="The archives' ArchiveTransferReply (SEDA XML)."),
    reference: str = typer.Option(None, "--reference", metavar="REF",
                                  help="The reference of the archives' acknowledgement, typed from their letter."),
    on: str = typer.Option(None, "--on", metavar="YYYY-MM-DD", help="The day of that acknowledgement."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Record that the archives hold the case's package; the case is then destroyed here (keys first, the
    ledger, a tombstone keeping the reply's identifier and the package's SHA-512), unless a hold is in force:
    then the nightly run destroys it once the hold is lifted. A reply that refuses the package puts the case
    back on the disposal list with the archives' reason; a reply to another package is refused.

    Example: oubli transfers confirm D-1-0000042 --reference AD31-VERS-2026-0117 --on 2026-12-04
    """
    from retention.transfer_replies import confirm

    if (reply is None) == (reference is None):
        raise typer.BadParameter("give --reply FILE, or --reference REF with --on DATE", param_hint="--reply")
    day = day_option(on, "--on")
    if reference is not None and day is None:
        raise typer.BadParameter("the day of the archives' acknowledgement is needed with --reference",
                                 param_hint="--on")
    message = _read_reply(reply) if reply is not None else None
    app_ = open_app(ctx)
    recorded = confirm(app_.uow(), case_id, app_.policy(), app_.today(), app_.disposal_means(), reply=message,
                       reference=reference, on=day)
    if as_json:
        emit_json(recorded)
    elif recorded.status == "rejected":
        console.print(f"The archives refused the package of case {case_id}: it is proposed again on disposal list "
                      f"{recorded.list_id}, with their reason (`oubli transfers list`).", highlight=False)
    elif recorded.held:
        console.print(f"Reply {recorded.reply_identifier} recorded; case {case_id} is under a hold: it will be "
                      "destroyed here once the hold is lifted.", highlight=False)
    else:
        console.print(f"Reply {recorded.reply_identifier} recorded; case {case_id} destroyed here "
                      "(`oubli verify-disposal` proves it).", highlight=False)
    residue_left(recorded)  # exit 3, as `oubli run`, when SQLite's log could not be emptied yet


@app.command("reject")
def reject_command(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="CASE_ID"),
    reason: str = typer.Option(..., "--reason", help="The archives' reason for refusing the package."),
    on: str = typer.Option(None, "--on", metavar="YYYY-MM-DD", help="The day of their refusal. Default: today."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Record that the archives refused the case's package: the case is kept, put back on the open disposal
    list (proposed again), and their reason kept beside the package.

    Example: oubli transfers reject D-1-0000042 --reason "Pièces manquantes : jugements de placement"
    """
    from retention.transfer_replies import reject

    day = day_option(on, "--on")
    app_ = open_app(ctx)
    recorded = reject(app_.uow(), case_id, reason, app_.policy(), app_.today(), day)
    if as_json:
        emit_json(recorded)
    else:
        console.print(f"Case {case_id} is proposed again on disposal list {recorded.list_id}.", highlight=False)


def _read_reply(path: Path) -> bytes:
    from casefiles.kernel.errors import InvalidInput

    try:
        if path.stat().st_size > 10_000_000:
            raise InvalidInput(f"{path} is larger than 10 MB: it is not an ArchiveTransferReply; nothing was recorded")
        return path.read_bytes()
    except OSError as problem:
        raise InvalidInput(f"cannot read {path}: {problem.strerror}; nothing was recorded") from None
