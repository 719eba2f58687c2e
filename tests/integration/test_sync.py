"""Syncing from a case system, on both databases: only what changed comes in, an unchanged case is left
as it is (sealed persons stay sealed), gone cases are reported and kept, destroyed ones skipped and kept
linked for the purge list, proceedings held and lifted, problems listed by source id, and a sync that
fails half way, or a dry run, leaves the store as it was."""

import os
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from casefiles.ingest.source_case import SourceCase
from casefiles.ingest.sync import sync
from casefiles.kernel.vocabulary import CaseState, NextAction
from casefiles.people.queries import search_subjects
from casefiles.persistence import journal
from casefiles.persistence.models import Case, LegalHold, Measure, Person, SourceLink, SyncRun
from oubli.settings import DEFAULT_POLICY
from retention import disposals
from retention.policy import load_policy
from retention.run import nightly_run
from tests.conftest import FIXED_NOW
from tests.sync_sources import ListSource, problem, proceeding, source_id

AS_OF = FIXED_NOW.date()
NEXT_DAY = date(2026, 11, 23)


def run_sync(app, source, as_of=AS_OF, **options):
    return sync(app.uow(), source, app.eraser().ledger, as_of, now=FIXED_NOW, **options)


def counts(result) -> tuple[int, int, int, int, int]:
    return result.new, result.changed, result.unchanged, result.gone, result.skipped_destroyed


def journal_actions(app) -> list[str]:
    with app.engine.connect() as connection:
        assert journal.verify(connection).ok
        return [entry.action for entry in journal.entries(connection)]


def store_rows(app) -> dict[str, list]:
    """What a sync may change, row by row: cases, persons, holds."""
    with app.uow() as uow:
        return {model.__tablename__: sorted(tuple(getattr(row, c.key) for c in model.__table__.columns)
                                            for row in uow.session.scalars(select(model)))
                for model in (Case, Person, LegalHold)}


def nightly(app):
    return nightly_run(app.uow, load_policy(DEFAULT_POLICY), AS_OF, app.clock, app.disposal_means())


@pytest.fixture
def source():
    return ListSource.of_departement(60, seed=21, as_of=AS_OF)


def test_a_first_sync_brings_every_case_in_and_links_each_to_its_source_id(app, source):
    result = run_sync(app, source)
    assert counts(result) == (60, 0, 0, 0, 0) and result.read_all and result.problems == []
    with app.uow() as uow:
        links = dict(uow.session.execute(select(SourceLink.source_id, SourceLink.case_id)).tuples().all())
        [run] = uow.session.execute(select(SyncRun.source, SyncRun.new, SyncRun.watermark)).all()
    assert links == {sid: case.record.id for sid, (case, _) in source.rows.items()}
    assert tuple(run) == ("solis-test", 60, source.watermark())
    actions = journal_actions(app)
    assert actions.count("case.imported") == 60 and actions[-1] == "sync.completed"


def test_a_second_sync_of_an_unchanged_source_changes_nothing_but_its_own_journal_entry(app, source):
    run_sync(app, source)
    before, actions = store_rows(app), journal_actions(app)
    again = run_sync(app, source, as_of=NEXT_DAY)
    assert counts(again) == (0, 0, 60, 0, 0)
    assert store_rows(app) == before
    assert journal_actions(app) == actions + ["sync.completed"]
    assert source.read == 0, "the nightly sync read cases that had not changed"
    with app.uow() as uow:
        assert set(uow.session.scalars(select(SourceLink.last_seen_on))) == {NEXT_DAY}


def test_a_source_without_change_marks_is_read_whole_and_compared_by_digest(app):
    source = ListSource.of_departement(30, seed=21, as_of=AS_OF, marks=False)
    run_sync(app, source)
    actions = journal_actions(app)
    again = run_sync(app, source)
    assert (counts(again), again.read_all, source.read) == ((0, 0, 30, 0, 0), True, 30)
    assert journal_actions(app) == actions + ["sync.completed"]


def test_only_the_changed_case_is_read_and_written_and_a_deleted_one_is_gone_not_deleted(app, source):
    run_sync(app, source)
    first, second = list(source.rows)[:2]
    changed = source.case(first)
    record = replace(changed.record, documents=changed.record.documents[:1])
    source.change(first, record=record)
    source.delete(second)
    result = run_sync(app, source, as_of=NEXT_DAY)
    assert counts(result) == (0, 1, 58, 1, 0) and source.read == 1
    assert source.asked_after[-1] is not None and not result.read_all
    with app.uow() as uow:
        gone_case = second.removeprefix("DOS-")
        assert uow.session.get(Case, gone_case) is not None  # reported, never deleted
        link = uow.session.get(SourceLink, gone_case)
        assert (link.gone_since, link.last_seen_on) == (NEXT_DAY, AS_OF)
        assert uow.session.get(Case, record.id).next_action == NextAction.REVIEW
    imported = [e for e in journal_actions(app)[61:] if e == "case.imported"]
    assert imported == ["case.imported"]


