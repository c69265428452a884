"""The read side of complaints: the month's report and the officials a step may name."""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _
from sqlalchemy import func, select

from app import access
from app.complaints import workflow
from models import Complaint, ComplaintCategory, ComplaintStep, Staff
from models.choices import COMPLAINT_CHANNEL, COMPLAINT_STATUS


def officials(session, office_id: int) -> list[Staff]:
    """The active staff of the complaint's office, whom an arahan may name."""
    return session.scalars(select(Staff).where(Staff.office_id == office_id, Staff.active.is_(True))
                           .order_by(Staff.first_name)).all()


def month_rows(session, month: date, who: access.Principal) -> list:
    """The complaints received in `month` that `who` may see: category, channel, status, due date and the
    moment of the first answer (None while unanswered)."""
    following = (month + timedelta(days=32)).replace(day=1)
    answered = select(ComplaintStep.complaint_id, func.min(ComplaintStep.at).label("answered_at")).where(
        ComplaintStep.status.in_(workflow.ANSWERED)).group_by(ComplaintStep.complaint_id).subquery()
    return session.execute(
        select(ComplaintCategory.name, Complaint.channel, Complaint.status, Complaint.due_on, answered.c.answered_at)
        .join(ComplaintCategory, ComplaintCategory.id == Complaint.category_id)
        .outerjoin(answered, answered.c.complaint_id == Complaint.id)
        .where(Complaint.received_at >= month, Complaint.received_at < following,
               access.complaint_clause(Complaint, who))).all()


def summarise(rows, on: date) -> dict[str, dict[str, int]]:
    """Counts by category, channel, step and timeliness (answered by the due date, late, still open)."""
    table: dict[str, dict[str, int]] = {str(_("Category")): {}, str(_("Channel")): {}, str(_("Step")): {},
                                        str(_("Timeliness")): {}}
    for name, channel, status, due_on, answered_at in rows:
        for group, key in ((str(_("Category")), name), (str(_("Channel")), str(COMPLAINT_CHANNEL.get(channel))),
                           (str(_("Step")), str(COMPLAINT_STATUS.get(status)))):
            table[group][key] = table[group].get(key, 0) + 1
        if answered_at is not None:
            key = str(_("On time")) if answered_at.date() <= due_on else str(_("Late"))
        else:
            key = str(_("Open, late")) if on > due_on else str(_("Open, in time"))
        table[str(_("Timeliness"))][key] = table[str(_("Timeliness"))].get(key, 0) + 1
    return table
