"""How exact the access export's masking is, on the labelled case files of tests/data/masking_cases.jsonl
(tests/data/make_masking_cases.py): every value says whose it is.

Prints, for today's masking and, in the same run, the rule it replaced (the detector's findings masked
unless tagged as the subject's, dates kept, known persons by names and identifiers only):
- the share of other participants' values left visible (the target is 0; professionals are counted
  apart, since the settings may keep them in clear),
- the share of values of people the case does not list left visible,
- the share of the subject's own values, and of their words, masked,
- the share of nobody's words masked ('Concerne', 'Dossier RG', "n'a pas honoré").

    .venv/bin/python bench/masking.py
"""

import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from anonymizer.known_persons import KnownPerson, KnownPersons  # noqa: E402
from casefiles.people.persons import Identity  # noqa: E402
from subject_requests.masking_settings import MaskingSettings, load_masking_settings  # noqa: E402
from subject_requests.third_parties import Cast, known_persons, plan_masking  # noqa: E402

CASES = ROOT / "tests" / "data" / "masking_cases.jsonl"
WORD = re.compile(r"\w+")


def load_cases(path: Path = CASES) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _identities(case: dict) -> list[Identity]:
    return [Identity(p["person_id"], p["roles"], p["last_name"], p["first_names"], p["nir"], p["phone"], None,
                     p["caf_number"], date.fromisoformat(p["birth_date"]), p["birth_place"], p["address"])
            for p in case["persons"]]


def _visible(text: str, start: int, end: int, masked: list[tuple[int, int]]) -> bool:
    """Some letter or digit of [start, end) is outside every masked stretch."""
    return any(not any(a <= i < b for a, b in masked) for i in range(start, end) if text[i].isalnum())


def _hit(start: int, end: int, masked: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in masked)


def score(cases: list[dict], masked_of) -> dict:
    """`masked_of(case, document) -> [(start, end)]`; the figures as counts and shares."""
    counts: Counter = Counter()
    for case in cases:
        roles = {p["person_id"]: p["roles"] for p in case["persons"]}
        for document in case["documents"]:
            text, masked = document["text"], masked_of(case, document)
            owned = [(span["start"], span["end"]) for span in document["spans"]]
            for span in document["spans"]:
                start, end, owner = span["start"], span["end"], span["owner"]
                kind = ("subject" if owner == case["subject"] else "unlisted" if owner == "unlisted"
                        else "professional" if roles[owner] == "professional" else "participant")
                counts[kind] += 1
                if kind == "subject":
                    counts["subject_masked"] += _hit(start, end, masked)
                    for word in WORD.finditer(text[start:end]):
                        counts["subject_words"] += 1
                        counts["subject_words_masked"] += _hit(start + word.start(), start + word.end(), masked)
                else:
                    counts[f"{kind}_visible"] += _visible(text, start, end, masked)
            for word in WORD.finditer(text):
                if not _hit(word.start(), word.end(), owned):
                    counts["nobody_words"] += 1
                    counts["nobody_words_masked"] += _hit(word.start(), word.end(), masked)
    share = lambda part, whole: counts[part] / counts[whole] if counts[whole] else 0.0  # noqa: E731
    return {"counts": dict(counts),
            "participants_visible": share("participant_visible", "participant"),
            "professionals_visible": share("professional_visible", "professional"),
            "unlisted_visible": share("unlisted_visible", "unlisted"),
            "subject_values_masked": share("subject_masked", "subject"),
            "subject_words_masked": share("subject_words_masked", "subject_words"),
            "nobody_words_masked": share("nobody_words_masked", "nobody_words")}


def measure(cases: list[dict], detector, settings: MaskingSettings) -> dict:
    """Today's masking, as the access export plans it."""
    def masked_of(case: dict, document: dict) -> list[tuple[int, int]]:
        identities = _identities(case)
        known = known_persons(identities)
        cast = Cast(case["subject"], identities, settings)
        return [(s.start, s.end) for s in plan_masking(document["text"], detector.analyze(document["text"], known),
                                                       known, cast)]
    return score(cases, masked_of)


def measure_before(cases: list[dict], detector) -> dict:
    """The rule this masking replaced, for comparison in the same run."""
    def masked_of(case: dict, document: dict) -> list[tuple[int, int]]:
        known = KnownPersons([KnownPerson(p["person_id"], p["roles"], p["last_name"], p["first_names"], None,
                                          p["nir"], p["phone"], None, p["caf_number"]) for p in case["persons"]])
        return [(e.start, e.end) for e in detector.analyze(document["text"], known)
                if e.person_id != case["subject"] and e.label != "DATE_TIME"]
    return score(cases, masked_of)


def main() -> None:
    from anonymizer.engine import Detector

    cases, detector, settings = load_cases(), Detector(), load_masking_settings()
    now, before = measure(cases, detector, settings), measure_before(cases, detector)
    c = now["counts"]
    print(f"{len(cases)} case files, {sum(len(case['documents']) for case in cases)} documents; "
          f"values: {c['participant']} of other participants, {c['professional']} of professionals, "
          f"{c['unlisted']} of people the case does not list, {c['subject']} of the subject; "
          f"professionals masked: {settings.professionals_masked}")
    print(f"{'':44}{'today':>10}{'before':>10}")
    for key, what in (("participants_visible", "other participants' values visible"),
                      ("unlisted_visible", "values of people not listed visible"),
                      ("professionals_visible", "professionals' values visible"),
                      ("subject_values_masked", "subject's own values masked"),
                      ("subject_words_masked", "subject's own words masked"),
                      ("nobody_words_masked", "nobody's words masked")):
        print(f"{what:44}{now[key]:>10.1%}{before[key]:>10.1%}")


if __name__ == "__main__":
    main()
