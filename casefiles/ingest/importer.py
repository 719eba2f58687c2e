"""Importing case records from JSON Lines: all of the file or nothing.

The first pass validates every line and collects every problem (by line number, never with a
personal value); only a file without any problem is written, by a second pass, in one transaction.
Both passes stream, so memory stays bounded whatever the file's size.
"""

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from casefiles.kernel.errors import InvalidInput
from casefiles.ingest.records import CaseRecord, RecordProblems, parse_case
from casefiles.ingest.store import save_all
from casefiles.persistence.uow import UnitOfWork

MAX_PROBLEMS_LISTED = 1000

Progress = Callable[[str, int, int], None]  # (phase, bytes done, bytes in all)


@dataclass(frozen=True)
class ImportResult:
    cases: int
    created: int
    updated: int
    sha256: str


def import_file(uow: UnitOfWork, path: Path, on_progress: Progress | None = None) -> ImportResult:
    if not path.is_file():
        raise InvalidInput("the file to import does not exist or is not a file: check the path")
    size = path.stat().st_size
    digest = _validate(path, size, on_progress)
    second_digest = hashlib.sha256()

    def records() -> Iterator[CaseRecord]:
        for _number, raw, obj, _unreadable in _lines(path, size, "import", on_progress):
            second_digest.update(raw)
            if obj is not None:
                yield parse_case(obj)

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


def _validate(path: Path, size: int, on_progress: Progress | None) -> str:
    digest = hashlib.sha256()
    listed: list[str] = []
    bad_lines = problems = 0
    for number, raw, obj, unreadable in _lines(path, size, "validate", on_progress):
        digest.update(raw)
        found = [unreadable] if unreadable else []
        if obj is not None:
            try:
                parse_case(obj)
            except RecordProblems as error:
                found = error.problems
        if found:
            bad_lines += 1
            problems += len(found)
            listed.extend(f"line {number}: {problem}" for problem in found[: MAX_PROBLEMS_LISTED - len(listed)])
    if bad_lines:
        if problems > len(listed):
            listed.append(f"... and {problems - len(listed)} more problems")
        raise InvalidInput(
            f"the file has {bad_lines} invalid line{'s' if bad_lines > 1 else ''}: nothing was imported; "
            "correct them and import the file again",
            listed,
        )
    return digest.hexdigest()


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
