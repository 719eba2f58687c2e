"""Known persons: the participants of a case, handed in as values, found in its texts whatever the
case, accents, word order, hyphens, or use of the first name or surname alone; their identifiers
(NIR, phone, e-mail, CAF number) too, and their birth date (in words or in figures), birthplace and
address, so that a sibling's 'né le 2 août 2012 à Muret' is theirs whatever the detector calls it.
Each mention carries the person's id and role, which is what
lets an access export tell the subject from third parties. A mention that fits several participants
(a surname shared by a family) is tagged with no one."""

import re
from dataclasses import dataclass
from datetime import date

from anonymizer.entities import Entity
from anonymizer.stop_words import STOP_WORDS
from anonymizer.text import fold, fold_with_offsets

RECOGNIZER = "KnownPersons"
# Surnames and first names that are also everyday words: written in lower case, they are the word.
EVERYDAY_WORDS = {"petit", "blanc", "noir", "grand", "gros", "roux", "brun", "rose", "pierre", "marine", "olive",
                  "blanche", "france", "loup", "renard", "martin", "moulin", "fontaine", "chevalier", "bon", "leger",
                  "lebon", "page", "roi", "prince", "baron", "marchand", "boucher", "berger", "meunier", "masson"}


@dataclass(frozen=True)
class KnownPerson:
    person_id: str
    role: str
    last_name: str
    first_names: str | None = None
    birth_name: str | None = None
    nir: str | None = None
    phone: str | None = None
    email: str | None = None
    caf_number: str | None = None
    birth_date: date | None = None
    birth_place: str | None = None
    address: str | None = None


def _words(name: str | None) -> list[str]:
    return re.split(r"[\s\-.]+", fold(name).strip(" -.")) if name and name.strip(" -.") else []


def _name_variants(person: KnownPerson) -> set[tuple[str, ...]]:
    """Word sequences that name the person: full names in both orders, each name alone, an initial."""
    firsts = _words(person.first_names)
    variants = set()
    for last in filter(None, (_words(person.last_name), _words(person.birth_name))):
        variants |= {tuple(last), tuple(firsts + last), tuple(last + firsts)}
        if firsts:
            variants |= {(firsts[0], *last), (*last, firsts[0]), (firsts[0][0], *last)}
    if firsts:
        variants |= {tuple(firsts), (firsts[0],)}
    return {variant for variant in variants if variant and len("".join(variant)) > 1}


MONTHS = ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
          "decembre")


def _date_pattern(day: date) -> str:
    """'2 août 2012', '1er mars 2010', '02/08/2012', '2.8.12', '2012-08-02', on the folded text."""
    number = rf"(?:0?{day.day}{'|1er' if day.day == 1 else ''})"
    month = rf"(?:0?{day.month})"
    year = rf"(?:{day.year}|{day.year % 100:02d})"
    return (rf"{number}\s+{MONTHS[day.month - 1]}\s+{day.year}|{number}[/.\-]{month}[/.\-]{year}"
            rf"|{day.year}-{day.month:02d}-{day.day:02d}")


def _place_patterns(value: str | None) -> list[str]:
    """A place as words on the folded text, hyphens and spaces alike; an address also by its street alone
    (before the first comma), since a note seldom repeats the postcode."""
    if not value or len(fold(value).strip()) < 3:
        return []
    parts = {fold(value).strip(" ,."), fold(value.split(",")[0]).strip(" ,.")}
    return [r"[\s\-,]+".join(map(re.escape, re.split(r"[\s\-,]+", part))) for part in parts if len(part) >= 3]


def _digits_pattern(value: str) -> str:
    characters = re.sub(r"[^0-9A-Za-z]", "", value)
    return r"[\s.\-]?".join(re.escape(ch) for ch in characters)


