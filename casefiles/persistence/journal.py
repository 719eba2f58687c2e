"""The tamper-evident audit journal: append-only entries chained by SHA-256.

Each entry's hash covers its sequence number, time, actor, action, targets, details and the previous
entry's hash, so editing, deleting, inserting or reordering an entry breaks the chain at that point.
The single `journal_head` row names the last entry: appending locks it first, so two writers never
fork the chain, and a verification also notices entries cut off the end. Cutting the end and moving
the head back leaves a consistent chain: what gives it away is the rows of other tables that cite an
entry (a tombstone its disposal's), so a verification checks every citation against the journal.

Details hold ids, codes, counts and digests only: never a personal value.
"""

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select, update
from sqlalchemy.orm import Session

from casefiles.persistence.models import JournalEntry, JournalHead, Tombstone

GENESIS = "0" * 64
HEAD_ID = 1
FIRST_IDS = 5  # how many of the rows citing a bad entry a verification names

# Every column of another table that holds the seq of a journal entry, with the id of its row, which
# the entry cited must name among its targets: (table, seq column, id column).
CITING = ((Tombstone.__table__, "journal_seq", "case_id"),)


@dataclass(frozen=True)
class Event:
    """Something the software did, to be journaled when its unit of work commits."""

    action: str
    target_type: str
    target_ids: tuple[str, ...]
    details: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class BadCitations:
    """Rows of `table` whose `column` cites a journal entry that is not there, or not about them."""

    table: str
    column: str
    id_column: str
    missing: int  # the entry is past the head or gone
    not_about_them: int  # the entry is there but names other targets (its number was given again)
    first_ids: list[str]  # of the rows, in the order of the entries they cite
    first_seq: int  # the lowest bad entry cited


@dataclass(frozen=True)
class Verification:
    ok: bool
    entries: int
    first_bad: int | None = None
    problem: str | None = None
    head_hash: str = GENESIS
    bad_citations: list[BadCitations] = field(default_factory=list)


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical(value: object) -> str:
    """The one JSON text of a value: sorted keys, no spaces, UTF-8 kept as is."""
    return _CANONICAL.encode(value)


def entry_hash(seq: int, at: str, actor: str, action: str, target_type: str,
               target_ids: str, details: str, prev_hash: str) -> str:
    payload = canonical([seq, at, actor, action, target_type, target_ids, details, prev_hash])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def append(session: Session, events: Sequence[Event], actor: str, at: datetime) -> list[int]:
    """Chain `events` after the current head, inside the caller's transaction; returns their seqs."""
    if not events:
        return []
    # Updating the head first takes its row lock (PostgreSQL) or the write lock (SQLite).
    last_seq, prev_hash = session.execute(
        update(JournalHead)
        .where(JournalHead.id == HEAD_ID)
        .values(seq=JournalHead.seq + len(events))
        .returning(JournalHead.seq, JournalHead.hash)
    ).one()
    when = timestamp(at)
    rows = []
    for seq, event in enumerate(events, start=last_seq - len(events) + 1):
        targets, details = canonical(list(event.target_ids)), canonical(dict(event.details))
        digest = entry_hash(seq, when, actor, event.action, event.target_type, targets, details, prev_hash)
        rows.append({
            "seq": seq, "at": when, "actor": actor, "action": event.action,
            "target_type": event.target_type, "target_ids": targets, "details": details,
            "prev_hash": prev_hash, "hash": digest,
        })
        prev_hash = digest
    session.execute(JournalEntry.__table__.insert(), rows)
    session.execute(update(JournalHead).where(JournalHead.id == HEAD_ID).values(hash=prev_hash))
    return [row["seq"] for row in rows]


def verify(connection: Connection, on_progress=None) -> Verification:
    """Recompute the whole chain and name the first entry where it breaks; then check that every entry
    another table cites is there, within the head, and about the row that cites it."""
    chain = _verify_chain(connection, on_progress)
    head_seq = connection.execute(select(JournalHead.seq).where(JournalHead.id == HEAD_ID)).scalar_one()
    bad = [found for citing in CITING if (found := _bad_citations(connection, *citing, head_seq)) is not None]
    if not bad:
        return chain
    told = "; ".join(_told(found, head_seq) for found in bad)
    if not chain.ok:
        return Verification(False, chain.entries, chain.first_bad, f"{chain.problem}; and {told}",
                            chain.head_hash, bad)
    first = min(found.first_seq for found in bad)
    return Verification(False, chain.entries, min(first, chain.entries + 1),
                        f"{told}: entries they cite were cut from the journal", chain.head_hash, bad)


