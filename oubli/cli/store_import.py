"""`oubli import`: load case records from the case-management software's JSON Lines export."""

from pathlib import Path

import typer

from oubli.cli.context import open_app
from oubli.cli.output import console, emit_json, progress

PHASES = {"validate": "Checking every line", "import": "Importing"}


def import_cases(
    ctx: typer.Context,
    file: Path = typer.Argument(..., metavar="FILE", help="JSON Lines, one case per line "
                                                           "(docs/record-format.md)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Import cases from a JSON Lines file: all of it, or nothing if any line is invalid.

    Every line is checked first; if any is invalid, every problem is listed by line number and
    nothing is imported. A case already in the store is updated (its measures, concerns,
    participants and documents are replaced by those in the file), unless it is exactly as last
    imported: then it is left as it is (an archived case's persons stay sealed).

    Example: oubli import export-2026-11-22.jsonl
    """
    from casefiles.ingest.importer import import_file

    app = open_app(ctx)
    with progress("Checking every line", None) as advance:
        result = import_file(app.uow(), file, app.eraser().ledger,
                             on_progress=lambda phase, done, total: advance(done, total, PHASES[phase]))
    if as_json:
        emit_json(result)
    else:
        console.print(f"Imported {result.cases} cases ({result.created} new, {result.updated} updated, "
                      f"{result.unchanged} unchanged and left as they were). "
                      f"File SHA-256: {result.sha256}.", highlight=False)
