"""Register sidang TPP: the sessions held in the period and, under each, the
matters on its agenda with the TPP's decision.

A session is an office's record (every TPP reader of the office sees it); an
agenda line is a client's record (only who may see the client sees it). A
session whose lines are all out of the reader's sight is left out rather than
shown empty; a session that has no agenda at all is shown once.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _
from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from app import access
from app.registers.base import DATE, INT, PERIOD, PK, STATUS, Book, Column, Filters, Row, local_day, office_zone
from models import Client, Staff, TppItem, TppSession
from models.choices import TPP_DECISION, TPP_MATTER
from models.programme import tpp_present

COLUMNS = (
    Column("held_on", _("Session date"), DATE, 12),
    Column("time_text", _("Time"), width=14),
    Column("place", _("Place"), width=18),
    Column("chair", _("Chair"), width=20),
    Column("present", _("Members present"), INT, 9),
    Column("members_total", _("Members of the TPP"), INT, 9),
    Column("registration_number", _("Registration number"), width=16),
    Column("full_name", _("Name"), width=24),
    Column("matter", _("Matter"), width=20, labels=TPP_MATTER),
    Column("pk_recommendation", _("PK's recommendation"), width=30),
    Column("decision", _("Decision"), width=16, labels=TPP_DECISION),
    Column("decided_on", _("Decided on"), DATE, 12),
    Column("notes", _("Notes"), width=30),
)


def rows(session, who: access.Principal, filters: Filters) -> list[Row]:
    zone = office_zone()
    chair = aliased(Staff)
    present = (select(func.count()).select_from(tpp_present)
               .where(tpp_present.c.session_id == TppSession.id).correlate(TppSession).scalar_subquery())
    visible_line = and_(TppItem.session_id == TppSession.id, TppItem.client_id.in_(access.visible_client_ids(who)))
    if filters.pk_id is not None:
        visible_line = and_(visible_line, TppItem.client_id.in_(
            select(Client.id).where(Client.current_pk_id == filters.pk_id)))
    if filters.status:
        visible_line = and_(visible_line, TppItem.decision == filters.status)
    query = (select(TppSession, present, chair, TppItem, Client).select_from(TppSession)
             .outerjoin(chair, chair.id == TppSession.chair_id)
             .outerjoin(TppItem, visible_line).outerjoin(Client, Client.id == TppItem.client_id)
             .where(access.office_clause(TppSession.office_id, who))
             .order_by(TppSession.held_on, TppSession.id, TppItem.id))
    narrowed = filters.pk_id is not None or bool(filters.status)
    any_line = aliased(TppItem)
    has_agenda = exists().where(any_line.session_id == TppSession.id)
    query = query.where(TppItem.id.is_not(None) if narrowed else or_(TppItem.id.is_not(None), ~has_agenda))
    if filters.period is not None:
        query = query.where(TppSession.held_on >= filters.period.start, TppSession.held_on <= filters.period.end)
    out = []
    for tpp, count, chaired_by, item, client in session.execute(query):
        values = {"held_on": tpp.held_on, "time_text": tpp.time_text, "place": tpp.place,
                  "chair": str(chaired_by) if chaired_by is not None else None, "present": count,
                  "members_total": tpp.members_total}
        if item is not None:
            values.update({"registration_number": client.registration_number, "full_name": client.full_name,
                           "matter": item.matter, "pk_recommendation": item.pk_recommendation,
                           "decision": item.decision, "decided_on": local_day(item.decided_at, zone),
                           "notes": item.notes})
        out.append(Row(values))
    return out


BOOK = Book("register-tpp", _("TPP register (register sidang TPP)"), "Register TPP", COLUMNS, rows,
            frozenset({PERIOD, PK, STATUS}), TPP_DECISION, _("Decision"))
