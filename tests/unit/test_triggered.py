"""A pattern tried only where its first words are finds what the whole pattern finds."""

import importlib
import json
import pkgutil
import re
from pathlib import Path

import pytest

import anonymizer.recognizers
from anonymizer.recognizers.base import words
from anonymizer.recognizers.triggered import Triggered, first_words

DATA = Path(__file__).resolve().parent.parent / "data"
# The tunable corpora only: a failure prints the texts, and the untouched parts stay unread.
CORPORA = ("notes_corpus.jsonl", "notes_corpus2.jsonl", "notes_corpus4.jsonl", "notes_corpus6.jsonl",
           "notes_corpus7.jsonl", "notes_corpus9.jsonl", "notes_corpus11.jsonl")


def test_the_first_words_of_alternatives_with_optional_letters_and_groups():
    assert first_words("née?s?") == {"né", "née", "nés", "nées"}
    assert first_words(r"(?:école|ecole)(?:\s+primaire)?", r"centre\s+hospitalier") == {"école", "ecole", "centre"}
    assert first_words("préparat(?:eur|rice)", r"(?:petit\s+)?ami", "MDS") == {"préparateur", "préparatrice",
                                                                              "petit", "ami", "mds"}


@pytest.mark.parametrize("alternative", [r"\d+ ans", "[Ll]es", r"(?:\()?ami", "&"])
def test_an_alternative_that_may_start_otherwise_than_with_a_word_is_refused(alternative):
    with pytest.raises(ValueError, match="may start with something else|cannot tell"):
        first_words(alternative)


@pytest.mark.parametrize("alternative", [r"1\s?er", r"ami\w*", "fils[a-z]", "e-?mail", r"saint\s{0,1}pierre", "st."])
def test_an_alternative_whose_first_word_may_go_on_is_refused(alternative):
    """'1\\s?er' starts the word '1er' too: trying it only where '1' is would miss it."""
    with pytest.raises(ValueError, match="cannot tell where the first word"):
        first_words(alternative)


@pytest.mark.parametrize("names, text, count", [
    # in order, not overlapping, only from a word's start ('agare')
    (("gare", "gares"), "Gare Matabiau, la gare routière; agare x, GARES du Nord. gare", 3),
    # letters re's ignore-case takes for others
    (("station", "institut"), "l'İNSTITUT Pasteur, la ſtation Matabiau", 2),
])
def test_matches_are_those_of_the_whole_pattern(names, text, count):
    alternation = words(*names)
    pattern = re.compile(rf"(?<![\w])(?i:{alternation})\s(?P<value>\w+)")
    assert [m.span() for m in Triggered(pattern, alternation).finditer(text)] == [m.span() for m in pattern.finditer(text)]
    assert len(list(pattern.finditer(text))) == count


def triggered_patterns():
    for module in pkgutil.iter_modules(anonymizer.recognizers.__path__):
        loaded = importlib.import_module(f"anonymizer.recognizers.{module.name}")
        for name, value in vars(loaded).items():
            if isinstance(value, Triggered):
                yield pytest.param(value, id=f"{module.name}.{name}")


@pytest.fixture(scope="module")
def texts():
    return [json.loads(line)["text"] for corpus in CORPORA
            for line in (DATA / corpus).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("triggered", list(triggered_patterns()))
def test_on_the_corpora_a_triggered_pattern_finds_what_the_whole_pattern_finds(triggered, texts):
    found = [(m.span(), m.groupdict()) for text in texts for m in triggered.finditer(text)]
    assert found == [(m.span(), m.groupdict()) for text in texts for m in triggered.pattern.finditer(text)]
    assert found, "the corpora should exercise the pattern"
