"""DATE_TIME: French dates in figures and in words: '03/01/2015', '3.1.15', '3 janvier 2015',
'1er mars', 'le premier mars 2010', '12 févr. 2019', 'lundi 3 janvier', 'mars 2019', and the date in
'né(e) le ...'; day and month alone after a word that makes them a date ('le 12/03', 'les 4/01 et
17/03'), a diary's day ('lun 16/2'), a day alone closing a clause ('la synthèse du 27.'); a year after a word that
dates something ('en 2015', 'depuis 2019', 'la séparation de 2023'), with its season, quarter or term ('l'été 2022',
'1er trimestre 2024', 'rentrée 2023', 'fin 2021'). Not times ('14h30', '9 h'),
durations ('3 mois', '2 ans'), years alone ('2015 cas'), amounts ('de 2000 €'), emergency numbers ('appeler le
15.') nor court numbers ('RG 22/01874')."""

import re

from presidio_analyzer import RecognizerResult

from anonymizer.recognizers.base import RegexRecognizer, finding, words
from anonymizer.recognizers.fr_address import STREET_TYPES
from anonymizer.recognizers.numbers_in_words import DAY_IN_WORDS, YEAR_IN_WORDS
from anonymizer.recognizers.triggered import Triggered

# The months written in full ('dix sept', with the abridged month's 'sept', is seventeen), then abridged
MONTHS_IN_FULL = words("janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout",
                       "septembre", "octobre", "novembre", "décembre", "decembre")
