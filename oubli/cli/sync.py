"""`oubli sync`: bring the store up to date from the département's case system, read in place through a mapping."""

from pathlib import Path

import typer

from oubli.cli.context import open_app
from oubli.cli.output import console, emit_json, errors, progress

PROBLEMS_SHOWN = 50  # in the table; --json lists them all
COUNTS = ("new", "changed", "unchanged", "gone", "skipped_destroyed")


def sync_command(
    ctx: typer.Context,
    source: str = typer.Option(..., "--source", metavar="URL",
                               help="The case system, read-only: a database URL (postgresql://..., sqlite:///PATH, "
                                    "or any SQLAlchemy URL whose driver is installed) or a folder of CSV exports."),
    mapping: Path = typer.Option(..., "--mapping", metavar="FILE",
                                help="The mapping file (YAML) that says how to read it (docs/mapping.md)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Read and compare everything; change nothing."),
    full: bool = typer.Option(False, "--full", help="Read every case, not only those changed since the last sync "
                                                    "(after a change of the mapping file)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON: the counts and the problems "
                                                       "by source id and kind."),
) -> None:
    """Bring Oubli up to date from the case system: new and changed cases come in, an unchanged case is left
    as it is, cases the source no longer holds are reported (never deleted), and a case destroyed,
    anonymised or transferred here that the source still holds is skipped (the purge list names it). Each
    data-quality problem is listed by the source's id and its kind, never with a value, and the case it
    prevents from being built is left out. All of it in one transaction, or nothing. Only the cases changed
    since the last sync are read when the mapping names the columns that say a row changed. A sync and the
    nightly run never go together: the one started second stops at once.

    Example: oubli sync --source postgresql://lecture@solis.cd31.local/solis --mapping solis.yaml --dry-run
    """
    from casefiles.ingest.mapping import load_mapping
    from casefiles.ingest.source_reader import open_source
    from casefiles.ingest.sync import sync
    from retention import lock

    app = open_app(ctx)
    case_system = open_source(source, load_mapping(mapping))
    # A dry run too: it writes (then rolls back) in one transaction, which on SQLite would keep a run's batch waiting.
    try:
        held = lock.acquire(app.uow(), f"sync, {lock.holder_name()}", app.clock())
    except BaseException:
        case_system.close()
        raise
    try:
        with progress(f"Syncing from {case_system.name}", None) as advance:
            result = sync(app.uow(), case_system, app.eraser().ledger, app.today(), dry_run=dry_run,
                          on_progress=lambda done, total: advance(done, total), full=full, now=app.clock())
    finally:
        case_system.close()
        lock.release(app.uow(), held)
    if as_json:
        emit_json({name: getattr(result, name) for name in COUNTS}
                  | {"problems": [{"source_id": p.source_id, "kind": p.kind} for p in result.problems]})
        return
    print_result(result)


def print_result(result) -> None:
    from rich.table import Table

    verb = "Would sync" if result.dry_run else "Synced"
    read = "every case read" if result.read_all else "only the cases changed since the last sync read"
    console.print(
        f"{verb} from {result.source} ({read}): {result.new} new, {result.changed} changed, {result.unchanged} "
        f"unchanged, {result.gone} gone from the source (kept here), {result.skipped_destroyed} skipped (destroyed, "
        f"anonymised or transferred here: on the purge list); legal holds {result.holds_placed} placed, "
        f"{result.holds_lifted} lifted." + (" Nothing was changed (dry run)." if result.dry_run else ""),
        highlight=False)
    if not result.problems:
        return
    table = Table("source id", "problem", "where", title=f"{len(result.problems)} problems in the source")
    for problem in result.problems[:PROBLEMS_SHOWN]:
        table.add_row(problem.source_id, problem.kind.replace("_", " "), problem.where or "-")
    console.print(table)
    if len(result.problems) > PROBLEMS_SHOWN:
        errors.print(f"... and {len(result.problems) - PROBLEMS_SHOWN} more problems: --json lists them all.",
                     highlight=False)