def _phone_pattern(value: str) -> str:
    """A French number in any of its forms: '06 12 34 56 78', '+33 6 12...', '+33 (0)6 12...', '0033 6...'."""
    digits = re.sub(r"\D", "", value)
    national = re.sub(r"^(?:00)?33(?:0)?", "", digits) if re.match(r"(?:00)?33", digits) else digits.lstrip("0")
    if len(national) != 9:
        return _digits_pattern(value)
    return r"(?:(?:\+|00)33[\s.\-]?(?:\(0\)[\s.\-]?)?|0)" + _digits_pattern(national)


class KnownPersons:
    def __init__(self, persons: list[KnownPerson]) -> None:
        owners: dict[tuple[str, ...], set[KnownPerson]] = {}
        for person in persons:
            for variant in _name_variants(person):
                owners.setdefault(variant, set()).add(person)
        separator = r"(?:\.?[\s\-]+|\.)"  # 'Jean-Noël', 'Jean Noël', 'J. Martin', 'J.Martin'
        self._owner_of = {" ".join(variant): people for variant, people in owners.items()}
        alternatives = sorted((separator.join(map(re.escape, variant)) for variant in owners), key=len, reverse=True)
        self._names = re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])") if alternatives else None
        identifiers = []
        for person in persons:
            for label, value in (("FR_NIR", person.nir), ("PHONE_NUMBER", person.phone),
                                 ("EMAIL_ADDRESS", person.email), ("FR_CAF_NUMBER", person.caf_number)):
                if value and len(re.sub(r"\W", "", value)) >= 5:
                    pattern = (re.escape(value) if label == "EMAIL_ADDRESS" else _phone_pattern(value)
                               if label == "PHONE_NUMBER" else _digits_pattern(value))
                    identifiers.append((label, re.compile(rf"(?<![\w+])(?:{pattern})(?![\w])", re.IGNORECASE), person))
        self._identifiers = identifiers
        # Birth dates, birthplaces, addresses: matched on the folded text; a value two people share
        # (siblings' birthplace, a family's address) is tagged with no one.
        values: dict[tuple[str, str], set[KnownPerson]] = {}
        for person in persons:
            for pattern in ([_date_pattern(person.birth_date)] if person.birth_date else []):
                values.setdefault(("DATE_TIME", pattern), set()).add(person)
            for place in (*_place_patterns(person.birth_place), *_place_patterns(person.address)):
                values.setdefault(("LOCATION", place), set()).add(person)
        self._values = [(label, re.compile(rf"(?<![\w])(?:{pattern})(?![\w])"), people)
                        for (label, pattern), people in values.items()]

    def find(self, text: str) -> list[Entity]:
        found = []
        if self._names:
            folded, origin = fold_with_offsets(text)
            for match in self._names.finditer(folded):
                start, end = origin[match.start()], origin[match.end() - 1] + 1
                if self._is_everyday_word(text[start:end], match.group()):
                    continue
                people = self._owner_of[" ".join(re.sub(r"[.\-]", " ", match.group()).split())]
                person = next(iter(people)) if len(people) == 1 else None
                found.append(Entity("PERSON", start, end, 1.0, RECOGNIZER, person and person.person_id,
                                    person and person.role))
        for label, pattern, person in self._identifiers:
            found += [Entity(label, match.start(), match.end(), 1.0, RECOGNIZER, person.person_id, person.role)
                      for match in pattern.finditer(text)]
        if self._values:
            folded, origin = fold_with_offsets(text)
            for label, pattern, people in self._values:
                owner = next(iter(people)) if len(people) == 1 else None
                found += [Entity(label, origin[match.start()], origin[match.end() - 1] + 1, 1.0, RECOGNIZER,
                                 owner and owner.person_id, owner and owner.role)
                          for match in pattern.finditer(folded)]
        return found

    @staticmethod
    def _is_everyday_word(original: str, folded: str) -> bool:
        """'le petit garçon' does not name M. Petit; 'Petit' or 'PETIT' does."""
        return " " not in folded and original.islower() and (folded in STOP_WORDS or folded in EVERYDAY_WORDS)
