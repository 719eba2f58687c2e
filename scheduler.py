"""The nightly run on a schedule: APScheduler 3, its job stored in Oubli's own database.

The job calls the same service as `oubli run`. Missed runs (the machine was down) are coalesced into
one; one instance at a time in this process, and the run lock keeps out any other process; SIGTERM
lets the batch in progress finish, then stops. A run that could not be done (the lock busy, the
database unreachable or an expected error at its start) is tried again every few minutes until a
deadline in the night (`Retry`), each try one line of the log. Log lines carry counts, durations and
errors' messages, never a personal value.

APScheduler and the run are imported when the scheduler starts, not with this module: every `oubli`
command reads DEFAULT_CRON for `serve`'s help.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from casefiles.kernel.errors import OubliError
from oubli.bootstrap import PARIS, App

if TYPE_CHECKING:
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.triggers.base import BaseTrigger
    from apscheduler.triggers.cron import CronTrigger

JOB_ID = "nightly-run"
RETRY_JOB_ID = "nightly-run-retry"
DEFAULT_CRON = "30 2 * * *"  # 02:30, Paris time
MISFIRE_GRACE = 12 * 3600  # a run missed by less than this still happens, once

log = logging.getLogger("oubli.scheduler")

# The job is stored by reference ("scheduler:nightly_job") with no arguments but a retry's time and
# number, so that nothing secret (a database URL with a password) is pickled into the job store;
# `serve` sets these.
_app: App | None = None
_scheduler: BackgroundScheduler | None = None
_stop = threading.Event()
_running = threading.Event()


@dataclass(frozen=True)
class Retry:
    """A run not done is tried again `every` so long, until the first `until` (Paris time) after the
    night's first try: a lock left busy or a database down at 02:30 does not cost the night, and the
    tries stop before the day's work begins."""

    every: timedelta = timedelta(minutes=5)
    until: time = time(6, 0)

    def deadline(self, first_try: datetime) -> datetime:
        began = first_try.astimezone(PARIS)
        day = began.date() + timedelta(days=1) if began.time() >= self.until else began.date()
        return datetime.combine(day, self.until, tzinfo=PARIS)

    def next_try(self, first_try: datetime, failed_at: datetime) -> datetime | None:
        """When to try again after a try that failed at `failed_at`, or None past the deadline."""
        at = failed_at + self.every
        return at if at <= self.deadline(first_try) else None


_retry = Retry()


def run_in_progress() -> bool:
    return _running.is_set()


def nightly_job(first_try: str | None = None, attempt: int = 1) -> None:
    """The nightly run; a retry carries the time of the night's first try and its number (plain values:
    the job store pickles them)."""
    if _app is None:
        raise RuntimeError("the scheduler's application is not set: start it with `oubli serve`")
    from sqlalchemy.exc import OperationalError

    from retention.run import nightly_run

    began = datetime.fromisoformat(first_try) if first_try else datetime.now(PARIS)
    as_of = _app.today()
    _running.set()
    try:
        result = nightly_run(_app.uow, _app.policy(), as_of, _app.clock, _app.disposal_means(),
                             should_stop=_stop.is_set)
    except (OubliError, OperationalError) as error:
        _not_done(as_of.isoformat(), began, attempt, error)
        return
    finally:
        _running.clear()
    counts = " ".join(f"{key}={value}" for key, value in result.counts.items())
    log.info("nightly run for %s: examined=%d %s in %.1f s%s", as_of.isoformat(), result.cases_examined,
             counts, result.seconds, " (stopped early)" if result.stopped_early else "")
    if not result.residue_cleared:
        log.warning("another program was reading the database: its write-ahead log may still hold destroyed data "
                    "until the next oubli command clears it")


def _not_done(as_of: str, began: datetime, attempt: int, error: Exception) -> None:
    """Log the failed try in one line and schedule the next, unless past the deadline or stopping."""
    from apscheduler.triggers.date import DateTrigger

    # An OubliError's message names no personal value; a driver's error is told by its first line only
    driver = str(getattr(error, "orig", None) or error).splitlines()
    why = str(error) if isinstance(error, OubliError) else f"database error: {driver[0] if driver else ''}"
    if _stop.is_set() or _scheduler is None:
        log.error("nightly run for %s not done (try %d): %s; stopping, no more tries", as_of, attempt, why)
        return
    at = _retry.next_try(began, datetime.now(PARIS))
    if at is None:
        log.error("nightly run for %s not done (try %d): %s; no more tries tonight (deadline %s)", as_of, attempt,
                  why, _retry.deadline(began).strftime("%H:%M"))
        return
    _scheduler.add_job("scheduler:nightly_job", DateTrigger(at, timezone=PARIS), id=RETRY_JOB_ID,
                       name="Oubli nightly run, tried again", replace_existing=True,
                       kwargs={"first_try": began.isoformat(), "attempt": attempt + 1})
    log.error("nightly run for %s not done (try %d): %s; next try at %s", as_of, attempt, why,
              at.strftime("%H:%M:%S"))


def trigger_for(cron: str) -> CronTrigger:
    from apscheduler.triggers.cron import CronTrigger

    try:
        return CronTrigger.from_crontab(cron, timezone=PARIS)
    except ValueError as error:
        raise OubliError(f"'{cron}' is not a crontab schedule (minute hour day month weekday): {error}") from None


def start(app: App, trigger: BaseTrigger, retry: Retry = Retry()) -> BackgroundScheduler:
    """Start the scheduler with the nightly job stored (or replaced) in the application's database."""
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler

    global _app, _scheduler, _retry
    _app, _retry = app, retry
    _stop.clear()
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=app.engine)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE},
        timezone=PARIS,
    )
    scheduler.add_job("scheduler:nightly_job", trigger, id=JOB_ID, name="Oubli nightly run",
                      replace_existing=True)
    _scheduler = scheduler
    scheduler.start()
    return scheduler


def stop(scheduler: BackgroundScheduler) -> None:
    """Let the run in progress finish its batch, then shut down."""
    _stop.set()
    scheduler.shutdown(wait=True)
