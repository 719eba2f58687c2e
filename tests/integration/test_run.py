"""The nightly run on a real database: transitions, idempotence, holds, visa, destruction, lock."""

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from casefiles.ingest.importer import import_file
from casefiles.kernel.vocabulary import CaseState, DisposalStatus
from casefiles.people.queries import case_detail
from casefiles.persistence import journal
from casefiles.persistence.models import (
    Case,
    DataKey,
    Document,
    JournalEntry,
    Participation,
    Person,
    RunLock,
    Tombstone,
)
from oubli.settings import DEFAULT_POLICY
from retention import disposals, lock
from retention.holds import lift_holds, place_hold
from retention.policy import load_policy
from retention.run import nightly_run
from synthetic.seed import Departement, seed_cases
from tests.conftest import FIXED_NOW

AS_OF = date(2026, 11, 22)
POLICY = load_policy(DEFAULT_POLICY)


def run(app, as_of=AS_OF, **options):
    return nightly_run(app.uow, POLICY, as_of, app.clock, app.disposal_means(), **options)


@pytest.fixture
def seeded(app):
    seed_cases(app.uow(), 120, seed=21, as_of=AS_OF)
    return app


def states(app) -> dict[str, str]:
    with app.uow() as uow:
        return dict(uow.session.execute(select(Case.id, Case.state)).all())


def journal_length(app) -> int:
    with app.engine.connect() as connection:
        return journal.verify(connection).entries


def test_the_first_run_archives_ended_cases_and_proposes_old_ones(seeded):
    result = run(seeded)
    counts = result.counts
    assert counts["archived"] > 10 and counts["proposed_for_disposal"] > 0
    assert counts["destroyed"] == 0  # nothing without a visa
    after = states(seeded)
    assert set(after.values()) == {CaseState.ACTIVE, CaseState.ARCHIVED, CaseState.PENDING_DISPOSAL}
    lists = disposals.list_disposal_lists(seeded.uow())
    assert len(lists) == 1 and len(lists[0].items) == counts["proposed_for_disposal"]
    # Counted from majority: only children of age five years before (born in 2003 at the latest) are proposed.
    assert all(item.child_birth_year <= AS_OF.year - 23 for item in lists[0].items)


def test_a_second_run_for_the_same_date_does_nothing(seeded):
    run(seeded)
    before, entries = states(seeded), journal_length(seeded)
    again = run(seeded)
    assert not any(again.counts[key] for key in ("archived", "reactivated", "proposed_for_disposal", "destroyed"))
    assert again.cases_examined == 0
    assert states(seeded) == before
    assert journal_length(seeded) == entries + 1  # only the run's own summary


def test_a_dry_run_changes_nothing_and_announces_what_the_run_will_do(seeded):
    before, entries = states(seeded), journal_length(seeded)
    dry = run(seeded, dry_run=True)
    assert states(seeded) == before and journal_length(seeded) == entries
    assert dry.plan
    real = run(seeded)
    assert dry.counts == real.counts


def approve_everything(app, visa="AD31-2026-117") -> int:
    [disposal_list] = disposals.list_disposal_lists(app.uow())
    disposals.approve(app.uow(), disposal_list.id, visa, AS_OF)
    return disposal_list.id


def test_approved_cases_are_destroyed_leaving_tombstones_and_shared_people(seeded):
    first = run(seeded)
    list_id = approve_everything(seeded)
    with seeded.uow() as uow:
        doomed = set(uow.session.scalars(select(Case.id).where(Case.state == CaseState.PENDING_DISPOSAL)))
        people_of_doomed = set(uow.session.scalars(select(Participation.person_id).where(
            Participation.case_id.in_(doomed))))
        shared = set(uow.session.scalars(select(Participation.person_id).where(
            Participation.person_id.in_(people_of_doomed), Participation.case_id.not_in(doomed))))
    result = run(seeded)
    assert result.counts["destroyed"] == first.counts["proposed_for_disposal"] == len(doomed)
    with seeded.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Document).where(Document.case_id.in_(doomed))) == 0
        remaining = set(uow.session.scalars(select(Person.id).where(Person.id.in_(people_of_doomed))))
        assert remaining == shared  # a person still in another case is kept; only the link went
        tombstones = uow.session.execute(select(Tombstone.case_id, Tombstone.visa_ref, Tombstone.list_id,
                                                Tombstone.approved_by, Tombstone.journal_seq)).all()
    assert {t.case_id for t in tombstones} == doomed
    assert all(t.visa_ref == "AD31-2026-117" and t.list_id == list_id and t.approved_by == "test-dpo"
               for t in tombstones)
    with seeded.engine.connect() as connection:
        assert journal.verify(connection).ok
        destroyed = {e.target_ids[0]: e for e in journal.entries(connection, action="case.destroyed")}
    assert all(destroyed[t.case_id].seq == t.journal_seq for t in tombstones)
    item = disposals.show_disposal_list(seeded.uow(), list_id).items[0]
    assert (item.status, item.carried_out_on) == (DisposalStatus.DONE, AS_OF)


