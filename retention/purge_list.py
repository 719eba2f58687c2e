"""The purge list back to the case system (`oubli purge-list`), and its IT's word that it acted (`confirm`).

Oubli destroys, anonymises or transfers only its own copy: the département's case system (IODAS, Solis...)
still holds the file. The purge list names, by the source's own ids (`source_links`, kept after disposal),
what the source must delete (the cases destroyed, anonymised or transferred here, due from their disposal)
and what it must move out of its daily use (the cases archived here whose service ended more than the
policy's live-system delay ago, due from the end of service plus that delay). A case stays on it until the
source's IT confirms it for that reason on or after the day it became due (a case archived again after a
reopening is due again, later). No personal value is on it: ids, reasons and dates.
"""

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Connection, and_, case, func, insert, literal, or_, select
from sqlalchemy.orm import Session

from casefiles.crypto.private_files import private_file
from casefiles.kernel.calendar import add_years
from casefiles.kernel.errors import InvalidInput
from casefiles.kernel.vocabulary import FINAL_STATES, OUT_OF_DAILY_USE
from casefiles.persistence.models import Case, PurgeConfirmation, SourceLink, Tombstone
from casefiles.persistence.uow import UnitOfWork
from retention.labels import JournalAction, PurgeReason
from retention.policy import Policy
from retention.purge_file import Format, PurgeLine, ReturnedLine, read_returned, render

PROBLEMS_NAMED = 50  # a refused file names its first lines at fault, then counts the others
CHUNK = 500


@dataclass(frozen=True)
class Written:
    path: Path
    sha256: str
    lines: int
    by_reason: dict[str, int]


@dataclass(frozen=True)
class Confirmed:
    lines: int
    by_reason: dict[str, int]
    confirmed_on: date
    list_sha256: str  # the returned file's


def purge_due(state: str, service_ended_on: date | None, disposed_on: date | None, live_system_years: int,
              as_of: date) -> tuple[PurgeReason, date] | None:
    """Why the source must act on a case left in `state` here, and since when; None if it need not (yet).

    A case destroyed, anonymised or transferred here is due from its disposal (one without its tombstone, which a
    replay gives back, from today); one out of daily use here, from the end of its service plus the delay."""
    if state in FINAL_STATES:
        return PurgeReason(state), disposed_on or as_of
    if state not in OUT_OF_DAILY_USE or service_ended_on is None:
        return None
    due = add_years(service_ended_on, live_system_years)
    return (PurgeReason.PAST_LIVE_DELAY, due) if due <= as_of else None


def latest_end_past_delay(as_of: date, years: int) -> date:
    """The last end of service whose live-system delay has run by `as_of` (calendar years: an end on 29 February
    is due on 28 February)."""
    latest = add_years(as_of, -years)
    while add_years(latest + timedelta(days=1), years) <= as_of:
        latest += timedelta(days=1)
    return latest


@dataclass(frozen=True)
class ListedCase:
    line: PurgeLine
    last_confirmed: date | None  # the source's last confirmation for that reason

    @property
    def pending(self) -> bool:
        return self.last_confirmed is None or self.last_confirmed < self.line.due_on


def _entries(reader: Connection | Session, policy: Policy, as_of: date, source: str | None = None,
             case_ids: list[str] | None = None) -> Iterator[ListedCase]:
    """Every case the source holds that the purge list names, confirmed or not, by source and source id (the query
    narrows to the cases that can be due; purge_due decides)."""
    reason = case((Case.state.in_([s.value for s in FINAL_STATES]), Case.state),
                  else_=literal(PurgeReason.PAST_LIVE_DELAY.value))
    confirmed = (select(PurgeConfirmation.case_id, PurgeConfirmation.reason,
                        func.max(PurgeConfirmation.confirmed_on).label("last"))
                 .group_by(PurgeConfirmation.case_id, PurgeConfirmation.reason).subquery())
    query = (select(SourceLink.source, SourceLink.source_id, Case.id, Case.state, Case.service_ended_on,
                    Tombstone.disposed_on, confirmed.c.last)
             .join(Case, Case.id == SourceLink.case_id)
             .outerjoin(Tombstone, Tombstone.case_id == Case.id)
             .outerjoin(confirmed, and_(confirmed.c.case_id == Case.id, confirmed.c.reason == reason))
             .where(or_(Case.state.in_([s.value for s in FINAL_STATES]),
                        and_(Case.state.in_([s.value for s in OUT_OF_DAILY_USE]),
                             Case.service_ended_on <= latest_end_past_delay(as_of, policy.live_system_years))))
             .order_by(SourceLink.source, SourceLink.source_id))
    if source is not None:
        query = query.where(SourceLink.source == source)
    if case_ids is not None:
        query = query.where(SourceLink.case_id.in_(case_ids))
    for row in reader.execute(query.execution_options(yield_per=1000)):
        due = purge_due(row.state, row.service_ended_on, row.disposed_on, policy.live_system_years, as_of)
        if due is not None:
            yield ListedCase(PurgeLine(row.source, row.source_id, row.id, *due), row.last)


