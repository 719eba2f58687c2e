"""`oubli serve`: the scheduler in the foreground, running the nightly job on its schedule."""

import logging
import signal
import threading
from datetime import datetime

import typer

import scheduler
from oubli.bootstrap import PARIS
from oubli.cli.context import open_app

TIME = "%Y-%m-%d %H:%M:%S %Z"  # in Paris time, as the schedule is: 2026-12-04 02:30:00 CET


class _ParisTime(logging.Formatter):
    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return datetime.fromtimestamp(record.created, PARIS).strftime(TIME)


def _log_one_line_per_event() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(_ParisTime("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    # Alembic's "Context impl" and APScheduler's own start and stop lines repeat what Oubli says;
    # their warnings and errors (a job that raised) still show.
    for chatty in ("alembic", "apscheduler"):
        logging.getLogger(chatty).setLevel(logging.WARNING)


def serve(
    ctx: typer.Context,
    cron: str = typer.Option(scheduler.DEFAULT_CRON, "--cron", envvar="OUBLI_CRON",
                             help="When to run, as crontab fields (minute hour day month weekday), Paris time."),
) -> None:
    """Run the nightly job on a schedule until stopped (SIGTERM or Ctrl-C: the batch in progress finishes).

    The job is kept in the database, so a run missed while the service was down happens once at start.
    Another process running at the same time finds the run lock taken and skips.

    Example: oubli serve --cron "30 2 * * *"
    """
    _log_one_line_per_event()
    log = logging.getLogger("oubli.scheduler")
    app = open_app(ctx)
    app.policy()  # an invalid policy stops the service now, not at 02:30
    trigger = scheduler.trigger_for(cron)
    done = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: done.set())
    running = scheduler.start(app, trigger)
    job = running.get_job(scheduler.JOB_ID)
    log.info("scheduler started: nightly run at '%s' Europe/Paris, next at %s", cron,
             job.next_run_time.astimezone(PARIS).strftime(TIME))
    done.wait()
    if scheduler.run_in_progress():
        log.info("stopping: the run in progress finishes its batch")
    scheduler.stop(running)
    log.info("scheduler stopped")
