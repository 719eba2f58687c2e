"""A case a data subject takes part in, as the decisions on their request see it: plain values (pure)."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SubjectCase:
    id: str
    state: str
    retention_until: date | None  # when its disposal falls due, for an archived case
    held: bool
    restricted: bool
    on_disposal_list: bool  # proposed or approved, not yet carried out