def test_an_unchanged_archived_case_stays_sealed_and_unreviewed_after_a_sync(app, source):
    run_sync(app, source)
    nightly(app)
    with app.uow() as uow:
        archived = uow.session.scalars(select(Case.id).where(Case.state == CaseState.ARCHIVED)).first()
        assert archived is not None, "the test needs an archived case"
        child = next(p for p in source.case(source_id(archived)).record.persons
                     if any(pt.person_id == p.id and pt.role == "child"
                            for pt in source.case(source_id(archived)).record.participants))
    run_sync(app, source, full=True)  # read whole: the archived case is compared, not skipped unread
    with app.uow() as uow:
        case = uow.session.get(Case, archived)
        assert (case.state, case.next_action) == (CaseState.ARCHIVED, NextAction.PROPOSE_DISPOSAL)
        assert uow.session.get(Person, child.id).sealed is not None
        hits = search_subjects(uow.session, f"{child.first_names} {child.last_name}", index=app.blind_index())
    assert [h.sealed for h in hits if h.person_id == child.id] == [True]


def destroyed_cases(app) -> list[str]:
    """The cases of the store the run proposed for disposal, approved and destroyed."""
    nightly(app)
    with app.uow() as uow:
        doomed = list(uow.session.scalars(select(Case.id).where(Case.state == CaseState.PENDING_DISPOSAL)))
    [disposal_list] = [d for d in disposals.list_disposal_lists(app.uow()) if d.status == "open"]
    disposals.approve(app.uow(), disposal_list.id, "AD31-2026-117", AS_OF)
    nightly(app)
    assert doomed, "the test needs destroyed cases"
    return doomed


def test_a_case_destroyed_here_that_the_source_still_holds_is_skipped_and_stays_linked(app, source):
    run_sync(app, source)
    doomed = destroyed_cases(app)
    before = store_rows(app)
    result = run_sync(app, source, full=True)
    assert result.skipped_destroyed == len(doomed) and result.new == result.changed == 0
    assert result.unchanged == 60 - len(doomed) and result.problems == []
    assert store_rows(app) == before
    with app.uow() as uow:
        states = set(uow.session.scalars(select(Case.state).where(Case.id.in_(doomed))))
        linked = set(uow.session.scalars(select(SourceLink.case_id).where(SourceLink.case_id.in_(doomed))))
    assert states == {CaseState.DESTROYED} and linked == set(doomed)
    # changed in the source meanwhile, still skipped: what is destroyed does not come back
    changed = source.case(source_id(doomed[0]))
    source.change(source_id(doomed[0]), record=replace(changed.record, measures=()))
    assert run_sync(app, source).skipped_destroyed == len(doomed)
    assert store_rows(app) == before


def test_a_case_naming_a_person_destroyed_here_is_left_out_and_listed(app, source):
    run_sync(app, source)
    doomed = destroyed_cases(app)
    with app.uow() as uow:
        gone_persons = set(p for p in (person.id for d in doomed for person in source.case(source_id(d)).record.persons)
                           if uow.session.get(Person, p) is None)
    victim = next(p for p in gone_persons)
    newcomer = next(case for case, _ in source.rows.values() if case.record.id not in doomed)
    record = replace(newcomer.record, id="NEW-1", persons=newcomer.record.persons + (
        next(p for d in doomed for p in source.case(source_id(d)).record.persons if p.id == victim),),
        measures=(), concerns=(), documents=())
    source.put(SourceCase("DOS-NEW-1", record))
    result = run_sync(app, source)
    assert [(p.source_id, p.kind) for p in result.problems] == [("DOS-NEW-1", "destroyed_person")]
    with app.uow() as uow:
        assert uow.session.get(Case, "NEW-1") is None and uow.session.get(Person, victim) is None


def test_problems_of_the_source_are_listed_by_source_id_and_a_case_without_record_is_left_out(app, source):
    first, second = list(source.rows)[:2]
    source.change(first, problems=(problem(first, "missing_nir"),))
    source.change(second, record=None, problems=(problem(second, "unknown_code"),))
    result = run_sync(app, source)
    assert [(p.source_id, p.kind) for p in result.problems] == [(first, "missing_nir"), (second, "unknown_code")]
    assert result.new == 59
    with app.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Case)) == 59
        assert uow.session.scalar(select(SyncRun.problems)) == 2
    later = run_sync(app, source)  # the case left out has not changed: listed again, not read
    assert [(p.source_id, p.kind) for p in later.problems] == [(second, "left_out_earlier")]


