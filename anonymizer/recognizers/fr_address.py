"""LOCATION: a postal address as one span: number (bis, ter), street type, street name, then the
building ('bât. B', 'appt 12'), postcode and town when written; 'résidence Les Tilleuls', 'lieu-dit
La Croix'; a postcode with its town. Inside an address, names are the street's, not people."""

import re

from anonymizer.lexicons import listed_end, listed_form
from anonymizer.recognizers.base import RegexRecognizer, words

STREET_TYPES = words(
    "rue", "avenue", r"av\.?", "boulevard", r"bd\.?", r"bld\.?", "place", "chemin", "impasse", r"imp\.?",
    "allée", "allee", "route", r"rte\.?", "quai", "cours", "square", "passage", "sentier", "voie", "cité", "cite",
    "rond-point", "esplanade", "promenade", "parvis", "montée", "montee", "traverse", "faubourg", r"fg\.?",
    "hameau", "lotissement", r"lot\.?", "résidence", "residence", r"rés\.?", "domaine", "villa", "mail",
    "chaussée", "chaussee", "lieu-dit", "lieu dit", "ld", "clos", "ruelle", "venelle", "quartier",
)
PARTICLE = words("de", "du", "des", "la", "le", "les", "l'", "l’", "d'", "d’", "aux", "au", "sur", "sous", "en", "et")
STOP = words("à", "a", "où", "ou", "chez", "avec", "depuis", "dans", "pour", "sans", "est", "sont", "qui", "que",
             "puis", "mais", "donc", "car", "vers", "par", "près", "pres", "depuis", "il", "elle", "on", "nous")
CAPITALISED = r"[A-ZÀ-ÖØ-Þ0-9][\w’'\-]*"
LOWER = r"[a-zà-öø-ÿ][\w’'\-]*"
# a street's name goes on after 'du' and a number ('avenue du 11 Novembre'), not after 'le' ('résidence Les Brichères
# le 11 au soir': a date)
NAME = (rf"(?:(?:{PARTICLE}\s?)*{CAPITALISED}(?:[ \-](?!(?:le|la|les)\s\d)(?:{PARTICLE}\s?)*{CAPITALISED}){{0,5}}"
        rf"|(?!{STOP}\b){LOWER}(?:\s(?!{STOP}\b)(?:{PARTICLE}\s?)*{LOWER}){{0,2}})")
# not a year ('installée à Marseille en 2013, quartier Frais-Vallon', 'née le 11/03/2001, résidence Les Vergers'),
# but '2045, chemin des Collines'
NUMBER = (r"(?<![/\d])(?!(?:19|20)\d\d,\s(?!(?:chemin|route|rue|avenue|av|boulevard|bd|allée|impasse)\b))"
          r"\d{1,4}(?:\s?(?:bis|ter|quater|[a-dA-D])\b)?,?\s")
BUILDING = r"(?:,?\s(?:bât(?:iment)?\.?|bat\.?|appt?\.?|appartement|esc(?:alier)?\.?|étage|entrée)\s?[\w\-]{1,4})"
TOWN = rf"[A-ZÀ-ÖØ-Þ][\w’'\-]*(?:[ \-](?:{PARTICLE}|[A-ZÀ-ÖØ-Þ][\w’'\-]*)){{0,4}}|[a-zà-ÿ][\w\-]+"
POSTCODE_TOWN = rf"(?:0[1-9]|[1-8]\d|9[0-8])\d{{3}}\s(?:{TOWN})(?:\s[Cc]edex(?:\s\d{{1,2}})?)?"

ADDRESS = re.compile(
    rf"(?<![\w])(?P<value>(?:{NUMBER})?(?i:{STREET_TYPES})(?![\w])\s(?:{NAME})"
    rf"{BUILDING}*(?:,?\s(?:{POSTCODE_TOWN}))?)"
)
# 'un cours', 'une place' followed by 'au' or 'aux': a lesson, a seat, not a street ('habite place aux Herbes')
ALSO_A_NOUN_BEFORE_AU = re.compile(r"(?i:\b(?:un|une|des|le|premier|première|son|sa|ses|nouveau|nouvelle|dernier|"
                                   r"dernière)\s+)$")
# 'vit au Domaine des Chênes': a housing estate, an address
LIVES_BEFORE = re.compile(r"(?i:\b(?:vit|vivent|habite|habitent|réside|résident|demeurant|domiciliée?s?)\b[^.;\n]*)$")
# 'résidence Adoma de Mâcon', 'résidence Habitat Jeunes Les Haubans': a home by its landlord's or its network's name
RESIDENCE_OF_A_FIRM = re.compile(r"(?i:résidence|residence|rés\.?)\s(?P<firm>\S+)")
LONE_POSTCODE_TOWN = re.compile(rf"(?<![\w])(?P<value>{POSTCODE_TOWN})")


class AddressRecognizer(RegexRecognizer):
    LABEL = "LOCATION"
    PATTERNS = (ADDRESS, LONE_POSTCODE_TOWN)
    SCORE = 0.9

    def accept(self, match: re.Match, text: str) -> bool:
        """Without a number, a street is an address only when its name is a proper name ('rue de la
        Paix', not 'mise en place des AED'), 'cite' without its accent only after 'la'; not a lesson or a seat
        ('un cours au Judo Club', 'une place au Foyer'), not the residence a judge fixes ('fixe la résidence de Priya
        MOUTOUSSAMY chez'), nor a landlord's home without a postcode ('résidence Adoma de Mâcon'), and not a wine or
        farm estate, which employs ('ouvrier viticole au Domaine Moissenet-Larue': the organizations' rules take
        both), unless someone lives there."""
        value = match.group("value")
        if value[0].isdigit():
            return True
        if value.startswith("cite ") and not re.search(r"\b[lL]a\s$", text[max(0, match.start() - 3):match.start()]):
            return False  # 'il cite Yasser', not 'la cite des Tilleuls'
        if value.startswith("Domaine ") and not re.search(r"\d{5}", value) \
                and not LIVES_BEFORE.search(text, max(0, match.start() - 30), match.start()):
            return False
        if re.match(r"(?:cours|place)\s+aux?\s", value) \
                and ALSO_A_NOUN_BEFORE_AU.search(text, max(0, match.start() - 12), match.start()):
            return False  # 'premier cours au Judo Club', 'une place au Foyer Les Tilleuls'
        if re.search(r"(?i:\bfix\w*\s+la\s)$", text[max(0, match.start() - 20):match.start()]):
            return False  # 'fixons la résidence de Priya MOUTOUSSAMY chez sa tante'
        firm = RESIDENCE_OF_A_FIRM.match(value)
        if firm and not re.search(r"\d{5}", value) and listed_end(
                text, match.start("value") + firm.start("firm"), listed_form(firm.group("firm")), "organizations.txt"):
            return False  # 'résidence Adoma de Mâcon': the landlord's, which the organizations' rules take
        name = value.split(None, 1)[1] if " " in value else ""
        return any(word[:1].isupper() and not word.isupper() for word in name.split()[:3])
