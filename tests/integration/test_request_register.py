"""The register of rights requests on both databases: every step journaled, never a name."""

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from casefiles.kernel.errors import InvalidInput, NotFound
from casefiles.kernel.vocabulary import Capacity, Channel, RequestKind
from casefiles.persistence.models import JournalEntry, Participation, Person
from subject_requests.register import extend, list_requests, open_request, show_request, verify_identity, withdraw
from synthetic.seed import seed_cases
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()


@pytest.fixture
def family(app):
    """A seeded département; one child and a parent from the same case."""
    seed_cases(app.uow(), 5, seed=3, as_of=TODAY)
    with app.uow() as uow:
        child_id, case_id = uow.session.execute(select(Participation.person_id, Participation.case_id)
                                                .where(Participation.role == "child").limit(1)).one()
        parent_id = uow.session.scalar(select(Participation.person_id).where(Participation.case_id == case_id,
                                                                              Participation.role == "parent"))
    return app, child_id, parent_id


def journal(app, prefix="request."):
    with app.uow() as uow:
        return [(e.action, json.loads(e.details)) for e in uow.session.scalars(
            select(JournalEntry).where(JournalEntry.action.like(f"{prefix}%")).order_by(JournalEntry.seq))]


def test_a_request_is_due_a_month_after_receipt_and_journaled_without_the_requester_name(family):
    app, child_id, _ = family
    request_id, _ = open_request(app.uow(), RequestKind.ACCESS, child_id, "Mme Requérante Témoin", Capacity.SELF,
                                 date(2026, 10, 31), Channel.EMAIL, TODAY, vault=app.vault())
    view = show_request(app.uow(), request_id, TODAY)
    assert (view.kind, view.status, view.due_on, view.identity_verified) == ("access", "open", date(2026, 11, 30),
                                                                            False)
    [(action, details)] = journal(app)
    assert action == "request.opened" and details["due_on"] == "2026-11-30"
    assert "Témoin" not in str(details)


def test_a_parent_asking_for_the_child_is_warned_that_they_are_in_the_file(family):
    app, child_id, parent_id = family
    _, warnings = open_request(app.uow(), RequestKind.ACCESS, child_id, "Le parent", Capacity.PARENTAL_AUTHORITY,
                               TODAY, Channel.MAIL, TODAY, requester_id=parent_id, vault=app.vault())
    assert any("also takes part in the subject's files" in w for w in warnings)


def test_withdrawn_parental_authority_is_warned(family):
    app, child_id, parent_id = family
    with app.uow() as uow:
        uow.session.get(Person, parent_id).parental_authority_withdrawn = True
        uow.commit()
    _, warnings = open_request(app.uow(), RequestKind.ACCESS, child_id, "Le parent", Capacity.PARENTAL_AUTHORITY,
                               TODAY, Channel.MAIL, TODAY, requester_id=parent_id, vault=app.vault())
    assert any("parental authority was withdrawn" in w for w in warnings)


def test_identity_extension_and_withdrawal_are_journaled_steps(family):
    app, child_id, _ = family
    request_id, _ = open_request(app.uow(), RequestKind.ERASURE, child_id, "X", Capacity.SELF,
                                 date(2026, 11, 2), Channel.MAIL, TODAY, vault=app.vault())
    verify_identity(app.uow(), request_id, "carte d'identité vue au guichet", TODAY)
    assert extend(app.uow(), request_id, "Dossier volumineux", TODAY) == date(2027, 2, 2)
    with pytest.raises(InvalidInput, match="already extended"):
        extend(app.uow(), request_id, "Encore", TODAY)
    withdraw(app.uow(), request_id, TODAY)
    with pytest.raises(InvalidInput, match="is withdrawn"):
        verify_identity(app.uow(), request_id, "again", TODAY)
    assert [action for action, _ in journal(app)] == ["request.opened", "request.identity_verified",
                                                      "request.extended", "request.withdrawn"]
    assert "guichet" not in str(journal(app)) and "volumineux" not in str(journal(app))


def test_no_extension_after_the_first_deadline(family):
    app, child_id, _ = family
    request_id, _ = open_request(app.uow(), RequestKind.ACCESS, child_id, "X", Capacity.SELF,
                                 TODAY - timedelta(days=40), Channel.MAIL, TODAY, vault=app.vault())
    with pytest.raises(InvalidInput, match="has passed"):
        extend(app.uow(), request_id, "Trop tard", TODAY)


def test_lists_of_requests_due_soon_and_overdue(family):
    app, child_id, _ = family
    late, _ = open_request(app.uow(), RequestKind.ACCESS, child_id, "X", Capacity.SELF,
                           TODAY - timedelta(days=40), Channel.MAIL, TODAY, vault=app.vault())
    soon, _ = open_request(app.uow(), RequestKind.ACCESS, child_id, "X", Capacity.SELF,
                           TODAY - timedelta(days=28), Channel.MAIL, TODAY, vault=app.vault())
    later, _ = open_request(app.uow(), RequestKind.ACCESS, child_id, "X", Capacity.SELF, TODAY, Channel.MAIL, TODAY,
                            vault=app.vault())
    assert [v.id for v in list_requests(app.uow(), TODAY, overdue=True)] == [late]
    assert [v.id for v in list_requests(app.uow(), TODAY, due_within=7)] == [late, soon]
    assert [v.id for v in list_requests(app.uow(), TODAY)] == [late, soon, later]


def test_unknown_people_and_future_receipts_are_refused(family):
    app, child_id, _ = family
    with pytest.raises(NotFound, match="no person has the id P-none"):
        open_request(app.uow(), RequestKind.ACCESS, "P-none", "X", Capacity.SELF, TODAY, Channel.MAIL, TODAY,
                     vault=app.vault())
    with pytest.raises(InvalidInput, match="after today"):
        open_request(app.uow(), RequestKind.ACCESS, child_id, "X", Capacity.SELF, TODAY + timedelta(days=1),
                     Channel.MAIL, TODAY, vault=app.vault())


def test_an_empty_requester_name_is_refused_naming_the_field_not_a_flag(app):
    with pytest.raises(InvalidInput, match="^the requester's name is empty") as refused:
        open_request(app.uow(), RequestKind.ACCESS, "P-1-0000001", "  ", Capacity.SELF, TODAY, Channel.MAIL, TODAY,
                     vault=app.vault())
    assert refused.value.field == "requester_name"
    assert str(refused.value.naming_field("--requester-name")).startswith("--requester-name is empty")