MONTHS = words(
    *MONTHS_IN_FULL.alternatives,
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
# A police report's or a court's date in words, its month in full: 'le dix-huit janvier deux mille vingt-six', 'le
# dix sept janvier'
DATE_IN_WORDS = Triggered(re.compile(rf"(?<![\w-])(?P<value>{DAY_IN_WORDS}\s+{MONTHS_IN_FULL}(?:\s+{YEAR_IN_WORDS})?)"
                                     rf"(?![\w-])", re.IGNORECASE), words(DAY_IN_WORDS))
# 'L'an deux mille vingt-six, le ...': a police report's year
YEAR_IN_WORDS_DATED = re.compile(rf"(?i:\bl['’]an\s)(?P<value>{YEAR_IN_WORDS})(?![\w-])", re.IGNORECASE)
DAY_MONTH = r"(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?![\d/])"
SHORT_WEEKDAYS = r"(?:lun|mar|mer|jeu|ven|sam|dim)\.?"
# A diary's or a hurried note's day: '03/06 Bonne nuit', 'Mer. 18/09 :', 'vad 7/05', 'audience JE 13/02'
# (the month in two digits, so that '3/4' or '1/2' stays a fraction).
DIARY_DAY = re.compile(rf"(?m:^|\b(?i:rdv|vad|tél|tel|audience|appel|visite|réunion|reunion|JE|synthèse|entretien|"
                       rf"permanence)\s)(?P<value>"
                       rf"(?:(?i:{WEEKDAYS}|{SHORT_WEEKDAYS})\s+)?(?:0?[1-9]|[12]\d|3[01])/(?:0[1-9]|1[0-2])(?![\d/]))")
# 'Mardi 14 :', 'Samedi 7 –', 'mercredi 7 Entraînement', 'lundi 16 :': a weekday and its day, at the head of a
# diary's line
WEEKDAY_DAY = re.compile(rf"(?m:^)(?P<value>(?i:{WEEKDAYS}|{SHORT_WEEKDAYS})\s+(?:1er|[12]\d|3[01]|0?[1-9]))"
                         rf"(?=\s*[:–\-.,]|[ \t]+[A-ZÀ-ÖØ-Þ]|[ \t]*(?m:$))")
# 'le jeudi 15', 'incident samedi 21', 'la synthèse de jeudi 26.': a weekday and its day anywhere, not a count
# ('lundi 3 enfants', 'samedi 2 h', 'mardi 14h')
UNIT_AFTER = (r"(?i:h\b|h\d|heures?|ans?\b|mois|jours?|fois|semaines?|minutes?|min\b|enfants?|personnes?|élèves?|€|"
              r"euros?|%|x\b)")
WEEKDAY_AND_DAY = Triggered(re.compile(rf"(?<![\w])(?P<value>(?i:{WEEKDAYS})\s+(?:1er|[12]\d|3[01]|0?[1-9]))"
                                       rf"(?!\d|[\w/.,:]\w|\s*{UNIT_AFTER})"), WEEKDAYS)
# 'les 18, 19 et 22 novembre', 'des 11 et 13 septembre', 'du 19 au 26 février': the first days of a list
LISTED_DAY = re.compile(rf"(?<![\w/])(?P<value>{DAY})(?=(?:\s*(?:,|et|au|à)\s*{DAY})*\s*(?:,|et|au|à)\s*{DAY}\s+{MONTHS})")
# 'l'été dernier', 'cet hiver', 'à l'automne', 'l'an dernier', 'la nuit dernière'
RELATIVE = Triggered(re.compile(
    r"(?<![\w])(?P<value>(?i:(?:l['’]|cet\s|cette\s|ce\s)(?:été|ete|hiver|automne)"
    r"(?:\s+(?:dernier|derniere|dernière|prochain|prochaine|passé|passée))?(?!\s*(?:19|20)\d{2})"
    r"|(?:l['’]|cet\s|cette\s)(?:an|année|annee)\s+(?:dernier|derniere|dernière|prochain|prochaine|passé|passée)"
    r"|la\s+nuit\s+(?:dernière|derniere|passée)"
    r"))"
    r"(?![\w])"), words("l['’]", r"cet\s", r"cette\s", r"ce\s", r"la\s"))
# 'le 22,', 'la synthèse du 27.', 'à partir du 17.', 'Les 18 et 19,', 'rdv maternité le 11.': a day of the month alone
# after the article that dates it, closing the clause or before 'au soir' (not 'le 3e', 'au 3, à côté', 'tous les 3,',
# 'le 22, rue des Lilas')
DAY_NUMBER = r"(?:1er|[12]\d|3[01]|0?[1-9])"
DAY_ALONE = re.compile(rf"\b(?i:le|les(?=\s+{DAY_NUMBER}\s+et\s)|du|à\s+partir\s+du|jusqu['’]au)\s+"
                       rf"(?P<value>{DAY_NUMBER}(?:\s+(?:et|au)\s+{DAY_NUMBER})?)"
                       rf"(?=\s*[,.;:)!?](?!\d)|\s*$|\s+au\s+(?:soir|matin)\b)"
                       rf"(?!,?\s*(?:(?:bis|ter)\b|(?i:{STREET_TYPES})(?![\w])))")
# 'appeler le 119, le 115 ou le 17', 'la police (le 17)'
DIALLED = re.compile(r"(?i:\b(?:appel\w*|compos\w*|fait|faire|fais|contact\w*|joindre|joint|numéro|n°)\b[^.;\n]{0,30}"
                     r"\sle\s+|\(le\s+)$")
# 'lun 16/2 :', '9/3 – noah exclu', '12/1 – appel': a diary's day and its month in one figure, at a line's head or
# after a weekday, before a colon or a dash (not '1/2 journée', '3/4 des enfants')
DIARY_SHORT_DAY = re.compile(r"(?<![\w/.])(?P<value>(?:0?[1-9]|[12]\d|3[01])/[1-9])(?![\d/])(?=\s*[–:\-])")
DIARY_SHORT_DAY_BEFORE = re.compile(rf"(?:(?:^|\n)[ \t]*|\b(?i:{SHORT_WEEKDAYS}|{WEEKDAYS})\s+)$")
# 'garde à vue 15/11', '(résultats 5/07)': a day and a month in two digits anywhere, not a court's number
BARE_DAY_MONTH = re.compile(r"(?<![\w/.°-])(?<!n° )(?<!RG )(?P<value>(?:0?[1-9]|[12]\d|3[01])/(?:0[1-9]|1[0-2]))(?![\d/])")
# 'fin août', 'début mars', 'mi-juin'; 'le mois dernier', 'la fin du mois', 'le 3 du mois dernier'
PART_OF_A_MONTH = Triggered(re.compile(
    rf"(?<![\w])(?P<value>(?i:(?:fin|début|debut|mi-|mi\s)\s?{MONTHS})(?!\w)"
    r"|(?i:le\s+mois\s+(?:dernier|prochain)|la\s+fin\s+du\s+mois|le\s+\d{1,2}\s+du\s+mois"
    r"(?:\s+(?:dernier|prochain))?|le\s+printemps|au\s+printemps)(?![\w]))"),
    words("fin", "début", "debut", "mi-", r"mi\s", r"le\s", r"la\s", r"au\s"))
# 'en juillet', 'depuis déc.', 'à partir de janvier', 'le mois de janvier', 'vacances de Pâques': a month or a
# holiday alone after a word that dates it ('sept' only with its dot: 'depuis sept ans'); not 'depuis la rentrée'
MONTH_ALONE = words(*MONTHS_IN_FULL.alternatives, r"janv\.?", r"févr\.?", r"fevr\.?", r"fév\.?", r"avr\.?", r"juil\.?",
                    r"sept\.", r"oct\.?", r"nov\.?", r"déc\.?", r"dec\.")
HOLIDAY = r"(?:Pâques|Paques|Noël|Noel|(?:la\s+)?Toussaint|printemps|été|ete|hiver|automne)"
DATING = words("en", "depuis", "dès", "jusqu['’]en", "jusqu['’]à", r"à\s+partir\s+de", "d['’]ici", "avant", "après",
               "apres", "courant", "pour", "pr", "terme", r"au-delà\s+d['’]", r"au-delà\s+de")
DATED_THINGS = words("mois", "rentrée", "rentree", "opération", "operation", "vacances", "congés", "conges")
MONTH_DATED = Triggered(re.compile(
    rf"(?<![\w])(?:(?i:{DATING})\s*(?<=[\s'’])|(?i:{DATED_THINGS})\s+(?:de\s+|d['’]\s?))"
    rf"(?P<value>{MONTH_ALONE}(?!\w)(?:\s+(?:dernier|prochain))?"
    rf"|(?<=vacances de )(?:{HOLIDAY})|(?<=vacances d')(?:été|ete|hiver|automne))(?![\w])"), DATING, DATED_THINGS)
# 'de février à avril 2025': the first month of a period
MONTH_PERIOD = re.compile(rf"\b(?i:de)\s+(?P<value>{MONTH_ALONE})(?=\s+(?i:à|au)\s+(?:{MONTHS})(?!\w))")
# Mail headers: 'Wed, 3 Jul 2024 22:41:09 +0200', 'martes, 5 de marzo de 2024 21:03'
ENGLISH_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
SPANISH_MONTHS = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)"
MAIL_DATE = re.compile(
    rf"(?P<value>(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?\d{{1,2}}\s+{ENGLISH_MONTHS}\s+\d{{4}}"
    rf"|\d{{1,2}}\s+de\s+{SPANISH_MONTHS}\s+de\s+\d{{4}})(?:,?\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"
    rf"(?:\s+[+-]\d{{4}})?")
