"""French personal identifiers: the NIR (numéro de sécurité sociale) and its key. Pure.

Every NIR check of the project is here: the shape an import accepts, the key a rectification and the
recognizer verify (the recognizer first takes out what prose puts between the digits)."""

import re

# 15 characters: sex, year, month, place (2A or 2B for Corsica), order and key (not checked).
NIR_SHAPE = re.compile(r"^[12378][0-9]{4}(?:[0-9]{2}|2A|2B)[0-9]{8}$")
CORSICA = {"2A": "19", "2B": "18"}  # for the key, 2A counts as 19 and 2B as 18


def nir_key(first13: str) -> str:
    """The two-digit key of a NIR: 97 - (number mod 97), with 2A and 2B as 19 and 18."""
    digits = first13[:5] + CORSICA.get(first13[5:7].upper(), first13[5:7]) + first13[7:]
    return f"{97 - int(digits) % 97:02d}"


def make_nir(sex_digit: int, year: int, month: int, place: str, order: int) -> str:
    """A valid NIR: `place` is the département (2 characters) and commune (3 digits), or for
    overseas a 3-digit département and 2-digit commune, or 99 and a country code when born abroad."""
    first13 = f"{sex_digit}{year % 100:02d}{month:02d}{place}{order:03d}"
    if len(first13) != 13:
        raise ValueError("a NIR's place is 5 characters: département and commune")
    return first13 + nir_key(first13)


def compact_nir(nir: str) -> str:
    """The NIR as the store keeps it: without spaces, 2A and 2B in capitals."""
    return nir.replace(" ", "").upper()


def nir_has_shape(nir: str) -> bool:
    """Whether the NIR (spaces allowed) has the shape of one, whatever its key."""
    return NIR_SHAPE.match(compact_nir(nir)) is not None


def nir_is_valid(nir: str) -> bool:
    """Whether the NIR (spaces allowed) is 15 characters whose last two are its key."""
    compact = compact_nir(nir)
    return len(compact) == 15 and compact[13:].isdigit() and nir_key(compact[:13]) == compact[13:]
