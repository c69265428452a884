"""Transfers between offices in an office's month flow: clients received from another office and clients
sent to one, per month of acceptance. Each office counts its own side (app.access.transfer_clause and the
office column of that side), so the same transfer is an arrival in one office and a departure in the other."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _
from sqlalchemy import extract, func, select

from app import access
from app.dashboard.counts import Row, Series, month_starts
from app.supervision.transfers.rules import TransferStatus
from models import Transfer


def _per_month(session, side, who: access.Principal, first: date) -> dict[tuple[int, int], int]:
    year, month = extract("year", Transfer.decided_on), extract("month", Transfer.decided_on)
    query = (select(year, month, func.count()).where(
        access.transfer_clause(Transfer, who), access.office_clause(side, who),
        Transfer.status == TransferStatus.DITERIMA, Transfer.decided_on >= first).group_by(year, month))
    return {(int(y), int(m)): n for y, m, n in session.execute(query).all()}


def transfer_flow(session, who: access.Principal, today: date, months: int = 12, label_of=date.isoformat) -> Series:
    starts = month_starts(today, months)
    arrived = _per_month(session, Transfer.to_office_id, who, starts[0])
    left = _per_month(session, Transfer.from_office_id, who, starts[0])
    return Series(str(_("Transfers between offices per month")),
                  [Row(m, label_of(m), arrived.get((m.year, m.month), 0)) for m in starts],
                  second=[left.get((m.year, m.month), 0) for m in starts],
                  legend=(str(_("Received from another office")), str(_("Sent to another office"))))
