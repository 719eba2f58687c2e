"""The real APScheduler runs the nightly job, keeps it in the database, and stops cleanly."""

import time
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from apscheduler.triggers.interval import IntervalTrigger

import scheduler
from casefiles.kernel.errors import OubliError
from casefiles.persistence import journal
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
