"""Buku tahapan bimbingan and buku ekspirasi: the lines of one ledger (BookEntry)
dated in the period, struck-out lines kept and shown struck out."""
from __future__ import annotations

from flask_babel import lazy_gettext as _
from sqlalchemy import select
from sqlalchemy.orm import aliased

from app import access
from app.registers.base import DATE, PERIOD, PK, Book, Column, Filters, Row, local_day, office_zone
from app.supervision.lifecycle.books import EVENT_LABELS, EXPIRY, KIND_LABELS, TERMINATION
from models import BookEntry, Client, Staff

STAGE_EVENTS = ("awal", "lanjutan", "akhir")
EXPIRY_EVENTS = STAGE_EVENTS + (EXPIRY, TERMINATION)

COLUMNS = (
    Column("registration_number", _("Registration number"), width=16),
    Column("full_name", _("Name"), width=26),
    Column("event", _("Event"), width=18, labels=EVENT_LABELS),
    Column("kind", _("Kind"), width=12, labels=KIND_LABELS),
    Column("entry_date", _("Date"), DATE, 12, strikes=True),
    Column("reason", _("Reason"), width=30),
    Column("struck_on", _("Struck out on"), DATE, 12),
    Column("struck_reason", _("Why it was struck out"), width=30),
    Column("written_by", _("Written by"), width=20),
)


def query(who: access.Principal, filters: Filters, events: tuple[str, ...] = STAGE_EVENTS):
    """The book's lines. The line's own office column (kept equal to the client's by migration 0025's
    trigger) lets the database read one office's lines by ix_book_entry_office_date, not the country's."""
    writer = aliased(Staff)
    found = (select(BookEntry, Client, writer).join(Client, Client.id == BookEntry.client_id)
             .outerjoin(writer, writer.id == BookEntry.written_by_id)
             .where(access.office_clause(BookEntry.office_id, who), access.client_clause(who),
                    BookEntry.event.in_(events))
             .order_by(BookEntry.entry_date, Client.registration_number, BookEntry.id))
    if filters.period is not None:
        found = found.where(BookEntry.entry_date >= filters.period.start, BookEntry.entry_date <= filters.period.end)
    if filters.pk_id is not None:
        found = found.where(Client.current_pk_id == filters.pk_id)
    return found


def _rows_of(events: tuple[str, ...]):
    def rows(session, who: access.Principal, filters: Filters) -> list[Row]:
        zone = office_zone()
        return [Row({"registration_number": client.registration_number, "full_name": client.full_name,
                     "event": entry.event, "kind": entry.kind, "entry_date": entry.entry_date,
                     "reason": entry.reason, "struck_on": local_day(entry.superseded_at, zone),
                     "struck_reason": entry.superseded_reason,
                     "written_by": str(by) if by is not None else None},
                    struck=entry.superseded_at is not None)
                for entry, client, by in session.execute(query(who, filters, events))]

    return rows


STAGE_BOOK = Book("buku-tahapan", _("Stage book (buku tahapan bimbingan)"), "Buku Tahapan", COLUMNS,
                  _rows_of(STAGE_EVENTS), frozenset({PERIOD, PK}))
EXPIRY_BOOK = Book("buku-ekspirasi", _("Expiry book (buku ekspirasi)"), "Buku Ekspirasi", COLUMNS,
                   _rows_of(EXPIRY_EVENTS), frozenset({PERIOD, PK}))
