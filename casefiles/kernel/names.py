"""Folding names for accent- and case-insensitive comparison."""

import unicodedata


def fold(text: str) -> str:
    """'Élodie LE BRIS-Hervé' -> 'elodie le bris herve'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("œ", "oe").replace("æ", "ae"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join("".join(ch if ch.isalnum() else " " for ch in bare).split())


def search_name(first_names: str | None, last_name: str | None) -> str:
    """What a person is searched by: "first names last name", folded."""
    return fold(f"{first_names or ''} {last_name or ''}")
