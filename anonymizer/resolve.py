"""One answer per stretch of text. Findings of the same label that overlap become one span; between
labels, the surer kind wins: identifiers, then addresses and establishments (a street or a school
named after someone is not that person), then known persons, dates and names found by rule, then
ages and places found by rule, then the model's places.

Linear in the findings (after sorting them): only findings of one run of overlapping spans can
contend, and within a run the spans already kept are looked up by bisection. A finding that overlaps a surer
finding of another label is dropped first, before those of its label are merged: the surer rules know where
their spans end."""

from bisect import bisect_left
from collections.abc import Iterator
from itertools import accumulate

from anonymizer.entities import Entity

RANK = {
    "NirRecognizer": 0, "FrenchIbanRecognizer": 0, "OfflineEmailRecognizer": 0, "FrenchPhoneRecognizer": 0,
    "CafNumberRecognizer": 0, "AddressRecognizer": 1, "OrganizationRecognizer": 1, "KnownPersons": 2,
    "FrenchDateRecognizer": 2, "FrenchPersonRecognizer": 3, "AgeRecognizer": 3, "PlaceRecognizer": 3,
    "NerLocationRecognizer": 4,
}


def _rank(entity: Entity) -> int:
    return RANK.get(entity.recognizer, 5)


def _merge_same_label(entities: list[Entity]) -> list[Entity]:
    merged: list[Entity] = []
    for entity in sorted(entities, key=lambda e: (e.label, e.start, -e.end)):
        last = merged[-1] if merged else None
        if last and last.label == entity.label and entity.start < last.end:
            best = last if _rank(last) <= _rank(entity) else entity
            tagged = last if last.person_id else entity
            merged[-1] = Entity(last.label, last.start, max(last.end, entity.end), max(last.score, entity.score),
                                best.recognizer, tagged.person_id, tagged.role)
        else:
            merged.append(entity)
    return merged


def _runs(entities: list[Entity]) -> Iterator[list[Entity]]:
    """The findings cut into runs, in text order, so that no finding overlaps one of another run."""
    run: list[Entity] = []
    reach = 0
    for entity in sorted(entities, key=lambda e: (e.start, e.end)):
        if run and entity.start >= reach:
            yield run
            run = []
        run.append(entity)
        reach = max(reach, entity.end)
    if run:
        yield run


def _surest_of(run: list[Entity]) -> list[Entity]:
    """The surer finding first; one that overlaps a finding kept before it is dropped. The spans kept
    do not overlap each other, so the one starting last before a span's end is the only one to check."""
    starts: list[int] = []
    kept: list[Entity] = []
    for entity in sorted(run, key=lambda e: (_rank(e), -e.score, e.start - e.end, e.label, e.start)):
        before = bisect_left(starts, entity.end)
        if before and kept[before - 1].overlaps(entity):
            continue
        starts.insert(before, entity.start)
        kept.insert(before, entity)
    return kept


def _without_findings_under_surer_ones(run: list[Entity]) -> list[Entity]:
    """A finding that overlaps a surer finding of another label goes before those of its label are merged: the
    model's place over a firm and its town ('Lidl de Villers-Saint-Paul' over the organization 'Lidl' and the town
    'Villers-Saint-Paul'), a weak rule's 'Auchan de Leers' over the organization 'Auchan', would otherwise take the
    town with them when they lose. Rank by rank, surest first: only a finding that stays removes others (a date
    under an establishment does not remove the name beside it)."""
    kept: list[Entity] = []
    for rank in sorted({_rank(entity) for entity in run}):
        surer = _by_label(kept)
        kept += [entity for entity in run if _rank(entity) == rank and not _overlaps_another_label(entity, surer)]
    return kept


def _by_label(entities: list[Entity]) -> dict[str, tuple[list[int], list[int]]]:
    """Per label, the findings' starts in order and the furthest end reached by those started so far."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for entity in sorted(entities, key=lambda e: (e.start, e.end)):
        spans.setdefault(entity.label, []).append((entity.start, entity.end))
    return {label: ([start for start, _ in found], list(accumulate((end for _, end in found), max)))
            for label, found in spans.items()}


def _overlaps_another_label(entity: Entity, by_label: dict[str, tuple[list[int], list[int]]]) -> bool:
    for label, (starts, reach) in by_label.items():
        started = bisect_left(starts, entity.end)  # those starting before it ends
        if label != entity.label and started and reach[started - 1] > entity.start:
            return True
    return False


def resolve(entities: list[Entity]) -> list[Entity]:
    return [entity for run in _runs(entities)
            for entity in _surest_of(_merge_same_label(_without_findings_under_surer_ones(run)))]
