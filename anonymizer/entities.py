"""What the detector reports: a labelled span of a text, never the value itself."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Entity:
    label: str
    start: int
    end: int
    score: float
    recognizer: str
    # Set when the span names a known participant of the case.
    person_id: str | None = None
    role: str | None = None

    def overlaps(self, other: "Entity") -> bool:
        return self.start < other.end and other.start < self.end

    def shifted(self, offset: int) -> "Entity":
        return Entity(self.label, self.start + offset, self.end + offset, self.score, self.recognizer,
                      self.person_id, self.role)

    def as_dict(self) -> dict:
        found = {"label": self.label, "start": self.start, "end": self.end, "score": round(self.score, 2),
                 "recognizer": self.recognizer}
        if self.person_id:
            found |= {"person_id": self.person_id, "role": self.role}
        return found
