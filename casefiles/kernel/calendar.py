"""Calendar arithmetic in months and years, as the law counts them. Pure.

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
