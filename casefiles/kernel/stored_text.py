"""Whether a text can be stored as it is: within its column's length, and text both databases keep.

PostgreSQL refuses a NUL character in any text, and neither database driver can encode a lone
surrogate (what `"\\ud800"` decodes to in JSON); a value longer than its column is refused by
PostgreSQL and kept by SQLite. These are checked where input comes in (an import line, a rectified
value), so that such a value is refused by its field's name and never reaches the database.
The answers say what is wrong without ever repeating the text.
"""

import re

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def what_is_wrong(text: str, most: int | None) -> str | None:
    """Why `text` cannot be stored in a column of `most` characters (None: no limit), or None if it can."""
    if most is not None and len(text) > most:
        return f"is {len(text)} characters, at most {most}"
    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return "holds a NUL character (\\u0000), which no text may hold"
    return "holds a lone surrogate (\\ud800 to \\udfff), which is not a character"


def id_is_wrong(text: str, most: int) -> str | None:
    """As `what_is_wrong`, and an id, which messages show, is printable: no control or invisible character."""
    if len(text) <= most and text.isprintable():
        return None
    return what_is_wrong(text, most) or "holds a control or invisible character, which no id may hold"
