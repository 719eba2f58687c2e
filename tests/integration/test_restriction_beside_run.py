"""A restriction decided while the run's batch holds one of its cases (PostgreSQL, where writers lock
rows): it waits for the batch, then reads the case as the batch left it, as a hold does."""

import threading
import time

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from casefiles.kernel.vocabulary import RequestKind
from casefiles.persistence.models import Participation
from oubli.settings import DEFAULT_POLICY
from retention import disposals
from retention.policy import load_policy
from retention.run import nightly_run
from subject_requests.decide import decide
from synthetic.seed import seed_cases
from tests.conftest import app_on, fresh_database
from tests.integration.test_request_answers import RECIPIENTS, TODAY, verified_request


@pytest.fixture
def postgres_app(request, tmp_path):
    app = app_on(fresh_database(request, tmp_path, "postgresql", migrated=True), tmp_path)
    yield app
    app.engine.dispose()


@pytest.mark.postgres
def test_a_restriction_waits_for_the_batch_destroying_its_case_and_then_refuses_it(postgres_app):
    app = postgres_app
    seed_cases(app.uow(), 60, seed=21, as_of=TODAY)
    nightly_run(app.uow, load_policy(DEFAULT_POLICY), TODAY, app.clock, app.disposal_means())
    [listed] = disposals.list_disposal_lists(app.uow())
    case_id = listed.items[0].case_id
    with app.uow() as uow:
        child = uow.session.scalar(select(Participation.person_id).where(Participation.case_id == case_id,
                                                                         Participation.role == "child"))
        others = uow.session.scalar(select(sa.func.count()).select_from(Participation).where(
            Participation.person_id == child, Participation.case_id != case_id))
    request_id = verified_request(app, RequestKind.RESTRICTION, child)
    locked, done = threading.Event(), threading.Event()

    def batch_destroying_the_case():  # what the run's batch does to the case's row, in its own transaction
        with app.engine.connect() as connection:
            connection.execute(sa.text("SELECT id FROM cases WHERE id = :id FOR UPDATE"), {"id": case_id})
            locked.set()
            time.sleep(0.5)
            connection.execute(sa.text("UPDATE cases SET state = 'destroyed' WHERE id = :id"), {"id": case_id})
            connection.commit()
        done.set()

    batch = threading.Thread(target=batch_destroying_the_case)
    batch.start()
    locked.wait(10)
    started = time.monotonic()
    decisions = decide(app.uow(), request_id, TODAY, RECIPIENTS, app.eraser())
    waited = time.monotonic() - started
    batch.join()
    assert done.is_set() and waited >= 0.4  # it waited for the batch
    outcome = {d.record: d.outcome for d in decisions}
    assert outcome[f"case:{case_id}"] == "refused"  # read after the batch: destroyed, nothing to restrict
    assert len(outcome) == others + 1
