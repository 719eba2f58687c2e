"""Bringing the store up to date from the département's case system (a `Source`): all of it, or nothing.

One transaction: on any failure nothing is applied, and a dry run computes everything, then rolls back.
Its cost follows the changes: the change mark the source gave at the last sync (`sync_runs.watermark`)
is handed back to it, and only the cases changed since are read (with `ids()`, ids only, to tell which
are still there); a first sync, a source without a change mark, or `full`, reads every case.

A case read is, by its record's digest (casefiles/ingest/digest.py) against the one last written:
- new or changed: written as the import writes a case (casefiles/ingest/store.py `save_batch`), journaled
  `case.imported`;
- unchanged: not touched (its persons stay sealed, the run is not asked to review it);
- destroyed, anonymised or transferred here (its state, or the erasure ledger when its row is gone):
  skipped, never written again, its link to the source kept for the purge list;
- left out, listed as a problem: the source could not build it (no record), it names a person destroyed
  here, it gives a measure, concern or document id another case holds, its source id and its case id
  are linked otherwise already, or another source case of this sync was made into the same case id.
  The problems the source found are listed too, by source id and kind.
A case not read (unchanged since the mark) counts as unchanged, or skipped when destroyed here; one that
an earlier sync left out and that has not changed since is listed again (`left_out_earlier`). A case
linked to the source that the source no longer holds is gone: `source_links.gone_since`, never deleted.
The pending proceedings of each case kept become legal holds (casefiles/ingest/proceedings.py).

Against a concurrent writer: on SQLite the transaction holds the write lock from its start (BEGIN
IMMEDIATE, casefiles/persistence/db.py); on PostgreSQL the rows of the cases read are locked, in id
order, before their state is read, as the nightly run locks its batch: a case the run destroys meanwhile
is seen destroyed. `oubli sync` also holds the nightly run's lock (retention/lock.py) while it syncs.
"""

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from datetime import time as day_start

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from casefiles.erasure.ledger import CASE, PERSON, Ledger
from casefiles.ingest.digest import record_sha256
from casefiles.ingest.proceedings import apply_proceedings
from casefiles.ingest.records import CaseRecord
from casefiles.ingest.source_case import Problem, Proceeding, Source, SourceCase
from casefiles.ingest.store import save_batch
from casefiles.kernel.vocabulary import FINAL_STATES
from casefiles.persistence.db import chunks
from casefiles.persistence.journal import timestamp
from casefiles.persistence.models import Case, Concern, Document, Measure, SourceLink, SyncRun
from casefiles.persistence.uow import UnitOfWork

BATCH = 500
ITEM_LISTS = (("measures", Measure), ("concerns", Concern), ("documents", Document))

Progress = Callable[[int, int | None], None]  # (cases read, cases to read; None when only the changed are read)


@dataclass(frozen=True)
class SyncResult:
    source: str
    new: int
    changed: int
    unchanged: int
    gone: int  # the source no longer holds them, found by this sync
    skipped_destroyed: int
    problems: list[Problem]
    watermark: str | None  # the change mark read up to, kept for the next sync
    read_all: bool  # every case read (no mark to start from), else only those changed since the mark
    holds_placed: int = 0
    holds_lifted: int = 0
    dry_run: bool = False
    seconds: float = 0.0


@dataclass
class _Tally:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped_destroyed: int = 0
    holds_placed: int = 0
    holds_lifted: int = 0
    problems: list[Problem] = field(default_factory=list)
    read: set[str] = field(default_factory=set)  # source ids read
    case_ids: set[str] = field(default_factory=set)  # the case ids they were made into

    def left_out(self, case: SourceCase, kind: str, where: str) -> None:
        self.problems.append(Problem(case.source_id, kind, where))


def sync(uow: UnitOfWork, source: Source, ledger: Ledger, as_of: date, dry_run: bool = False,
         on_progress: Progress | None = None, full: bool = False, now: datetime | None = None) -> SyncResult:
    started = time.perf_counter()
    with uow:
        session = uow.session
        ledger.destroyed(session, [])  # a wrong ledger key or a restored database stops the sync here
        mark = source.watermark()
        since = None if full or mark is None else _last_mark(session, source.name)
        held = set(source.ids())
        total = len(held) if since is None else None
        tally = _Tally()
        batch: list[SourceCase] = []
        for case in source.cases(changed_after=since):
            batch.append(case)
            if len(batch) == BATCH:
                _apply(uow, source.name, batch, ledger, as_of, tally)
                batch = []
                if on_progress:
                    on_progress(len(tally.read), total)
        _apply(uow, source.name, batch, ledger, as_of, tally)
        held |= tally.read  # a case added to the source while it was read
        gone = _mark_gone(session, source.name, held, as_of)
        _count_unread(session, source.name, held - tally.read, tally)
        if on_progress:
            on_progress(len(tally.read), total)
        result = SyncResult(source.name, tally.new, tally.changed, tally.unchanged, gone, tally.skipped_destroyed,
                            tally.problems, mark, since is None, tally.holds_placed, tally.holds_lifted, dry_run)
        counts = {name: getattr(result, name) for name in ("new", "changed", "unchanged", "gone", "skipped_destroyed")}
        moment = now or datetime.combine(as_of, day_start(), UTC)
        session.add(SyncRun(source=source.name, synced_at=timestamp(moment), watermark=mark,
                            problems=len(tally.problems), **counts))
        uow.record("sync.completed", "sync", [], source=source.name, watermark=mark, read_all=result.read_all,
                   problems=len(tally.problems), holds_placed=tally.holds_placed, holds_lifted=tally.holds_lifted,
                   **counts)
        if dry_run:
            uow.flush()  # everything written and checked as it would be, then rolled back
        else:
            uow.commit()
    return replace(result, seconds=time.perf_counter() - started)


