"""Text helpers that keep exact offsets: folding (case, accents) and cutting long texts into pieces."""

import unicodedata
from collections.abc import Iterator


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Lower-case, accent-free `text` and, for each of its characters, the index it came from.

    'Élodie DUPRÉ' -> 'elodie dupre'; a ligature becomes two letters ('œ' -> 'oe') pointing at one.
    """
    folded, origin = [], []
    for index, char in enumerate(text):
        if char.isascii():
            folded.append(char.lower())
            origin.append(index)
            continue
        lowered = char.casefold().replace("œ", "oe").replace("æ", "ae")
        for part in unicodedata.normalize("NFKD", lowered):
            if not unicodedata.combining(part):
                folded.append(part)
                origin.append(index)
    return "".join(folded), origin


def fold(text: str) -> str:
    """fold_with_offsets without the offsets; plain ASCII takes the short way."""
    if text.isascii():
        return text.lower()
    lowered = text.casefold().replace("œ", "oe").replace("æ", "ae")
    return "".join(part for part in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(part))


def pieces(text: str, size: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) with every piece at most `size` characters, cut after a line break, else
    after a sentence, else at a space, so that no name or number is split in two."""
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = max(window.rfind("\n"), window.rfind(". "), window.rfind(" "))
        end = start + (cut + 1 if cut > size // 2 else size)
        yield start, text[start:end]
        start = end
    if start < len(text) or not text:
        yield start, text[start:]
