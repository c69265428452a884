"""The daily digest: each PK their overdue and due-this-week items, the Kepala Bapas the office's.

The subject names counts only; the body names the clients the recipient supervises (a PK: their own
caseload; a Kepala: the office's), and each mail is in the audit trail as a read of those children by
the recipient. One run per day across every worker and app server (a marker in the queue's store)."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import current_app, g
from flask_babel import force_locale, gettext
from sqlalchemy import select

from app import access
from app.extensions import db
from app.jobs import mail, queue
from app.platform import audit, roles
from app.platform.dates import long_date, month_year
from app.supervision.due import DUE_LABELS, REPORT_OVERDUE, due_items, is_overdue
from models import Office, Staff

WEEK = 7


def jakarta_today() -> date:
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE", "Asia/Jakarta"))).date()


def relevant(items, on: date):
    """Overdue, or due within the coming week: what today's mail is about."""
    horizon = on + timedelta(days=WEEK)
    return [item for item in items if is_overdue(item, on) or item.on <= horizon]


def _line(item, on: date) -> str:
    when = month_year(item.on) if item.kind == REPORT_OVERDUE else long_date(item.on)
    late = gettext("overdue") if is_overdue(item, on) else gettext("due")
    return f"- {DUE_LABELS[item.kind]} ({late}, {when}): {item.registration_number} {item.full_name}"


def compose(items, on: date, whose: str) -> tuple[str, str]:
    """(subject, body) in Indonesian; the subject carries no name of a child."""
    late = sum(1 for item in items if is_overdue(item, on))
    subject = gettext("SIBIKA %(date)s: %(late)d overdue, %(soon)d due this week",
                      date=long_date(on), late=late, soon=len(items) - late)
    lines = [gettext("Due items for %(whose)s as of %(date)s.", whose=whose, date=long_date(on)), ""]
    lines += [_line(item, on) for item in sorted(items, key=lambda i: (not is_overdue(i, on), i.on))]
    lines += ["", gettext("Open SIBIKA to act on them. This message is confidential: it names children "
                          "under supervision; do not forward it.")]
    return subject, "\n".join(lines)


def _staff(session, office_id: int) -> list[tuple[Staff, set[str]]]:
    """The office's active staff who have an address, each with the names of their roles."""
    found = session.scalars(select(Staff).where(Staff.office_id == office_id, Staff.active.is_(True))
                            .order_by(Staff.id)).all()
    return [(user, {r.name for r in user.roles}) for user in found if user.email]


def messages_for(session, office: Office, on: date) -> list[tuple[Staff, list, str]]:
    """(recipient, their items, whose items they are): each PK their caseload, each Kepala the office."""
    staff, out = _staff(session, office.id), []
    for user, names in staff:
        if roles.PK in names:
            items = relevant(due_items(session, access.Principal.of(user), on, user.id), on)
            if items:
                out.append((user, items, gettext("your clients")))
    for user, names in staff:
        if roles.KEPALA in names:
            items = relevant(due_items(session, access.Principal.of(user), on), on)
            if items:
                out.append((user, items, gettext("the clients of %(office)s", office=office.name)))
    return out


def send_all(on: date | None = None, once: bool = True) -> int:
    """Every office's digest for ``on`` (today in Jakarta); the number of messages sent."""
    on = on or jakarta_today()
    if once and not queue.huey().put_if_empty(f"digest:{on.isoformat()}", 1):
        return 0  # another worker sent today's
    session, sent = db.session, 0
    with force_locale("id"):
        for office in session.scalars(select(Office).order_by(Office.id)):
            batch = messages_for(session, office, on)
            sent += mail.send([(user.email, *compose(items, on, whose)) for user, items, whose in batch])
            for user, items, _whose in batch:
                g.sibika_actor = (user.id, user.username, user.office_id)
                audit.record_reads(session, {item.client_id: {"client"} for item in items}, "daily_digest")
            g.pop("sibika_actor", None)
            session.commit()
    return sent
