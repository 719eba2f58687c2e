"""What the database layer lets out: no statement parameter (a personal value) in any error, and a
write that waits too long for another writer gives up with a clear error, changing nothing."""

import sqlite3
from datetime import date

import pytest
from sqlalchemy import insert, make_url, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import sessionmaker

from casefiles.kernel.errors import DatabaseBusy
from casefiles.persistence.db import create_db_engine
from casefiles.persistence.models import Case, LegalHold, Person
from casefiles.persistence.uow import UnitOfWork
from oubli import failure_report
from retention.holds import list_holds, place_hold
from synthetic.seed import seed_cases
from tests.conftest import FIXED_NOW, fresh_database

SECRET = "Zéphyrine MARCHETTI-LEBRUN 06 12 34 56 78"  # stands for a name, a phone, an address


def _uow(engine) -> UnitOfWork:
    return UnitOfWork(sessionmaker(bind=engine, expire_on_commit=False), "test-dpo", lambda: FIXED_NOW)


def _assert_silent(error: BaseException) -> None:
    assert "MARCHETTI" not in str(error) and "MARCHETTI" not in repr(error)
    assert "hidden due to hide_parameters" in str(error)


def test_an_integrity_error_shows_no_value_of_its_statement(database_url):
    engine = create_db_engine(database_url)
    with pytest.raises(IntegrityError) as raised, _uow(engine) as uow:  # the case does not exist
        uow.session.add(LegalHold(case_id="no-such-case", reason=SECRET, placed_on=date(2026, 11, 2),
                                  placed_by="test-dpo"))
        uow.session.flush()
    _assert_silent(raised.value)
    engine.dispose()


@pytest.mark.postgres
def test_a_value_longer_than_its_column_shows_no_value_on_postgresql(request, tmp_path):
    engine = create_db_engine(fresh_database(request, tmp_path, "postgresql", migrated=True))
    with pytest.raises(DataError) as raised, _uow(engine) as uow:
        uow.session.execute(insert(Person).values(id="P-1", last_name="MARCHETTI", search_name="marchetti",
                                                  phone=SECRET * 3))
    _assert_silent(raised.value)
    engine.dispose()


@pytest.fixture
def sqlite_url(request, tmp_path) -> str:
    """SQLite only: PostgreSQL locks rows, not the database (see tests/e2e/test_concurrent_run.py)."""
    return fresh_database(request, tmp_path, "sqlite", migrated=True)


def _sqlite_path(url: str) -> str:
    return make_url(url).database


def test_a_write_that_cannot_have_the_lock_in_time_stops_with_a_clear_error(sqlite_url):
    database_url = sqlite_url
    engine = create_db_engine(database_url, busy_timeout=0.2)
    seed_cases(_uow(engine), 3, seed=4, as_of=date(2026, 11, 22))
    with _uow(engine).reading() as uow:
        case_id = uow.session.scalars(select(Case.id)).first()
    other = sqlite3.connect(_sqlite_path(database_url), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # as a run's batch does
    try:
        with pytest.raises(DatabaseBusy, match="nightly run.*try again") as raised:
            place_hold(_uow(engine), case_id, SECRET, date(2026, 11, 22))
        assert "MARCHETTI" not in str(raised.value)
        assert list_holds(_uow(engine)) == []  # a read does not wait for the writer
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert place_hold(_uow(engine), case_id, SECRET, date(2026, 11, 22)) > 0
    engine.dispose()


def test_a_unit_of_work_that_writes_takes_the_lock_when_it_begins_and_a_reading_one_does_not(sqlite_url):
    database_url = sqlite_url
    engine = create_db_engine(database_url, busy_timeout=0.2)
    probe = sqlite3.connect(_sqlite_path(database_url), isolation_level=None, timeout=0)
    with _uow(engine).reading() as uow:
        uow.session.scalars(select(Case.id)).all()
        probe.execute("BEGIN IMMEDIATE")  # free: the reader holds no write lock
        probe.execute("ROLLBACK")
        with pytest.raises(RuntimeError):
            uow.commit()
    with _uow(engine) as uow:
        uow.session.scalars(select(Case.id)).all()  # a read first: the lock is taken all the same
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            probe.execute("BEGIN IMMEDIATE")
    probe.close()
    engine.dispose()


def test_an_unforeseen_database_error_is_reported_by_its_code_never_by_its_message(database_url, tmp_path):
    engine = create_db_engine(database_url)
    with _uow(engine) as uow:
        uow.session.execute(insert(Person).values(id=SECRET, last_name="X", search_name="x"))
        uow.commit()
    with pytest.raises(IntegrityError) as raised, _uow(engine) as uow:
        uow.session.execute(insert(Person).values(id=SECRET, last_name="Y", search_name="y"))
    engine.dispose()
    line = failure_report.report(raised.value, tmp_path / "errors", "import")
    [details] = (tmp_path / "errors").iterdir()
    assert line.endswith(f"details written to {details}")
    text = details.read_text()
    if engine.dialect.name == "postgresql":
        assert "MARCHETTI" in str(raised.value.orig)  # PostgreSQL's own message quotes the key it refused
        assert "psycopg.errors.UniqueViolation sqlstate=23505 table_name=persons constraint_name=pk_persons" in text
    else:
        assert "sqlite3.IntegrityError sqlite_errorname=SQLITE_CONSTRAINT_PRIMARYKEY" in text
    assert "sqlalchemy.exc.IntegrityError" in text and "in test_an_unforeseen_database_error" in text
    assert "MARCHETTI" not in text and "Zéphyrine" not in text