def _verify_chain(connection: Connection, on_progress=None) -> Verification:
    """Recompute the whole chain; name the first entry where it breaks."""
    table = JournalEntry.__table__
    rows = connection.execution_options(stream_results=True, yield_per=10_000).execute(
        select(table.c.seq, table.c.at, table.c.actor, table.c.action, table.c.target_type,
               table.c.target_ids, table.c.details, table.c.prev_hash, table.c.hash)
        .order_by(table.c.seq)
    )
    expected_seq, prev_hash, count = 1, GENESIS, 0
    for seq, at, actor, action, target_type, target_ids, details, stored_prev, stored_hash in rows:
        if seq != expected_seq:
            return _broken(count, expected_seq, f"entry {expected_seq} is missing: it was deleted")
        if stored_prev != prev_hash:
            return _broken(count, seq, f"the chain breaks between entries {seq - 1} and {seq}: an entry "
                                       "was inserted, deleted, reordered or edited and re-hashed there")
        if entry_hash(seq, at, actor, action, target_type, target_ids, details, stored_prev) != stored_hash:
            return _broken(count, seq, f"entry {seq} was changed after it was written")
        prev_hash, expected_seq, count = stored_hash, seq + 1, count + 1
        if on_progress and count % 10_000 == 0:
            on_progress(count)
    head_seq, head_hash = connection.execute(
        select(JournalHead.seq, JournalHead.hash).where(JournalHead.id == HEAD_ID)
    ).one()
    if head_seq > count:
        return _broken(count, count + 1, f"entries {count + 1} to {head_seq} are missing: "
                                         "the end of the journal was deleted")
    if head_seq < count or head_hash != prev_hash:
        return _broken(count, head_seq + 1, f"entries after {head_seq} were not written by Oubli")
    return Verification(ok=True, entries=count, head_hash=prev_hash)


def _bad_citations(connection: Connection, table, seq_column: str, id_column: str,
                   head_seq: int) -> BadCitations | None:
    """Stream the rows of `table` with the entry each cites; None when every citation holds."""
    seq, row_id = table.c[seq_column], table.c[id_column]
    entries_table = JournalEntry.__table__
    rows = connection.execution_options(stream_results=True, yield_per=10_000).execute(
        select(seq, row_id, entries_table.c.target_ids)
        .select_from(table.outerjoin(entries_table, entries_table.c.seq == seq))
        .order_by(seq, row_id))
    missing = not_about_them = 0
    first_ids: list[str] = []
    first_seq = None
    for cited, identifier, targets in rows:
        if cited > head_seq or targets is None:
            missing += 1
        elif str(identifier) not in json.loads(targets):
            not_about_them += 1
        else:
            continue
        first_seq = cited if first_seq is None else min(first_seq, cited)
        if len(first_ids) < FIRST_IDS:
            first_ids.append(str(identifier))
    if first_seq is None:
        return None
    return BadCitations(table.name, seq_column, id_column, missing, not_about_them, first_ids, first_seq)


def _told(found: BadCitations, head_seq: int) -> str:
    parts = []
    if found.missing:
        parts.append(f"{found.missing} cite entries past the head ({head_seq}) or gone")
    if found.not_about_them:
        parts.append(f"{found.not_about_them} cite entries about other records")
    return (f"{found.table}.{found.column}: {' and '.join(parts)}, from entry {found.first_seq} "
            f"(first rows, by {found.id_column}: {', '.join(found.first_ids)})")


def _broken(count: int, seq: int, problem: str) -> Verification:
    return Verification(ok=False, entries=count, first_bad=seq, problem=problem)


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str
    actor: str
    action: str
    target_type: str
    target_ids: list[str]
    details: dict
    hash: str


def entries(connection: Connection, since: str | None = None, action: str | None = None,
            limit: int | None = None, after: int | None = None) -> Iterator[Entry]:
    """Entries in order; `since` is an ISO date or time (UTC), `action` an exact action or a prefix
    ending in '.' (such as 'case.'), `after` the seq of the last entry of the page before."""
    query = select(JournalEntry).order_by(JournalEntry.seq)
    if after:
        query = query.where(JournalEntry.seq > after)
    if since:
        query = query.where(JournalEntry.at >= since)
    if action:
        if action.endswith("."):
            query = query.where(JournalEntry.action.startswith(action))
        else:
            query = query.where(JournalEntry.action == action)
    if limit:
        query = query.limit(limit)
    for row in Session(bind=connection).scalars(query):
        yield Entry(row.seq, row.at, row.actor, row.action, row.target_type,
                    json.loads(row.target_ids), json.loads(row.details), row.hash)


def verify_journal(engine: Engine, on_progress=None) -> Verification:
    """`verify` on a connection of its own, for `oubli audit verify`."""
    with engine.connect() as connection:
        return verify(connection, on_progress)


def read_entries(engine: Engine, since: str | None = None, action: str | None = None,
                 limit: int | None = None, after: int | None = None) -> list[Entry]:
    """`entries` on a connection of its own, all read before it closes, for `oubli audit log`."""
    with engine.connect() as connection:
        return list(entries(connection, since, action, limit, after))
