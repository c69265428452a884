"""Buku klaper: clients by name, one letter at a time; an ended case is struck
through with a note of how and when it ended."""
from __future__ import annotations

from flask_babel import lazy_gettext as _
from sqlalchemy import func, select

from app import access
from app.registers.base import DATE, LETTER, PK, STATUS, Book, Column, Filters, Row
from models import Client, Termination
from models.choices import END_REASON
from models.choices import STATUS as CLIENT_STATUS

COLUMNS = (
    Column("full_name", _("Name"), width=30, strikes=True),
    Column("registration_number", _("Registration number"), width=16),
    Column("status", _("Status"), width=12, labels=CLIENT_STATUS),
    Column("end_reason", _("How it ended"), width=26, labels=END_REASON),
    Column("end_date", _("Ended on"), DATE, 12),
    Column("end_decision", _("Decision number"), width=24),
)


def rows(session, who: access.Principal, filters: Filters) -> list[Row]:
    query = (select(Client, Termination).outerjoin(Termination, Termination.client_id == Client.id)
             .where(access.client_clause(who))
             .order_by(Client.full_name, Client.registration_number))
    if filters.letter:
        query = query.where(func.upper(Client.full_name).like(f"{filters.letter}%"))
    if filters.pk_id is not None:
        query = query.where(Client.current_pk_id == filters.pk_id)
    if filters.status:
        query = query.where(Client.status == filters.status)
    return [Row({"full_name": client.full_name, "registration_number": client.registration_number,
                 "status": client.status, "end_reason": ended.reason if ended else None,
                 "end_date": ended.end_date if ended else None,
                 "end_decision": ended.decision_number if ended else None}, struck=ended is not None)
            for client, ended in session.execute(query)]


BOOK = Book("buku-klaper", _("Name index (buku klaper)"), "Buku Klaper", COLUMNS, rows,
            frozenset({LETTER, PK, STATUS}), CLIENT_STATUS, _("Status"))
