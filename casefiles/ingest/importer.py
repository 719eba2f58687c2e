"""Importing case records from JSON Lines: all of the file or nothing.

The first pass validates every line and collects every problem (by line number, never with a
personal value); only a file without any problem is written, by a second pass, in one transaction.
Both passes stream, so memory stays bounded whatever the file's size. The first pass also looks up
every case and person id in the erasure ledger, a batch of lines at a time: what was destroyed does
not come back.
"""

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from casefiles.erasure.ledger import CASE, PERSON, Ledger
from casefiles.ingest.records import CaseRecord, RecordProblems, parse_case
from casefiles.ingest.store import save_all
from casefiles.kernel.errors import InvalidInput
from casefiles.persistence.uow import UnitOfWork

MAX_PROBLEMS_LISTED = 1000
LEDGER_BATCH = 500  # lines whose ids are looked up in the erasure ledger together

Progress = Callable[[str, int, int], None]  # (phase, bytes done, bytes in all)


@dataclass(frozen=True)
class ImportResult:
    cases: int
    created: int
    updated: int
    sha256: str


def import_file(uow: UnitOfWork, path: Path, ledger: Ledger, on_progress: Progress | None = None) -> ImportResult:
    if not path.is_file():
        raise InvalidInput("the file to import does not exist or is not a file: check the path")
    size = path.stat().st_size
    with uow:
        def destroyed(pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
            try:
                return ledger.destroyed(uow.session, pairs)
            finally:
                uow.session.rollback()  # a short read for each batch, not one held through the whole file

        digest = _validate(path, size, on_progress, destroyed)
    second_digest = hashlib.sha256()

    def not_destroyed(batch: list[CaseRecord]) -> list[CaseRecord]:
        """Asked again in the writing transaction, for what a run destroyed since the first pass."""
        if batch and ledger.destroyed(uow.session, _ids(batch)):
            raise InvalidInput("records of the file were destroyed while it was being imported: nothing was "
                               "imported; import the file again to see which lines")
        return batch

    def records() -> Iterator[CaseRecord]:
        batch: list[CaseRecord] = []
        for _number, raw, obj, _unreadable in _lines(path, size, "import", on_progress):
            second_digest.update(raw)
            if obj is not None:
                batch.append(parse_case(obj))
                if len(batch) == LEDGER_BATCH:
                    yield from not_destroyed(batch)
                    batch = []
        yield from not_destroyed(batch)

    with uow:
        try:
            saved, created = save_all(uow, records(), source="import")
        except IntegrityError:
            raise InvalidInput(
                "the file gives a measure, concern or document an id that another case already uses: "
                "nothing was imported; check the ids in the file"
            ) from None
        if second_digest.hexdigest() != digest:
            raise InvalidInput("the file changed while it was being imported: nothing was imported")
        uow.record("import.completed", "import", [], sha256=digest, cases=saved, created=created)
        uow.commit()
    return ImportResult(cases=saved, created=created, updated=saved - created, sha256=digest)


def _validate(path: Path, size: int, on_progress: Progress | None,
              destroyed: Callable[[list[tuple[str, str]]], set[tuple[str, str]]]) -> str:
    digest = hashlib.sha256()
    listed: list[tuple[int, str]] = []
    bad_lines = problems = 0
    pending: list[tuple[int, CaseRecord]] = []  # valid lines whose ids the ledger has not been asked about

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

    for number, raw, obj, unreadable in _lines(path, size, "validate", on_progress):
        digest.update(raw)
        found = [unreadable] if unreadable else []
        if obj is not None:
            try:
                pending.append((number, parse_case(obj)))
            except RecordProblems as error:
                found = error.problems
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
    return digest.hexdigest()


def _ids(records: list[CaseRecord]) -> list[tuple[str, str]]:
    """The (kind, id) of every case and person of `records`, as the erasure ledger knows them."""
    return [(CASE, r.id) for r in records] + [(PERSON, p.id) for r in records for p in r.persons]


def _lines(path: Path, size: int, phase: str,
           on_progress: Progress | None) -> Iterator[tuple[int, bytes, object, str | None]]:
    """(line number, raw bytes, parsed JSON or None, why the line cannot be read or None)."""
    done = 0
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            done += len(raw)
            if on_progress and number % 1000 == 0:
                on_progress(phase, done, size)
            obj, unreadable = None, None
            if raw.strip():
                try:
                    obj = json.loads(raw.decode("utf-8"))
                except UnicodeDecodeError:
                    unreadable = "is not UTF-8 text"
                except json.JSONDecodeError as error:
                    unreadable = f"is not valid JSON: {error.msg} at column {error.colno}"
            yield number, raw, obj, unreadable
    if on_progress:
        on_progress(phase, size, size)
