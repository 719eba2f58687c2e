"""The synthetic département is realistic enough to test retention, detection and requests on."""

from collections import Counter
from datetime import date, timedelta

import pytest

from casefiles.ingest.records import parse_case
from casefiles.ingest.store import record_lengths
from casefiles.kernel.identifiers import nir_is_valid
from synthetic.seed import Departement

AS_OF = date(2026, 11, 22)


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return list(Departement(seed=11, as_of=AS_OF).cases(600))


def service_ended(case: dict) -> date | None:
    """The day the last measure or concern ended, or None while one is open."""
    if any("ended_on" not in m for m in case["measures"]) or any("closed_on" not in c for c in case["concerns"]):
        return None
    return max(date.fromisoformat(d) for d in [m["ended_on"] for m in case["measures"]]
               + [c["closed_on"] for c in case["concerns"]])


def test_the_same_seed_gives_the_same_departement_and_another_seed_another(cases):
    assert list(Departement(seed=11, as_of=AS_OF).cases(600)) == cases
    other = list(Departement(seed=12, as_of=AS_OF).cases(5))
    assert {p["last_name"] for c in other for p in c["persons"]} != {p["last_name"] for c in cases[:5] for p in c["persons"]}
    assert not {c["id"] for c in other} & {c["id"] for c in cases}


def test_every_generated_case_is_a_valid_import_record(cases):
    lengths = record_lengths()
    for case in cases:
        parse_case(case, lengths)


def test_on_the_as_of_date_some_cases_are_active_some_ended_recently_some_long_ago(cases):
    states = Counter()
    for case in cases:
        ended = service_ended(case)
        states["active" if ended is None else "recent" if AS_OF - ended < timedelta(days=5 * 365) else "old"] += 1
    assert all(states[state] >= len(cases) * 0.15 for state in ("active", "recent", "old")), states


def test_measures_spread_over_the_fifteen_years_before_the_as_of_date(cases):
    starts = [date.fromisoformat(m["started_on"]) for c in cases for m in c["measures"]]
    assert min(starts) < AS_OF - timedelta(days=12 * 365)
    assert max(starts) <= AS_OF
    assert all(start >= AS_OF - timedelta(days=16 * 365) for start in starts)


def test_siblings_share_their_parents_and_appear_in_each_others_cases(cases):
    parents_of = {}
    for case in cases:
        child = next(p["person_id"] for p in case["participants"] if p["role"] == "child")
        parents_of[child] = {p["person_id"] for p in case["participants"] if p["role"] == "parent"}
    shared = 0
    for case in cases:
        child = next(p["person_id"] for p in case["participants"] if p["role"] == "child")
        for sibling in (p["person_id"] for p in case["participants"] if p["role"] == "sibling"):
            if sibling not in parents_of:  # the last family may be cut short at 600 cases
                continue
            assert parents_of[sibling] == parents_of[child]
            shared += 1
    assert shared > 100


def test_foster_carers_look_after_several_children(cases):
    carers = Counter(p["person_id"] for c in cases for p in c["participants"] if p["role"] == "foster_carer")
    assert carers and max(carers.values()) >= 2


def test_concerns_have_every_outcome(cases):
    outcomes = Counter(c["outcome"] for case in cases for c in case["concerns"])
    assert set(outcomes) == {"pending", "no_further_action", "evaluation", "reported_to_prosecutor"}


def test_every_nir_is_valid_and_corsican_ones_are_among_them(cases):
    nirs = [p["nir"] for c in cases for p in c["persons"] if "nir" in p]
    assert all(nir_is_valid(nir) for nir in nirs)
    assert {nir[5:7] for nir in nirs} >= {"2A", "2B", "99"}


def test_documents_name_the_case_people_and_give_their_identifiers(cases):
    texts = " ".join(d["text"] for c in cases for d in c["documents"])
    assert " janvier " in texts and "1er " in texts  # dates written in words
    for case in cases[:50]:
        child = next(p for p in case["persons"]
                     if p["id"] == next(x["person_id"] for x in case["participants"] if x["role"] == "child"))
        assert any(child["first_names"].split(" ")[0] in d["text"] for d in case["documents"])
    grouped_nir = sum(1 for c in cases for d in c["documents"] for p in c["persons"]
                      if "nir" in p and f"{p['nir'][0]} {p['nir'][1:3]} {p['nir'][3:5]}" in d["text"])
    assert grouped_nir > 50
