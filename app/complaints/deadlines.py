"""Working-day deadlines: weekends and the holiday table do not count.

A complaint received on a day has its first working day on the next working
day; a response time of N working days ends on the N-th working day after the
day of receipt. Pure: the holidays are passed in.
"""
from __future__ import annotations

from datetime import date, timedelta

DEFAULT_CATEGORIES = [
    # (code, name, working days) -- published Indonesian service standards (domain brief)
    ("ringan", "Pengaduan ringan", 2),
    ("normatif", "Pengaduan normatif", 5),
    ("lainnya", "Pengaduan lainnya", 14),
    ("investigasi", "Pengaduan yang memerlukan investigasi", 60),
]


def is_working_day(day: date, holidays: set[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(received: date, days: int, holidays: set[date]) -> date:
    if days < 0:
        raise ValueError("days must not be negative")
    day, counted = received, 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            counted += 1
    return day


def is_overdue(due_on: date, today: date, open_: bool) -> bool:
    return open_ and today > due_on
