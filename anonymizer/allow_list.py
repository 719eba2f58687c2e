"""What is never personal data in these records, whatever a recognizer says: the sector's words
(ASE, AEMO, MECS, 'la mère'), legal references ('article 375 du Code civil', 'loi du 14 mars
2016'), court and file numbers ('RG n° 22/01874') and amounts ('1 250 €')."""

import re

from anonymizer.entities import Entity
from anonymizer.text import fold

REFERENCES = re.compile(
    r"\b(?:articles?|art\.)\s+[LRD]?\.?\s?\d+(?:[-.]\d+)*(?:\s*(?:,|à|et)\s*[LRD]?\.?\s?\d+(?:[-.]\d+)*)*"
    r"(?:\s+(?:du|de la|de l'|des)\s+(?:code|Code|CASF|loi|décret)[\w ’'.-]{0,60})?"
    r"|\b(?:loi|décret|decret|ordonnance|arrêté|arrete|circulaire)\s+(?:(?:organique\s+)?n°\s*[\d-]+\s+)?du\s+"
    r"(?:1er|\d{1,2})\s+\w+\s+\d{4}"
    r"|\b(?:RG|N°\s?RG|parquet|PV|minute|dossier|jugement|ordonnance|procédure|procedure|affaire)\s*"
    r"(?:n°|no|num\.?|numéro)?\s*:?\s*\d{2,4}/\d{2,6}(?:/\d+)?"
    r"|\b\d{1,3}(?:[  \u202f.]\d{3})*(?:,\d{1,2})?\s?(?:€|euros?\b|EUR\b)",
    re.IGNORECASE,
)
FILLER = {"le", "la", "les", "l", "de", "du", "des", "d", "a", "au", "aux", "sa", "son", "ses", "leur", "un", "une"}


class AllowList:
    def __init__(self, phrases: list[str], never_in_a_name: list[str] = ()) -> None:
        self.phrases = {fold(phrase).strip(" .,;:'’") for phrase in phrases}
        self.never_in_a_name = {fold(word) for word in never_in_a_name}

    def is_allowed(self, value: str) -> bool:
        """True for an allowed phrase, or words that are each allowed ('la Juge', 'ASE')."""
        folded = fold(value).strip(" .,;:'’")
        words = [word for word in re.findall(r"\w+", folded) if word not in FILLER]
        return folded in self.phrases or all(word in self.phrases for word in words)

    def has_allowed_acronym(self, value: str) -> bool:
        """'Allocataire CAF', 'RDV Lundi': an all-caps word of the sector is no surname."""
        return any(word.isupper() and fold(word) in self.phrases for word in re.findall(r"\w{2,}", value))

    def keep(self, entities: list[Entity], text: str) -> list[Entity]:
        references = [match.span() for match in REFERENCES.finditer(text)]
        kept = []
        for entity in entities:
            if any(start <= entity.start and entity.end <= end for start, end in references):
                continue
            value = text[entity.start:entity.end]
            if entity.label in {"PERSON", "ORGANIZATION", "LOCATION"} and self.is_allowed(value):
                continue
            if entity.label == "PERSON" and (self.has_allowed_acronym(value)
                                             or self.never_in_a_name.intersection(re.findall(r"\w+", fold(value)))):
                continue
            kept.append(entity)
        return kept
