"""Buku register klien: one line per client, in the order they were registered."""
from __future__ import annotations

from flask_babel import lazy_gettext as _
from sqlalchemy import select

from app import access
from app.clients.child_age import age_on
from app.registers.base import (
    DATE,
    INT,
    PERIOD,
    PK,
    STATUS,
    Book,
    Column,
    Filters,
    Row,
    local_day,
    office_zone,
    utc_bounds,
)
from models import Client, Staff, SupervisionKind, Termination
from models.choices import END_REASON, SEX
from models.choices import STATUS as CLIENT_STATUS

COLUMNS = (
    Column("registration_number", _("Registration number"), width=16),
    Column("registered_on", _("Registered on"), DATE, 12),
    Column("full_name", _("Name"), width=26),
    Column("sex", _("Sex"), width=10, labels=SEX),
    Column("birth_date", _("Date of birth"), DATE, 12),
    Column("age_at_offence", _("Age at the offence"), INT, 9),
    Column("offence_article", _("Case / article"), width=22),
    Column("decision_number", _("Court decision"), width=24),
    Column("decision_date", _("Court decision date"), DATE, 12),
    Column("kind", _("Kind of supervision"), width=20),
    Column("supervision_start", _("Start of supervision"), DATE, 12),
    Column("supervision_expiry", _("Expiry of supervision"), DATE, 12),
    Column("pk", _("PK"), width=22),
    Column("status", _("Status"), width=12, labels=CLIENT_STATUS),
    Column("end_reason", _("How it ended"), width=22, labels=END_REASON),
    Column("end_date", _("Ended on"), DATE, 12),
)


def rows(session, who: access.Principal, filters: Filters) -> list[Row]:
    zone = office_zone()
    query = (select(Client, SupervisionKind.name, Staff, Termination)
             .join(SupervisionKind, SupervisionKind.id == Client.supervision_kind_id)
             .outerjoin(Staff, Staff.id == Client.current_pk_id)
             .outerjoin(Termination, Termination.client_id == Client.id)
             .where(access.client_clause(who))
             .order_by(Client.created_at, Client.id))
    if filters.period is not None:
        start, after_end = utc_bounds(filters.period, zone)
        query = query.where(Client.created_at >= start, Client.created_at < after_end)
    if filters.pk_id is not None:
        query = query.where(Client.current_pk_id == filters.pk_id)
    if filters.status:
        query = query.where(Client.status == filters.status)
    out = []
    for client, kind, pk, termination in session.execute(query):
        out.append(Row({
            "registration_number": client.registration_number, "registered_on": local_day(client.created_at, zone),
            "full_name": client.full_name, "sex": client.sex, "birth_date": client.birth_date,
            "age_at_offence": age_on(client.birth_date, client.offence_date),
            "offence_article": client.offence_article, "decision_number": client.decision_number,
            "decision_date": client.decision_date, "kind": kind, "supervision_start": client.supervision_start,
            "supervision_expiry": client.supervision_expiry, "pk": str(pk) if pk is not None else None,
            "status": client.status, "end_reason": termination.reason if termination else None,
            "end_date": termination.end_date if termination else None,
        }))
    return out


BOOK = Book("register-klien", _("Client register (buku register klien)"), "Register Klien", COLUMNS, rows,
            frozenset({PERIOD, PK, STATUS}), CLIENT_STATUS, _("Status"), default_period="year")
