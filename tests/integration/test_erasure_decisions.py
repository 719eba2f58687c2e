"""Erasure requests decided on both databases: grounds per record, erasure of what nothing needs."""

import json

import pytest
from sqlalchemy import select

from casefiles.kernel.errors import InvalidInput
from casefiles.kernel.vocabulary import Capacity, Channel, RequestKind
from casefiles.persistence.models import JournalEntry, Participation, Person
from retention.holds import place_hold
from subject_requests.erasure import decide_erasure
from subject_requests.register import open_request, verify_identity
from synthetic.seed import seed_cases
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()


def erasure_request(app, person_id: str) -> int:
    request_id, _ = open_request(app.uow(), RequestKind.ERASURE, person_id, "X", Capacity.SELF, TODAY,
                                 Channel.MAIL, TODAY, vault=app.vault())
    verify_identity(app.uow(), request_id, "CNI", TODAY)
    return request_id


def test_cases_in_use_or_held_are_refused_with_their_ground(app):
    seed_cases(app.uow(), 6, seed=12, as_of=TODAY)
    with app.uow() as uow:
        person_id, case_id = uow.session.execute(select(Participation.person_id, Participation.case_id)
                                                 .where(Participation.role == "child").limit(1)).one()
    place_hold(app.uow(), case_id, "Procédure en cours", TODAY)
    request_id = erasure_request(app, person_id)
    decisions = decide_erasure(app.uow(), request_id, TODAY, app.eraser())
    assert decisions[0].record == f"case:{case_id}" and decisions[0].ground.startswith("17(3)(e)")
    assert decisions[-1].record == f"person:{person_id}" and decisions[-1].outcome == "refused"
    with app.uow() as uow:
        assert uow.session.get(Person, person_id) is not None
        [details] = uow.session.scalars(select(JournalEntry.details).where(JournalEntry.action == "request.decided"))
    assert [d["outcome"] for d in json.loads(details)["decisions"]] == [d.outcome for d in decisions]
    with pytest.raises(InvalidInput, match="already dealt with"):
        decide_erasure(app.uow(), request_id, TODAY, app.eraser())


def test_a_person_no_case_refers_to_is_erased(app):
    with app.uow() as uow:
        uow.session.add(Person(id="P-lone", last_name="Seul", first_names="Sans Dossier",
                               search_name="sans dossier seul"))
        uow.commit()
    decisions = decide_erasure(app.uow(), erasure_request(app, "P-lone"), TODAY, app.eraser())
    assert [(d.record, d.outcome) for d in decisions] == [("person:P-lone", "erased")]
    with app.uow() as uow:
        assert uow.session.get(Person, "P-lone") is None


def test_nothing_is_decided_before_identity_is_verified(app):
    seed_cases(app.uow(), 2, seed=13, as_of=TODAY)
    with app.uow() as uow:
        person_id = uow.session.scalar(select(Participation.person_id).limit(1))
    request_id, _ = open_request(app.uow(), RequestKind.ERASURE, person_id, "X", Capacity.SELF, TODAY,
                                 Channel.MAIL, TODAY, vault=app.vault())
    with pytest.raises(InvalidInput, match="identity is not verified"):
        decide_erasure(app.uow(), request_id, TODAY, app.eraser())
