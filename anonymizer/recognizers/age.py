"""AGE: a person's age ('7 ans', 'âgée de 12 ans', 'Lucas (7 ans)', 'bébé de 8 mois'), not a duration
('depuis 3 ans', 'il y a 2 ans', '5 ans de placement')."""

import re

from anonymizer.recognizers.base import RegexRecognizer

NUMBER = (r"(?:\d{1,3}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|"
          r"seize|dix-sept|dix-huit)")
AGE = re.compile(rf"(?<![\w,.])(?P<value>{NUMBER}\s?(?:ans|an|mois)(?:\s+et\s+demi)?)(?![\w])", re.IGNORECASE)
# What must come just before the number for it to be somebody's age.
ABOUT_SOMEONE = re.compile(
    r"(?:[âa]g[ée]e?s?\s+de|\b(?:a|aura|avait|aurait|ayant|fêté|fete|fête|fêtera)(?:\s+(?:eu|bientôt|bientot|"
    r"presque|tout juste|juste))?|\b(?:enfant|fille|garçon|garcon|fils|jeune|mineure?|bébé|bebe|adolescente?|"
    r"frère|frere|sœur|soeur|nourrisson|demi-frère|demi-sœur|cadet(?:te)?|aîné(?:e)?|aine(?:e)?)\s+(?:âgée?\s+)?de"
    r"|\(|,)\s*$",
    re.IGNORECASE,
)
DURATION = re.compile(r"\bil\s+y\s+a\s*$", re.IGNORECASE)


class AgeRecognizer(RegexRecognizer):
    LABEL = "AGE"
    PATTERNS = (AGE,)
    SCORE = 0.75

    def accept(self, match: re.Match, text: str) -> bool:
        before = text[max(0, match.start() - 40):match.start()]
        if DURATION.search(before) or not ABOUT_SOMEONE.search(before):
            return False
        if before.rstrip().endswith(","):  # 'Lucas, 7 ans, ...' but not '..., 5 ans de suivi'
            return not re.match(r"\s+(?:de|d'|d’|plus|après|apres)\b", text[match.end():match.end() + 8])
        return True
