"""Word lists shipped as data files beside the code (anonymizer/data/*.txt, in the wheel), each read once,
on first use: one entry a line, lines starting with '#' (where each list comes from) skipped."""

import re
from functools import cache
from importlib import resources

from anonymizer.text import fold, fold_with_offsets


def _entries(name: str) -> list[str]:
    """The lines of anonymizer/data/`name` that are entries, stripped."""
    text = resources.files("anonymizer").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


# 'St-Benoît', 'Ste Marie', 'St Albans': a saint abridged, in a text or a list, is looked up in full
SAINT = re.compile(r"\b(st|ste)[- ](?=\w)")


# A name's article, as the lists of places write it folded ('la hague', "l'union")
ARTICLE = re.compile(r"^(?:l'|le |la |les )")


def _saint_in_full(folded: str) -> str:
    if "st" not in folded:  # most entries of 100,000, read at the first text
        return folded
    return SAINT.sub(lambda saint: "saint-" if saint.group(1) == "st" else "sainte-", folded)


def listed_form(value: str) -> str:
    """A text's words as the lists write them: folded, straight apostrophes, a saint in full ('L’Union' -> "l'union",
    'St-Benoît' -> 'saint-benoit')."""
    return _saint_in_full(fold(value).replace("’", "'"))


@cache
def lexicon_entries(name: str) -> frozenset[str]:
    """The entries of anonymizer/data/`name` as written ('ACSEA' is not 'acsea')."""
    return frozenset(_entries(name))


@cache
def folded_words(name: str) -> frozenset[str]:
    """The entries of anonymizer/data/`name`, folded, a saint in full ('Ngọc' -> 'ngoc', 'St Albans' -> 'saint-albans')."""
    return frozenset(_saint_in_full(fold(entry)) for entry in _entries(name))


@cache
def names_by_first_word(name: str) -> dict[str, tuple[str, ...]]:
    """The entries of anonymizer/data/`name`, folded, hyphens as spaces ('Robert-Debré' -> 'robert debre'),
    by their first word, longest first: a text's capitalised word is looked up here before the words after it."""
    by_first: dict[str, list[str]] = {}
    for line in _entries(name):
        entry = listed_form(line).replace("-", " ")
        by_first.setdefault(entry.split(" ")[0], []).append(entry)
    return {first: tuple(sorted(set(entries), key=len, reverse=True)) for first, entries in by_first.items()}


def listed_name_end(text: str, start: int, entries: tuple[str, ...]) -> int | None:
    """Where the longest of `entries` (folded) written at `start` ends, accents, case and hyphens aside."""
    folded, origin = fold_with_offsets(text[start:start + len(entries[0]) + 1])
    folded = folded.replace("-", " ").replace("’", "'")
    for entry in entries:
        if folded.startswith(entry) and not folded[len(entry):len(entry) + 1].isalnum():
            return start + origin[len(entry) - 1] + 1
    return None


def listed_end(text: str, start: int, first: str, lexicon: str) -> int | None:
    """Where a name of anonymizer/data/`lexicon` whose first word, as the lists write it, is `first` ends if one is
    written at `start`."""
    entries = names_by_first_word(lexicon).get(first)
    return listed_name_end(text, start, entries) if entries else None


def is_service_acronym(value: str) -> bool:
    """'PAJE', 'CRIP', 'EPSM', 'T3': a kind of service, a benefit, a job or a word notes write in capitals
    (service_acronyms.txt), not one organization nor a surname in capitals."""
    return value in lexicon_entries("service_acronyms.txt")


def is_listed_place(value: str) -> bool:
    """A French commune, a town of the world or a country ('Menton', 'Bani Walid', 'Libye', 'Muret'): what a
    capitalised word names; a word in lower case is looked up in communes.txt alone ('muret' is a wall)."""
    folded = listed_form(value)
    return any(folded in folded_words(name) for name in ("communes.txt", "communes_also_words.txt", "cities.txt",
                                                         "countries.txt"))


def is_town_in_lower_case(value: str) -> bool:
    """A commune a note may write in lower case: one that is no word (communes.txt), or a large town that is one
    (large_towns.txt: 'paris', 'castres')."""
    folded = listed_form(value)
    return folded in folded_words("communes.txt") or folded in folded_words("large_towns.txt")


def is_department_or_region(value: str) -> bool:
    """A département or a région, today's or a former one ('Calvados', 'la Moselle', "l'Aude", 'Alsace'), article
    aside (departements.txt)."""
    return ARTICLE.sub("", listed_form(value)) in folded_words("departements.txt")


def is_french_word(word: str) -> bool:
    """A French word of the lemmatizer's tables, in any form, accents aside ('petits', 'feu', 'prochaine'), not a
    name few dictionaries hold ('lakanal', 'lidl'): french_words.txt, folded when written."""
    return fold(word) in lexicon_entries("french_words.txt")


# A note's shorthand, a mail's or an application's word no dictionary holds ('convoc', 'Fwd', 'Pronote'): no surname
SHORTHAND = frozenset({"educ", "instit", "ortho", "convoc", "pronote", "recre", "tjrs", "bcp", "mtn", "ajd", "pdt", "svt",
                       "rdv", "fwd", "whatsapp", "snap", "snapchat", "insta", "instagram", "facebook", "tiktok", "teams",
                       "zoom", "doctolib", "parcoursup", "erasmus", "covid"})


def looks_like_a_surname(word: str) -> bool:
    """A word of four letters or more with a vowel that no dictionary holds, no service's acronym and no note's
    shorthand: 'garcia', 'pointet', not 'dps', 'mdph', 'tjrs', 'convoc' nor 'maman'."""
    return len(word) > 3 and bool(re.search(r"[aeiouyàâéèêëîïôûù]", word, re.IGNORECASE)) \
        and fold(word) not in SHORTHAND and not is_french_word(word) and not is_service_acronym(word.upper())