def _last_mark(session: Session, name: str) -> str | None:
    return session.scalar(select(SyncRun.watermark).where(SyncRun.source == name).order_by(SyncRun.id.desc()).limit(1))


def _apply(uow: UnitOfWork, name: str, batch: Sequence[SourceCase], ledger: Ledger, as_of: date, tally: _Tally) -> None:
    """One batch of the source's cases: sorted, written or left alone, linked, their proceedings held."""
    session = uow.session
    built = []
    for case in batch:
        tally.read.add(case.source_id)
        tally.problems.extend(case.problems)
        if case.record is None:
            if not case.problems:
                tally.left_out(case, "not_built", "")
        elif case.record.id in tally.case_ids:  # two source cases made into one case id: neither wins unseen
            tally.left_out(case, "case_id_given_twice", "")
        else:
            tally.case_ids.add(case.record.id)
            built.append(case)
    if not built:
        return
    stored = _lock_and_read(session, [_record(case).id for case in built])
    digests = {case.source_id: record_sha256(_record(case)) for case in built}
    maybe_written = [case for case in built if stored.get(_record(case).id, (None, None))[1] != digests[case.source_id]]
    destroyed = ledger.destroyed(session, [(CASE, _record(c).id) for c in built if _record(c).id not in stored]
                                 + [(PERSON, p.id) for c in maybe_written for p in _record(c).persons])
    to_write: list[SourceCase] = []
    linked: list[SourceCase] = []  # cases whose row is here (or will be): their link to the source is kept
    kept: list[SourceCase] = []  # cases in use here: their proceedings hold them
    conflicts = _link_conflicts(session, name, built)
    for case in built:
        record = _record(case)
        state, digest = stored.get(record.id, (None, None))
        if case.source_id in conflicts:
            tally.left_out(case, "linked_otherwise", "source_links")
        elif state in FINAL_STATES or (CASE, record.id) in destroyed:
            tally.skipped_destroyed += 1
            if state is not None:
                linked.append(case)
        elif digest == digests[case.source_id]:
            tally.unchanged += 1
            linked.append(case)
            kept.append(case)
        elif any((PERSON, person.id) in destroyed for person in record.persons):
            tally.left_out(case, "destroyed_person", "persons")
            if state is not None:
                kept.append(case)
        else:
            to_write.append(case)
    for case, where in _ids_of_other_cases(session, to_write):
        tally.left_out(case, "id_of_another_case", where)
        to_write.remove(case)
        if _record(case).id in stored:
            kept.append(case)
    new = save_batch(uow, [_record(case) for case in to_write], source="sync",
                     digests={_record(case).id: digests[case.source_id] for case in to_write}).new if to_write else 0
    tally.new += new
    tally.changed += len(to_write) - new
    _link(session, name, linked + to_write, as_of)
    placed, lifted = apply_proceedings(uow, name, _proceedings(kept + to_write))
    tally.holds_placed += placed
    tally.holds_lifted += lifted


def _record(case: SourceCase) -> CaseRecord:
    assert case.record is not None
    return case.record


def _proceedings(cases: Iterable[SourceCase]) -> dict[str, list[Proceeding]]:
    found: dict[str, list[Proceeding]] = defaultdict(list)
    for case in cases:
        found[_record(case).id].extend(case.proceedings)
    return found


def _lock_and_read(session: Session, case_ids: list[str]) -> dict[str, tuple[str, str | None]]:
    """Each case's state and last digest, its row locked until commit on PostgreSQL (SQLite serialises writers)."""
    stored = {}
    for ids in chunks(sorted(set(case_ids))):
        stored.update({case_id: (state, digest) for case_id, state, digest in session.execute(
            select(Case.id, Case.state, Case.record_sha256).where(Case.id.in_(ids)).order_by(Case.id).with_for_update())})
    return stored


