"""A recognizer made of one regular expression (its group `value` is the finding), and what all recognizers share:
how a finding is written, and one finding per stretch of text."""

import re
from collections.abc import Iterator
from typing import Protocol

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult


class FrenchRecognizer(LocalRecognizer):
    """A recognizer of one LABEL in French text, with the configuration's context words."""

    LABEL: str

    def __init__(self, context: list[str] | None = None) -> None:
        super().__init__(supported_entities=[self.LABEL], supported_language="fr", context=context)

    def load(self) -> None:
        pass


class Finder(Protocol):
    """A compiled pattern, or one tried only where its first words are (anonymizer.recognizers.triggered)."""

    def finditer(self, text: str) -> Iterator[re.Match]: ...


class RegexRecognizer(FrenchRecognizer):
    """Subclasses set LABEL, PATTERNS (compiled regexes, each with a `value` group) and SCORE, and
    may override `accept(match, text)` for a checksum or a look at the words around."""

    PATTERNS: tuple[Finder, ...]
    SCORE: float

    def accept(self, match: re.Match, text: str) -> bool:
        return True

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        return [finding(self, self.LABEL, match.start("value"), match.end("value"), self.SCORE)
                for pattern in self.PATTERNS for match in pattern.finditer(text) if self.accept(match, text)]


def finding(recognizer: LocalRecognizer, label: str, start: int, end: int, score: float) -> RecognizerResult:
    """A result with the explanation presidio's context enhancer writes into."""
    return RecognizerResult(label, start, end, score,
                            analysis_explanation=AnalysisExplanation(recognizer.name, score))


class Alternation(str):
    """A regex alternation that keeps its alternatives, for the words it can start with
    (anonymizer.recognizers.triggered)."""

    alternatives: tuple[str, ...]


def words(*alternatives: str) -> Alternation:
    """A regex alternation of whole words, longest first."""
    alternation = Alternation("(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + ")")
    alternation.alternatives = alternatives
    return alternation


def outermost(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """One result per span, the surest, none inside another: 'Paris 10e', not 'Paris' too."""
    spans: dict[tuple[int, int], RecognizerResult] = {}
    for result in results:
        if (kept := spans.get((result.start, result.end))) is None or result.score > kept.score:
            spans[result.start, result.end] = result
    return [result for (start, end), result in spans.items()
            if not any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)]