def test_a_destroyed_case_still_answers_with_its_state(seeded):
    run(seeded)
    approve_everything(seeded)
    run(seeded)
    with seeded.uow() as uow:
        gone = uow.session.scalar(select(Case.id).where(Case.state == CaseState.DESTROYED).limit(1))
        detail = case_detail(uow.session, gone, seeded.vault())
    assert detail.state == CaseState.DESTROYED and detail.participants == [] and detail.documents == []


def test_a_hold_placed_after_approval_stops_destruction_until_lifted(seeded):
    run(seeded)
    list_id = approve_everything(seeded)
    held = disposals.show_disposal_list(seeded.uow(), list_id).items[0].case_id
    place_hold(seeded.uow(), held, "Procédure pénale en cours (parquet)", AS_OF)
    result = run(seeded)
    assert result.counts["skipped_hold"] == 1
    assert states(seeded)[held] == CaseState.PENDING_DISPOSAL
    assert run(seeded, AS_OF + timedelta(days=400)).counts["skipped_hold"] == 1
    lift_holds(seeded.uow(), held, AS_OF + timedelta(days=401))
    assert run(seeded, AS_OF + timedelta(days=401)).counts["destroyed"] == 1
    assert states(seeded)[held] == CaseState.DESTROYED


def test_a_held_archived_case_is_never_proposed(seeded):
    proposed_without_hold = run(seeded, dry_run=True).plan
    candidate = next(d.case_id for d in proposed_without_hold if "proposed_for_disposal" in d.steps)
    place_hold(seeded.uow(), candidate, "Demande du juge des enfants", AS_OF)
    run(seeded)
    assert states(seeded)[candidate] == CaseState.ARCHIVED


def test_rejected_items_return_to_the_archive_and_are_proposed_again_a_year_later(seeded):
    run(seeded)
    [disposal_list] = disposals.list_disposal_lists(seeded.uow())
    first_item = disposal_list.items[0]
    disposals.reject(seeded.uow(), disposal_list.id, POLICY, AS_OF, "Intérêt historique", item_ids=[first_item.id])
    assert states(seeded)[first_item.case_id] == CaseState.ARCHIVED
    run(seeded, AS_OF + timedelta(days=300))
    assert states(seeded)[first_item.case_id] == CaseState.ARCHIVED
    run(seeded, date(2027, 11, 22))
    assert states(seeded)[first_item.case_id] == CaseState.PENDING_DISPOSAL
    again = next(item for view in disposals.list_disposal_lists(seeded.uow()) for item in view.items
                 if item.case_id == first_item.case_id and item.status == DisposalStatus.PROPOSED)
    assert (again.refused_before_on, again.refused_before_reason) == (AS_OF, "Intérêt historique")


def test_a_new_measure_reactivates_an_archived_case(app, tmp_path):
    cases = [json.loads(json.dumps(c)) for c in Departement(31, AS_OF).cases(80)]
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(c) + "\n" for c in cases))
    import_file(app.uow(), export, app.eraser().ledger)
    run(app)
    archived = next(case for case in cases if states(app)[case["id"]] == CaseState.ARCHIVED)
    archived["measures"].append({"id": "M-reopen", "type": "AED", "started_on": AS_OF.isoformat()})
    export.write_text(json.dumps(archived) + "\n")
    import_file(app.uow(), export, app.eraser().ledger)
    result = run(app, AS_OF + timedelta(days=1))
    assert result.counts["reactivated"] == 1
    with app.uow() as uow:
        detail = case_detail(uow.session, archived["id"], app.vault())
        # back in daily use: in clear, and the case's key is gone
        assert uow.session.scalar(select(func.count()).select_from(DataKey).where(DataKey.owner_id == archived["id"])) == 0
        assert uow.session.scalar(select(func.count()).select_from(Document).where(
            Document.case_id == archived["id"], Document.sealed_text.is_not(None))) == 0
        assert uow.session.scalar(select(func.count()).select_from(Person).where(
            Person.id.in_([p["id"] for p in archived["persons"]]), Person.sealed.is_not(None))) == 0
    assert (detail.state, detail.archived_on, detail.service_ended_on) == (CaseState.ACTIVE, None, None)


