"""Writing validated case records: upsert by id, in batches, inside the caller's unit of work."""

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from sqlalchemy import String, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from casefiles.ingest.digest import record_sha256
from casefiles.ingest.records import CaseRecord, Lengths
from casefiles.kernel.errors import InvalidInput
from casefiles.kernel.vocabulary import FINAL_STATES, CaseState, NextAction, RecordKind
from casefiles.persistence.models import BlindIndexEntry, Case, Concern, DataKey, Document, Measure, Participation, Person
from casefiles.persistence.uow import UnitOfWork

BATCH = 500
CHILD_TABLES = (Participation, Measure, Concern, Document)


def record_lengths() -> Lengths:
    """The most characters each text field of an import record may have: its column's length here."""
    tables = {"case": Case, "persons": Person, "participants": Participation, "measures": Measure,
              "concerns": Concern, "documents": Document}
    return {name: {column.key: column.type.length for column in model.__table__.columns
                   if isinstance(column.type, String) and column.type.length}
            for name, model in tables.items()}


def upsert(session: Session, table: Table, rows: Sequence[dict], key: Sequence[str],
           update: Sequence[str]) -> None:
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    statement = (sqlite if dialect == "sqlite" else postgresql).insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=list(key), set_={name: statement.excluded[name] for name in update}
    )
    session.execute(statement, list(rows))


class Saved(NamedTuple):
    new: int
    unchanged: int  # given again as they were last written: left untouched


def save_batch(uow: UnitOfWork, records: Sequence[CaseRecord], source: str,
               digests: Mapping[str, str] | None = None) -> Saved:
    """Upsert `records` (a later record with the same id wins) and journal each written.

    A re-imported case gets its participants, measures, concerns and documents replaced by the new
    ones; its lifecycle fields are left to the retention engine. A record whose digest is the one last
    written for its case is left untouched: not journaled, its persons left sealed if they are, the case
    not marked for review. `digests`: the records' digests by case id, when the caller has them already.
    """
    by_id = {record.id: record for record in records}
    session = uow.session
    stored = {case_id: (state, digest) for case_id, state, digest in session.execute(
        select(Case.id, Case.state, Case.record_sha256).where(Case.id.in_(by_id)))}
    disposed = sorted(case_id for case_id, (state, _) in stored.items() if state in FINAL_STATES)
    if disposed:
        raise InvalidInput(
            f"{len(disposed)} cases in the file were disposed of and cannot come back: "
            f"{', '.join(disposed[:20])}; remove them from the export: nothing was imported"
        )
    digests = {case_id: digests[case_id] if digests else record_sha256(record) for case_id, record in by_id.items()}
    unchanged = {case_id for case_id, (_, digest) in stored.items() if digest == digests[case_id]}
    by_id = {case_id: record for case_id, record in by_id.items() if case_id not in unchanged}
    if not by_id:
        return Saved(0, len(unchanged))
    existing = set(stored)
    persons = {person.id: person for record in by_id.values() for person in record.persons}
    # An imported person is in daily use: in clear, and the key that sealed an earlier copy goes, with the
    # blind index entries that found them sealed (subjects search finds them in clear now).
    person_rows = [
        _columns(person) | {"sealed": None}
        for person in persons.values()
    ]
    session.execute(delete(DataKey).where(DataKey.owner_type == RecordKind.PERSON, DataKey.owner_id.in_(list(persons))))
    session.execute(delete(BlindIndexEntry).where(BlindIndexEntry.person_id.in_(list(persons))))
    upsert(session, Person.__table__, person_rows, ["id"],
           [name for name in person_rows[0] if name != "id"] if person_rows else [])
    # A new or changed case is reviewed by the next nightly run, whatever its due date.
    upsert(session, Case.__table__,
           [{"id": r.id, "opened_on": r.opened_on, "state": CaseState.ACTIVE.value,
             "next_action": NextAction.REVIEW.value, "next_action_due_on": None, "record_sha256": digests[r.id]}
            for r in by_id.values()],
           ["id"], ["opened_on", "next_action", "next_action_due_on", "record_sha256"])
    for model in CHILD_TABLES:
        session.execute(delete(model).where(model.case_id.in_(by_id)))
    _insert(session, Participation, [{"case_id": r.id, **_columns(p)} for r in by_id.values() for p in r.participants])
    _insert(session, Measure, [{"case_id": r.id, **_columns(m)}
                               for r in by_id.values() for m in r.measures])
    _insert(session, Concern, [{"case_id": r.id, **_columns(c)} for r in by_id.values() for c in r.concerns])
    _insert(session, Document, [{"case_id": r.id, **_columns(d)} for r in by_id.values() for d in r.documents])
    for record in by_id.values():
        uow.record("case.imported", "case", [record.id], source=source, created=record.id not in existing,
                   persons=len(record.persons), measures=len(record.measures),
                   concerns=len(record.concerns), documents=len(record.documents))
    uow.flush()
    return Saved(len(by_id.keys() - existing), len(unchanged))


def _columns(record: object) -> dict:
    """A record's fields as a row. The records are flat and their values immutable (texts, dates, flags), so
    this is what `dataclasses.asdict` gives, without the deep copy of every value it makes."""
    return dict(vars(record))


def _insert(session: Session, model, rows: list[dict]) -> None:
    if rows:
        session.execute(model.__table__.insert(), rows)


def save_all(uow: UnitOfWork, records: Iterable[CaseRecord], source: str, on_saved=None) -> tuple[int, int]:
    """Save records in batches of bounded size; returns (cases saved, of which new)."""
    saved = created = 0
    batch: list[CaseRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) == BATCH:
            created += save_batch(uow, batch, source).new
            saved += len(batch)
            batch = []
            if on_saved:
                on_saved(saved)
    if batch:
        created += save_batch(uow, batch, source).new
        saved += len(batch)
    return saved, created
