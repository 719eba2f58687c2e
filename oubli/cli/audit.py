"""`oubli audit`: verify the journal's hash chain and read its entries."""

import sys
from datetime import datetime

import typer
from rich.table import Column, Table

from oubli.cli.context import open_app
from oubli.cli.output import console, emit_json, errors, progress

PAGE = 50  # entries per page in the table
TARGETS_SHOWN = 10  # of an entry's targets, in the table (--json gives them all)
TIME = "%Y-%m-%d %H:%M:%S %Z"  # Paris time, as `oubli serve` logs it: 2026-12-04 02:30:00 CET

app = typer.Typer(help="The tamper-evident audit journal.\n\nExample: oubli audit verify --json",
                  no_args_is_help=True)


@app.command("verify")
def verify_command(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON (keys ok, entries, "
                                                        "first_bad, problem, head_hash, bad_citations)."),
) -> None:
    """Recompute the whole hash chain; exit 1 and name the first bad entry if it is broken.

    Every entry another table cites (a tombstone its disposal's) must be there, within the head and
    about the row citing it: otherwise the tables, counts and first rows are named, and it exits 1.

    Note the head hash printed: if the journal is later rewritten as a whole, that hash will be
    gone from it.

    Example: oubli audit verify --json
    """
    from casefiles.persistence import journal

    app_ = open_app(ctx)
    with progress("Verifying entries", None) as advance:
        result = journal.verify_journal(app_.engine, on_progress=advance)
    if as_json:
        emit_json(result)
    elif result.ok:
        console.print(f"The journal is intact: {result.entries} entries; head hash {result.head_hash}.",
                      highlight=False)
    else:
        errors.print(f"The journal is BROKEN at entry {result.first_bad}: {result.problem}. "
                     f"{result.entries} entries before it are intact.", highlight=False)
    if not result.ok:
        sys.exit(1)


@app.command("log")
def log_command(
    ctx: typer.Context,
    since: str = typer.Option(None, "--since", metavar="YYYY-MM-DD[THH:MM]",
                              help="From this day or time in Paris, as the table shows times (or with its offset: "
                                   "2026-11-01T02:30+01:00)."),
    action: str = typer.Option(None, "--action", help="Only this action, or a prefix ending in '.' "
                                                       "(such as 'case.')."),
    after: int = typer.Option(None, "--after", min=0, metavar="SEQ",
                              help="Only entries after this one: the next page starts after the last entry shown."),
    limit: int = typer.Option(None, "--limit", min=1, help=f"How many entries at most (default {PAGE} in the table, "
                                                            "all with --json)."),
    as_json: bool = typer.Option(False, "--json", help="Print the entries as JSON (keys seq, at in UTC, actor, "
                                                        "action, target_type, target_ids, details, hash)."),
) -> None:
    """List journal entries, oldest first, a page at a time: each entry's time in Paris with its zone,
    its actor, action, targets and details as fields; the last line gives the command for the next page.

    Example: oubli audit log --since 2026-11-01 --action case. --limit 100 --after 300
    """
    from casefiles.persistence import journal

    start = since_utc(since)
    app_ = open_app(ctx)
    if as_json:
        emit_json(journal.read_entries(app_.engine, start, action, limit, after))
        return
    page = limit or PAGE
    entries = journal.read_entries(app_.engine, start, action, page + 1, after)
    more = len(entries) > page
    table = Table("seq", Column("at (Europe/Paris)", no_wrap=True), "actor", "action", "targets",
                  Column("details", overflow="fold"))
    for entry in entries[:page]:
        table.add_row(str(entry.seq), paris_time(entry.at), entry.actor, entry.action,
                      targets(entry.target_type, entry.target_ids), fields(entry.details))
    console.print(table)
    if not entries:
        console.print("No entry.", highlight=False)
    elif more:
        again = [f"--since {since}" if since else "", f"--action {action}" if action else "",
                 f"--after {entries[page - 1].seq}", f"--limit {limit}" if limit else ""]
        console.print(f"Entries {entries[0].seq} to {entries[page - 1].seq} shown; next page: "
                      f"oubli audit log {' '.join(part for part in again if part)}", highlight=False)


def since_utc(since: str | None) -> str | None:
    """`--since` as the journal writes times (UTC): a day or time without offset is in Paris."""
    from casefiles.persistence.journal import timestamp
    from oubli.bootstrap import PARIS

    if since is None:
        return None
    try:
        moment = datetime.fromisoformat(since)
    except ValueError:
        raise typer.BadParameter(f"'{since}' is not a day or time in the form YYYY-MM-DD[THH:MM]",
                                 param_hint="--since") from None
    return timestamp(moment if moment.tzinfo else moment.replace(tzinfo=PARIS))


def paris_time(at: str) -> str:
    """A journal time (UTC) as `oubli serve` logs times: 2026-12-04 02:30:00 CET."""
    from oubli.bootstrap import PARIS

    return datetime.fromisoformat(at).astimezone(PARIS).strftime(TIME)


def targets(target_type: str, ids: list[str]) -> str:
    if not ids:
        return target_type
    shown = ", ".join(ids[:TARGETS_SHOWN])
    return f"{target_type} {shown}" + (f" and {len(ids) - TARGETS_SHOWN} more" if len(ids) > TARGETS_SHOWN else "")


def fields(details: dict) -> str:
    """One `name: value` line per detail; a list's items separated by commas, a mapping's as name=value."""
    return "\n".join(f"{name.replace('_', ' ')}: {_value(value)}" for name, value in details.items())


def _value(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{key}={_value(item)}" for key, item in value.items()) or "-"
    if isinstance(value, list):
        return ", ".join(_value(item) for item in value) or "-"
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
