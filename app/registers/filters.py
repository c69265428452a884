"""Reading a register's filters from what was typed in the address or the form.

Every value is checked here and refused with a translated message (the screen
answers 400), so a typo never reaches a query and never becomes a 500.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Mapping

from flask_babel import lazy_gettext as _

from app.errors import DomainError
from app.registers.base import LETTER, PERIOD, PK, STATUS, Book, Filters, Period

MIN_YEAR, MAX_YEAR = 1990, 2100  # beyond these a date is a typing slip
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_ID_DIGITS = 9


class BadFilter(DomainError):
    status_code = 400


def _month(raw: str) -> date:
    match = MONTH.match(raw)
    if not match or not 1 <= int(match.group(2)) <= 12 or not MIN_YEAR <= int(match.group(1)) <= MAX_YEAR:
        raise BadFilter(_("The month must be a month between %(low)s and %(high)s, written as YYYY-MM.",
                          low=MIN_YEAR, high=MAX_YEAR))
    return date(int(match.group(1)), int(match.group(2)), 1)


def _day(raw: str) -> date:
    try:
        value = date.fromisoformat(raw) if DAY.match(raw) else None
    except ValueError:
        value = None
    if value is None or not MIN_YEAR <= value.year <= MAX_YEAR:
        raise BadFilter(_("A date must be a real date between %(low)s and %(high)s, written as YYYY-MM-DD.",
                          low=MIN_YEAR, high=MAX_YEAR))
    return value


def _period(book: Book, args: Mapping[str, str], today: date) -> Period:
    """``periode=bulan`` reads the month, ``periode=rentang`` the two dates; without it (a link, a
    bookmark) the dates are read when given, else the month."""
    start, end = (args.get("dari") or "").strip(), (args.get("sampai") or "").strip()
    mode = (args.get("periode") or "").strip()
    if mode not in ("", "bulan", "rentang"):
        raise BadFilter(_("Choose a month or a period."))
    if mode == "rentang" or (not mode and (start or end)):
        if not (start and end):
            raise BadFilter(_("Give both the first and the last day of the period."))
        period = Period(_day(start), _day(end))
        if period.end < period.start:
            raise BadFilter(_("The period ends before it begins."))
        return period
    month = (args.get("bulan") or "").strip()
    if month:
        return Period.month(_month(month))
    return Period.year(today.year) if book.default_period == "year" else Period.month(today)


def _pk(raw: str) -> int | None:
    raw = raw.strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > MAX_ID_DIGITS:
        raise BadFilter(_("Choose the PK from the list."))
    return int(raw)


def _status(book: Book, raw: str) -> str | None:
    raw = raw.strip()
    if not raw:
        return None
    if raw not in book.statuses:
        raise BadFilter(_("Choose the status from the list."))
    return raw


def _letter(raw: str) -> str:
    raw = (raw or "A").strip().upper()
    if len(raw) != 1 or not "A" <= raw <= "Z":
        raise BadFilter(_("Choose a letter from A to Z."))
    return raw


def parse(book: Book, args: Mapping[str, str], today: date) -> Filters:
    """The filters of ``book`` from query-string ``args``; BadFilter for anything not valid.
    Filters a book does not have are ignored, as any other unknown argument."""
    return Filters(
        period=_period(book, args, today) if PERIOD in book.filters else None,
        pk_id=_pk(args.get("pk") or "") if PK in book.filters else None,
        status=_status(book, args.get("status") or "") if STATUS in book.filters else None,
        letter=_letter(args.get("huruf") or "") if LETTER in book.filters else None,
    )


def as_args(filters: Filters) -> dict[str, str]:
    """The query string that gives these filters back (links to print and export)."""
    out: dict[str, str] = {}
    if filters.period is not None:
        if filters.period.is_month:
            out["bulan"] = f"{filters.period.start:%Y-%m}"
        else:
            out["dari"], out["sampai"] = filters.period.start.isoformat(), filters.period.end.isoformat()
    if filters.pk_id is not None:
        out["pk"] = str(filters.pk_id)
    if filters.status:
        out["status"] = filters.status
    if filters.letter:
        out["huruf"] = filters.letter
    return out
