"""What is never personal data in these records, whatever a recognizer says: the sector's words
(ASE, AEMO, MECS, 'la mère'), legal references ('article 375 du Code civil', 'loi du 14 mars
2016'), court and file numbers ('RG n° 22/01874') and amounts ('1 250 €')."""

import re
from bisect import bisect_right

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

    def _trim_titles(self, entity: Entity, text: str) -> Entity:
        """'la Juge Dubois' -> 'Dubois': a title and its article are no part of a name ('Le Gall' stays)."""
        start, titled = entity.start, False
        for word in re.finditer(r"[\w’']+", text[entity.start:entity.end]):
            folded = fold(word.group()).strip("’'")
            if folded not in FILLER and folded not in self.phrases:
                break
            titled = titled or folded in self.phrases
            start = entity.start + word.end()
        if not titled:
            return entity
        start += len(text[start:entity.end]) - len(text[start:entity.end].lstrip(" .’'"))
        if start == entity.start or start >= entity.end:
            return entity
        return Entity(entity.label, start, entity.end, entity.score, entity.recognizer, entity.person_id, entity.role)

    def keep(self, entities: list[Entity], text: str) -> list[Entity]:
        # References do not overlap: the one starting last at or before a finding is the only one
        # that can hold it.
        references = [match.span() for match in REFERENCES.finditer(text)]
        starts = [start for start, _ in references]
        kept = []
        for entity in entities:
            before = bisect_right(starts, entity.start)
            if before and entity.end <= references[before - 1][1]:
                continue
            if entity.label == "PERSON":
                value = text[entity.start:entity.end]
                if self.has_allowed_acronym(value) or self.never_in_a_name.intersection(re.findall(r"\w+",
                                                                                                   fold(value))):
                    continue  # 'Allocataire CAF', 'Parquet de Toulouse'
                entity = self._trim_titles(entity, text)
            if entity.label in {"PERSON", "ORGANIZATION", "LOCATION"} and self.is_allowed(
                    text[entity.start:entity.end]):
                continue
            kept.append(entity)
        return kept