# 'Kenzo (2019)': a year alone in parentheses, a birth year
YEAR_IN_PARENTHESES = re.compile(r"(?<=\()(?P<value>(?:19|20)\d{2})(?=\))")
# 'le 12/03', 'du 3/04 au 5/04', 'les 4/01 et 17/03': day and month alone, only after a word that makes
# them a date, or after another such date.
SHORT_DATE = re.compile(rf"\b(?:le|les|du|au|depuis le|jusqu'au|entre le)\s+(?P<value>{DAY_MONTH})", re.IGNORECASE)
NEXT_SHORT_DATE = re.compile(rf"(?<![\w/]){DAY_MONTH}(?=\s*(?:,|et|ou|puis|au)\s*(?P<value>{DAY_MONTH}))")
PERIOD = words("été", "ete", "hiver", "printemps", "automne", "rentrée", "rentree", r"rentrée\s+scolaire",
               r"année\s+scolaire", "début", "debut", "fin", "mi-", "courant", "Noël", "Noel", "Toussaint",
               "Pâques", "Paques", r"(?:1\s?er|1ᵉʳ|premier|2e|2ème|deuxième|second|3e|3ème|troisième|4e|4ème|"
                                    r"quatrième|dernier)\s+(?:trimestre|semestre)")
SCHOOL_YEAR = r"(?:19|20)\d{2}(?:\s?[-/]\s?(?:19|20)?\d{2})?"
# What makes a number of four figures an amount or a measure, not a year
UNITS = (r"(?:€|euros?\b|net\b|brut\b|g\b|grammes?\b|kg\b|km\b|m\b|mètres?\b|habitants?\b|personnes?\b|"
         r"ménages?\b|logements?\b|heures?\b|h\b)")
