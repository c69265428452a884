"""A PK's worklist: what is overdue, what is due this week, what waits at the TPP."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from app import access
from app.supervision.due import REVOCATION_ALERT, DueItem, is_overdue
from models import Client, TppItem, TppSession

WEEK_DAYS = 7


@dataclass
class Worklist:
    overdue: list[DueItem] = field(default_factory=list)
    this_week: list[DueItem] = field(default_factory=list)
    alerts: list[DueItem] = field(default_factory=list)


def worklist(items: list[DueItem], on: date) -> Worklist:
    """Split due items: overdue (oldest first), due within a week, revocation alerts.

    An item lands in one list only; a revocation alert is both overdue and an alert."""
    out = Worklist()
    week_end = on + timedelta(days=WEEK_DAYS)
    for item in items:
        if item.kind == REVOCATION_ALERT:
            out.alerts.append(item)
        if is_overdue(item, on):
            out.overdue.append(item)
        elif item.on <= week_end:
            out.this_week.append(item)
    return out


def overdue_per_pk(items: list[DueItem], on: date) -> dict[int | None, int]:
    counts: dict[int | None, int] = {}
    for item in items:
        if is_overdue(item, on):
            counts[item.pk_id] = counts.get(item.pk_id, 0) + 1
    return counts


@dataclass(frozen=True)
class WaitingItem:
    item_id: int
    client_id: int
    registration_number: str
    full_name: str
    matter: str
    held_on: date


def tpp_waiting(session, who: access.Principal, on: date) -> list[WaitingItem]:
    """Agenda items of the user's supervised clients with no decision yet."""
    rows = session.execute(
        select(TppItem.id, Client.id, Client.registration_number, Client.full_name, TppItem.matter,
               TppSession.held_on)
        .join(Client, Client.id == TppItem.client_id).join(TppSession, TppSession.id == TppItem.session_id)
        .where(access.confidential_clause(who), TppItem.decision.is_(None))
        .order_by(TppSession.held_on, Client.registration_number)).all()
    return [WaitingItem(*row) for row in rows]
