"""`oubli erasures`: the erasure ledger, after a backup is restored."""

import dataclasses

import typer

from oubli.cli.context import open_app
from oubli.cli.output import console, emit_json, errors

app = typer.Typer(help="The erasure ledger: what was destroyed stays destroyed, even after a restore.\n\n"
                       "Example: oubli erasures replay", no_args_is_help=True)


@app.command("replay")
def replay_command(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print what was destroyed again as JSON."),
) -> None:
    """After restoring the database from a backup: destroy again every case and person the erasure
    ledger (its file outside the database) says was destroyed, and give the database back the ledger
    entries it lost. Running it again finds nothing more. The nightly run refuses to run on a restored
    database until this is done.

    Example: oubli erasures replay --json
    """
    app_ = open_app(ctx)
    replay = app_.eraser().replay_restored(app_.uow(), app_.today())
    if as_json:
        emit_json(dataclasses.asdict(replay))
        return
    console.print(f"Destroyed again: {len(replay.cases)} cases, {replay.persons - len(replay.kept)} persons; "
                  f"{replay.ledger_entries_restored} ledger entries given back to the database.", highlight=False)
    if replay.kept:
        errors.print(f"{len(replay.kept)} persons the ledger says were erased are referred to by a case in use "
                     f"({', '.join(replay.kept[:20])}): they were kept; the DPO decides whether they must go.",
                     highlight=False)


@app.command("compact")
def compact_command(ctx: typer.Context) -> None:
    """Rewrite the database from its live rows, so that nothing deleted or overwritten stays in its files:
    SQLite's whole file (VACUUM, then its write-ahead log emptied), PostgreSQL's tables that erasures and
    sealing touch (VACUUM FULL, each locked against reads and writes while it is rewritten: run it
    outside working hours, see docs/operations.md). Needs no other program using the database.

    Example: oubli erasures compact
    """
    import time

    from casefiles.erasure import shredded_keys
    from casefiles.erasure.eraser import ERASED_TABLES
    from casefiles.erasure.residue import compact

    app_ = open_app(ctx)
    started = time.perf_counter()
    compact(app_.engine, ERASED_TABLES)
    shredded_keys.record_compaction(app_.engine, app_.today())
    where = ("the database file and its write-ahead log" if app_.engine.dialect.name == "sqlite" else
             f"the pages of {', '.join(sorted(ERASED_TABLES))} (not the WAL segments, archives nor backups)")
    console.print(f"Compacted in {time.perf_counter() - started:.1f} s: rewritten from the live rows, {where} hold no "
                  "former value of a deleted or sealed row.", highlight=False)
