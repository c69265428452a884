"""Office-level figures: complaints by step, the complaints a user must act on,
coming TPP sessions and past ones still undecided."""
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


def sessions_query(who: access.Principal, *where, newest_first: bool = False, limit: int | None = None):
    """The office's TPP sessions with their agenda counted: (id, held_on, place, items, undecided)."""
    # Counted per session through the session index: a GROUP BY over tpp_item counted the whole country's agenda
    # (70 ms at national scale) to show one office's few sessions.
    of_session = TppItem.session_id == TppSession.id
    items = select(func.count()).select_from(TppItem).where(of_session).scalar_subquery()
    undecided = select(func.count()).select_from(TppItem).where(of_session, TppItem.decision.is_(None)) \
        .scalar_subquery()
    order = (TppSession.held_on.desc(), TppSession.id.desc()) if newest_first else (TppSession.held_on,
                                                                                      TppSession.id)
    return (select(TppSession.id, TppSession.held_on, TppSession.place, items, undecided)
            .where(access.office_clause(TppSession.office_id, who), *where)
            .order_by(*order).limit(limit))


def _sessions(session, who: access.Principal, *where, newest_first: bool = False,
              limit: int | None = None) -> list[ComingSession]:
    rows = session.execute(sessions_query(who, *where, newest_first=newest_first, limit=limit)).all()
    return [ComingSession(*row) for row in rows]


def undecided_clause():
    """A session with an agenda item still undecided."""
    return select(TppItem.id).where(TppItem.session_id == TppSession.id, TppItem.decision.is_(None)).exists()


def tpp_sessions_coming(session, who: access.Principal, on: date, limit: int = 5) -> list[ComingSession]:
    return _sessions(session, who, TppSession.held_on >= on, limit=limit)


def tpp_sessions_coming_count(session, who: access.Principal, on: date) -> int:
    return session.scalar(select(func.count()).select_from(TppSession).where(
        access.office_clause(TppSession.office_id, who), TppSession.held_on >= on)) or 0


def tpp_sessions_undecided(session, who: access.Principal, on: date) -> list[ComingSession]:
    """Sessions already held with an agenda item still undecided, newest first: the
    decisions the TPP still owes."""
    return _sessions(session, who, TppSession.held_on < on, undecided_clause(), newest_first=True)


@dataclass(frozen=True)
class ToAct:
    complaint_id: int
    tracking_number: str
    due_on: date


def _to_act(session, *where) -> list[ToAct]:
    rows = session.execute(select(Complaint.id, Complaint.tracking_number, Complaint.due_on).where(*where)
                           .order_by(Complaint.due_on, Complaint.id)).all()
    return [ToAct(*row) for row in rows]


def complaints_to_act_on(session, who: access.Principal) -> list[ToAct]:
    """Complaints whose direction names this user and that wait for their follow-up."""
    if who.user_id is None:
        return []
    return _to_act(session, access.complaint_clause(Complaint, who), Complaint.status == "arahan",
                   Complaint.assigned_to_id == who.user_id)


def complaints_awaiting_direction(session, who: access.Principal) -> list[ToAct]:
    """Complaints the unit has reviewed that wait for the Kepala Bapas's direction."""
    return _to_act(session, access.office_clause(Complaint.office_id, who), Complaint.status == "ditelaah")