def purge_lines(reader: Connection | Session, policy: Policy, as_of: date,
                source: str | None = None) -> Iterator[PurgeLine]:
    """What the source must still do, not yet confirmed, by source and source id."""
    return (entry.line for entry in _entries(reader, policy, as_of, source) if entry.pending)


def write_purge_list(uow: UnitOfWork, policy: Policy, as_of: date, path: Path, file_format: Format,
                     source: str | None = None, replace: bool = False) -> Written:
    """The purge list into a new owner-only file at `path`, journaled with its counts and digest."""
    with uow:
        if source is not None:
            _known_source(uow.session, source)
        by_reason: Counter = Counter()
        digest = hashlib.sha256()

        def counted(lines: Iterator[PurgeLine]) -> Iterator[PurgeLine]:
            for line in lines:
                by_reason[line.reason.value] += 1
                yield line

        with private_file(path, replace) as stream:
            for chunk in render(counted(purge_lines(uow.session, policy, as_of, source)), file_format):
                digest.update(chunk)
                stream.write(chunk)
            lines = sum(by_reason.values())
            # In the file's block: a journal that cannot be written leaves no file behind.
            uow.record(JournalAction.PURGE_LIST_WRITTEN, "purge_list", [], source=source, format=file_format.value,
                       lines=lines, by_reason=dict(by_reason), sha256=digest.hexdigest(),
                       live_system_years=policy.live_system_years, policy=policy.version)
            uow.commit()
    return Written(path, digest.hexdigest(), lines, dict(by_reason))


def _known_source(session: Session, source: str) -> None:
    if session.scalar(select(SourceLink.case_id).where(SourceLink.source == source).limit(1)) is None:
        known = sorted(session.scalars(select(SourceLink.source).distinct()))
        raise InvalidInput(f"no case here comes from the source {source!r}: the sources are "
                           f"{', '.join(map(repr, known)) or 'none yet (run `oubli sync`)'}")


def confirm_purges(uow: UnitOfWork, policy: Policy, as_of: date, content: bytes, name: str,
                   on: date | None = None) -> Confirmed:
    """Record the source's confirmation of every line of a returned purge list, done on `on` (default today):
    all of them, or none when a line is not on the list for its reason, already confirmed, or due after `on`."""
    on = on or as_of
    if on > as_of:
        raise InvalidInput(f"--on {on.isoformat()} is after today ({as_of.isoformat()}): give the day the case "
                           "system's IT did it; nothing was recorded")
    returned = read_returned(content, name)
    if not returned:
        raise InvalidInput(f"{name} has no line to confirm; nothing was recorded")
    with uow:
        problems = _problems(uow.session, policy, as_of, returned, on)
        if problems:
            more = [f"... and {len(problems) - PROBLEMS_NAMED} more"] if len(problems) > PROBLEMS_NAMED else []
            lines = "line" if len(returned) == 1 else "lines"
            raise InvalidInput(f"{len(problems)} of the {len(returned)} {lines} of {name} cannot be confirmed: correct "
                               "or remove them and run it again; nothing was recorded",
                               problems[:PROBLEMS_NAMED] + more)
        sha256 = hashlib.sha256(content).hexdigest()
        uow.session.execute(insert(PurgeConfirmation), [
            {"case_id": line.case_id, "reason": line.reason, "confirmed_on": on, "recorded_by": uow.actor,
             "list_sha256": sha256} for line in returned])
        by_reason = dict(Counter(str(line.reason) for line in returned))
        uow.record(JournalAction.PURGE_LIST_CONFIRMED, "case", [str(line.case_id) for line in returned],
                   lines=len(returned), by_reason=by_reason, confirmed_on=on.isoformat(), list_sha256=sha256)
        uow.commit()
    return Confirmed(len(returned), by_reason, on, sha256)


