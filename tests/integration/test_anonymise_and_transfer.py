"""The policy's other two outcomes on both databases: anonymisation into k-anonymous statistics, and
transfer to the Archives départementales (its SEDA package: tests/integration/test_seda_transfers.py),
which is also what becomes of the files the sample keeps for history."""

from collections import Counter
from datetime import date

import pyrage
import pytest
from sqlalchemy import func, inspect, select

from casefiles.erasure.disposal_check import verify_disposal
from casefiles.kernel.vocabulary import CaseAction, CaseState
from casefiles.people import persons
from casefiles.persistence import journal
from casefiles.persistence.models import Case, Document, StatisticalRecord
from retention import disposals
from retention.anonymisation import anonymisation_report
from retention.policy import parse_policy
from retention.report import build_report
from retention.run import nightly_run
from retention.transfer_replies import confirm, list_packages
from synthetic.seed import seed_cases

AS_OF = date(2026, 11, 22)


def run(app, policy):
    return nightly_run(app.uow, policy, AS_OF, app.clock, app.disposal_means())


def dispose_of_due_cases(app, policy) -> list[str]:
    """Run, approve the list, run again; returns the cases disposed of."""
    run(app, policy)
    with app.uow() as uow:
        due = list(uow.session.scalars(select(Case.id).where(Case.state == CaseState.PENDING_DISPOSAL)))
    [disposal_list] = disposals.list_disposal_lists(app.uow())
    disposals.approve(app.uow(), disposal_list.id, "AD31-2026-118", AS_OF)
    run(app, policy)
    return due


def test_anonymised_cases_leave_k_anonymous_statistics_and_nothing_personal(app):
    # The plainer reading (from the end of service) makes enough cases due for groups of k.
    policy = parse_policy("defaults:\n  final_action: anonymise\n  count_from_majority: false\nanonymisation:\n  k: 3\n")
    seed_cases(app.uow(), 200, seed=5, as_of=AS_OF)
    gone = dispose_of_due_cases(app, policy)
    with app.uow() as uow:
        assert set(uow.session.scalars(select(Case.state).where(Case.id.in_(gone)))) == {CaseState.ANONYMISED}
        assert uow.session.scalar(select(func.count()).select_from(Document).where(Document.case_id.in_(gone))) == 0
        records = uow.session.execute(select(StatisticalRecord.birth_from, StatisticalRecord.service_end_from,
                                             StatisticalRecord.sex, StatisticalRecord.departement,
                                             StatisticalRecord.measures, StatisticalRecord.duration_from)).all()
        report = anonymisation_report(uow.session, policy)
        checks = verify_disposal(uow.session, app.eraser().ledger)
    columns = {c["name"] for c in inspect(app.engine).get_columns("statistical_records")}
    assert columns.isdisjoint({"case_id", "person_id", "name", "text", "birth_date", "address", "commune"})
    sizes = Counter(tuple(r) for r in records)
    assert records and min(sizes.values()) >= 3 == report.k
    assert report.k_reached == min(sizes.values()) and report.max_risk == round(1 / report.k_reached, 4)
    assert report.records + report.suppressed == report.cases_anonymised == len(gone)
    assert report.share_suppressed <= 0.1
    assert all(len(r.departement or "") <= 3 for r in records)
    assert all(not c.problems for c in checks) and {c.case_id for c in checks} == set(gone)


@pytest.fixture
def archives(tmp_path):
    identity = pyrage.x25519.Identity.generate()
    key = tmp_path / "archives.key"
    key.write_text(str(identity) + "\n")
    return str(identity.to_public()), key


def test_the_auditors_report_lists_each_anonymisation_and_each_transfer_among_its_actions(app, archives):
    public, _ = archives
    policy = parse_policy("defaults:\n  final_action: anonymise\n"
                          "categories:\n  judicial:\n    final_action: transfer_to_archives\n"
                          f"anonymisation:\n  k: 3\ntransfer:\n  recipient: {public}\n")
    seed_cases(app.uow(), 200, seed=5, as_of=AS_OF)
    gone = dispose_of_due_cases(app, policy)
    for package in list_packages(app.uow(), AS_OF):  # the archives confirm they hold each package
        confirm(app.uow(), package.case_id, policy, AS_OF, app.disposal_means(), reference="AD31-V-1", on=AS_OF)
    with app.uow() as uow:
        states = dict(uow.session.execute(select(Case.id, Case.state).where(Case.id.in_(gone))).all())
    with app.engine.connect() as connection:
        report = build_report(connection, policy, AS_OF)
    disposals_journaled = {a.targets[0]: a.action for a in report.actions
                           if a.action in (CaseAction.ANONYMISED, CaseAction.TRANSFERRED)}
    assert {CaseState.ANONYMISED, CaseState.TRANSFERRED} <= set(states.values())
    assert disposals_journaled == {case_id: f"case.{state}" for case_id, state in states.items()}
    assert report.actions_by_type[CaseAction.ANONYMISED] == list(states.values()).count(CaseState.ANONYMISED)
    assert report.actions_by_type[CaseAction.TRANSFERRED] == list(states.values()).count(CaseState.TRANSFERRED)


