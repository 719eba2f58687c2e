"""Rectification, restriction, portability and objection answered on both databases, with their letters
and their place in the auditors' report."""

import json
from dataclasses import astuple
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from casefiles.crypto import sealing
from casefiles.kernel.errors import InvalidInput
from casefiles.kernel.vocabulary import Capacity, CaseState, Channel, RequestKind
from casefiles.people.queries import search_subjects
from casefiles.persistence.models import Case, Document, JournalEntry, Participation, Person, RecordHistory
from oubli.settings import DEFAULT_POLICY
from retention import disposals
from retention.policy import load_policy
from retention.report import build_report
from retention.run import nightly_run
from subject_requests.decide import DECIDERS, decide
from subject_requests.gather import gather_subject
from subject_requests.information import load_information
from subject_requests.letter_settings import load_letter_settings
from subject_requests.letters import Letter, render
from subject_requests.rectification import add_statement, former_values, rectify
from subject_requests.register import extend, open_request, verify_identity
from subject_requests.report import build_requests_report
from subject_requests.restriction import lift
from synthetic.seed import seed_cases
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()
RECIPIENTS = load_information().recipients


def verified_request(app, kind: RequestKind, person_id: str, received: date = TODAY) -> int:
    request_id, _ = open_request(app.uow(), kind, person_id, "Mme Requérante", Capacity.SELF, received,
                                 Channel.MAIL, TODAY, vault=app.vault())
    verify_identity(app.uow(), request_id, "CNI vue au guichet", TODAY)
    return request_id


@pytest.fixture
def subject(app, tmp_path):
    seed_cases(app.uow(), 12, seed=31, as_of=TODAY)
    with app.uow() as uow:
        person_id = uow.session.scalar(select(Participation.person_id).where(Participation.role == "child")
                                       .order_by(Participation.person_id).limit(1))
    return app, person_id


def journal_details(app) -> str:
    with app.uow() as uow:
        return " ".join(uow.session.scalars(select(JournalEntry.details)))


def test_a_rectified_name_keeps_its_former_value_encrypted_and_out_of_the_journal(subject):
    app, person_id = subject
    with app.uow() as uow:
        former = uow.session.get(Person, person_id).last_name
    request_id = verified_request(app, RequestKind.RECTIFICATION, person_id)
    rectify(app.uow(), request_id, "last_name", "Zébulon-Quintard", app.vault(), TODAY)

    with app.uow() as uow:
        assert uow.session.get(Person, person_id).last_name == "Zébulon-Quintard"
        [stored] = uow.session.scalars(select(RecordHistory).where(RecordHistory.person_id == person_id))
        assert former.encode() not in stored.former_value and former.encode() not in stored.wrapped_key
        assert [hit.person_id for hit in search_subjects(uow.session, "zebulon quintard")] == [person_id]
    assert [(v.field, v.value) for v in former_values(app.uow(), person_id, app.master_key(), "contrôle",
                                                      app.clock())] == [("last_name", former)]
    with pytest.raises(sealing.KeyProblem, match="not this one"):
        former_values(app.uow(), person_id, sealing.new_data_key(), "contrôle", app.clock())
    assert former not in journal_details(app) and "Zébulon" not in journal_details(app)

    decisions = decide(app.uow(), request_id, TODAY, RECIPIENTS, app.eraser())
    assert [(d.record, d.outcome) for d in decisions] == [(f"person:{person_id}:last_name", "rectified")]
    letter = render(app.uow(), request_id, load_information(), load_letter_settings(), TODAY, app.vault()).text
    assert "article 19" in letter and RECIPIENTS[0] in letter and "- Nom : rectification effectuée" in letter


def test_a_wrong_value_is_refused_without_being_repeated(subject):
    app, person_id = subject
    request_id = verified_request(app, RequestKind.RECTIFICATION, person_id)
    with pytest.raises(InvalidInput, match="not a valid NIR") as refused:
        rectify(app.uow(), request_id, "nir", "123456789012345", app.vault(), TODAY)
    assert "123456789012345" not in str(refused.value)
    with pytest.raises(InvalidInput, match="cannot be rectified"):
        rectify(app.uow(), request_id, "parental_authority_withdrawn", "yes", app.vault(), TODAY)
    with pytest.raises(InvalidInput, match="nothing was rectified"):
        decide(app.uow(), request_id, TODAY, RECIPIENTS, app.eraser())


