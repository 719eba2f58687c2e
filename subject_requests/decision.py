"""A decision on one record of a request: what happened to it and on which ground, for the DPO (in
English) and for the letter to the person (in French)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    record: str  # "case:ID", "person:ID", "person:ID:FIELD" or "document:ID"
    outcome: str  # erased | refused | restricted | rectified | statement_added
    ground: str
    motif: str  # the fact behind it, in French, as the letter puts it (the letter adds the article, in words)

    @property
    def article(self) -> str:
        """The ground's article, '17(3)(b)', for counting refusals by ground."""
        return self.ground.split(":", 1)[0]


OFFER = "restriction of processing (art. 18) can be asked instead"
