"""`oubli report`: reports for auditors."""

import sys
from enum import StrEnum
from pathlib import Path

import typer

from oubli.cli.context import open_app
from oubli.cli.output import console, day_option, emit_json
from retention.report import build_report
from retention.report_render import render_csv, render_html

app = typer.Typer(help="Reports for auditors.\n\nExample: oubli report retention --format html --out report.html",
                  no_args_is_help=True)


class Format(StrEnum):
    HTML = "html"
    CSV = "csv"
    JSON = "json"


@app.command("retention")
def retention_command(
    ctx: typer.Context,
    period_from: str = typer.Option(None, "--from", metavar="YYYY-MM-DD", help="Actions from this day."),
    period_to: str = typer.Option(None, "--to", metavar="YYYY-MM-DD", help="Actions up to this day."),
    output_format: Format = typer.Option(Format.HTML, "--format", help="html (one self-contained page), csv or json."),
    out: Path = typer.Option(None, "--out", help="Write to this file (default: standard output)."),
    as_json: bool = typer.Option(False, "--json", help="The same as --format json."),
) -> None:
    """The retention report: cases per state and category, what is due or overdue and why, the actions
    carried out with their journal entries and policy version, disposal lists and their visas, and
    the verification of the journal.

    Example: oubli report retention --from 2026-01-01 --to 2026-12-31 --format html --out report.html
    """
    start, end = day_option(period_from, "--from"), day_option(period_to, "--to")
    app_ = open_app(ctx)
    with app_.engine.connect() as connection:
        report = build_report(connection, app_.policy(), app_.today(), start, end)
    if as_json or output_format == Format.JSON:
        if out:
            with out.open("w", encoding="utf-8") as stream:
                stdout, sys.stdout = sys.stdout, stream
                try:
                    emit_json(report)
                finally:
                    sys.stdout = stdout
        else:
            emit_json(report)
    else:
        text = render_html(report) if output_format == Format.HTML else render_csv(report)
        if out:
            out.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    if out:
        console.print(f"Report written to {out.resolve()}", highlight=False)
