"""Dates as the reader's language writes them ("5 Januari 2027"), for pages and their templates."""
from __future__ import annotations

from flask_babel import get_locale, get_timezone

from app.platform.dates import long_date, long_datetime, month_year


def reader_language() -> str:
    loc = get_locale()
    return loc.language if loc else "id"


def ui_date(value) -> str:
    return long_date(value, reader_language())


def ui_datetime(value) -> str:
    return long_datetime(value, reader_language(), get_timezone())


def ui_month(value) -> str:
    return month_year(value, reader_language())


def ui_period(period: str | None) -> str:
    """A stored month, day or moment as prose: "2026-12" → "Desember 2026", "2026-12-03" → "3 Desember 2026",
    "2026-12-03T11:33:30" → with the time; any other text as it is (a letter's period, an audited value)."""
    from datetime import date, datetime

    if not period or not isinstance(period, str):
        return period or ""
    try:
        if len(period) == 7:
            return ui_month(date.fromisoformat(f"{period}-01"))
        if len(period) == 10:
            return ui_date(date.fromisoformat(period))
        if len(period) > 10 and period[10] == "T":
            return ui_datetime(datetime.fromisoformat(period))
    except ValueError:
        pass
    return period
