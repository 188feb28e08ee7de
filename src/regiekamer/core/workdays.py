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


def _working_days_after(start: dt.date, end: dt.date) -> int:
    """The number of working days d with ``start < d <= end`` (0 when ``end <= start``)."""
    if end <= start:
        return 0
    days = (end - start).days
    full_weeks, rest = divmod(days, 7)
    weekdays = full_weeks * 5
    for offset in range(1, rest + 1):
        if (start + dt.timedelta(days=offset)).weekday() < 5:
            weekdays += 1
    holidays_on_weekdays = sum(
        1
        for year in range(start.year, end.year + 1)
        for day in _dutch_holidays(year)
        if start < day <= end and day.weekday() < 5
    )
    return weekdays - holidays_on_weekdays


def working_days_taken(start: dt.date, end: dt.date) -> int:
    """How many working days a step begun on ``start`` and decided on ``end`` took: the smallest ``k`` with
    ``end <= add_working_days(start, k)``. A decision on the day itself takes 0; a decision on a weekend or holiday
    counts as one on the next working day. So a step with a term of ``n`` working days was decided in time exactly
    when this is at most ``n``."""
    if end <= start:
        return 0
    return _working_days_after(start, end) + (0 if is_working_day(end) else 1)
