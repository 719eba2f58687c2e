"""Redaction: each finding replaced by its label in brackets, the rest of the text untouched."""

from anonymizer.entities import Entity


def redact(text: str, entities: list[Entity]) -> str:
    """'Mme DUPONT, 06 12 34 56 78' -> 'Mme [PERSON], [PHONE_NUMBER]'; entities must not overlap."""
    parts, position = [], 0
    for entity in sorted(entities, key=lambda e: e.start):
        parts += [text[position:entity.start], f"[{entity.label}]"]
        position = entity.end
    parts.append(text[position:])
    return "".join(parts)
