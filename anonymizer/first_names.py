"""A lexicon of first names given in France: Faker's lists for the French-speaking, Maghreb,
Southern and Eastern European, Turkish and West African locales (anonymizer/data/first_names_*_locales.txt),
the names most given to children born in France since 2000, and the data files of the other origins of the
département's families (anonymizer/data/first_names*.txt: Albanian, Kosovar, Turkish, Kurdish, Ukrainian,
Vietnamese, West African, Comorian, Haitian; their sources are in make_lists.py there). A
capitalised word in it is a name, except those that are also everyday words, which count only in the
middle of a sentence. The civil status's rarer names (first_names_civil_status.txt: 'Soilihi', 'Nolwenn',
but also 'Zola') count where a person is looked for, never to refuse a place or a firm ('collège
Émile-Zola de Lens')."""

from functools import cache, lru_cache

from anonymizer.lexicons import folded_words
from anonymizer.stop_words import STOP_WORDS
from anonymizer.text import fold

# The files of Faker's locales' names, as make_lists.py writes them: the French-speaking ones, and all.
FRENCH_LOCALES_FILES = ("first_names_french_locales.txt",)
LOCALES_FILES = (*FRENCH_LOCALES_FILES, "first_names_other_locales.txt")
GIVEN_SINCE_2000 = """
Lucas Léo Gabriel Raphaël Arthur Louis Jules Adam Maël Hugo Nathan Enzo Mathis Noah Tom Théo Ethan Timéo
Paul Sacha Nolan Liam Aaron Mohamed Yanis Rayan Amine Ilyes Sofiane Karim Mehdi Nassim Samir Yassine Bilal
Ibrahim Moussa Mamadou Ousmane Kaïs Ayoub Ismaël Younes Adem Malo Noa Eden Axel Kylian Mattéo Clément Baptiste
Emma Jade Louise Alice Chloé Lina Mila Léa Manon Rose Anna Inès Camille Lola Ambre Léna Zoé Juliette Julia
Lou Agathe Romane Sofia Mia Nina Eva Margaux Jeanne Iris Lucie Sarah Sara Yasmine Inaya Nour Meryem Imane
Salma Myriam Kenza Assia Aya Fatoumata Aïcha Fatima Maëlys Océane Clara Elsa Lilou Capucine Victoire Apolline
Mathilde Pauline Marie Laura Émilie Coralie Amandine Jessica Kevin Dylan Jordan Anthony Jérémy Mickaël Steven
Loïc Gaël Tiphaine Maëva Naël Wassim Anis Ilan Elyes Noam Lyam Timothé Gaspard Valentin Maxime Thomas Alexandre
"""
# Towns of the region and feasts that some lists give as first names: never a name here.
NOT_NAMES_HERE = {"albi", "muret", "lourdes", "nice", "valence", "paris", "lyon", "vienne", "orange", "noel",
                  "toussaint", "paques"}
# Everyday French words that are also first names: a name only mid-sentence.
EVERYDAY = {"rose", "pierre", "marine", "claire", "constance", "prudence", "olive", "ange", "aime", "aimee",
            "france", "victoire", "capucine", "iris", "ambre", "eden", "fleur", "lune", "prosper", "clement",
            "bonne", "aurore", "colombe", "violette", "blanche", "mercedes", "dominique", "rappel", "sage"}


@cache
def first_names(files: tuple[str, ...] = LOCALES_FILES) -> frozenset[str]:
    names = {fold(name) for name in GIVEN_SINCE_2000.split()}.union(*(folded_words(file) for file in files))
    return frozenset(names) - STOP_WORDS - NOT_NAMES_HERE


@lru_cache(maxsize=65_536)
def is_lower_case_first_name(word: str) -> bool:
    """In a hurried note ('pere (gerard masson)'): French first names only, never an everyday word."""
    return len(word) > 3 and word not in EVERYDAY and fold(word) in first_names(FRENCH_LOCALES_FILES)


@lru_cache(maxsize=65_536)
def is_lone_lower_case_first_name(word: str) -> bool:
    """'vu karim ce matin', 'ana-maria 9a': a first name of any origin in lower case, three letters or
    more, unless it is also a French word ('rose', 'claire', 'pierre')."""
    parts = fold(word).split("-")
    return all(len(part) > 2 and part not in EVERYDAY and part not in _also_words()
               and (part in first_names() or part in _other_origins() or part in _civil_status()) for part in parts)


@lru_cache(maxsize=65_536)
def is_first_name(word: str, mid_sentence: bool, civil_status: bool = False) -> bool:
    """'Lucas' yes; 'Rose' only mid-sentence; 'Jean-Pierre' when each part is a first name; 'Soilihi' only
    with `civil_status`, where a person is looked for."""
    parts = fold(word).split("-")
    rare = _civil_status() if civil_status else frozenset()
    if not all(part in first_names() or part in _other_origins() or part in rare for part in parts):
        return False
    everyday = parts[0] in EVERYDAY or (parts[0] in _also_words() and parts[0] not in first_names())
    return mid_sentence or not (len(parts) == 1 and everyday)


@cache
def _other_origins() -> frozenset[str]:
    return (folded_words("first_names.txt") | _also_words()) - STOP_WORDS - NOT_NAMES_HERE


@cache
def _civil_status() -> frozenset[str]:
    return folded_words("first_names_civil_status.txt") - STOP_WORDS - NOT_NAMES_HERE


def _also_words() -> frozenset[str]:
    return folded_words("first_names_also_words.txt")
