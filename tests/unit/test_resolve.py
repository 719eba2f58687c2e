"""One answer per stretch of text, whatever the number of findings (no spaCy model needed)."""

import random

import pytest

from anonymizer.entities import Entity
from anonymizer.resolve import RANK, resolve

RECOGNIZERS = sorted(RANK) + ["SomeOtherRecognizer"]
LABELS = ["PERSON", "LOCATION", "DATE_TIME", "PHONE_NUMBER"]


def surest_first(entities: list[Entity]) -> list[Entity]:
    """The rule as the module states it, one comparison at a time: findings of one label that overlap
    are one span, once those overlapping a surer finding of another label that stays are gone (rank by
    rank); then, surest first, a finding overlapping one already kept is dropped."""
    def rank(e: Entity) -> int:
        return RANK.get(e.recognizer, 5)

    survivors: list[Entity] = []
    for level in sorted({rank(e) for e in entities}):
        survivors += [e for e in entities if rank(e) == level
                      and not any(o.label != e.label and o.overlaps(e) for o in survivors)]
    entities = survivors
    merged: list[Entity] = []
    for entity in sorted(entities, key=lambda e: (e.label, e.start, -e.end)):
        last = merged[-1] if merged else None
        if last and last.label == entity.label and entity.start < last.end:
            best = last if RANK.get(last.recognizer, 5) <= RANK.get(entity.recognizer, 5) else entity
            tagged = last if last.person_id else entity
            merged[-1] = Entity(last.label, last.start, max(last.end, entity.end), max(last.score, entity.score),
                                best.recognizer, tagged.person_id, tagged.role)
        else:
            merged.append(entity)
    kept: list[Entity] = []
    for entity in sorted(merged, key=lambda e: (RANK.get(e.recognizer, 5), -e.score, e.start - e.end)):
        if not any(entity.overlaps(other) for other in kept):
            kept.append(entity)
    return sorted(kept, key=lambda e: (e.start, e.end))


def test_an_address_wins_over_the_person_its_street_is_named_after():
    text = "12 rue Paul Bert 31000 Toulouse"
    address = Entity("LOCATION", 0, len(text), 0.7, "AddressRecognizer")
    person = Entity("PERSON", 7, 16, 0.85, "FrenchPersonRecognizer")
    assert resolve([person, address]) == [address]


@pytest.mark.parametrize("seed", range(20))
def test_many_overlapping_findings_resolve_as_the_rule_says_one_by_one(seed):
    rng = random.Random(seed)
    entities = []
    for _ in range(400):
        start = rng.randrange(0, 2000)
        entities.append(Entity(rng.choice(LABELS), start, start + rng.randrange(1, 40), rng.choice([0.5, 0.85, 1.0]),
                               rng.choice(RECOGNIZERS), rng.choice([None, "P-1"])))
    kept = resolve(entities)
    assert kept == surest_first(entities)
    assert not any(a.overlaps(b) for a, b in zip(kept, kept[1:], strict=False))


@pytest.mark.parametrize("text, over, firm_end, town_start", [
    ("au Lidl de Villers-Saint-Paul", Entity("LOCATION", 3, 29, 0.6, "NerLocationRecognizer"), 7, 11),  # the model's
    ("à l'Auchan de Leers", Entity("LOCATION", 4, 19, 0.6, "PlaceRecognizer"), 10, 14),  # a weak rule's
])
def test_a_place_over_a_firm_and_its_town_leaves_the_firm_and_the_town(text, over, firm_end, town_start):
    firm = Entity("ORGANIZATION", over.start, firm_end, 0.85, "OrganizationRecognizer")
    town = Entity("LOCATION", town_start, len(text), 0.82, "PlaceRecognizer")
    assert resolve([firm, town, over]) == [firm, town]


def test_a_finding_that_loses_removes_nothing():
    """A date under an establishment loses to it, and leaves the name beside it."""
    firm = Entity("ORGANIZATION", 0, 10, 0.85, "OrganizationRecognizer")
    date = Entity("DATE_TIME", 5, 15, 0.85, "FrenchDateRecognizer")
    name = Entity("PERSON", 12, 20, 0.85, "FrenchPersonRecognizer")
    assert resolve([firm, date, name]) == [firm, name]
