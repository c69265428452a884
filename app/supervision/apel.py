"""Wajib lapor (apel): the client reports at least once in every reporting period.

Periods are consecutive windows of ``interval`` days counted from the start of
supervision (30 days, "monthly", unless the PK sets another interval); only
periods that have ended before ``today`` can be missed. Three missed periods in
a row are a ground for revocation of PB/CB/CMB (domain brief, "Revocation"),
so they raise an alert. Pure functions: no Flask, no database.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta

ALERT_AFTER_MISSED_IN_A_ROW = 3


@dataclass(frozen=True)
class Period:
    first_day: date
    last_day: date


def _last_counted_day(today: date, until: date | None) -> date:
    return min(today - timedelta(days=1), until) if until else today - timedelta(days=1)


def completed_count(start: date, interval: int, today: date, until: date | None = None) -> int:
    """How many reporting periods ended before ``today`` (and by ``until``): ``len(completed_periods(...))``,
    counted without listing them (the due items ask it for every client of an office)."""
    if interval < 1:
        raise ValueError("interval must be at least one day")
    return max(0, ((_last_counted_day(today, until) - start).days + 1) // interval)


def completed_periods(start: date, interval: int, today: date, until: date | None = None) -> list[Period]:
    """Reporting periods of the supervision that ended before ``today`` (and by ``until``)."""
    step, length = timedelta(days=interval), timedelta(days=interval - 1)
    return [Period(start + k * step, start + k * step + length)
            for k in range(completed_count(start, interval, today, until))]


def schedule(start: date, interval: int, until: date) -> list[Period]:
    """Every reporting period of a supervision from ``start`` to ``until`` (its expiry): the
    periods completed_periods counts, and a last, shorter one where the expiry cuts it (the card's
    reporting grid prints one row for each)."""
    periods = completed_periods(start, interval, until + timedelta(days=1), until)
    next_first = periods[-1].last_day + timedelta(days=1) if periods else start
    if next_first <= until:
        periods.append(Period(next_first, until))
    return periods


def missed_periods(start: date, interval: int, today: date, reports: list[date],
                   until: date | None = None) -> list[Period]:
    """Completed periods with no report in them."""
    ordered = sorted(reports)
    missed = []
    for period in completed_periods(start, interval, today, until):
        i = bisect_left(ordered, period.first_day)
        if i == len(ordered) or ordered[i] > period.last_day:
            missed.append(period)
    return missed


def missed_in_a_row(start: date, interval: int, today: date, reports: list[date],
                    until: date | None = None) -> int:
    """How many of the most recent completed periods were missed, back to the last report.

    A report in the current, unfinished period means the client is reporting
    again: the count is then zero."""
    periods = completed_count(start, interval, today, until)
    last_report = max((r for r in reports if r <= today), default=None)
    if last_report is None or last_report < start:
        return periods
    # Period k begins on start + k * interval: those after the last report are the missed ones in a row.
    reported_in = (last_report - start).days // interval
    return max(0, periods - reported_in - 1)


def revocation_alert(start: date, interval: int, today: date, reports: list[date],
                     until: date | None = None) -> bool:
    return missed_in_a_row(start, interval, today, reports, until) >= ALERT_AFTER_MISSED_IN_A_ROW


def alert_threshold(start: date, interval: int, today: date) -> date | None:
    """The alert holds exactly when no report is dated on or after this day (None: too
    early for an alert). Lets a database find alerted clients with one comparison."""
    periods = completed_periods(start, interval, today)
    if len(periods) < ALERT_AFTER_MISSED_IN_A_ROW:
        return None
    return periods[-ALERT_AFTER_MISSED_IN_A_ROW].first_day
