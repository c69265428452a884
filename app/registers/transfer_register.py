"""Register pindah: the office's transfers between offices, both ways — the clients sent to another office
(the sending office's lasting record of them) and those received from one.

A transfer is the office's record (app.access.transfer_clause); the client's name is a client's record, shown
only while the reader may see the client (so the sending office reads its own register number, not the name,
once the client has left)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _
from sqlalchemy import select
from sqlalchemy.orm import aliased

from app import access
from app.registers.base import DATE, PERIOD, STATUS, Book, Column, Filters, Row
from app.supervision.transfers.rules import STATUS as TRANSFER_STATUS
from models import Client, Office, Transfer

OUT, IN = "keluar", "masuk"
DIRECTIONS = {OUT: _("Sent to another office"), IN: _("Received from another office")}

COLUMNS = (
    Column("direction", _("Direction"), width=18, labels=DIRECTIONS),
    Column("proposed_on", _("Proposed on"), DATE, 12),
    Column("from_registration_number", _("Register number (sending office)"), width=16),
    Column("to_registration_number", _("Register number (receiving office)"), width=16),
    Column("full_name", _("Name"), width=24),
    Column("other_office", _("Other office"), width=26),
    Column("status", _("Status"), width=16, labels=TRANSFER_STATUS),
    Column("approved_on", _("Approved on"), DATE, 12),
    Column("decided_on", _("Decided on"), DATE, 12),
    Column("letter_number", _("Surat pengantar"), width=24),
    Column("handover_letter_number", _("Handover record between offices"), width=24),
)


def rows(session, who: access.Principal, filters: Filters) -> list[Row]:
    sender, receiver = aliased(Office), aliased(Office)
    query = (select(Transfer, sender.name, receiver.name, Client.full_name)
             .join(sender, sender.id == Transfer.from_office_id).join(receiver, receiver.id == Transfer.to_office_id)
             .outerjoin(Client, access.visible_client_of(Transfer, who))
             .where(access.transfer_clause(Transfer, who))
             .order_by(Transfer.proposed_on, Transfer.id))
    if filters.period is not None:
        query = query.where(Transfer.proposed_on >= filters.period.start, Transfer.proposed_on <= filters.period.end)
    if filters.status:
        query = query.where(Transfer.status == filters.status)
    out = []
    for transfer, sending, receiving, name in session.execute(query):
        outgoing = access.sent_by_own_office(transfer, who)
        out.append(Row({
            "direction": OUT if outgoing else IN, "proposed_on": transfer.proposed_on,
            "from_registration_number": transfer.from_registration_number,
            "to_registration_number": transfer.to_registration_number, "full_name": name,
            "other_office": receiving if outgoing else sending, "status": transfer.status,
            "approved_on": transfer.approved_on, "decided_on": transfer.decided_on,
            "letter_number": transfer.letter_number, "handover_letter_number": transfer.handover_letter_number,
        }))
    return out


BOOK = Book("register-pindah", _("Transfer register (register pindah wilayah bimbingan)"), "Register Pindah",
            COLUMNS, rows, frozenset({PERIOD, STATUS}), TRANSFER_STATUS, _("Status"), default_period="year")
