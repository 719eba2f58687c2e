"""Who may ask (GDPR art. 12, Code civil on parental authority): warnings for the DPO. Pure.

The person asks for themself; for a minor, a holder of parental authority (unless it was withdrawn)
or the ASE as guardian; from 18 the young adult alone. A parent asking is also a third party in the
child's file. Warnings name no one: the DPO has the request in front of them.
"""

from dataclasses import dataclass
from datetime import date

from casefiles.kernel.vocabulary import Capacity

MAJORITY = 18


@dataclass(frozen=True)
class Facts:
    capacity: Capacity
    received_on: date
    subject_birth_date: date | None
    subject_is_third_party: bool  # the subject is a third party in one of the files
    requester_in_subject_files: bool  # the requester (not the subject) takes part in the subject's files
    requester_authority_withdrawn: bool


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def capacity_warnings(facts: Facts) -> list[str]:
    warnings = []
    age = age_on(facts.subject_birth_date, facts.received_on) if facts.subject_birth_date else None
    on_behalf = facts.capacity in (Capacity.PARENTAL_AUTHORITY, Capacity.GUARDIAN)
    if on_behalf and age is not None and age >= MAJORITY:
        warnings.append(f"the subject was {age} on receipt: an adult asks for themself, not through a parent "
                        "or guardian")
    if facts.capacity == Capacity.PARENTAL_AUTHORITY and facts.requester_authority_withdrawn:
        warnings.append("the requester's parental authority was withdrawn: they may not ask on the child's behalf")
    if facts.capacity == Capacity.SELF and age is not None and age < MAJORITY:
        warnings.append(f"the subject is a minor ({age}): check their maturity, or whether a holder of parental "
                        "authority should ask")
    if facts.requester_in_subject_files:
        warnings.append("the requester also takes part in the subject's files: their own data there answer "
                        "another request, and the rest of what concerns them is a third party's")
    if facts.subject_is_third_party:
        warnings.append("the subject is a third party in at least one file: only what concerns them there "
                        "is theirs")
    return warnings
