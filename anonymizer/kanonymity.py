"""k-anonymity by full-domain generalisation, then suppression (pure: no database, no clock).

A case's statistical record keeps quasi-identifiers (year of birth, sex, département, the year service
ended, the measure types, the years under measure) and outcomes (category, concern outcomes). The
quasi-identifiers are generalised together, one level at a time, each level coarser than the one
before and nested in it (a 10-year band holds whole 5-year bands), so that a record stored at one
level can always be taken to a coarser one. The lowest level at which at most `max_suppressed_share`
of the new records sit in a class smaller than k is chosen; the records still in such classes are
suppressed. Records stored earlier already sit in classes of k or more, and generalising or adding
records only merges or grows classes, so only new records can ever need suppressing.
"""

from collections import Counter
from dataclasses import dataclass, replace

# Birth-year and service-end bands (years), duration band boundaries (years under measure), whether
# measure types become their natures, whether sex and département are kept, at each level. (A
# département's files are mostly its own children's: the département is dropped only last.)
LEVELS = (
    (1, 1, None, False, True, True),
    (5, 5, (0, 1, 3, 6), False, True, True),
    (10, 10, (0, 3), True, True, True),
    (10, 10, None, True, False, True),
    (20, 20, None, True, False, False),
)
TOP = len(LEVELS) - 1
NATURE = {"AED": "administrative", "ACCUEIL_PROVISOIRE": "administrative", "CONTRAT_JEUNE_MAJEUR": "administrative",
          "AEMO": "judicial", "PLACEMENT": "judicial", "administrative": "administrative", "judicial": "judicial"}


@dataclass(frozen=True)
class Record:
    """A statistical record at some generalisation level; `*_from` is the first year of a band."""

    level: int
    birth_from: int | None
    service_end_from: int
    sex: str | None
    departement: str | None
    measures: tuple[str, ...]
    duration_from: int | None
    category: str
    concern_outcomes: tuple[str, ...]

    def quasi_identifiers(self) -> tuple:
        return self.birth_from, self.service_end_from, self.sex, self.departement, self.measures, self.duration_from


def _band(year: int | None, width: int) -> int | None:
    return None if year is None else year - year % width


def _duration(years: int | None, bounds: tuple[int, ...] | None) -> int | None:
    if years is None or bounds is None:
        return None
    return max(b for b in bounds if b <= years)


def generalise(record: Record, level: int) -> Record:
    """The record at `level` (never finer than it is)."""
    if level < record.level:
        raise ValueError(f"a record at level {record.level} cannot be made finer (level {level})")
    birth, end, bounds, natures, keep_sex, keep_departement = LEVELS[level]
    duration = record.duration_from if level == 0 else _duration(record.duration_from, bounds)
    return replace(
        record, level=level, birth_from=_band(record.birth_from, birth),
        service_end_from=_band(record.service_end_from, end),
        sex=record.sex if keep_sex else None, departement=record.departement if keep_departement else None,
        measures=tuple(sorted({NATURE[m] for m in record.measures})) if natures else record.measures,
        duration_from=duration,
    )


@dataclass(frozen=True)
class Outcome:
    level: int
    stored: list[Record]  # the records kept earlier, at the new level
    kept: list[Record]  # the new records kept, at the new level
    suppressed: int


def anonymise(stored: list[Record], new: list[Record], k: int, max_suppressed_share: float) -> Outcome:
    """Generalise `stored` and `new` together until every class has k records, suppressing at most
    `max_suppressed_share` of `new` (or, if no level allows it, as few as the top level needs)."""
    start = max((r.level for r in stored), default=0)
    for level in range(start, TOP + 1):
        old = [generalise(r, level) for r in stored]
        fresh = [generalise(r, level) for r in new]
        sizes = Counter(r.quasi_identifiers() for r in old + fresh)
        kept = [r for r in fresh if sizes[r.quasi_identifiers()] >= k]
        suppressed = len(fresh) - len(kept)
        if suppressed <= max_suppressed_share * len(fresh) or level == TOP:
            return Outcome(level, old, kept, suppressed)
    raise AssertionError("unreachable: the top level always returns")


def smallest_class(records: list[Record]) -> int | None:
    """The size of the smallest class of equal quasi-identifiers (None when there are no records)."""
    sizes = Counter(r.quasi_identifiers() for r in records)
    return min(sizes.values(), default=None)
