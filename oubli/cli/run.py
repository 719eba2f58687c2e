"""`oubli run`: the nightly run, by hand (the scheduler calls the same service)."""

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.table import Table

from oubli.cli.context import open_app
from oubli.cli.output import console, day_option, emit_json, errors, progress

RESIDUE_LEFT = 3  # exit status: the run's work is done, but what it destroyed may still be in SQLite's log


class StopRequest:
    """Whether a signal asked the run to stop, and which."""

    def __init__(self) -> None:
        self._asked = threading.Event()
        self.signum: int | None = None

    def ask(self, signum: int, _frame=None) -> None:
        self.signum = self.signum or signum
        self._asked.set()

    def is_set(self) -> bool:
        return self._asked.is_set()

    def exit_code(self) -> int:
        """The shell's code for a process ended by that signal: 143 for SIGTERM, 130 for SIGINT."""
        return 128 + (self.signum or signal.SIGTERM)


@contextmanager
def stop_on_signals() -> Iterator[StopRequest]:
    """While the run lasts, SIGTERM and SIGINT ask it to stop after the batch in progress; then the
    handlers it replaced are put back."""
    stop = StopRequest()
    replaced = {signum: signal.signal(signum, stop.ask) for signum in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield stop
    finally:
        for signum, handler in replaced.items():
            signal.signal(signum, handler)


def run(
    ctx: typer.Context,
    as_of: str = typer.Option(None, "--as-of", metavar="YYYY-MM-DD", help="The day to run for. Default: today."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the plan; change nothing."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON (counts per action)."),
    break_lock: bool = typer.Option(False, "--break-lock", help="First clear the lock row of a run that died "
                                    "(journaled); refused while a live run holds the lock."),
) -> None:
    """Move every due case through its lifecycle: archive, reactivate, propose for disposal, carry out
    approved disposals (never despite a hold, never without a visa). Running again for the same day
    does nothing; a second run while one is going stops at once. A run that died (even killed -9)
    frees its lock with its process: the next run takes over at once. SIGTERM or SIGINT stops the run
    after the batch in progress, with exit code 143 or 130 (128 + the signal): run again to finish.

    Example: oubli run --as-of 2026-11-22 --dry-run
    """
    from retention.run import nightly_run

    day = day_option(as_of, "--as-of")
    app = open_app(ctx)
    day = day or app.today()
    if break_lock:
        from retention.lock import break_lock as clear_dead_lock

        broken = clear_dead_lock(app.uow(), app.clock())
        errors.print(f"Lock of the run {broken} broken (journaled)." if broken else "No lock to break.",
                     highlight=False)
    with stop_on_signals() as stop, progress("Nightly run", None) as advance:
        result = nightly_run(app.uow, app.policy(), day, app.clock, app.disposal_means(), dry_run=dry_run,
                             on_progress=lambda done, total: advance(done, total), should_stop=stop.is_set)
    summary = {"as_of": day.isoformat(), "dry_run": dry_run, "policy": result.policy,
               "examined": result.cases_examined, "seconds": round(result.seconds, 3),
               "stopped_early": result.stopped_early, **result.counts, "residue_cleared": result.residue_cleared}
    if as_json:
        emit_json(summary | ({"plan": result.plan} if dry_run else {}))
    else:
        print_result(result, day, dry_run)
    residue_left(result)
    if result.stopped_early:  # a supervisor must not take a run cut short for a finished one
        raise typer.Exit(stop.exit_code())


def print_result(result, day, dry_run: bool) -> None:
    if dry_run:
        table = Table("case", "steps", "state after", "next action", "due", title=f"Plan for {day.isoformat()}")
        for decision in result.plan:
            table.add_row(decision.case_id, ", ".join(decision.steps) or "reschedule", decision.state,
                          decision.next_action or "-",
                          decision.next_action_due_on.isoformat() if decision.next_action_due_on else "-")
        console.print(table)
    verb = "Would do" if dry_run else "Done"
    counts = ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in result.counts.items())
    console.print(f"{verb} for {day.isoformat()}: {result.cases_examined} due cases examined; {counts}."
                  + (" Stopped early on request: run again to finish." if result.stopped_early else ""),
                  highlight=False)
    warn_after_run(result)


def residue_left(result) -> None:
    """A run whose destroyed data may still be readable in SQLite's write-ahead log ends with exit status 3."""
    if not result.residue_cleared:
        errors.print("Error: another program kept reading the database, so its write-ahead log may still hold "
                     "destroyed data: everything else was done. Close it; the next oubli command finishes the "
                     "clearing (`oubli verify-disposal` does and proves it).", highlight=False)
        raise typer.Exit(RESIDUE_LEFT)


def warn_after_run(result) -> None:
    """What the operator must act on after a run."""
    if result.counts["not_carried_out"]:
        errors.print(f"{result.counts['not_carried_out']} approved transfers to the Archives départementales were "
                     "not carried out: set transfer.recipient (their age public key) in the retention policy. "
                     "Those cases stay pending disposal, untouched, and are taken up again by every run.",
                     highlight=False)
