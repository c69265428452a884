"""Assigning a PK to a client, keeping the history of who supervised when."""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from app.platform import roles
from models import Client, PKAssignment, Staff


def problems(session, client: Client | None, pk: Staff | None, start: date | None,
             reason: str | None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if client is None or pk is None:
        return out
    if roles.PK not in {r.name for r in pk.roles}:
        out["pk"] = [_("%(name)s does not hold the PK role.", name=pk.get_full_name())]
    elif pk.office_id != client.office_id:
        out["pk"] = [_("The PK belongs to another office; assign a PK of the client's own office.")]
    elif client.current_pk_id == pk.id:
        out["pk"] = [_("This PK is already assigned to the client.")]
    current = current_assignment(session, client.id)
    if current and start and start < current.start_date:
        out["start_date"] = [_("The new assignment cannot start before the current one (%(date)s).",
                               date=current.start_date.isoformat())]
    if current and not (reason or "").strip():
        out["reason"] = [_("Give the reason for the reassignment.")]
    return out


def current_assignment(session, client_id: int) -> PKAssignment | None:
    return session.scalars(
        select(PKAssignment).where(PKAssignment.client_id == client_id, PKAssignment.end_date.is_(None))
    ).first()


def apply(session, assignment: PKAssignment, by: Staff | None) -> None:
    """Close the open assignment the day before the new one starts and point the
    client at the new PK, in the caller's transaction."""
    client = assignment.client or session.get(Client, assignment.client_id)
    current = current_assignment(session, client.id)
    if current is not None and current is not assignment:
        current.end_date = max(current.start_date, assignment.start_date - timedelta(days=1))
    assignment.assigned_by_id = by.id if by is not None else None
    if not (assignment.reason or "").strip():
        assignment.reason = _("First assignment")
    # Forms fill the relationship, the API and demo data the column.
    client.current_pk_id = assignment.pk.id if assignment.pk is not None else assignment.pk_id
