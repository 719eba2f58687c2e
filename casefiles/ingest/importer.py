"""Importing case records from JSON Lines: all of the file or nothing.

The first pass validates every line and collects every problem (by line number, never with a
personal value): each line decoded safely (casefiles/ingest/json_line.py), each record checked
(casefiles/ingest/records.py: fields, their lengths against the store's columns, text the databases
keep), each case given once in the file. Only a file without any problem is written, by a second
pass, in one transaction. Both passes stream: memory grows with the number of cases (their ids and
line numbers), not with the data. The first pass also looks up every case and person id in the
erasure ledger, a batch of lines at a time: what was destroyed does not come back. The second pass,
before writing each batch, looks for measure, concern and document ids that another case holds.
"""

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casefiles.erasure.ledger import CASE, PERSON, Ledger
from casefiles.ingest.json_line import MAX_LINE_BYTES, decode
from casefiles.ingest.records import CaseRecord, Lengths, RecordProblems, parse_case
from casefiles.ingest.store import Saved, record_lengths, save_batch
from casefiles.kernel.errors import InvalidInput
from casefiles.persistence.db import chunks
from casefiles.persistence.models import Concern, Document, Measure
from casefiles.persistence.uow import UnitOfWork

MAX_PROBLEMS_LISTED = 1000
LEDGER_BATCH = 500  # lines whose ids are looked up in the erasure ledger together, and written together
CHANGED = "the file changed while it was being imported: nothing was imported"
ITEM_TABLES = (("measures", Measure), ("concerns", Concern), ("documents", Document))

Progress = Callable[[str, int, int], None]  # (phase, bytes done, bytes in all)


@dataclass(frozen=True)
class ImportResult:
    cases: int
    created: int
    updated: int
    unchanged: int  # as they were last written: left untouched (persons still sealed, not marked for review)
    sha256: str


