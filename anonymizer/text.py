"""Text helpers that keep exact offsets: folding (case, accents) and cutting long texts into pieces."""

import re
import unicodedata
from array import array
from collections.abc import Iterator, Sequence

# A run of ASCII characters, or one other character.
ASCII_RUN_OR_CHARACTER = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]")


def fold_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """Lower-case, accent-free `text` and, for each of its characters, the index it came from.

    'Élodie DUPRÉ' -> 'elodie dupre'; a ligature becomes two letters ('œ' -> 'oe') pointing at one.
    The indexes take four bytes each (an array, not a list of numbers), and runs of ASCII are folded
    at once: a text of megabytes costs a few times its size, in one pass.
    """
    if text.isascii():
        return text.lower(), range(len(text))
    folded, origin = [], array("I")
    for match in ASCII_RUN_OR_CHARACTER.finditer(text):
        run, index = match.group(), match.start()
        if run.isascii():
            folded.append(run.lower())
            origin.extend(range(index, match.end()))
            continue
        lowered = run.casefold().replace("œ", "oe").replace("æ", "ae")
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
