"""What a case system's source gives a sync, case by case: plain values, no database. Pure.

A source (a database read in place, or a folder of CSV exports) is read through a mapping file into a
stream of `SourceCase`: one per child's case, by the source's own id, with the record Oubli keeps
(the import's `CaseRecord`), the pending proceedings that must hold it, and the data-quality problems
found on the way. A case that could not be built has no record: its problems say why, and the sync
leaves it out and lists it. Problems name the source's id and a kind, never a personal value.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from casefiles.ingest.records import CaseRecord


@dataclass(frozen=True)
class Proceeding:
    """A proceeding pending in the source (a criminal case, an appeal, a claim): it holds the case."""

    id: str  # its id in the source
    kind: str  # what it is, in the mapping's words (no personal value): the hold's reason
    started_on: date
    ended_on: date | None = None  # once ended, the hold it made is lifted


@dataclass(frozen=True)
class Problem:
    source_id: str
    kind: str  # e.g. unknown_code, closed_with_running_measure, person_described_twice, missing_nir
    where: str = ""  # the table, column or code table concerned, never a value


@dataclass(frozen=True)
class SourceCase:
    source_id: str
    record: CaseRecord | None  # None when the case could not be built: its problems say why
    proceedings: tuple[Proceeding, ...] = ()
    problems: tuple[Problem, ...] = ()


class Source(Protocol):
    """A case system read in place, read-only.

    A nightly sync should cost what changed, not the source's size: when the mapping names the columns
    that say a row changed, `cases(changed_after=mark)` gives only the cases with a row changed after the
    mark the previous sync kept, and `ids()` (cheap: ids only) tells which cases are still there."""

    name: str  # the mapping's name for the case system (one Oubli may sync several)

    def watermark(self) -> str | None:
        """The highest change mark in the source now (to keep for the next sync), None without one."""

    def ids(self) -> Iterator[str]:
        """The source id of every case the source holds now."""

    def cases(self, changed_after: str | None = None) -> Iterator[SourceCase]:
        """The cases of the source (those with a row changed after the mark, when given), streamed:
        memory bounded whatever the source's size."""
