"""k-anonymity rules: generalisation levels, suppression, and a set that grows batch by batch."""

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from anonymizer.kanonymity import TOP, Record, anonymise, generalise, smallest_class

TYPES = ("AED", "ACCUEIL_PROVISOIRE", "CONTRAT_JEUNE_MAJEUR", "AEMO", "PLACEMENT")


def record(born=2008, ended=2019, sex="F", measures=("AED",), years=2) -> Record:
    return Record(0, born, ended, sex, "31", tuple(sorted(measures)), years, "administrative", ("evaluation",))


def synthetic(count: int, seed: int) -> list[Record]:
    rng = random.Random(seed)
    return [record(rng.randrange(1995, 2015), rng.randrange(2010, 2022), rng.choice("FM"),
                   tuple(rng.sample(TYPES, rng.randrange(1, 3))), rng.randrange(0, 12)) for _ in range(count)]


def test_each_level_is_coarser_and_nested_in_the_one_before():
    r = record(born=2008, ended=2019, measures=("AEMO", "AED"), years=4)
    assert generalise(r, 1).birth_from == 2005 and generalise(r, 1).duration_from == 3
    assert generalise(r, 2).measures == ("administrative", "judicial") and generalise(r, 2).duration_from == 3
    assert generalise(r, 3).sex is None and generalise(r, 3).duration_from is None
    for level in range(TOP + 1):
        for finer in range(level + 1):
            assert generalise(generalise(r, finer), level) == generalise(r, level)


def test_identical_records_need_no_generalisation():
    outcome = anonymise([], [record()] * 5, k=5, max_suppressed_share=0.1)
    assert (outcome.level, len(outcome.kept), outcome.suppressed) == (0, 5, 0)


def test_a_record_alone_of_its_kind_is_suppressed_not_kept():
    lonely = record(born=1996, ended=2011, sex="M", measures=("PLACEMENT",), years=11)
    outcome = anonymise([], [record()] * 20 + [lonely], k=5, max_suppressed_share=0.1)
    assert outcome.suppressed == 1 and len(outcome.kept) == 20
    assert smallest_class(outcome.kept) >= 5


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), k=st.integers(2, 8), batches=st.integers(1, 4))
def test_whatever_arrives_every_class_kept_has_k_records(seed, k, batches):
    stored: list[Record] = []
    arrived = suppressed = 0
    for batch in range(batches):
        new = synthetic(60, seed + batch)
        outcome = anonymise(stored, new, k, 0.1)
        stored = outcome.stored + outcome.kept
        arrived, suppressed = arrived + len(new), suppressed + outcome.suppressed
        assert len({r.level for r in stored}) <= 1
    assert len(stored) + suppressed == arrived
    assert not stored or min(Counter(r.quasi_identifiers() for r in stored).values()) >= k


def test_the_lowest_level_that_keeps_enough_is_chosen():
    new = synthetic(400, 3)
    outcome = anonymise([], new, k=5, max_suppressed_share=0.1)
    assert outcome.suppressed <= 40
    if outcome.level > 0:  # the level below would have suppressed more than 10%
        below = [generalise(r, outcome.level - 1) for r in new]
        sizes = Counter(r.quasi_identifiers() for r in below)
        assert sum(1 for r in below if sizes[r.quasi_identifiers()] < 5) > 40