def test_a_statement_goes_with_the_document_which_is_not_rewritten(subject):
    app, person_id = subject
    with app.uow() as uow:
        case_id = uow.session.scalar(select(Participation.case_id).where(Participation.person_id == person_id))
        document = uow.session.execute(select(Document.id, Document.text).where(Document.case_id == case_id)).first()
        foreign = uow.session.scalar(select(Document.id).where(Document.case_id.not_in(
            select(Participation.case_id).where(Participation.person_id == person_id))))
    request_id = verified_request(app, RequestKind.RECTIFICATION, person_id)
    add_statement(app.uow(), request_id, document.id, "Je conteste l'évaluation de ma situation.", TODAY)
    with pytest.raises(InvalidInput, match="takes no part"):
        add_statement(app.uow(), request_id, foreign, "Autre dossier.", TODAY)
    with app.uow() as uow:
        assert uow.session.get(Document, document.id).text == document.text
        data = gather_subject(uow.session, person_id, app.vault())
    assert [(s["document"], s["text"]) for s in data.statements] == [
        (document.id, "Je conteste l'évaluation de ma situation.")]
    assert "conteste" not in journal_details(app)
    [decision] = decide(app.uow(), request_id, TODAY, RECIPIENTS, app.eraser())
    assert decision.outcome == "statement_added"


def test_a_restricted_case_is_neither_disposed_of_nor_released_until_the_person_is_told(app):
    policy = load_policy(DEFAULT_POLICY)
    seed_cases(app.uow(), 120, seed=21, as_of=TODAY)
    nightly_run(app.uow, policy, TODAY, app.clock, app.disposal_means())
    [listed] = disposals.list_disposal_lists(app.uow())
    disposals.approve(app.uow(), listed.id, "VISA-2026-7", TODAY, None)
    case_id = next(item.case_id for item in disposals.show_disposal_list(app.uow(), listed.id).items
                   if item.final_action == "destroy")
    with app.uow() as uow:
        child = uow.session.scalar(select(Participation.person_id).where(Participation.case_id == case_id,
                                                                         Participation.role == "child"))
    request_id = verified_request(app, RequestKind.RESTRICTION, child)
    decisions = decide(app.uow(), request_id, TODAY, RECIPIENTS, app.eraser())
    assert (f"case:{case_id}", "restricted") in [(d.record, d.outcome) for d in decisions]
    assert "suspended" in next(d.ground for d in decisions if d.record == f"case:{case_id}")

    nightly_run(app.uow, policy, TODAY, app.clock, app.disposal_means())
    with app.uow() as uow:
        assert uow.session.get(Person, child) is not None
    with app.engine.connect() as connection:
        overdue = build_report(connection, policy, TODAY).overdue
    assert [d.why for d in overdue if d.case_id == case_id] == ["restricted at the person's request (art. 18)"]

    with pytest.raises(InvalidInput, match="told-how is empty"):
        lift(app.uow(), request_id, TODAY, " ", TODAY)
    with pytest.raises(InvalidInput, match="after today"):
        lift(app.uow(), request_id, TODAY + timedelta(days=1), "courrier", TODAY)
    assert case_id in lift(app.uow(), request_id, TODAY, "courrier recommandé", TODAY)
    nightly_run(app.uow, policy, TODAY, app.clock, app.disposal_means())
    with app.uow() as uow:
        assert uow.session.get(Case, case_id).state == CaseState.DESTROYED


