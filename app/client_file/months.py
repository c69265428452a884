"""The months a monthly progress report may be issued for from the client's file: from the month the supervision
started (a year back when it has no start) to this month, newest first; at most three years of them."""
from __future__ import annotations

from datetime import date

MOST = 36


def report_months(start: date | None, today: date) -> list[date]:
    """First days of the months, newest first (this month first: the file's default)."""
    month = today.replace(day=1)
    first = (start or today.replace(year=today.year - 1)).replace(day=1)
    out: list[date] = []
    while month >= first and len(out) < MOST:
        out.append(month)
        month = (month.replace(day=1) - date.resolution).replace(day=1)
    return out or [today.replace(day=1)]
