"""AGE: a person's age ('7 ans', 'âgée de 12 ans', 'Lucas (7 ans)', 'bébé de 8 mois', 'a fêté ses 10
ans', 'à l'âge de 3 semaines', 'arrivé en France à 8 ans', 'un homme de 24 ans', '16 ans et demi'),
not a duration ('depuis 3 ans', 'il y a 2 ans', '5 ans de placement', 'à 2 ans de sa majorité')."""

import re

from anonymizer.first_names import is_first_name
from anonymizer.lexicons import looks_like_a_surname
from anonymizer.recognizers.base import RegexRecognizer
from anonymizer.recognizers.numbers_in_words import NUMBER_IN_WORDS

NUMBER = rf"(?:\d{{1,3}}|{NUMBER_IN_WORDS})"
# '16 ans', 'seize ans et demi', and two ages for one, or for two children: '12 ou 13 ans', '11-12 ans',
# 'd'environ 8 et 10 ans', 'de 2 à 11 ans', or for more: 'quatre enfants de 11, 9, 6 et 2 ans' (not 'un a 4 ans':
# someone has four years)
AGE = re.compile(rf"(?<![\w,.])(?P<value>(?:(?!une?\b){NUMBER}(?:,\s*(?=\d)|\s+(?:ou|à|et)\s+|-)){{0,4}}{NUMBER}"
                 rf"\s?(?:ans|an|mois|semaines|jours)(?:\s+et\s+(?:demi|\d{{1,2}}\s?mois))?)(?![\w])", re.IGNORECASE)
# Hurried notes: 'nassim (11a)', 'ionuț 9a, alexandra 7a', 'mère, 29a', 'Christelle (15 a)': a number and 'a'
# after a name.
SHORT_AGE = re.compile(r"(?:(?<=[\w(,] )|(?<=\())(?P<value>\d{1,2}a|(?<=\()\d{1,2} a(?=\)))(?![\w])")
# What must come just before the number for it to be somebody's age.
ABOUT_SOMEONE = re.compile(
    r"(?:[âa]g[ée]e?s?\s+(?:de|d'|d’)(?:\s*environ)?|\b(?:a|aura|avait|aurait|ayant|fêté|fete|fête|fêtera)"
    r"(?:\s+(?:eu|bientôt|bientot|presque|tout juste|juste|environ|alors|déjà|deja))?"
    r"|\b(?:enfant|fille|garçon|garcon|fils|jeune|jeune fille|jeune homme|mineure?|bébé|bebe|adolescente?|"
    r"frère|frere|sœur|soeur|nourrisson|demi-frère|demi-sœur|cadet(?:te)?|aîné(?:e)?|aine(?:e)?|homme|femme|"
    r"dame|monsieur|garçonnet|fillette|nouveau-né|nouveau-née|patiente?)s?\s+(?:âgée?s?\s+)?(?:de|d'|d’)"
    r"|\b(?:ses|leurs?|son|sa|tes|ton|ta|mes|mon|ma)(?:\s+(?:presque|bientôt|bientot))?|\b(?:âge|age)\s+(?:de|d'|d’)|\b(?:âge|age)\s*:"
    r"|\b(?:à|a|dès|des|vers)(?:\s+(?:peine|seulement|environ))?"
    r"|\b(?:âge|age)\s+(?:dit|déclaré|declare|allégué|allegue|estimé|estime|supposé|suppose)(?:\s*:|\s+(?:de|d'|d’))?"
    r"|\bse\s+déclarant|«"
    r"|\b(?:avoir|ai|as|ont|eu|déclare|declare|déclarait|disait|dit|soit|donc|environ|env\.?|cousin|cousine|ami|amie|"
    r"copain|copine|compagnon|compagne|conjoint|oncle|tante|voisin|voisine|individu|majeur|adulte|petit-fils|"
    r"petite-fille)(?:\s+(?:de|d'|d’))?(?:\s+environ)?"
    r"|\d\s?(?:ans|mois)\s+et"
    r"|\(\s*(?:environ|presque|bientôt|bientot|~)?|,)\s*$",
    re.IGNORECASE,
)
DURATION = re.compile(r"\bil\s+y\s+a\s*$", re.IGNORECASE)
NOT_AN_AGE_AFTER = re.compile(r"\s+(?:(?:de|d'|d’)(?!\s*(?:nationalité|nationalite|origine))|plus|après|apres|avant|"
                              r"durant|pendant)\b", re.IGNORECASE)


# 'Aminata 7 ans', 'frère moussa 16 ans', 'tessa garcia 4 ans': a first name just before, or a first name and a
# surname no dictionary holds
WORD_BEFORE = re.compile(r"(?<![\w’'\-])(?:(?P<first>[\w’'\-]+)\s)?(?P<word>[\w’'\-]+)\s$")


def _after_a_first_name(before: str) -> bool:
    words = WORD_BEFORE.search(before)
    if words is None:
        return False
    word = words.group("word")
    return is_first_name(word, False, civil_status=True) or (
        words.group("first") is not None and is_first_name(words.group("first"), False, civil_status=True)
        and looks_like_a_surname(word))


NOT_A_PERSON_BEFORE = re.compile(r"(?i:\b(?:appt|app|bât|bat|n°|no|numéro|rue|ligne|bus|salle|porte|étage|bureau|"
                                 r"chambre|lot|box|page|p)\.?)\s$")


class AgeRecognizer(RegexRecognizer):
    LABEL = "AGE"
    PATTERNS = (AGE, SHORT_AGE)
    SCORE = 0.75

    def accept(self, match: re.Match, text: str) -> bool:
        if match.re is SHORT_AGE:
            return not NOT_A_PERSON_BEFORE.search(text[max(0, match.start() - 10):match.start()])
        before = text[max(0, match.start() - 40):match.start()]
        if DURATION.search(before) or not (ABOUT_SOMEONE.search(before) or _after_a_first_name(before)):
            return False
        # 'Lucas, 7 ans, ...' but not '..., 5 ans de suivi'; 'placé à 3 ans' but not 'à 2 ans de sa majorité'
        return not NOT_AN_AGE_AFTER.match(text[match.end():match.end() + 24])