def test_portability_and_objection_are_answered_with_public_task_grounds(subject):
    app, person_id = subject
    portability = decide(app.uow(), verified_request(app, RequestKind.PORTABILITY, person_id), TODAY, RECIPIENTS,
                         app.eraser())
    objection = decide(app.uow(), verified_request(app, RequestKind.OBJECTION, person_id), TODAY, RECIPIENTS, app.eraser())
    assert portability and all(d.outcome == "refused" and d.article == "20(3)" for d in portability)
    assert objection and all(d.outcome == "refused" and d.article.startswith("21(1)") for d in objection)


def test_letters_follow_the_request_from_acknowledgement_to_refusal(subject):
    app, person_id = subject
    request_id, _ = open_request(app.uow(), RequestKind.ERASURE, person_id, "Mme Requérante", Capacity.SELF,
                                 date(2026, 11, 2), Channel.MAIL, TODAY, vault=app.vault())
    which, letter, _ = astuple(render(app.uow(), request_id, load_information(), load_letter_settings(), TODAY,
                                       app.vault()))
    assert which == Letter.ACKNOWLEDGEMENT and "2 décembre 2026" in letter and "pièce d'identité" in letter
    assert "Mme Requérante" in letter and "d'effacement" in letter
    extend(app.uow(), request_id, "Dossier volumineux à examiner", TODAY)
    which, letter, _ = astuple(render(app.uow(), request_id, load_information(), load_letter_settings(), TODAY,
                                       app.vault()))
    assert which == Letter.EXTENSION and "Dossier volumineux" in letter and "2 février 2027" in letter
    with pytest.raises(InvalidInput, match="no answer to send yet"):
        render(app.uow(), request_id, load_information(), load_letter_settings(), TODAY, app.vault(), Letter.ANSWER)
    verify_identity(app.uow(), request_id, "CNI", TODAY)
    decide(app.uow(), request_id, TODAY, RECIPIENTS, app.eraser())
    which, letter, _ = astuple(render(app.uow(), request_id, load_information(), load_letter_settings(), TODAY,
                                       app.vault()))
    assert which == Letter.ANSWER and "article 17(3)(b)" in letter and "CNIL" in letter
    assert "réclamation" in letter and "limitation du traitement" in letter and "$" not in letter


def test_a_template_with_an_unknown_placeholder_is_named(subject, tmp_path):
    app, person_id = subject
    request_id = verified_request(app, RequestKind.ACCESS, person_id)
    (tmp_path / "acknowledgement.txt").write_text("Bonjour $nom_inconnu", encoding="utf-8")
    with pytest.raises(InvalidInput, match="acknowledgement.txt has a placeholder"):
        render(app.uow(), request_id, load_information(), load_letter_settings(), TODAY, app.vault(), folder=tmp_path)


def test_the_report_counts_requests_on_time_late_and_refusals_by_ground(subject):
    app, person_id = subject
    on_time = verified_request(app, RequestKind.PORTABILITY, person_id)
    decide(app.uow(), on_time, TODAY, RECIPIENTS, app.eraser())
    late = verified_request(app, RequestKind.ERASURE, person_id, received=date(2026, 9, 1))
    decide(app.uow(), late, TODAY, RECIPIENTS, app.eraser())
    verified_request(app, RequestKind.ACCESS, person_id, received=date(2026, 10, 1))  # open, overdue
    verified_request(app, RequestKind.ACCESS, person_id)  # open, in time
    with app.engine.connect() as connection:
        report = build_requests_report(connection, TODAY)
        this_month = build_requests_report(connection, TODAY, period_from=date(2026, 11, 1))
    assert (report.received, report.answered, report.answered_on_time, report.answered_late) == (4, 2, 1, 1)
    assert (report.open, report.open_overdue) == (2, 1)
    assert report.median_days_to_answer == (0 + (TODAY - date(2026, 9, 1)).days) / 2
    assert report.refusals_by_ground.get("20(3)", 0) >= 1 and any(g.startswith("17(3)") for g in
                                                                  report.refusals_by_ground)
    assert this_month.received == 2
    assert json.dumps(report.__dict__).count("Requérante") == 0


def test_every_kind_of_request_has_what_deciding_it_calls_for():
    assert set(DECIDERS) == set(RequestKind)
