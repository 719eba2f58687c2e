"""Redaction: each finding replaced by a label in brackets, the rest of the text untouched."""

from collections.abc import Iterable

from anonymizer.entities import Entity


def replace_spans(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """Each (start, end) stretch replaced by its text; the stretches must not overlap."""
    parts, position = [], 0
    for start, end, replacement in sorted(spans):
        parts += [text[position:start], replacement]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def redact(text: str, entities: list[Entity]) -> str:
    """'Mme DUPONT, 06 12 34 56 78' -> 'Mme [PERSON], [PHONE_NUMBER]'; entities must not overlap."""
    return replace_spans(text, ((entity.start, entity.end, f"[{entity.label}]") for entity in entities))
