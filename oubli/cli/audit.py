"""`oubli audit`: verify the journal's hash chain and read its entries."""

import sys

import typer
from rich.table import Table

from oubli.cli.context import open_app
from oubli.cli.output import console, emit_json, errors, progress

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
    since: str = typer.Option(None, "--since", metavar="YYYY-MM-DD[THH:MM]", help="From this UTC day or time."),
    action: str = typer.Option(None, "--action", help="Only this action, or a prefix ending in '.' "
                                                       "(such as 'case.')."),
    limit: int = typer.Option(None, "--limit", min=1, help="How many entries at most."),
    as_json: bool = typer.Option(False, "--json", help="Print the entries as JSON."),
) -> None:
    """List journal entries, oldest first.

    Example: oubli audit log --since 2026-11-01 --action case. --limit 100
    """
    from casefiles.persistence import journal

    app_ = open_app(ctx)
    entries = journal.read_entries(app_.engine, since, action, limit)
    if as_json:
        emit_json(entries)
        return
    table = Table("seq", "at (UTC)", "actor", "action", "targets", "details")
    for entry in entries:
        details = ", ".join(f"{key}={value}" for key, value in entry.details.items())
        table.add_row(str(entry.seq), entry.at, entry.actor, entry.action,
                      " ".join(entry.target_ids) or entry.target_type, details)
    console.print(table)
