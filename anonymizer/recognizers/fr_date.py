"""DATE_TIME: French dates in figures and in words: '03/01/2015', '3.1.15', '3 janvier 2015',
'1er mars', 'le premier mars 2010', '12 févr. 2019', 'lundi 3 janvier', 'mars 2019', and the date in
'né(e) le ...'. Not times ('14h30', '9 h'), durations ('3 mois', '2 ans') or years alone."""

import re

from anonymizer.recognizers.base import RegexRecognizer, words

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
# 'le 12/03', 'du 3/04 au 5/04': day and month alone, only after a word that makes them a date.
SHORT_DATE = re.compile(r"\b(?:le|du|au|depuis le|jusqu'au)\s+(?P<value>(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2]))"
                        r"(?![\d/])", re.IGNORECASE)


class FrenchDateRecognizer(RegexRecognizer):
    LABEL = "DATE_TIME"
    PATTERNS = (DATE, SHORT_DATE)
    SCORE = 0.85
