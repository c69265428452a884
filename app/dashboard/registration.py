"""For registration staff: this month's arrivals and register entries still incomplete."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _
from sqlalchemy import func, or_, select

from app import access
from models import Client, Guardian, Handover
from models.choices import UNDER_SUPERVISION

# What the buku register klien needs of a client before its entry is complete.
MISSING_CHECKS = {
    "handover": _("No handover record"),
    "pk": _("No PK assigned"),
    "guardian": _("No parent or guardian"),
    "decision": _("Court decision number or date missing"),
    "address": _("Address missing"),
    "photo": _("No photo"),
}
OPEN_STATUSES = UNDER_SUPERVISION
INCOMPLETE_LIMIT = 50


@dataclass(frozen=True)
class Arrivals:
    registered: int
    handovers: int
    first_day: date


def month_bounds(on: date) -> tuple[date, date]:
    first = on.replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1)


def arrivals(session, who: access.Principal, on: date) -> Arrivals:
    """Clients registered and handovers received in the month of ``on``."""
    first, next_first = month_bounds(on)
    seen = access.client_clause(who)
    registered = session.scalar(
        select(func.count()).select_from(Client)
        .where(seen, Client.created_at >= datetime.combine(first, time.min),
               Client.created_at < datetime.combine(next_first, time.min)))
    handovers = session.scalar(
        select(func.count()).select_from(Handover)
        .where(Handover.client_id.in_(select(Client.id).where(seen)),
               Handover.handover_date >= first, Handover.handover_date < next_first))
    return Arrivals(registered or 0, handovers or 0, first)


@dataclass(frozen=True)
class Incomplete:
    client_id: int
    registration_number: str
    full_name: str
    missing: tuple[str, ...]  # keys of MISSING_CHECKS


def _missing_flags() -> dict:
    """Each of MISSING_CHECKS as a condition on a Client row."""
    has_handover = select(Handover.id).where(Handover.client_id == Client.id).exists()
    has_guardian = select(Guardian.id).where(Guardian.client_id == Client.id).exists()
    return {
        "handover": ~has_handover,
        "pk": Client.current_pk_id.is_(None),
        "guardian": ~has_guardian,
        "decision": or_(Client.decision_number.is_(None), Client.decision_number == "", Client.decision_date.is_(None)),
        "address": or_(Client.address.is_(None), Client.address == ""),
        "photo": Client.photo.is_(None),
    }


def incomplete_clause():
    """A registered or supervised client whose register entry lacks something (the tile's figure and the
    client list it opens; the access scope is added by the caller)."""
    return Client.status.in_(OPEN_STATUSES) & or_(*_missing_flags().values())


def incomplete_registers(session, who: access.Principal,
                         limit: int = INCOMPLETE_LIMIT) -> tuple[list[Incomplete], int]:
    """Registered or supervised clients whose register entry lacks something, oldest
    registration first; and how many there are in all."""
    flags = _missing_flags()
    where = (access.client_clause(who), incomplete_clause())
    total = session.scalar(select(func.count()).select_from(Client).where(*where)) or 0
    columns = [flag.label(key) for key, flag in flags.items()]
    rows = session.execute(
        select(Client.id, Client.registration_number, Client.full_name, *columns).where(*where)
        .order_by(Client.created_at, Client.id).limit(limit)).all()
    out = [Incomplete(row.id, row.registration_number, row.full_name,
                      tuple(key for key in flags if getattr(row, key))) for row in rows]
    return out, total
