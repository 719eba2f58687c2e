"""A pattern tried only where one of its first words starts.

A rule that opens on a long alternation of words, case ignored ('MDS|maison des solidarités|tribunal|...
de X'), costs most of a recognizer's time: Python's re has no quick test for the first letters of such a
pattern and tries every alternative at every word of every text. Given the words the pattern can start
with, `Triggered.finditer` tries it only where one of them starts in the text: the same matches, in the
same order (tests/unit/test_triggered.py checks it on the tunable corpora), a fraction of the time.
"""

import re
from collections.abc import Iterator
from functools import lru_cache

from anonymizer.recognizers.base import Alternation

WORD = re.compile(r"\w+")
# Letters re's ignore-case takes for others that str.lower() does not ('İNSTITUT', 'ſtation', the Kelvin sign)
AS_RE_FOLDS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"})
LETTERS = re.compile(r"[^\W\d_]+")
# What may follow a word's letters in an alternative and cannot go on with a letter or a digit, nor be left out
# ('e-?mail' could be 'email': refused)
WORD_ENDS = re.compile(r"$|(?:[ \-'’,:;]|\\s|\\\.|\[[ '’\\\-]+\])(?![?*{])|\\b")


def first_words(*alternatives: str) -> frozenset[str]:
    """The words, in lower case, that these regex alternatives (as given to `words`) can start with:
    'née?s?' -> {'né', 'née', 'nés', 'nées'}, '(?:école|ecole)(?:\\s+primaire)?' -> {'école', 'ecole'},
    'préparat(?:eur|rice)' -> {'préparateur', 'préparatrice'}, r'centre\\s+hospitalier' -> {'centre'}.
    An alternative that may start otherwise than with a letter cannot be triggered: ValueError."""
    found = set()
    for alternative in alternatives:
        starts = _starts(alternative)
        if "" in starts:
            raise ValueError(f"the alternative {alternative!r} may start with something else than a word")
        found |= {word.lower() for word in starts}
    return frozenset(found)


def _starts(source: str) -> set[str]:
    """The letters `source` can open with, up to the first thing that is not a letter, an optional
    letter or a group of such alternatives, and that cannot be a letter ('\\s+', "['’]", '-', the end)."""
    letters = LETTERS.match(source)
    if letters:
        word, rest = letters.group(), source[letters.end():]
        if rest.startswith("?"):
            return {word + tail for tail in _starts(rest[1:])} | {word[:-1] + tail for tail in _starts(rest[1:])}
        return {word + tail for tail in _starts(rest)}
    if source.startswith("(?:"):
        inside, rest = _group(source)
        optional = rest.startswith("?")
        rest = rest[1:] if optional else rest
        heads = {head for option in _split_alternatives(inside) for head in _starts(option + rest)}
        return heads | _starts(rest) if optional else heads
    if WORD_ENDS.match(source):
        return {""}
    raise ValueError(f"cannot tell where the first word of {source!r} ends")


def _group(source: str) -> tuple[str, str]:
    """'(?:a|b)c' -> ('a|b', 'c')."""
    depth = 0
    for at, char in enumerate(source):
        depth += (char == "(") - (char == ")") if source[at - 1:at] != "\\" else 0
        if depth == 0:
            return source[3:at], source[at + 1:]
    raise ValueError(f"unbalanced group in {source!r}")


def _split_alternatives(inside: str) -> list[str]:
    options, depth, start = [], 0, 0
    for at, char in enumerate(inside):
        depth += (char == "(") - (char == ")")
        if char == "|" and depth == 0:
            options.append(inside[start:at])
            start = at + 1
    return [*options, inside[start:]]


@lru_cache(maxsize=4)
def _words_of(text: str) -> tuple[tuple[int, str], ...]:
    """Each word's start and lower case, once per text for every pattern of every recognizer."""
    return tuple((match.start(), match.group().translate(AS_RE_FOLDS).lower()) for match in WORD.finditer(text))


class Triggered:
    """`pattern`, which can only match from the start of a word one of `alternations` can start with,
    found where those words are."""

    def __init__(self, pattern: re.Pattern, *alternations: Alternation) -> None:
        self.pattern = pattern
        self.starts = first_words(*(alternative for alternation in alternations
                                    for alternative in alternation.alternatives))

    def finditer(self, text: str) -> Iterator[re.Match]:
        end = 0
        for start, word in _words_of(text):
            if start >= end and word in self.starts and (match := self.pattern.match(text, start)):
                end = max(match.end(), start + 1)
                yield match
