"""The purge list on a real store (SQLite and PostgreSQL): cases seeded, moved through their lifecycle by real
runs and a real visa, linked to a case system's ids as the sync links them; the list written, confirmed, reported."""

import dataclasses
import hashlib
import json
import os
import stat
from datetime import date, timedelta

import pytest
from sqlalchemy import func, insert, select

from casefiles.kernel.calendar import add_years
from casefiles.kernel.errors import InvalidInput
from casefiles.persistence import journal
from casefiles.persistence.models import Case, Person, PurgeConfirmation, SourceLink, Tombstone
from oubli.settings import DEFAULT_POLICY
from retention import disposals
from retention.labels import PurgeReason
from retention.policy import load_policy
from retention.purge_file import Format
from retention.purge_list import confirm_purges, purge_lines, write_purge_list
from retention.report import build_report
from retention.run import nightly_run
from synthetic.seed import seed_cases

AS_OF = date(2026, 11, 22)
POLICY = load_policy(DEFAULT_POLICY)


def source_id(case_id: str) -> str:
    return "DOS-" + case_id.rsplit("-", 1)[-1]


@pytest.fixture
def store(app):
    """120 seeded cases, run, the disposal list approved and carried out; every case linked to its id in the case
    system, as the sync links them (a few to a second system)."""
    seed_cases(app.uow(), 120, seed=21, as_of=AS_OF)
    nightly_run(app.uow, POLICY, AS_OF, app.clock, app.disposal_means())
    [proposed] = disposals.list_disposal_lists(app.uow())
    disposals.approve(app.uow(), proposed.id, "AD31-2026-117", AS_OF)
    assert nightly_run(app.uow, POLICY, AS_OF, app.clock, app.disposal_means()).counts["destroyed"] > 0
    with app.uow() as uow:
        ids = sorted(uow.session.scalars(select(Case.id)))
        uow.session.execute(insert(SourceLink), [
            {"case_id": case_id, "source": "solis" if index % 10 == 0 else "iodas", "source_id": source_id(case_id),
             "first_synced_on": date(2026, 1, 5), "last_seen_on": AS_OF} for index, case_id in enumerate(ids)])
        uow.commit()
    return app


def expected(app) -> dict[str, tuple[PurgeReason, date]]:
    """What the list must name, read plainly from the cases and their tombstones."""
    found = {}
    with app.uow() as uow:
        for case_id, state, ended, disposed in uow.session.execute(
                select(Case.id, Case.state, Case.service_ended_on, Tombstone.disposed_on)
                .outerjoin(Tombstone, Tombstone.case_id == Case.id)):
            if state == "destroyed":
                found[case_id] = (PurgeReason.DESTROYED, disposed)
            elif state in ("archived", "pending_disposal") and add_years(ended, 2) <= AS_OF:
                found[case_id] = (PurgeReason.PAST_LIVE_DELAY, add_years(ended, 2))
    return found


def listed(app, source=None) -> dict[str, tuple[PurgeReason, date]]:
    with app.uow().reading() as uow:
        return {line.case_id: (line.reason, line.due_on) for line in purge_lines(uow.session, POLICY, AS_OF, source)}


def test_the_list_names_the_destroyed_cases_and_those_archived_past_the_delay_and_no_other(store):
    wanted = expected(store)
    reasons = {reason for reason, _ in wanted.values()}
    assert reasons == {PurgeReason.DESTROYED, PurgeReason.PAST_LIVE_DELAY}
    assert listed(store) == wanted
    with store.uow().reading() as uow:
        recent = uow.session.scalars(select(Case.id).where(Case.state == "archived",
                                                           Case.service_ended_on > AS_OF - timedelta(days=730)))
        active = uow.session.scalars(select(Case.id).where(Case.state == "active"))
        assert not (set(recent) | set(active)) & set(wanted)
    solis = _linked_to(store, "solis")
    assert set(listed(store, "solis")) == set(wanted) & solis and solis - set(wanted)


def _linked_to(app, source: str) -> set[str]:
    with app.uow().reading() as uow:
        return set(uow.session.scalars(select(SourceLink.case_id).where(SourceLink.source == source)))


def test_a_shorter_delay_lists_more_cases_counted_from_the_end_of_service(store):
    one_year = dataclasses.replace(POLICY, live_system_years=1)
    with store.uow().reading() as uow:
        lines = list(purge_lines(uow.session, one_year, AS_OF))
        ended = dict(uow.session.execute(select(Case.id, Case.service_ended_on)).tuples().all())
    late = [line for line in lines if line.reason == PurgeReason.PAST_LIVE_DELAY]
    assert len(late) > len([r for r, _ in expected(store).values() if r == PurgeReason.PAST_LIVE_DELAY])
    assert all(line.due_on == add_years(ended[line.case_id], 1) <= AS_OF for line in late)


def test_the_written_list_is_private_journaled_by_its_digest_and_holds_ids_only(store, tmp_path):
    path = tmp_path / "purge.json"
    written = write_purge_list(store.uow(), POLICY, AS_OF, path, Format.JSON)
    content = path.read_bytes()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert written.sha256 == hashlib.sha256(content).hexdigest()
    entries = json.loads(content)
    assert {entry["case_id"]: (entry["reason"], entry["due_on"]) for entry in entries} == {
        case_id: (reason.value, due.isoformat()) for case_id, (reason, due) in expected(store).items()}
    assert all(entry["source_id"] == source_id(entry["case_id"]) for entry in entries)
    with store.engine.connect() as connection:
        [entry] = list(journal.entries(connection, action="purge_list.written"))
        names = set(connection.scalars(select(Person.last_name).where(Person.last_name != "")))
    assert entry.details["sha256"] == written.sha256 and entry.details["lines"] == len(entries)
    assert entry.details["by_reason"] == written.by_reason
    assert names and not [name for name in names if name in content.decode("utf-8")]


