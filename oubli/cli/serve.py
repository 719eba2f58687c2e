"""`oubli serve`: the scheduler in the foreground, running the nightly job on its schedule."""

import logging
import signal
import threading

import typer

import scheduler
from oubli.cli.context import open_app


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
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    log = logging.getLogger("oubli.scheduler")
    app = open_app(ctx)
    app.policy()  # an invalid policy stops the service now, not at 02:30
    trigger = scheduler.trigger_for(cron)
    done = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: done.set())
    running = scheduler.start(app, trigger)
    job = running.get_job(scheduler.JOB_ID)
    log.info("scheduler started: nightly run at '%s' Europe/Paris, next at %s", cron, job.next_run_time.isoformat())
    done.wait()
    log.info("stopping: the run in progress finishes its batch")
    scheduler.stop(running)
    log.info("scheduler stopped")
