"""One answer per stretch of text. Findings of the same label that overlap become one span; between
labels, the surer kind wins: identifiers, then addresses and establishments (a street or a school
named after someone is not that person), then known persons, dates and names found by rule, then
ages and places found by rule, then the model's places.

Linear in the findings (after sorting them): only findings of one run of overlapping spans can
contend, and within a run the spans already kept are looked up by bisection. The model's place that
overlaps a rule's finding of another label is dropped first: the rules know where their spans end."""

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


def _without_model_places_over_rules(run: list[Entity]) -> list[Entity]:
    """The model's place that overlaps a rule's finding of another label is not merged into a rule's place
    ('Lidl de Villers-Saint-Paul' over the organization 'Lidl' and the town 'Villers-Saint-Paul'): it goes."""
    rules = sorted((entity.start, entity.end) for entity in run
                   if entity.label != "LOCATION" and _rank(entity) < RANK["NerLocationRecognizer"])
    starts = [start for start, _ in rules]
    reach = list(accumulate((end for _, end in rules), max))  # the furthest end of the rules started so far

    def under_a_rule(entity: Entity) -> bool:
        started = bisect_left(starts, entity.end)  # the rules starting before the place ends
        return bool(started) and reach[started - 1] > entity.start

    return [entity for entity in run if entity.recognizer != "NerLocationRecognizer" or not under_a_rule(entity)]


def resolve(entities: list[Entity]) -> list[Entity]:
    return [entity for run in _runs(entities)
            for entity in _surest_of(_merge_same_label(_without_model_places_over_rules(run)))]