def _problems(session: Session, policy: Policy, as_of: date, returned: list[ReturnedLine], on: date) -> list[str]:
    """What is wrong with each returned line, named by its line: against the purge list as it stands."""
    case_ids = sorted({line.case_id for line in returned if line.case_id is not None and line.problem is None})
    listed: dict[tuple[str, PurgeReason], ListedCase] = {}
    states: dict[str, str] = {}
    for start in range(0, len(case_ids), CHUNK):
        chunk = case_ids[start:start + CHUNK]
        listed |= {(e.line.case_id, e.line.reason): e for e in _entries(session, policy, as_of, case_ids=chunk)}
        states |= dict(session.execute(select(Case.id, Case.state).where(Case.id.in_(chunk))).tuples().all())
    problems: list[str] = []
    seen: dict[tuple[str, PurgeReason], str] = {}  # the line that first gave each case and reason
    for line in returned:
        if line.problem is not None:
            problems.append(f"{line.where}: {line.problem}")
            continue
        assert line.case_id is not None and line.reason is not None
        key = (line.case_id, line.reason)
        entry = listed.get(key)
        wrong: str | None
        if key in seen:
            wrong = f"repeats {seen[key]}"
        elif line.case_id not in states:
            wrong = f"no case here has the id {line.case_id}"
        elif entry is None:
            wrong = (f"case {line.case_id} is not on the purge list as {line.reason.value} (it is "
                     f"{states[line.case_id]} here): write the list again with `oubli purge-list`")
        else:
            wrong = _wrong_entry(line, entry, on)
        seen.setdefault(key, line.where)
        if wrong:
            problems.append(f"{line.where}: {wrong}")
    return problems


def _wrong_entry(line: ReturnedLine, entry: ListedCase, on: date) -> str | None:
    listed = entry.line
    if line.source_id != listed.source_id or (line.source is not None and line.source != listed.source):
        return (f"case {listed.case_id} is {listed.source_id} in the source {listed.source}, not what the line gives: "
                "check the line")
    if not entry.pending:
        return f"case {listed.case_id} was already confirmed as {listed.reason.value} on {entry.last_confirmed}"
    if on < listed.due_on:
        return (f"case {listed.case_id} became due for the source on {listed.due_on.isoformat()}, after the day "
                f"given ({on.isoformat()})")
    return None


@dataclass(frozen=True)
class StillHeld:
    """For the auditors' report, per reason: the cases the source still holds past their time (named by the purge
    list, not confirmed), the oldest due date and the days since; and the confirmations dated in the period."""

    reason: str
    cases: int
    oldest_due_on: date | None
    days_since_oldest: int | None
    confirmed_in_period: int


def still_held(reader: Connection | Session, policy: Policy, as_of: date, period_from: date | None = None,
               period_to: date | None = None) -> list[StillHeld]:
    pending: Counter = Counter()
    oldest: dict[str, date] = {}
    for line in purge_lines(reader, policy, as_of):
        pending[line.reason] += 1
        oldest[line.reason] = min(oldest.get(line.reason, line.due_on), line.due_on)
    in_period = PurgeConfirmation.confirmed_on <= (period_to or as_of)
    if period_from is not None:
        in_period = and_(in_period, PurgeConfirmation.confirmed_on >= period_from)
    confirmed = dict(reader.execute(select(PurgeConfirmation.reason, func.count()).where(in_period)
                                    .group_by(PurgeConfirmation.reason)).tuples().all())
    return [StillHeld(reason.value, pending[reason], oldest.get(reason),
                      (as_of - oldest[reason]).days if reason in oldest else None, confirmed.get(reason.value, 0))
            for reason in PurgeReason]
