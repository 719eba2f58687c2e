"""The read model of persons and participants, on both databases: what is sealed comes out opened,
plain values only, a bounded number of queries whatever the number of cases, and no master key for
persons in daily use."""

from dataclasses import fields, is_dataclass
from datetime import date

import pytest
from sqlalchemy import event, select

from casefiles.crypto.vault import Vault
from casefiles.kernel.vocabulary import IDENTIFYING_FIELDS, PERSON_FIELDS, Capacity, CaseState, Channel, RequestKind
from casefiles.people import persons
from casefiles.persistence.models import Case, Participation, Person
from oubli.settings import DEFAULT_POLICY
from retention.policy import load_policy
from retention.run import nightly_run
from subject_requests.rectification import rectify
from subject_requests.register import open_request, verify_identity
from synthetic.seed import seed_cases

AS_OF = date(2026, 11, 22)


def in_clear(app) -> dict[str, dict]:
    """Every person's fields as the plain columns hold them (before anything is sealed)."""
    columns = [getattr(Person, field) for field in PERSON_FIELDS]
    with app.uow() as uow:
        return {person_id: dict(zip(PERSON_FIELDS, values, strict=True))
                for person_id, *values in uow.session.execute(select(Person.id, *columns))}


@pytest.fixture
def archived(app):
    """A seeded store after a run: (the app, every person's fields before sealing, the archived cases)."""
    seed_cases(app.uow(), 80, seed=21, as_of=AS_OF)
    before = in_clear(app)
    nightly_run(app.uow, load_policy(DEFAULT_POLICY), AS_OF, app.clock, app.disposal_means())
    with app.uow() as uow:
        cases = list(uow.session.scalars(select(Case.id).where(Case.state == CaseState.ARCHIVED).order_by(Case.id)))
    assert cases
    return app, before, cases


def test_the_participants_of_archived_cases_come_opened_with_their_roles(archived):
    app, before, cases = archived
    with app.uow() as uow:
        found = persons.participants(uow.session, app.vault(), cases)
        expected = sorted(uow.session.execute(select(Participation.case_id, Participation.role,
                                                     Participation.person_id)
                                              .where(Participation.case_id.in_(cases))).all())
        sealed = set(uow.session.scalars(select(Person.id).where(Person.sealed.is_not(None), Person.last_name == "")))
    assert [(p.case_id, p.role, p.person.id) for p in found] == [tuple(row) for row in expected]
    assert {p.person.id for p in found} & sealed  # some were sealed in the store...
    assert all(p.person.fields() == before[p.person.id] for p in found)  # ...and all come out as they were
    assert all(p.person.sealed == (p.person.id in sealed) for p in found)
    assert all(is_dataclass(p) and not any(hasattr(getattr(p, f.name), "_sa_instance_state") for f in fields(p))
               for p in found)


def test_participants_of_many_cases_take_no_more_queries_than_of_one(archived):
    app, _, cases = archived
    statements = []

    def count(*_):
        statements.append(1)

    event.listen(app.engine, "before_cursor_execute", count)
    try:
        counts = []
        for some in (cases[:1], cases):
            with app.uow() as uow:
                vault = app.vault()
                vault.master(uow.session)  # read the master key outside what is counted
                statements.clear()
                persons.participants(uow.session, vault, some)
                counts.append(len(statements))
    finally:
        event.remove(app.engine, "before_cursor_execute", count)
    assert len(cases) > 1 and counts[1] == counts[0]


def test_persons_in_daily_use_are_read_without_the_master_key(app):
    seed_cases(app.uow(), 10, seed=3, as_of=date(2010, 1, 1))

    def no_master() -> bytes:
        raise AssertionError("the master key was read for persons in clear")

    with app.uow() as uow:
        cases = list(uow.session.scalars(select(Case.id)))
        found = persons.participants(uow.session, Vault(no_master), cases)
    assert found and not any(p.person.sealed for p in found)


def test_an_unknown_person_is_none_and_takes_part_in_nothing(app):
    with app.uow() as uow:
        assert persons.person(uow.session, app.vault(), "P-none") is None
        assert persons.roles(uow.session, person_ids=["P-none"]) == []


def test_a_sealed_person_is_rectified_under_their_key_and_read_back_opened(archived):
    app, before, cases = archived
    with app.uow() as uow:
        child = uow.session.scalar(select(Person.id).join(Participation).where(
            Participation.case_id == cases[0], Participation.role == "child", Person.sealed.is_not(None)))
    assert child is not None
    request_id, _ = open_request(app.uow(), RequestKind.RECTIFICATION, child, "Mme Requérante", Capacity.SELF,
                                 AS_OF, Channel.MAIL, AS_OF, vault=app.vault())
    verify_identity(app.uow(), request_id, "CNI vue au guichet", AS_OF)
    rectify(app.uow(), request_id, "last_name", "Zébulon-Quintard", app.vault(), AS_OF)
    with app.uow() as uow:
        opened = persons.person(uow.session, app.vault(), child)
        plain = uow.session.execute(select(Person.last_name, Person.search_name, Person.nir)
                                    .where(Person.id == child)).one()
    assert opened.sealed and opened.last_name == "Zébulon-Quintard"
    assert opened.fields(IDENTIFYING_FIELDS) == {**{f: before[child][f] for f in IDENTIFYING_FIELDS},
                                                 "last_name": "Zébulon-Quintard"}
    assert tuple(plain) == ("", "", None)  # still sealed: nothing in clear
