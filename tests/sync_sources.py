"""A case system for the sync's tests: a list of the synthetic département's cases, each with its change mark.

It is a `Source` (casefiles/ingest/source_case.py) as a database read through a mapping is one, made of
plain values: the tests change, add and delete dossiers in it as a case system's users would, and it
counts what each sync read, to show that a nightly sync reads only what changed.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from casefiles.ingest.records import parse_case
from casefiles.ingest.source_case import Problem, Proceeding, SourceCase
from casefiles.ingest.store import record_lengths
from synthetic.seed import Departement


def source_id(case_id: str) -> str:
    return f"DOS-{case_id}"


@dataclass
class ListSource:
    name: str = "solis-test"
    marks: bool = True  # False: a source without change marks, read whole every time
    rows: dict[str, tuple[SourceCase, int]] = field(default_factory=dict)  # source id -> (case, change mark)
    read: int = 0  # cases the last sync read
    asked_after: list[str | None] = field(default_factory=list)
    fail_after: int | None = None  # the source breaks after this many cases (a lost connection)
    _mark: int = 0

    @classmethod
    def of_departement(cls, count: int, seed: int, as_of: date, **options) -> "ListSource":
        source = cls(**options)
        lengths = record_lengths()
        for case in Departement(seed, as_of).cases(count):
            source.put(SourceCase(source_id(case["id"]), parse_case(case, lengths)))
        return source

    def put(self, case: SourceCase) -> None:
        """A dossier added or changed in the case system."""
        self._mark += 1
        self.rows[case.source_id] = (case, self._mark)

    def change(self, source_id_: str, **changes) -> SourceCase:
        changed = replace(self.rows[source_id_][0], **changes)
        self.put(changed)
        return changed

    def delete(self, source_id_: str) -> None:
        del self.rows[source_id_]

    def case(self, source_id_: str) -> SourceCase:
        return self.rows[source_id_][0]

    def watermark(self) -> str | None:
        return f"{self._mark:010d}" if self.marks else None

    def ids(self) -> Iterator[str]:
        yield from list(self.rows)

    def cases(self, changed_after: str | None = None) -> Iterator[SourceCase]:
        self.asked_after.append(changed_after)
        self.read = 0
        for case, mark in list(self.rows.values()):
            if changed_after is None or mark > int(changed_after):
                if self.fail_after is not None and self.read == self.fail_after:
                    raise ConnectionError("the case system closed the connection")
                self.read += 1
                yield case


def proceeding(id_: str, started_on: date, ended_on: date | None = None) -> Proceeding:
    return Proceeding(id_, "enquête pénale", started_on, ended_on)


def problem(source_id_: str, kind: str) -> Problem:
    return Problem(source_id_, kind, "MESURES.CODE_MESURE")
