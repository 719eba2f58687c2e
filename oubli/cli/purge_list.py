"""`oubli purge-list`: what the département's case system must delete or move out of daily use, and its
IT's confirmation that it did."""

from enum import StrEnum
from pathlib import Path

import typer

from oubli.cli.context import open_app
from oubli.cli.output import console, day_option, emit_json

MOST_BYTES = 100_000_000  # a returned purge list: about a million lines

app = typer.Typer(invoke_without_command=True)  # its help is the list's own: `oubli purge-list --out FILE`


class Format(StrEnum):
    """retention.purge_file.Format, here so that the command's help does not load the retention package."""

    CSV = "csv"
    JSON = "json"


@app.callback()
def write_command(
    ctx: typer.Context,
    source: str = typer.Option(None, "--source", metavar="NAME", help="Only the cases of this case system."),
    file_format: Format = typer.Option(Format.CSV, "--format",
                                       help="csv (French headers and reasons in words, for the case system's IT; "
                                            "the default) or json (the codes, for their scripts)."),
    out: Path = typer.Option(None, "--out", metavar="FILE", dir_okay=False, help="Write to this new file, mode 0600."),
    force: bool = typer.Option(False, "--force", help="Replace the file at --out if there is one."),
    as_json: bool = typer.Option(False, "--json", help="Print what was written (counts, SHA-256) as JSON."),
) -> None:
    """The purge list for the case system (IODAS, Solis...) by its own ids, and its confirmation (`confirm`).

    Written with --out: each case the case system still holds that it must delete
    (destroyed, anonymised or transferred here: reasons destroyed, anonymised, transferred) or move out of its
    daily use (archived here, its service ended longer ago than the policy's live-system delay, two years by
    default: past_live_delay), with the day it became due there. A case confirmed done for its reason
    (`oubli purge-list confirm`) is no longer listed. Ids, reasons and dates only; journaled with the counts
    and the file's SHA-256.

    Example: oubli purge-list --source iodas --format csv --out purge-2026-12.csv
    """
    if ctx.invoked_subcommand is not None:
        return
    if out is None:
        raise typer.BadParameter("give the file to write, e.g. --out purge.csv", param_hint="--out")
    from retention.purge_file import Format as FileFormat
    from retention.purge_list import write_purge_list

    app_ = open_app(ctx)
    written = write_purge_list(app_.uow(), app_.policy(), app_.today(), out, FileFormat(file_format.value), source,
                               replace=force)
    if as_json:
        emit_json(written)
        return
    reasons = ", ".join(f"{count} {reason}" for reason, count in sorted(written.by_reason.items()))
    console.print(f"Purge list written to {out.resolve()}: {written.lines} cases{f' ({reasons})' if reasons else ''}; "
                  f"SHA-256 {written.sha256}. Once the case system's IT has done them, record it with "
                  f"`oubli purge-list confirm {out.name}`.", highlight=False)


@app.command("confirm")
def confirm_command(
    ctx: typer.Context,
    file: Path = typer.Argument(..., metavar="FILE", dir_okay=False,
                                help="The purge list the case system's IT sends back, whole or with only the lines "
                                     "they did (CSV or JSON, as written)."),
    on: str = typer.Option(None, "--on", metavar="YYYY-MM-DD", help="The day they did it. Default: today."),
    as_json: bool = typer.Option(False, "--json", help="Print what was recorded as JSON."),
) -> None:
    """Record that the case system deleted, or moved out of daily use, every case of the returned file for the
    reason its line gives. All or nothing: a line whose case and reason the purge list does not give now, already
    confirmed, or due after the day given is refused, named by its line, and nothing is recorded.

    Example: oubli purge-list confirm purge-2026-12.csv --on 2026-12-04
    """
    from retention.purge_list import confirm_purges

    day = day_option(on, "--on")
    content = _read(file)
    app_ = open_app(ctx)
    confirmed = confirm_purges(app_.uow(), app_.policy(), app_.today(), content, file.name, day)
    if as_json:
        emit_json(confirmed)
        return
    console.print(f"{confirmed.lines} purges confirmed as done on {confirmed.confirmed_on.isoformat()} "
                  f"(file SHA-256 {confirmed.list_sha256}).", highlight=False)


def _read(path: Path) -> bytes:
    from casefiles.kernel.errors import InvalidInput

    try:
        if path.stat().st_size > MOST_BYTES:
            raise InvalidInput(f"{path} is larger than 100 MB: it is not a purge list; nothing was recorded")
        return path.read_bytes()
    except OSError as problem:
        raise InvalidInput(f"cannot read {path}: {problem.strerror}; nothing was recorded") from None
