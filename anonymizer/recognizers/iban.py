"""IBAN_CODE: presidio's recognizer (country format and the mod-97 checksum), for French text."""

from presidio_analyzer.predefined_recognizers import IbanRecognizer as PresidioIbanRecognizer


class FrenchIbanRecognizer(PresidioIbanRecognizer):
    def __init__(self, context: list[str] | None = None) -> None:
        super().__init__(context=context, supported_language="fr")
