"""`oubli verify-disposal`: proof that disposed cases are really gone."""

import typer
from rich.table import Table

from oubli.cli.context import open_app
from oubli.cli.output import console, emit_json

ROWS_CHECKED = "tombstone, no personal rows, key row gone, in the erasure ledger"


def verify_disposal_command(
    ctx: typer.Context,
    case_id: str = typer.Argument(None, metavar="[CASE_ID]", help="One disposed case; default: every one."),
    as_json: bool = typer.Option(False, "--json", help="Print each case's findings as JSON."),
) -> None:
    """Check that each disposed case (destroyed, anonymised or transferred) has its tombstone, that no
    table of personal data still refers to it, that its key is gone and that the erasure ledger holds
    it; on SQLite, that the database's files hold nothing of it: the write-ahead log emptied,
    secure_delete on, the free pages zeroed and its key's bytes nowhere in the file's free space. On
    PostgreSQL it says what it cannot prove. Exit status 1 when anything fails, each failure saying
    what to do.

    Example: oubli verify-disposal D-1-0000042
    """
    from casefiles.erasure import file_proof
    from casefiles.erasure.disposal_check import verify_disposal

    app_ = open_app(ctx)
    ledger = app_.eraser().ledger
    with app_.uow().reading() as uow:
        checks = verify_disposal(uow.session, ledger, case_id)
    files = file_proof.prove(app_.engine, ledger, [check.case_id for check in checks])  # no reader of ours left
    for check in checks:
        check.problems.extend(files.problems + files.by_case.get(check.case_id, []))
    failed = [check for check in checks if check.problems]
    if as_json:
        emit_json({"verified": len(checks), "failed": len(failed),
                   "checked": [ROWS_CHECKED, *files.checked], "not_proven": files.not_proven,
                   "cases": [{"case_id": c.case_id, "state": c.state, "ok": not c.problems, "problems": c.problems}
                             for c in checks]})
    else:
        if failed:
            table = Table("case", "state", "problems", title="Disposals that do not hold")
            for check in failed:
                table.add_row(check.case_id, check.state, "; ".join(check.problems))
            console.print(table)
        console.print(f"{len(checks) - len(failed)} of {len(checks)} disposed cases verified: "
                      + "; ".join([ROWS_CHECKED, *files.checked]) + ".", highlight=False)
        if files.not_proven:
            console.print("Not proven here: " + "; ".join(files.not_proven) + ".", highlight=False)
    if failed:
        raise typer.Exit(1)