def test_a_second_run_while_one_holds_the_lock_stops_at_once(seeded):
    held = lock.acquire(seeded.uow(), "pid 1 on elsewhere", FIXED_NOW)
    before, entries = states(seeded), journal_length(seeded)
    try:
        with pytest.raises(lock.RunInProgress, match="another run \\(pid 1 on elsewhere\\) has been running"):
            run(seeded)
        with pytest.raises(lock.RunInProgress):  # nor can it be broken while its holder lives
            lock.break_lock(seeded.uow(), FIXED_NOW)
    finally:
        lock.release(seeded.uow(), held)
    assert states(seeded) == before and journal_length(seeded) == entries


def _row_of_a_dead_run(app) -> None:
    with app.uow() as uow:  # the row a killed run leaves: its OS or advisory lock went with its process
        uow.session.add(RunLock(name=lock.NAME, holder="pid 1 on elsewhere", acquired_at="2026-11-22T01:00:00Z",
                                expires_at="2999-01-01T00:00:00Z"))
        uow.commit()


def _journaled(app, action: str) -> list[dict]:
    with app.uow().reading() as uow:
        return [json.loads(details) for details in uow.session.scalars(
            select(JournalEntry.details).where(JournalEntry.action == action))]


def test_a_lock_left_by_a_crashed_run_is_taken_over_at_once_and_journaled(seeded):
    _row_of_a_dead_run(seeded)
    assert run(seeded).counts["archived"] > 0
    assert _journaled(seeded, "run.lock_recovered") == [
        {"previous_holder": "pid 1 on elsewhere", "previous_since": "2026-11-22T01:00:00Z"}]
    with seeded.uow().reading() as uow:
        assert uow.session.scalars(select(RunLock)).all() == []


def test_breaking_the_lock_of_a_dead_run_clears_its_row_and_is_journaled(seeded):
    _row_of_a_dead_run(seeded)
    assert lock.break_lock(seeded.uow(), FIXED_NOW) == "pid 1 on elsewhere"
    assert _journaled(seeded, "run.lock_broken") == [
        {"previous_holder": "pid 1 on elsewhere", "previous_since": "2026-11-22T01:00:00Z"}]
    assert lock.break_lock(seeded.uow(), FIXED_NOW) is None


def test_a_run_that_lost_its_lock_stops_before_committing_another_batch(seeded):
    def second_run_took_the_lock(done, _total):
        with seeded.uow() as uow:
            uow.session.execute(update(RunLock).values(holder="pid 2 on elsewhere"))
            uow.commit()

    before = states(seeded)
    with pytest.raises(lock.RunLockLost, match="lost its lock"):
        run(seeded, batch_size=10, on_progress=second_run_took_the_lock)
    changed = [case for case, state in states(seeded).items() if state != before[case]]
    assert 0 < len(changed) <= 10  # the first batch only


def test_a_run_that_fails_mid_way_keeps_whole_batches_only_and_the_next_run_finishes(seeded, monkeypatch):
    from retention import run as run_module

    reference = run(seeded, dry_run=True).counts
    calls = {"n": 0}
    real_apply = run_module.apply_decisions

    def failing_apply(uow, decisions, policy, as_of, means):
        calls["n"] += 1
        counts = real_apply(uow, decisions, policy, as_of, means)
        if calls["n"] == 2:
            raise RuntimeError("power cut")
        return counts

    monkeypatch.setattr(run_module, "apply_decisions", failing_apply)
    with pytest.raises(RuntimeError):
        run(seeded, batch_size=30)
    monkeypatch.setattr(run_module, "apply_decisions", real_apply)
    partial = states(seeded)
    finished = run(seeded, batch_size=30)
    assert finished.counts["archived"] + sum(
        1 for s in partial.values() if s != CaseState.ACTIVE) >= reference["archived"]
    with seeded.engine.connect() as connection:
        assert journal.verify(connection).ok
    assert run(seeded).cases_examined == 0
