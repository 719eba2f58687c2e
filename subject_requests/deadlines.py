"""Deadlines of a rights request (GDPR art. 12(3)). Pure.

The answer is due one calendar month after receipt (31 January -> 28 or 29 February). It may be
extended once, by two further months, if the person is told with reasons before the first deadline.
"""

from datetime import date

from casefiles.kernel.calendar import add_months

MONTHS_TO_ANSWER = 1
MONTHS_OF_EXTENSION = 2


def first_deadline(received_on: date) -> date:
    return add_months(received_on, MONTHS_TO_ANSWER)


def extended_deadline(received_on: date) -> date:
    return add_months(received_on, MONTHS_TO_ANSWER + MONTHS_OF_EXTENSION)


def why_not_extendable(received_on: date, extended_on: date | None, as_of: date) -> str | None:
    """None when the request may be extended today, else the reason it may not."""
    if extended_on is not None:
        return f"it was already extended on {extended_on.isoformat()}: art. 12(3) allows one extension"
    if as_of > first_deadline(received_on):
        return (f"its first deadline, {first_deadline(received_on).isoformat()}, has passed: an extension must be "
                "notified within the first month")
    return None
