"""Register pengaduan: the complaints received in the period and how far each got.

Only what the complaints list already shows to staff: the tracking number,
dates, channel, category and step. Never the complainant's name or contact,
the text, or the child a complaint may concern.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _
from sqlalchemy import func, select

from app import access
from app.complaints.workflow import ANSWERED
from app.registers.base import DATE, PERIOD, STATUS, Book, Column, Filters, Row, local_day, office_zone, utc_bounds
from models import Complaint, ComplaintCategory, ComplaintStep
from models.choices import COMPLAINT_CHANNEL, COMPLAINT_STATUS

# The complainant has an answer (a reply, or a refusal with its reason): workflow.ANSWERED;
# and the file is closed.
CLOSED = ("selesai", "ditolak", "tidak_dapat_ditindaklanjuti")

COLUMNS = (
    Column("tracking_number", _("Tracking number"), width=18),
    Column("received_on", _("Received"), DATE, 12),
    Column("channel", _("Channel"), width=16, labels=COMPLAINT_CHANNEL),
    Column("category", _("Category"), width=24),
    Column("status", _("Step"), width=24, labels=COMPLAINT_STATUS),
    Column("due_on", _("Answer due by"), DATE, 12),
    Column("answered_on", _("Answered on"), DATE, 12),
    Column("closed_on", _("Closed on"), DATE, 12),
)


def _first_step(statuses: tuple[str, ...]):
    return (select(ComplaintStep.complaint_id, func.min(ComplaintStep.at).label("at"))
            .where(ComplaintStep.status.in_(statuses)).group_by(ComplaintStep.complaint_id).subquery())


def rows(session, who: access.Principal, filters: Filters) -> list[Row]:
    zone = office_zone()
    answered, closed = _first_step(ANSWERED), _first_step(CLOSED)
    query = (select(Complaint, ComplaintCategory.name, answered.c.at, closed.c.at)
             .join(ComplaintCategory, ComplaintCategory.id == Complaint.category_id)
             .outerjoin(answered, answered.c.complaint_id == Complaint.id)
             .outerjoin(closed, closed.c.complaint_id == Complaint.id)
             .where(access.complaint_clause(Complaint, who))
             .order_by(Complaint.received_at, Complaint.id))
    if filters.period is not None:
        start, after_end = utc_bounds(filters.period, zone)
        query = query.where(Complaint.received_at >= start, Complaint.received_at < after_end)
    if filters.status:
        query = query.where(Complaint.status == filters.status)
    return [Row({"tracking_number": complaint.tracking_number, "received_on": local_day(complaint.received_at, zone),
                 "channel": complaint.channel, "category": category, "status": complaint.status,
                 "due_on": complaint.due_on, "answered_on": local_day(answered_at, zone),
                 "closed_on": local_day(closed_at, zone)})
            for complaint, category, answered_at, closed_at in session.execute(query)]


BOOK = Book("register-pengaduan", _("Complaint register (register pengaduan)"), "Register Pengaduan", COLUMNS, rows,
            frozenset({PERIOD, STATUS}), COMPLAINT_STATUS, _("Step"))
