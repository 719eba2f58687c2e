"""`oubli serve`: the scheduler in the foreground, running the nightly job on its schedule."""

import logging
import signal
import threading
from datetime import datetime, time, timedelta

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


def _time_of_day(value: str) -> time:
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a time of day such as 06:00") from None


def serve(
    ctx: typer.Context,
    cron: str = typer.Option(scheduler.DEFAULT_CRON, "--cron", envvar="OUBLI_CRON",
                             help="When to run, as crontab fields (minute hour day month weekday), Paris time."),
    retry_every: float = typer.Option(5.0, "--retry-every", envvar="OUBLI_RETRY_EVERY", min=0.001,
                                      help="Minutes between tries of a run that could not be done."),
    retry_until: str = typer.Option("06:00", "--retry-until", envvar="OUBLI_RETRY_UNTIL",
                                    help="No try after this time (Paris) following the scheduled run."),
) -> None:
    """Run the nightly job on a schedule until stopped (SIGTERM or Ctrl-C: the batch in progress finishes).

    The job is kept in the database, so a run missed while the service was down happens once at start.
    A run that cannot be done (another process holds the run lock, the database is down, a key is
    missing...) is tried again every --retry-every minutes until --retry-until, one log line per try.

    Example: oubli serve --cron "30 2 * * *" --retry-every 5 --retry-until 06:00
    """
    retry = scheduler.Retry(timedelta(minutes=retry_every), _time_of_day(retry_until))
    _log_one_line_per_event()
    log = logging.getLogger("oubli.scheduler")
    app = open_app(ctx)
    app.policy()  # an invalid policy stops the service now, not at 02:30
    trigger = scheduler.trigger_for(cron)
    done = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: done.set())
    running = scheduler.start(app, trigger, retry)
    job = running.get_job(scheduler.JOB_ID)
    log.info("scheduler started: nightly run at '%s' Europe/Paris, next at %s; a run not done is tried again "
             "every %g min until %s", cron, job.next_run_time.astimezone(PARIS).strftime(TIME), retry_every,
             retry.until.strftime("%H:%M"))
    done.wait()
    if scheduler.run_in_progress():
        log.info("stopping: the run in progress finishes its batch")
    scheduler.stop(running)
    log.info("scheduler stopped")