# 'en 2015', 'depuis 2019', 'l'été 2022', '1er trimestre 2024', 'année scolaire 2023-2024'.
YEAR_DATED = re.compile(
    rf"(?:\b(?i:en|depuis|dès|des|jusqu'en|jusqu’en|avant|après|apres|année|annee|courant|vers|les\s+années)\s+"
    rf"(?P<value>{SCHOOL_YEAR})"
    # 'la séparation de 2023', "l'IP de 2022": after 'de', a year alone, not an amount or a count ('de 2000 €')
    rf"|\b(?i:de|d['’])\s?(?P<of>(?:19|20)\d{{2}})(?!\s+(?i:à|a|et)\s+\d)(?![\w/,.]\d)(?!\s?{UNITS})"
    rf"|(?<![\w])(?P<period>(?i:{PERIOD})\s?{SCHOOL_YEAR}))(?![\w/])(?!\s?(?:€|euros?\b))"
)

AMOUNT_BEFORE = re.compile(r"(?i:\b(?:plus|moins|près|pres|environ|salaire|dette|somme|montant|loyer|facture|total|"
                           r"budget|découvert|decouvert|reste|revenu|retard|arriérés?|aide|prêt|pret|crédit|credit)\s*)$")
# 'de 2020 à 2023', 'entre 2019 et 2021': two years of a period, one span (not 'de 1900 à 2000 €', '... net')
YEAR_RANGE = re.compile(rf"\b(?i:de|entre)\s+(?P<value>(?:19|20)\d{{2}}\s+(?i:à|a|et)\s+(?:19|20)\d{{2}})(?![\w/])"
                        rf"(?!\s?{UNITS})")


class FrenchDateRecognizer(RegexRecognizer):
    LABEL = "DATE_TIME"
    PATTERNS = (DATE, DATE_IN_WORDS, YEAR_IN_WORDS_DATED, WEEKDAY_AND_DAY, SHORT_DATE, NEXT_SHORT_DATE, DIARY_DAY,
                WEEKDAY_DAY, LISTED_DAY, RELATIVE, MAIL_DATE, YEAR_IN_PARENTHESES, BARE_DAY_MONTH, PART_OF_A_MONTH,
                MONTH_DATED, MONTH_PERIOD, YEAR_RANGE, DAY_ALONE, DIARY_SHORT_DAY)
    SCORE = 0.85

    def accept(self, match: re.Match, text: str) -> bool:
        """Not an emergency number dialled ('appeler le 15.', 'a fait le 115'); a diary's short day at a line's head
        or after its weekday."""
        if match.re is DAY_ALONE:
            return not DIALLED.search(text, max(0, match.start("value") - 30), match.start("value"))
        if match.re is DIARY_SHORT_DAY:
            return bool(DIARY_SHORT_DAY_BEFORE.search(text, max(0, match.start() - 12), match.start()))
        return True

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        found = super().analyze(text, entities, nlp_artifacts)
        for match in YEAR_DATED.finditer(text):
            group = next(name for name in ("value", "of", "period") if match.group(name))
            if group == "of" and (match.group(group).endswith("00")
                                  or AMOUNT_BEFORE.search(text, max(0, match.start() - 30), match.start())):
                continue  # 'un salaire de 2000', 'plus de 1500 messages': amounts, not years
            found.append(finding(self, self.LABEL, match.start(group), match.end(group), self.SCORE))
        kept: list[RecognizerResult] = []  # in text order, none inside another: 'mer 3/04', not '3/04' too
        for result in sorted(found, key=lambda r: (r.start, -r.end)):
            if not kept or result.end > kept[-1].end:
                kept.append(result)
        return kept