def _link_conflicts(session: Session, name: str, cases: list[SourceCase]) -> set[str]:
    """Source ids of `cases` whose case here is linked to another source case, or that are linked to another case."""
    wanted = {_record(case).id: case.source_id for case in cases}
    conflicts = set()
    for ids in chunks(sorted(wanted)):
        for case_id, source, source_id in session.execute(
                select(SourceLink.case_id, SourceLink.source, SourceLink.source_id).where(SourceLink.case_id.in_(ids))):
            if (source, source_id) != (name, wanted[case_id]):
                conflicts.add(wanted[case_id])
    by_source_id = {source_id: case_id for case_id, source_id in wanted.items()}
    for source_ids in chunks(sorted(by_source_id)):
        for case_id, source_id in session.execute(select(SourceLink.case_id, SourceLink.source_id).where(
                SourceLink.source == name, SourceLink.source_id.in_(source_ids))):
            if case_id != by_source_id[source_id]:
                conflicts.add(source_id)
    return conflicts


def _ids_of_other_cases(session: Session, cases: list[SourceCase]) -> list[tuple[SourceCase, str]]:
    """The cases giving a measure, concern or document id that another case holds (one not written again, or
    another case of the batch), each with the list where; asked again until nothing more is found, since a
    case left out keeps its items where they are."""
    owners: dict[str, dict[str, str]] = {}
    for list_name, model in ITEM_LISTS:
        owners[list_name] = {}
        for ids in chunks([item.id for case in cases for item in getattr(_record(case), list_name)]):
            owners[list_name].update(
                session.execute(select(model.id, model.case_id).where(model.id.in_(ids))).tuples().all())
    left: dict[str, tuple[SourceCase, str]] = {}  # by source id
    while True:
        writing = [case for case in cases if case.source_id not in left]
        written = {_record(case).id for case in writing}
        claims: dict[tuple[str, str], int] = defaultdict(int)
        for case in writing:
            for list_name, _ in ITEM_LISTS:
                for item in getattr(_record(case), list_name):
                    claims[(list_name, item.id)] += 1
        more = {}
        for case in writing:
            record = _record(case)
            for list_name, _ in ITEM_LISTS:
                owned = (owners[list_name].get(item.id) for item in getattr(record, list_name))
                if any(claims[(list_name, item.id)] > 1 for item in getattr(record, list_name)) or any(
                        owner not in (None, record.id) and owner not in written for owner in owned):
                    more[case.source_id] = (case, list_name)
                    break
        if not more:
            return list(left.values())
        left |= more


def _link(session: Session, name: str, cases: list[SourceCase], as_of: date) -> None:
    """Each case's link to its source id: made on the first sync, seen today, no longer gone."""
    if not cases:
        return
    rows = [{"case_id": _record(case).id, "source": name, "source_id": case.source_id, "first_synced_on": as_of,
             "last_seen_on": as_of, "gone_since": None} for case in cases]
    dialect = session.get_bind().dialect.name
    statement = (sqlite if dialect == "sqlite" else postgresql).insert(SourceLink.__table__)
    statement = statement.on_conflict_do_update(index_elements=["case_id"], set_={
        "last_seen_on": statement.excluded.last_seen_on, "gone_since": None})
    for chunk in chunks(rows):
        session.execute(statement, chunk)


def _mark_gone(session: Session, name: str, held: set[str], as_of: date) -> int:
    """Links of this source whose source id it no longer holds are gone since today (those back are not); every
    link still held is seen today. Returns how many are gone since today."""
    links = session.execute(select(SourceLink.case_id, SourceLink.source_id, SourceLink.gone_since)
                            .where(SourceLink.source == name)).all()
    gone = [case_id for case_id, source_id, since in links if since is None and source_id not in held]
    back = [case_id for case_id, source_id, since in links if since is not None and source_id in held]
    for ids, value in [(ids, as_of) for ids in chunks(gone)] + [(ids, None) for ids in chunks(back)]:
        session.execute(update(SourceLink).where(SourceLink.case_id.in_(ids)).values(gone_since=value))
    session.execute(update(SourceLink).where(SourceLink.source == name, SourceLink.gone_since.is_(None),
                                             SourceLink.last_seen_on < as_of).values(last_seen_on=as_of))
    return len(gone)


def _count_unread(session: Session, name: str, unread: set[str], tally: _Tally) -> None:
    """The cases the source holds that were not read (unchanged since the mark): unchanged, skipped when destroyed
    here, listed again when an earlier sync left them out (they are not here)."""
    if not unread:
        return
    states: dict[str, str] = dict(session.execute(
        select(SourceLink.source_id, Case.state).join(Case, Case.id == SourceLink.case_id)
        .where(SourceLink.source == name)).tuples().all())
    for source_id in sorted(unread):
        state = states.get(source_id)
        if state is None:
            tally.problems.append(Problem(source_id, "left_out_earlier", ""))
        elif state in FINAL_STATES:
            tally.skipped_destroyed += 1
        else:
            tally.unchanged += 1
