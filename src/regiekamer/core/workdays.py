"""Working-day arithmetic for protocol deadlines (Dutch public holidays excluded)."""

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _dutch_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.Netherlands(years=year).keys())


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _dutch_holidays(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current
