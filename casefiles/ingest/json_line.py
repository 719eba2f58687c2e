"""Decoding one line of an import file as JSON, whatever a hostile file holds. Pure: no database.

Python's decoder alone would end on a traceback for an array nested 200,000 deep (RecursionError)
or a number of 5,000 digits (ValueError), and would keep silently the last of two values given to
the same key. Here a line is refused before decoding when it is nested deeper than any record
(`MAX_DEPTH`); numbers are never converted (no field of the format is a number: a `Number` stands
for one, so that its field says it is not what it should be); and an object remembers the keys it
was given twice, for the record's validation to name. Problems never repeat the line's text.
"""

import json
import re
from collections import Counter

# A line longer than this is refused unread: its case would be far larger than any real one.
MAX_LINE_BYTES = 32 * 1024 * 1024
# A case (1) holds lists (2) of objects (3) of plain values: a few more levels leave room, no more.
MAX_DEPTH = 8

_STRING = re.compile(rb'"[^"]*"')
_NOT_STRUCTURE = bytes(byte for byte in range(256) if byte not in b'"[]{}')

class Number:
    """A JSON number, never converted: its field is not a number, whatever its size."""


class JsonObject(dict):
    """A JSON object given a key more than once, with those keys (the last value of each is kept)."""

    repeated: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, object]]) -> dict:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    repeated = JsonObject(obj)
    repeated.repeated = tuple(sorted(key for key, times in Counter(key for key, _ in pairs).items() if times > 1))
    return repeated


def _number(_text: str) -> Number:
    return Number()


_DECODER = json.JSONDecoder(object_pairs_hook=_object, parse_int=_number, parse_float=_number,
                            parse_constant=_number)


def decode(raw: bytes) -> tuple[object, str | None]:
    """(the line's JSON value, None), or (None, why the line cannot be read)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "is not UTF-8 text"
    if _depth(raw) > MAX_DEPTH:
        return None, f"is nested more than {MAX_DEPTH} levels deep (arrays and objects within each other)"
    try:
        return _DECODER.decode(text), None
    except json.JSONDecodeError as error:
        return None, f"is not valid JSON: {error.msg} at column {error.colno}"


def _depth(raw: bytes) -> int:
    """How deep the line's arrays and objects nest, brackets inside strings left out. Escaped backslashes and
    quotes go first, then all but quotes and brackets, then strings: what remains, short, is the structure."""
    skeleton = raw.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, _NOT_STRUCTURE)
    depth = deepest = 0
    for byte in _STRING.sub(b"", skeleton):
        depth += 1 if byte in b"[{" else -1
        if depth > deepest:
            deepest = depth
            if deepest > MAX_DEPTH:
                break
    return deepest
