"""`oubli holds`: legal holds that stop disposal."""

import typer
from rich.table import Table

from oubli.cli.context import open_app
from oubli.cli.output import console, day_option, emit_json

app = typer.Typer(help="Legal holds: a held case is never proposed for disposal nor disposed of.\n\n"
                       "Example: oubli holds place D-1-0000042 --reason \"Procédure pénale en cours\"",
                  no_args_is_help=True)


@app.command("place")
def place_command(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="CASE_ID"),
    reason: str = typer.Option(..., "--reason", help="The proceedings, claim or request the hold serves."),
    placed_on: str = typer.Option(None, "--placed-on", metavar="YYYY-MM-DD",
                                  help="The date of the court order or claim (default: today); not in the future."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Place a legal hold on a case: its disposal stops whatever the date, until the hold is lifted.

    Example: oubli holds place D-1-0000042 --reason "Ordonnance du juge des enfants" --placed-on 2026-03-03
    """
    from retention.holds import place_hold

    day = day_option(placed_on, "--placed-on")
    app = open_app(ctx)
    hold_id = place_hold(app.uow(), case_id, reason, app.today(), day)
    if as_json:
        emit_json({"hold_id": hold_id, "case_id": case_id})
    else:
        console.print(f"Hold {hold_id} placed on case {case_id}.", highlight=False)


@app.command("lift")
def lift_command(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="CASE_ID"),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Lift every hold in force on a case; the next run takes it up where it stopped.

    Example: oubli holds lift D-1-0000042
    """
    from retention.holds import lift_holds

    app = open_app(ctx)
    lifted = lift_holds(app.uow(), case_id, app.today())
    if as_json:
        emit_json({"case_id": case_id, "lifted": lifted})
    else:
        console.print(f"Lifted {len(lifted)} hold(s) on case {case_id}.", highlight=False)


@app.command("list")
def list_command(
    ctx: typer.Context,
    include_lifted: bool = typer.Option(False, "--all", help="Include lifted holds."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """List holds in force (with --all, lifted ones too).

    Example: oubli holds list --json
    """
    from retention.holds import list_holds

    holds = list_holds(open_app(ctx).uow(), include_lifted)
    if as_json:
        emit_json(holds)
        return
    table = Table("hold", "case", "placed", "by", "lifted", "reason")
    for hold in holds:
        table.add_row(str(hold.id), hold.case_id, hold.placed_on.isoformat(), hold.placed_by,
                      hold.lifted_on.isoformat() if hold.lifted_on else "-", hold.reason)
    console.print(table)
