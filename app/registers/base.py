"""What every register book is made of: columns, rows, filters.

A book is data (its columns) plus one scoped query. Screens, the print view and
the .xlsx export all read the same rows, so what is printed or exported is
exactly what the user may see on the screen.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Callable, Mapping
from zoneinfo import ZoneInfo

from flask import has_app_context

TEXT, DATE, INT = "text", "date", "int"
PERIOD, PK, STATUS, LETTER = "period", "pk", "status", "letter"
OFFICE_ZONE = "Asia/Jakarta"  # config.BABEL_DEFAULT_TIMEZONE; used when no app is running


@dataclass(frozen=True)
class Column:
    key: str
    header: object  # a lazy translated string
    type: str = TEXT
    width: int = 14  # in characters, as Excel counts column width
    labels: Mapping[str, object] | None = None  # coded values and their translated labels
    strikes: bool = False  # struck through when the row is (a superseded date, an ended case's name)

    def value(self, row: "Row"):
        raw = row.values.get(self.key)
        if self.labels is not None and raw is not None:
            return str(self.labels.get(raw, raw))
        return raw


@dataclass
class Row:
    values: dict
    struck: bool = False


@dataclass(frozen=True)
class Period:
    """Both ends included."""

    start: date
    end: date

    @classmethod
    def month(cls, first: date) -> "Period":
        first = first.replace(day=1)
        return cls(first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1))

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def is_month(self) -> bool:
        return self == Period.month(self.start)

    @property
    def after_end(self) -> date:
        return self.end + timedelta(days=1)


@dataclass(frozen=True)
class Filters:
    period: Period | None = None
    pk_id: int | None = None
    status: str | None = None
    letter: str | None = None


Query = Callable[[object, object, Filters], list[Row]]


@dataclass(frozen=True)
class Book:
    slug: str  # file names and the audit log; never a person's name
    title: object  # lazy translated
    sheet: str  # the book's own Indonesian name, as the office calls it
    columns: tuple[Column, ...]
    query: Query
    filters: frozenset[str] = frozenset()
    statuses: Mapping[str, object] = field(default_factory=dict)
    status_label: object = None  # what the status filter is called in this book
    default_period: str = "month"  # or "year"

    def rows(self, session, who, filters: Filters) -> list[Row]:
        return self.query(session, who, filters)


def office_zone() -> ZoneInfo:
    if has_app_context():
        from flask_babel import get_timezone

        zone = get_timezone()
        if zone is not None:
            return ZoneInfo(str(zone))
    return ZoneInfo(OFFICE_ZONE)


def utc_bounds(period: Period, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The period's local days as naive UTC instants [start, after end), the way timestamps are stored."""
    def utc(day: date) -> datetime:
        return datetime.combine(day, time.min, zone).astimezone(timezone.utc).replace(tzinfo=None)

    return utc(period.start), utc(period.after_end)


def local_day(stored: datetime | None, zone: ZoneInfo) -> date | None:
    """The office's calendar day of a stored (naive UTC) timestamp."""
    if stored is None:
        return None
    return stored.replace(tzinfo=timezone.utc).astimezone(zone).date()
