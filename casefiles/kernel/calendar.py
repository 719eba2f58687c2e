"""Calendar arithmetic in months and years, as the law counts them, and dates in French words. Pure.

One month after 31 January is 28 (or 29) February: the day is kept when the month has it, else the
month's last day. Periods are never counted as 30 or 365 days.
"""

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")


def french_date(day: date) -> str:
    """A date as a French reader writes it: "1er mars 2026", "6 décembre 2026"."""
    return f"{'1er' if day.day == 1 else day.day} {MONTHS_FR[day.month - 1]} {day.year}"