def test_the_files_the_sample_keeps_are_transferred_and_the_others_destroyed(app, archives):
    public, _ = archives
    policy = parse_policy("defaults:\n  count_from_majority: false\nsampling:\n  birth_days: [1, 2, 3, 4, 5, 6, 7, 8]\n"
                          "categories:\n  abuse:\n    final_action: transfer_to_archives\n"
                          f"transfer:\n  recipient: {public}\n")
    seed_cases(app.uow(), 60, seed=9, as_of=AS_OF)
    first = run(app, policy)
    [proposed] = disposals.list_disposal_lists(app.uow())
    with app.uow() as uow:  # the children's birth dates are sealed with their archived cases: opened here
        born = {case_id: child.birth_date for case_id, child in
                persons.children(uow.session, app.vault(), [i.case_id for i in proposed.items]).items()}
    sampled = {i.case_id for i in proposed.items if i.sampled_by == "birth_days"}
    eliminable = {i.case_id for i in proposed.items if i.category != "abuse"}
    assert sampled == {case_id for case_id in eliminable if born[case_id].day <= 8}
    assert sampled and eliminable - sampled and first.counts["sampled"] == len(sampled)
    assert {i.final_action for i in proposed.items if i.case_id in sampled} == {"transfer_to_archives"}
    assert {i.final_action for i in proposed.items if i.case_id in eliminable - sampled} == {"destroy"}
    with app.engine.connect() as connection:
        journaled = {e.target_ids[0]: e.details["sampled_by"]
                     for e in journal.entries(connection, action=CaseAction.PROPOSED_FOR_DISPOSAL)}
    assert journaled == {i.case_id: i.sampled_by for i in proposed.items}
    disposals.approve(app.uow(), proposed.id, "AD31-2026-120", AS_OF)
    run(app, policy)
    with app.uow() as uow:
        states = dict(uow.session.execute(select(Case.id, Case.state).where(Case.id.in_(eliminable))).all())
    # A sampled file is sent and waits for the archives' reply before it is destroyed here.
    assert states == {case_id: CaseState.AWAITING_TRANSFER if case_id in sampled else CaseState.DESTROYED
                      for case_id in eliminable}
    with app.engine.connect() as connection:
        report = build_report(connection, policy, AS_OF)
    assert report.sampled_by_rule == {"birth_days": len(sampled)}
    assert report.policy_reading == "from_end_of_service"
    assert report.sampling == {"one_in": None, "birth_days": [1, 2, 3, 4, 5, 6, 7, 8], "surname_initials": []}


def test_without_the_archives_key_transfers_wait_untouched(app):
    policy = parse_policy("defaults:\n  final_action: transfer_to_archives\n")
    seed_cases(app.uow(), 60, seed=9, as_of=AS_OF)
    run(app, policy)
    [disposal_list] = disposals.list_disposal_lists(app.uow())
    disposals.approve(app.uow(), disposal_list.id, "AD31-2026-119", AS_OF)
    result = run(app, policy)
    assert result.counts["transferred"] == 0 and result.counts["not_carried_out"] == len(disposal_list.items)
    with app.uow() as uow:
        states = set(uow.session.scalars(select(Case.state).where(
            Case.id.in_([i.case_id for i in disposal_list.items]))))
    assert states == {CaseState.PENDING_DISPOSAL}


def test_a_malformed_archives_key_is_refused_when_the_policy_is_read():
    from retention.policy import PolicyError

    with pytest.raises(PolicyError, match="transfer.recipient is not an age public key"):
        parse_policy("transfer:\n  recipient: age1notakey\n")
