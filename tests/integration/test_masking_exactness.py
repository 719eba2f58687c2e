"""The access export's masking with the real detector: the words it took for people, and the labelled
case files of tests/data/masking_cases.jsonl (bench/masking.py prints the same figures)."""

import pytest

from anonymizer.engine import Detector
from bench.masking import load_cases, measure
from subject_requests.masking_settings import load_masking_settings


@pytest.fixture(scope="module")
def detector():
    return Detector()


def _names(detector, text: str) -> list[str]:
    return [text[e.start:e.end] for e in detector.analyze(text) if e.label == "PERSON"]


@pytest.mark.parametrize(("text", "names"), [
    # refused: a verb, a letter's heading, a court file
    ("Karine n'a pas honoré le dernier rendez-vous.", ["Karine"]),
    ("La mère a honoré tous ses rendez-vous.", []),
    ("Concerne : Léo MARTIN.", ["Léo MARTIN"]),
    ("Concerne Emma DUPONT, née le 2 août 2012.", ["Emma DUPONT"]),
    ("Dossier RG n° 23/01234.", []),
    ("Dossier RG 23/01234 : la situation de Léo est suivie.", ["Léo"]),
    # still found: a first name written in lower case, a name after 'Dossier'
    ("honoré dupont est venu ce matin.", ["honoré dupont"]),
    ("Le dossier de Honoré MARTIN est clos.", ["Honoré MARTIN"]),
])
def test_words_taken_for_people_are_refused_and_names_still_found(detector, text, names):
    assert _names(detector, text) == names


def test_no_value_of_a_known_participant_is_left_visible_in_the_labelled_case_files(detector):
    figures = measure(load_cases(), detector, load_masking_settings())
    assert figures["counts"]["participant"] >= 800
    assert figures["participants_visible"] == 0
    assert figures["subject_values_masked"] < 0.05  # shared first names only: see bench/masking.py
