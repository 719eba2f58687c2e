"""The sample kept for history: which eliminable cases go to the archives instead (a pure rule).

The archives' sorting rules keep a sample of the files that would otherwise be eliminated (circular
AD 98-6 of 6 July 1998 on ASE files; in practice one file in ten, or the children born on the first
days of a month, or the surnames starting with some letters). A case is in the sample when one of the
policy's rules chooses it, checked in this order, the first that chooses it named:

- `share`: one case in N, chosen by an HMAC-SHA256 of the case reference under a secret key, so that
  the same case is always in or out, and nobody who does not hold the key can know or steer which;
- `birth_days`: the child was born on one of the given days of a month;
- `surname_initials`: the child's surname starts with one of the given letters (accents and case
  folded: "Élie" is under E; a surname that starts with no letter is under none).

No database, no clock and no key file: the key is handed in as bytes.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date

from casefiles.kernel.names import fold
from casefiles.kernel.vocabulary import SamplingRule

# The share rule's key is derived from the erasure ledger's key under this label (Ledger.derived_key): the
# ledger's key is never rotated (its digests would be orphaned), so the choice stays the same as long as it.
KEY_LABEL = b"oubli sampling v1"


@dataclass(frozen=True)
class Sampling:
    """The policy's sampling rules; a policy without any keeps no sample."""

    one_in: int | None = None  # share: one case in this many
    birth_days: frozenset[int] = frozenset()  # days of the month, 1 to 31
    surname_initials: frozenset[str] = frozenset()  # capital letters A to Z

    @property
    def rules(self) -> tuple[SamplingRule, ...]:
        """The rules in force, in the order they are checked."""
        given = {SamplingRule.SHARE: self.one_in, SamplingRule.BIRTH_DAYS: self.birth_days,
                 SamplingRule.SURNAME_INITIALS: self.surname_initials}
        return tuple(rule for rule, value in given.items() if value)


def in_share(case_id: str, one_in: int, key: bytes) -> bool:
    digest = hmac.new(key, case_id.encode("utf-8"), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") % one_in == 0


def surname_initial(last_name: str | None) -> str | None:
    """The letter a surname is filed under: its first letter, accents and case folded."""
    folded = fold(last_name or "")
    return folded[0].upper() if folded and "a" <= folded[0] <= "z" else None


def sampled_by(sampling: Sampling, case_id: str, child_birth_date: date | None, child_surname_initial: str | None,
               key: bytes) -> SamplingRule | None:
    """The first rule that keeps this case in the sample, or None. A rule that needs a fact the case
    lacks (no child's birth date, no surname) does not choose it."""
    for rule in sampling.rules:
        if rule == SamplingRule.SHARE and not key:
            raise ValueError("the share rule needs the sampling key: without it anyone could tell the sample")
        if rule == SamplingRule.SHARE and sampling.one_in and in_share(case_id, sampling.one_in, key):
            return rule
        if rule == SamplingRule.BIRTH_DAYS and child_birth_date and child_birth_date.day in sampling.birth_days:
            return rule
        if rule == SamplingRule.SURNAME_INITIALS and child_surname_initial in sampling.surname_initials:
            return rule
    return None
