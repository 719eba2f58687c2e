"""French personal identifiers: the NIR (numéro de sécurité sociale) and its key. Pure."""

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


def nir_is_valid(nir: str) -> bool:
    compact = nir.replace(" ", "").upper()
    return len(compact) == 15 and compact[13:].isdigit() and nir_key(compact[:13]) == compact[13:]
