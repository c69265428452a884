"""Office-level figures for the Kepala Bapas: complaints and coming TPP sessions."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _
from sqlalchemy import func, select

from app import access
from app.complaints.workflow import OPEN
from app.dashboard.counts import Row, Series
from models import Complaint, TppItem, TppSession
from models.choices import COMPLAINT_STATUS


@dataclass(frozen=True)
class ComplaintFigures:
    by_step: Series
    overdue: int


def complaints_by_step(session, who: access.Principal, on: date) -> ComplaintFigures:
    """Open complaints of the office by workflow step, and how many are past their deadline."""
    office = access.office_clause(Complaint.office_id, who)
    open_ = office & Complaint.status.in_(OPEN)
    counts = dict(session.execute(select(Complaint.status, func.count()).where(open_)
                                  .group_by(Complaint.status)).all())
    overdue = session.scalar(select(func.count()).select_from(Complaint).where(open_, Complaint.due_on < on))
    rows = [Row(code, str(COMPLAINT_STATUS[code]), counts.get(code, 0)) for code in OPEN]
    return ComplaintFigures(Series(str(_("Open complaints by step")), rows), overdue or 0)


@dataclass(frozen=True)
class ComingSession:
    session_id: int
    held_on: date
    place: str | None
    items: int
    undecided: int


def tpp_sessions_coming(session, who: access.Principal, on: date, limit: int = 5) -> list[ComingSession]:
    items = (select(TppItem.session_id, func.count().label("n"),
                    func.count().filter(TppItem.decision.is_(None)).label("open"))
             .group_by(TppItem.session_id).subquery())
    rows = session.execute(
        select(TppSession.id, TppSession.held_on, TppSession.place, func.coalesce(items.c.n, 0),
               func.coalesce(items.c.open, 0))
        .outerjoin(items, items.c.session_id == TppSession.id)
        .where(access.office_clause(TppSession.office_id, who), TppSession.held_on >= on)
        .order_by(TppSession.held_on, TppSession.id).limit(limit)).all()
    return [ComingSession(*row) for row in rows]
