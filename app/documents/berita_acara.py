"""A berita acara records an event: it is dated, numbered and written for the day of that event
(``../shared/documents.md``). One made on a later day says so: "dibuat pada <date>"."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from app.documents.formatting import hari_tanggal_terbilang, tanggal


def dating(event_day: date, issued_on: date) -> tuple[dict, list[str]]:
    """The date fields of a berita acara and what stops it (an event that has not happened yet)."""
    missing = []
    if event_day > issued_on:
        missing.append(_("The event this record is about (%(date)s) has not taken place yet.",
                         date=tanggal(event_day)))
    return {"tanggal_surat": tanggal(event_day), "tanggal_peristiwa": tanggal(event_day),
            "hari_tanggal_terbilang": hari_tanggal_terbilang(event_day),
            "dibuat_pada": tanggal(issued_on) if issued_on != event_day else ""}, missing


def numbered_on(event_day: date | None, issued_on: date) -> date:
    """The day whose year the number carries: the event's (the issue day when there is no event)."""
    return event_day or issued_on
