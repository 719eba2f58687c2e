"""The nightly run on a schedule: APScheduler 3, its job stored in Oubli's own database.

The job calls the same service as `oubli run`. Missed runs (the machine was down) are coalesced into
one; one instance at a time in this process, and the run lock keeps out any other process; SIGTERM
lets the batch in progress finish, then stops. Log lines carry counts and durations, never a
personal value.

APScheduler and the run are imported when the scheduler starts, not with this module: every `oubli`
command reads DEFAULT_CRON for `serve`'s help.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from casefiles.kernel.errors import OubliError
from oubli.bootstrap import PARIS, App

if TYPE_CHECKING:
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.triggers.base import BaseTrigger
    from apscheduler.triggers.cron import CronTrigger

JOB_ID = "nightly-run"
DEFAULT_CRON = "30 2 * * *"  # 02:30, Paris time
MISFIRE_GRACE = 12 * 3600  # a run missed by less than this still happens, once

log = logging.getLogger("oubli.scheduler")

# The job is stored by reference ("scheduler:nightly_job") with no arguments, so that nothing
# secret (a database URL with a password) is pickled into the job store; `serve` sets these.
_app: App | None = None
_stop = threading.Event()
_running = threading.Event()


def run_in_progress() -> bool:
    return _running.is_set()


def nightly_job() -> None:
    if _app is None:
        raise RuntimeError("the scheduler's application is not set: start it with `oubli serve`")
    from retention.run import nightly_run

    as_of = _app.today()
    _running.set()
    try:
        result = nightly_run(_app.uow, _app.policy(), as_of, _app.clock, _app.disposal_means(),
                             should_stop=_stop.is_set)
    except OubliError as error:
        log.error("nightly run for %s not done: %s", as_of.isoformat(), error)
        return
    finally:
        _running.clear()
    counts = " ".join(f"{key}={value}" for key, value in result.counts.items())
    log.info("nightly run for %s: examined=%d %s in %.1f s%s", as_of.isoformat(), result.cases_examined,
             counts, result.seconds, " (stopped early)" if result.stopped_early else "")
    if not result.residue_cleared:
        log.warning("another program was reading the database: its write-ahead log may still hold destroyed data "
                    "until the next oubli command clears it")


def trigger_for(cron: str) -> CronTrigger:
    from apscheduler.triggers.cron import CronTrigger

    try:
        return CronTrigger.from_crontab(cron, timezone=PARIS)
    except ValueError as error:
        raise OubliError(f"'{cron}' is not a crontab schedule (minute hour day month weekday): {error}") from None


def start(app: App, trigger: BaseTrigger) -> BackgroundScheduler:
    """Start the scheduler with the nightly job stored (or replaced) in the application's database."""
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler

    global _app
    _app = app
    _stop.clear()
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=app.engine)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE},
        timezone=PARIS,
    )
    scheduler.add_job("scheduler:nightly_job", trigger, id=JOB_ID, name="Oubli nightly run",
                      replace_existing=True)
    scheduler.start()
    return scheduler


def stop(scheduler: BackgroundScheduler) -> None:
    """Let the run in progress finish its batch, then shut down."""
    _stop.set()
    scheduler.shutdown(wait=True)