def test_confirmed_cases_leave_the_list_and_the_report_counts_what_the_source_still_holds(store, tmp_path):
    path = tmp_path / "purge.csv"
    write_purge_list(store.uow(), POLICY, AS_OF, path, Format.CSV)
    header, *rows = path.read_bytes().decode("utf-8").splitlines(keepends=True)
    done = [row for row in rows if "détruit" in row][:3] + [row for row in rows if "base active" in row][:2]
    returned = (header + "".join(done)).encode("utf-8")
    confirmed = confirm_purges(store.uow(), POLICY, AS_OF, returned, "purge.csv", on=AS_OF)
    assert confirmed.by_reason == {"destroyed": 3, "past_live_delay": 2}
    gone = {row.split(",")[1] for row in done}
    assert set(listed(store)) == set(expected(store)) - gone
    with store.uow().reading() as uow:
        recorded = uow.session.execute(select(PurgeConfirmation.case_id, PurgeConfirmation.confirmed_on,
                                              PurgeConfirmation.recorded_by, PurgeConfirmation.list_sha256)).all()
    assert {r.case_id for r in recorded} == gone
    assert {(r.confirmed_on, r.recorded_by, r.list_sha256) for r in recorded} == {
        (AS_OF, "test-dpo", hashlib.sha256(returned).hexdigest())}

    with store.engine.connect() as connection:
        report = build_report(connection, POLICY, AS_OF)
    held = {h.reason: h for h in report.source_still_holds}
    still = [due for case_id, (reason, due) in expected(store).items()
             if reason == PurgeReason.PAST_LIVE_DELAY and case_id not in gone]
    assert (held["past_live_delay"].cases, held["past_live_delay"].oldest_due_on) == (len(still), min(still))
    assert held["past_live_delay"].days_since_oldest == (AS_OF - min(still)).days
    assert (held["destroyed"].confirmed_in_period, held["past_live_delay"].confirmed_in_period) == (3, 2)
    assert held["anonymised"].cases == 0 and held["anonymised"].oldest_due_on is None


def test_a_returned_file_with_one_wrong_line_records_nothing_and_names_the_line(store):
    lines = list(expected(store).items())
    destroyed, other = [case_id for case_id, (reason, _) in lines if reason == PurgeReason.DESTROYED][:2]
    late = next(case_id for case_id, (reason, _) in lines if reason == PurgeReason.PAST_LIVE_DELAY)
    with store.uow().reading() as uow:
        active = uow.session.scalar(select(Case.id).where(Case.state == "active").limit(1))
    entries = [{"source_id": source_id(destroyed), "case_id": destroyed, "reason": "destroyed"},
               {"source_id": source_id(late), "case_id": late, "reason": "destroyed"},
               {"source_id": source_id(active), "case_id": active, "reason": "past_live_delay"},
               {"source_id": "DOS-0", "case_id": destroyed, "reason": "destroyed"},
               {"source_id": "DOS-0", "case_id": other, "reason": "destroyed", "source": "iodas"}]
    with pytest.raises(InvalidInput) as refused:
        confirm_purges(store.uow(), POLICY, AS_OF, json.dumps(entries).encode(), "back.json")
    assert "4 of the 5 lines of back.json" in str(refused.value)
    assert [problem.split(":")[0] for problem in refused.value.problems] == ["entry 2", "entry 3", "entry 4", "entry 5"]
    assert f"case {late} is not on the purge list as destroyed" in refused.value.problems[0]
    assert "repeats entry 1" in refused.value.problems[2]
    assert f"case {other} is {source_id(other)} in the source " in refused.value.problems[3]
    with store.uow().reading() as uow:
        assert uow.session.scalar(select(func.count()).select_from(PurgeConfirmation)) == 0


def test_a_confirmation_dated_before_the_case_became_due_or_in_the_future_is_refused(store):
    late, due = next((case_id, due) for case_id, (reason, due) in expected(store).items()
                     if reason == PurgeReason.PAST_LIVE_DELAY)
    entry = json.dumps([{"source_id": source_id(late), "case_id": late, "reason": "past_live_delay"}]).encode()
    with pytest.raises(InvalidInput) as early:
        confirm_purges(store.uow(), POLICY, AS_OF, entry, "back.json", on=due - timedelta(days=1))
    assert early.value.problems == [f"entry 1: case {late} became due for the source on {due.isoformat()}, after the "
                                    f"day given ({(due - timedelta(days=1)).isoformat()})"]
    with pytest.raises(InvalidInput, match="after today"):
        confirm_purges(store.uow(), POLICY, AS_OF, entry, "back.json", on=AS_OF + timedelta(days=1))
    confirm_purges(store.uow(), POLICY, AS_OF, entry, "back.json", on=due)
    with pytest.raises(InvalidInput) as again:
        confirm_purges(store.uow(), POLICY, AS_OF, entry, "back.json")
    assert again.value.problems == [f"entry 1: case {late} was already confirmed as past_live_delay on {due}"]


def test_an_unknown_source_is_refused_with_the_sources_known(store, tmp_path):
    with pytest.raises(InvalidInput, match="'iodas', 'solis'"):
        write_purge_list(store.uow(), POLICY, AS_OF, tmp_path / "x.csv", Format.CSV, source="genesis")
    assert not (tmp_path / "x.csv").exists()
