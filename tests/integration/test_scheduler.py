"""The real APScheduler runs the nightly job, keeps it in the database, and stops cleanly."""

import logging
import time
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

import scheduler
from casefiles.kernel.errors import OubliError
from casefiles.persistence import journal
from retention import lock
from synthetic.seed import seed_cases
from tests.conftest import FIXED_NOW


def completed_runs(app) -> list[journal.Entry]:
    with app.engine.connect() as connection:
        return list(journal.entries(connection, action="run.completed"))


def test_the_scheduled_job_runs_the_nightly_run_and_is_stored_in_the_database(app):
    seed_cases(app.uow(), 40, seed=13, as_of=FIXED_NOW.date())
    running = scheduler.start(app, IntervalTrigger(seconds=1, timezone=scheduler.PARIS))
    try:
        with app.engine.connect() as connection:
            stored = connection.execute(sa.text("SELECT id FROM apscheduler_jobs")).scalars().all()
        assert stored == [scheduler.JOB_ID]
        deadline = time.monotonic() + 30
        while not completed_runs(app) and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        scheduler.stop(running)
    runs = completed_runs(app)
    assert runs, "the scheduled run never completed"
    assert runs[0].details["examined"] == 40 and runs[0].details["archived"] > 0


def test_the_nightly_trigger_fires_at_the_paris_time_given():
    trigger = scheduler.trigger_for("30 2 * * *")
    fire = trigger.get_next_fire_time(None, datetime(2026, 7, 1, 12, 0, tzinfo=scheduler.PARIS))
    assert fire == datetime(2026, 7, 2, 2, 30, tzinfo=scheduler.PARIS)
    assert fire.utcoffset() == timedelta(hours=2)  # summer time


def test_a_wrong_schedule_is_a_clear_error():
    with pytest.raises(OubliError, match="is not a crontab schedule"):
        scheduler.trigger_for("every night")


def tries(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "oubli.scheduler" and "not done (try" in r.getMessage()]


def wait_for(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_run_that_finds_the_lock_busy_is_tried_again_until_it_is_done(app, caplog):
    caplog.set_level(logging.INFO, logger="oubli.scheduler")
    seed_cases(app.uow(), 30, seed=13, as_of=FIXED_NOW.date())
    other_run = lock.acquire(app.uow(), "pid 4242 on another-host", FIXED_NOW)
    a_day_away = (datetime.now(scheduler.PARIS) - timedelta(minutes=1)).time()
    retry = scheduler.Retry(every=timedelta(seconds=0.3), until=a_day_away)
    running = scheduler.start(app, DateTrigger(datetime.now(scheduler.PARIS), timezone=scheduler.PARIS), retry)
    try:
        wait_for(lambda: len(tries(caplog)) >= 2)
        lock.release(app.uow(), other_run)
        wait_for(lambda: bool(completed_runs(app)))
    finally:
        scheduler.stop(running)
    [run] = completed_runs(app)
    assert run.details["examined"] == 30
    logged = tries(caplog)
    assert logged[0].startswith(f"nightly run for {FIXED_NOW.date()} not done (try 1): another run (pid 4242 on "
                                "another-host) has been running since")
    assert all(f"(try {n}):" in line and "; next try at " in line and "\n" not in line
               for n, line in enumerate(logged, start=1))


def test_the_tries_stop_at_the_deadline_in_the_night(app, caplog):
    caplog.set_level(logging.INFO, logger="oubli.scheduler")
    other_run = lock.acquire(app.uow(), "pid 4242 on another-host", FIXED_NOW)
    now = datetime.now(scheduler.PARIS)
    retry = scheduler.Retry(every=timedelta(seconds=0.3), until=(now + timedelta(seconds=1)).time())
    running = scheduler.start(app, DateTrigger(now, timezone=scheduler.PARIS), retry)
    try:
        wait_for(lambda: any("no more tries" in line for line in tries(caplog)))
        time.sleep(0.6)  # nothing more comes
        assert running.get_job(scheduler.RETRY_JOB_ID) is None
    finally:
        scheduler.stop(running)
        lock.release(app.uow(), other_run)
    logged = tries(caplog)
    assert len(logged) >= 2 and "no more tries tonight (deadline" in logged[-1]
    assert all("next try at" in line for line in logged[:-1])
    assert completed_runs(app) == []


@pytest.mark.parametrize(("first_try", "failed_at", "next_try"), [
    ("2026-12-05 02:30", "2026-12-05 02:30", "2026-12-05 02:35"),
    ("2026-12-05 02:30", "2026-12-05 05:55", "2026-12-05 06:00"),  # the deadline itself still tries
    ("2026-12-05 02:30", "2026-12-05 05:56", None),
    ("2026-12-05 23:30", "2026-12-06 03:00", "2026-12-06 03:05"),  # a run before midnight: the next morning's
    ("2026-03-29 01:55", "2026-03-29 05:54", "2026-03-29 05:59"),  # the night summer time begins
])
def test_a_run_not_done_is_tried_again_every_five_minutes_until_six_in_the_morning(first_try, failed_at, next_try):
    def paris(text):
        return datetime.fromisoformat(text).replace(tzinfo=scheduler.PARIS)

    expected = paris(next_try) if next_try else None
    assert scheduler.Retry().next_try(paris(first_try), paris(failed_at)) == expected
