"""LOCATION from the French model: towns, regions, countries (where a family lives, where a child
was born), when a preposition of place comes before ('à Muret', 'née en Algérie'): the small model
also calls first names and sentence-initial words places. An address or a name wins over it."""

import re

from presidio_analyzer import RecognizerResult

from anonymizer.recognizers.base import FrenchRecognizer, finding

SCORE = 0.6
PLACE_PREPOSITION = re.compile(r"(?i:\b(?:à|a|en|au|aux|de|d'|d’|vers|sur|près de|depuis|originaire de|habite))\s?$")


class NerLocationRecognizer(FrenchRecognizer):
    LABEL = "LOCATION"

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        return [finding(self, "LOCATION", span.start_char, span.end_char, SCORE)
                for span in (nlp_artifacts.entities if nlp_artifacts else ())
                if span.label_ == "LOCATION" and span.text[:1].isupper()
                and PLACE_PREPOSITION.search(text[max(0, span.start_char - 16):span.start_char])]