def test_a_pending_proceeding_holds_its_case_from_its_start_once_and_its_end_lifts_it(app, source):
    sid = list(source.rows)[0]
    case_id = source.case(sid).record.id
    started = date(2025, 3, 14)
    source.change(sid, proceedings=(proceeding("PROC-77", started),))
    assert run_sync(app, source).holds_placed == 1
    source.change(sid, proceedings=(proceeding("PROC-77", started),))  # read again, unchanged record
    again = run_sync(app, source)
    assert (again.holds_placed, again.unchanged) == (0, 60)
    with app.uow() as uow:
        [hold] = uow.session.scalars(select(LegalHold).where(LegalHold.case_id == case_id))
        assert (hold.source_ref, hold.placed_on, hold.placed_by, hold.lifted_on) == ("PROC-77", started, "test-dpo", None)
        assert "enquête pénale" in hold.reason
    source.change(sid, proceedings=(proceeding("PROC-77", started, date(2026, 10, 1)),))
    assert run_sync(app, source).holds_lifted == 1
    with app.uow() as uow:
        [hold] = uow.session.scalars(select(LegalHold).where(LegalHold.case_id == case_id))
        assert (hold.lifted_on, hold.lifted_by) == (date(2026, 10, 1), "test-dpo")
    assert run_sync(app, source, full=True).holds_lifted == 0


def test_a_source_that_breaks_half_way_leaves_nothing_applied(app):
    source = ListSource.of_departement(1200, seed=3, as_of=AS_OF, fail_after=1100)  # after two batches written
    before, actions = store_rows(app), journal_actions(app)
    with pytest.raises(ConnectionError):
        run_sync(app, source)
    assert store_rows(app) == before and journal_actions(app) == actions
    with app.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(SourceLink)) == 0


def test_a_dry_run_computes_everything_and_applies_nothing(app, source):
    sid = list(source.rows)[0]
    source.change(sid, proceedings=(proceeding("PROC-1", date(2025, 1, 2)),))
    before, actions = store_rows(app), journal_actions(app)
    result = run_sync(app, source, dry_run=True)
    assert (result.new, result.holds_placed, result.dry_run) == (60, 1, True)
    assert store_rows(app) == before and journal_actions(app) == actions
    assert run_sync(app, source).new == 60  # the next real sync starts from nothing: no mark was kept


# 20,000 dossiers take about 32 s on SQLite and 57 s on PostgreSQL here (16 s of it making the source), too long for
# every test run: the test syncs 2,000 by default (3 s and 4 s), bench/sync.py syncs 20,000 vendor dossiers, and
# OUBLI_TEST_SYNC_DOSSIERS=20000 runs this test on 20,000.
DOSSIERS = int(os.environ.get("OUBLI_TEST_SYNC_DOSSIERS", "2000"))


@pytest.mark.slow
def test_a_large_source_is_synced_whole_then_a_nightly_sync_reads_only_the_changed(app):
    source = ListSource.of_departement(DOSSIERS, seed=4, as_of=AS_OF)
    first = run_sync(app, source)
    assert counts(first) == (DOSSIERS, 0, 0, 0, 0) and first.problems == []
    changed = list(source.rows)[::100]  # 1%
    for sid in changed:
        case = source.case(sid)
        source.change(sid, record=replace(case.record, documents=case.record.documents[1:]))
    nightly_sync = run_sync(app, source, as_of=NEXT_DAY)
    assert counts(nightly_sync) == (0, len(changed), DOSSIERS - len(changed), 0, 0)
    assert source.read == len(changed)


def test_two_source_cases_made_into_one_case_id_keep_the_first_and_list_the_second(app, source):
    first = list(source.rows)[0]
    source.put(SourceCase("DOS-COPY", source.case(first).record))
    result = run_sync(app, source)
    assert result.new == 60 and [(p.source_id, p.kind) for p in result.problems] == [("DOS-COPY", "case_id_given_twice")]
    with app.uow() as uow:
        assert uow.session.scalar(select(SourceLink.source_id).where(
            SourceLink.case_id == source.case(first).record.id)) == first


def test_a_case_giving_a_measure_id_another_case_holds_is_left_out_and_the_other_keeps_it(app, source):
    run_sync(app, source)
    holder = next(case for case, _ in source.rows.values() if case.record.measures)
    taken = holder.record.measures[0]
    other = next(case for case, _ in source.rows.values() if case.record.id != holder.record.id)
    source.change(other.source_id, record=replace(other.record, measures=other.record.measures + (taken,)))
    result = run_sync(app, source)
    assert [(p.source_id, p.kind, p.where) for p in result.problems] == [
        (other.source_id, "id_of_another_case", "measures")]
    assert (result.changed, result.unchanged) == (0, 59)
    with app.uow() as uow:
        assert uow.session.get(Measure, taken.id).case_id == holder.record.id
