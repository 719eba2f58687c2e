"""IBAN_CODE: presidio's recognizer (country format and the mod-97 checksum), for French text; and a
French IBAN whose checksum fails where the words before say it is one ('IBAN', 'RIB'): a miscopied
IBAN still identifies its holder."""

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import IbanRecognizer as PresidioIbanRecognizer

from anonymizer.recognizers.base import finding

FRENCH_IBAN = re.compile(r"(?<![\w])FR\d{2}(?:[ ]?[\dA-Z]{4}){5}[ ]?[\dA-Z]{3}(?![\w])")
SAID_TO_BE_AN_IBAN = re.compile(r"(?i:\biban\b|\brib\b|coordonnées\s+bancaires|\bcompte\b)")


class FrenchIbanRecognizer(PresidioIbanRecognizer):
    def __init__(self, context: list[str] | None = None) -> None:
        super().__init__(context=context, supported_language="fr")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        found = super().analyze(text, entities, nlp_artifacts, regex_flags)
        found += [finding(self, "IBAN_CODE", match.start(), match.end(), 0.8) for match in FRENCH_IBAN.finditer(text)
                  if SAID_TO_BE_AN_IBAN.search(text[max(0, match.start() - 60):match.start()])
                  and not any(r.start <= match.start() < r.end for r in found)]
        return found