def import_file(uow: UnitOfWork, path: Path, ledger: Ledger, on_progress: Progress | None = None) -> ImportResult:
    if not path.is_file():
        raise InvalidInput("the file to import does not exist or is not a file: check the path")
    size = path.stat().st_size
    lengths = record_lengths()
    with uow:
        def destroyed(pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
            try:
                return ledger.destroyed(uow.session, pairs)
            finally:
                uow.session.rollback()  # a short read for each batch, not one held through the whole file

        digest, case_lines = _validate(path, size, lengths, on_progress, destroyed)
    second_digest = hashlib.sha256()

    def write(batch: list[tuple[int, CaseRecord]]) -> Saved:
        """Asked again in the writing transaction: what a run destroyed since the first pass; then the ids
        of measures, concerns and documents another case holds. Returns how many cases were new, unchanged."""
        records = [record for _, record in batch]
        if not records:
            return Saved(0, 0)
        if ledger.destroyed(uow.session, _ids(records)):
            raise InvalidInput("records of the file were destroyed while it was being imported: nothing was "
                               "imported; import the file again to see which lines")
        taken = _ids_of_other_cases(uow.session, batch, case_lines)
        if taken:
            raise InvalidInput(
                "the file gives measures, concerns or documents ids that other cases hold: nothing was imported; "
                f"correct these lines and import the file again (lines after {batch[-1][0]} were not checked "
                "for this)", [f"line {number}: {problem}" for number, problem in taken[:MAX_PROBLEMS_LISTED]])
        return save_batch(uow, records, source="import")

    with uow:
        saved = created = unchanged = 0
        batch: list[tuple[int, CaseRecord]] = []

        def count(written: Saved) -> None:
            nonlocal created, unchanged
            created, unchanged = created + written.new, unchanged + written.unchanged

        try:
            for number, obj, _unreadable in _lines(path, size, "import", on_progress, second_digest):
                if obj is not None:
                    try:
                        batch.append((number, parse_case(obj, lengths)))
                    except RecordProblems:
                        raise InvalidInput(CHANGED) from None
                    if len(batch) == LEDGER_BATCH:
                        count(write(batch))
                        saved, batch = saved + len(batch), []
            count(write(batch))
            saved += len(batch)
        except IntegrityError:  # another writer took an id between the check and the write
            raise InvalidInput(
                "the file gives a measure, concern or document an id that another case already uses: "
                "nothing was imported; import the file again to see which lines"
            ) from None
        if second_digest.hexdigest() != digest:
            raise InvalidInput(CHANGED)
        uow.record("import.completed", "import", [], sha256=digest, cases=saved, created=created, unchanged=unchanged)
        uow.commit()
    return ImportResult(cases=saved, created=created, updated=saved - created - unchanged, unchanged=unchanged,
                        sha256=digest)


def _validate(path: Path, size: int, lengths: Lengths, on_progress: Progress | None,
              destroyed: Callable[[list[tuple[str, str]]], set[tuple[str, str]]]) -> tuple[str, dict[str, int]]:
    """The file's SHA-256 and the line of each case, or InvalidInput naming every bad line."""
    digest = hashlib.sha256()
    listed: list[tuple[int, str]] = []
    bad_lines = problems = 0
    pending: list[tuple[int, CaseRecord]] = []  # valid lines whose ids the ledger has not been asked about
    case_lines: dict[str, int] = {}

    def note(number: int, found: list[str]) -> None:
        nonlocal bad_lines, problems
        bad_lines += 1
        problems += len(found)
        listed.extend((number, problem) for problem in found[: MAX_PROBLEMS_LISTED - len(listed)])

    def ask_ledger() -> None:
        gone = destroyed(_ids([record for _, record in pending]))
        for number, record in pending if gone else ():
            found = []
            if (CASE, record.id) in gone:
                found.append(f"id: case {record.id} was destroyed (it is in the erasure ledger) and cannot come back")
            found += [f"persons[{i}].id: person {person.id} was destroyed (they are in the erasure ledger) and "
                      "cannot come back" for i, person in enumerate(record.persons) if (PERSON, person.id) in gone]
            if found:
                note(number, found)
        pending.clear()

    for number, obj, unreadable in _lines(path, size, "validate", on_progress, digest):
        found = [unreadable] if unreadable else []
        if obj is not None:
            try:
                record = parse_case(obj, lengths)
            except RecordProblems as error:
                found = error.problems
            else:
                first = case_lines.setdefault(record.id, number)
                if first != number:  # the later line would silently replace the earlier one
                    found = [f"id: case {record.id} is also on line {first}; give each case once in a file"]
                else:
                    pending.append((number, record))
        if found:
            note(number, found)
        if len(pending) == LEDGER_BATCH:
            ask_ledger()
    if pending:
        ask_ledger()
    if bad_lines:
        lines = [f"line {number}: {problem}" for number, problem in sorted(listed, key=lambda item: item[0])]
        if problems > len(lines):
            lines.append(f"... and {problems - len(lines)} more problems")
        raise InvalidInput(
            f"the file has {bad_lines} invalid line{'s' if bad_lines > 1 else ''}: nothing was imported; "
            "correct them and import the file again",
            lines,
        )
    return digest.hexdigest(), case_lines


def _ids(records: list[CaseRecord]) -> list[tuple[str, str]]:
    """The (kind, id) of every case and person of `records`, as the erasure ledger knows them."""
    return [(CASE, r.id) for r in records] + [(PERSON, p.id) for r in records for p in r.persons]


def _ids_of_other_cases(session: Session, batch: list[tuple[int, CaseRecord]],
                        case_lines: dict[str, int]) -> list[tuple[int, str]]:
    """(line, problem) for each measure, concern or document id of `batch` that another case holds: a case in
    the store that the file leaves alone, an earlier line of the file (written already, in this transaction),
    or another line of the batch. An item may move to another case whose own line, later, no longer gives it."""
    taken = []
    first_of_batch = batch[0][0]
    for list_name, model in ITEM_TABLES:
        given = [(number, record.id, index, item.id) for number, record in batch
                 for index, item in enumerate(getattr(record, list_name))]
        owners: dict[str, str] = {}
        for ids in chunks([item_id for *_, item_id in given]):
            owners.update(session.execute(select(model.id, model.case_id).where(model.id.in_(ids))).all())
        in_batch: dict[str, tuple[int, str]] = {}
        for number, case_id, index, item_id in given:
            place = f"{list_name}[{index}] ({item_id}).id"
            earlier_number, earlier_case = in_batch.setdefault(item_id, (number, case_id))
            owner = owners.get(item_id)
            owner_line = case_lines.get(owner) if owner is not None else None
            if earlier_case != case_id:
                taken.append((number, f"{place}: line {earlier_number} gives the same id; an id belongs to one case"))
            elif owner is not None and owner != case_id and owner_line is None:
                taken.append((number, f"{place}: case {owner} in the store holds this id, and the file leaves that "
                                      "case alone; an id belongs to one case"))
            elif owner is not None and owner != case_id and owner_line < first_of_batch:
                taken.append((number, f"{place}: line {owner_line} gives the same id; an id belongs to one case"))
    return sorted(taken)


def _lines(path: Path, size: int, phase: str, on_progress: Progress | None,
           digest) -> Iterator[tuple[int, object, str | None]]:
    """(line number, parsed JSON or None, why the line cannot be read or None); every byte goes to `digest`."""
    done = number = 0
    with path.open("rb") as stream:
        while raw := stream.readline(MAX_LINE_BYTES + 1):
            number += 1
            done += len(raw)
            digest.update(raw)
            if on_progress and number % 1000 == 0:
                on_progress(phase, done, size)
            if len(raw) > MAX_LINE_BYTES:
                if not raw.endswith(b"\n"):
                    done += _skip_rest_of_line(stream, digest)
                yield number, None, f"is longer than {MAX_LINE_BYTES // 2 ** 20} MiB, more than any case holds"
            elif raw.strip():
                yield number, *decode(raw)
    if on_progress:
        on_progress(phase, size, size)


def _skip_rest_of_line(stream: BinaryIO, digest) -> int:
    """Reads the rest of a line too long to keep, into the digest only; returns how many bytes."""
    skipped = 0
    while (piece := stream.readline(MAX_LINE_BYTES)) and not piece.endswith(b"\n"):
        digest.update(piece)
        skipped += len(piece)
    digest.update(piece)
    return skipped + len(piece)
