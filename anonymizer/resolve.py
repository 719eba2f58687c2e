"""One answer per stretch of text. Findings of the same label that overlap become one span; between
labels, the surer kind wins: identifiers, then addresses and establishments (a street or a school
named after someone is not that person), then known persons, dates and names found by rule, then
ages, then the model's places."""

from anonymizer.entities import Entity

RANK = {
    "NirRecognizer": 0, "FrenchIbanRecognizer": 0, "OfflineEmailRecognizer": 0, "FrenchPhoneRecognizer": 0,
    "CafNumberRecognizer": 0, "AddressRecognizer": 1, "OrganizationRecognizer": 1, "KnownPersons": 2,
    "FrenchDateRecognizer": 2, "FrenchPersonRecognizer": 3, "AgeRecognizer": 3, "NerLocationRecognizer": 4,
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


def resolve(entities: list[Entity]) -> list[Entity]:
    kept: list[Entity] = []
    for entity in sorted(_merge_same_label(entities), key=lambda e: (_rank(e), -e.score, e.start - e.end)):
        if not any(entity.overlaps(other) for other in kept):
            kept.append(entity)
    return sorted(kept, key=lambda e: (e.start, e.end))
