"""DATE_TIME: French dates in figures and in words: '03/01/2015', '3.1.15', '3 janvier 2015',
'1er mars', 'le premier mars 2010', '12 févr. 2019', 'lundi 3 janvier', 'mars 2019', and the date in
'né(e) le ...'; day and month alone after a word that makes them a date ('le 12/03', 'les 4/01 et
17/03'); a year after a word that dates something ('en 2015', 'depuis 2019'), with its season, quarter
or term ('l'été 2022', '1er trimestre 2024', 'rentrée 2023', 'fin 2021'). Not times ('14h30', '9 h'),
durations ('3 mois', '2 ans'), years alone ('2015 cas') nor court numbers ('RG 22/01874')."""

import re

from presidio_analyzer import RecognizerResult

from anonymizer.recognizers.base import RegexRecognizer, finding, words

MONTHS = words(
    "janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout", "septembre",
    "octobre", "novembre", "décembre", "decembre",
    r"janv\.?", r"févr\.?", r"fevr\.?", r"fév\.?", r"fev\.?", r"avr\.?", r"juil\.?", r"sept\.?", r"oct\.?",
    r"nov\.?", r"déc\.?", r"dec\.?",
)
WEEKDAYS = words("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
DAY = r"(?:1\s?er|1ᵉʳ|premier|0?[1-9]|[12]\d|3[01])"
YEAR = r"(?:1[89]\d{2}|20\d{2}|'?\d{2})"

DATE = re.compile(
    r"(?<![\w/.])(?P<value>"
    # 03/01/2015, 3-1-15, 03.01.2015 (the same separator twice)
    r"(?:0?[1-9]|[12]\d|3[01])(?P<sep>[/.\-])(?:0?[1-9]|1[0-2])(?P=sep)(?:\d{4}|\d{2})(?![\d/])"
    # 2015-01-03
    r"|(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
    # (lundi) 3 janvier (2015)
    rf"|(?:{WEEKDAYS}\s+)?{DAY}\s+{MONTHS}(?!\w)(?:\s+{YEAR}\b)?"
    # janvier 2015
    rf"|{MONTHS}\s+(?:1[89]\d{{2}}|20\d{{2}})\b"
    r")",
    re.IGNORECASE,
)
DAY_MONTH = r"(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?![\d/])"
# 'le 12/03', 'du 3/04 au 5/04', 'les 4/01 et 17/03': day and month alone, only after a word that makes
# them a date, or after another such date.
SHORT_DATE = re.compile(rf"\b(?:le|les|du|au|depuis le|jusqu'au|entre le)\s+(?P<value>{DAY_MONTH})", re.IGNORECASE)
NEXT_SHORT_DATE = re.compile(rf"(?<![\w/]){DAY_MONTH}(?=\s*(?:,|et|ou|puis|au)\s*(?P<value>{DAY_MONTH}))")
PERIOD = words("été", "ete", "hiver", "printemps", "automne", "rentrée", "rentree", r"rentrée\s+scolaire",
               r"année\s+scolaire", "début", "debut", "fin", "mi-", "courant", "Noël", "Noel", "Toussaint",
               "Pâques", "Paques", r"(?:1\s?er|1ᵉʳ|premier|2e|2ème|deuxième|second|3e|3ème|troisième|4e|4ème|"
                                    r"quatrième|dernier)\s+(?:trimestre|semestre)")
SCHOOL_YEAR = r"(?:19|20)\d{2}(?:\s?[-/]\s?(?:19|20)?\d{2})?"
# 'en 2015', 'depuis 2019', 'l'été 2022', '1er trimestre 2024', 'année scolaire 2023-2024'.
YEAR_DATED = re.compile(
    rf"(?:\b(?i:en|depuis|dès|des|jusqu'en|jusqu’en|avant|après|apres|année|annee|courant)\s+(?P<value>{SCHOOL_YEAR})"
    rf"|(?<![\w])(?P<period>(?i:{PERIOD})\s?{SCHOOL_YEAR}))(?![\w/])(?!\s?(?:€|euros?\b))"
)


class FrenchDateRecognizer(RegexRecognizer):
    LABEL = "DATE_TIME"
    PATTERNS = (DATE, SHORT_DATE, NEXT_SHORT_DATE)
    SCORE = 0.85

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        found = super().analyze(text, entities, nlp_artifacts)
        for match in YEAR_DATED.finditer(text):
            group = "value" if match.group("value") else "period"
            found.append(finding(self, self.LABEL, match.start(group), match.end(group), self.SCORE))
        return found
