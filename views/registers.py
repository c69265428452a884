"""Office-wide books (buku tahapan, buku ekspirasi) and the due-items screen."""
from __future__ import annotations

from datetime import date, timedelta

from flask import abort, request
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import lazy_gettext as _
from sqlalchemy import func, select

from app import access, roles
from app.due import due_items, is_overdue
from app.extensions import db
from app.lifecycle import books
from models import BookEntry, Client, Staff, Termination
from models.choices import END_REASON, STATUS
from views.lifecycle import EVENT_LABELS, KIND_LABELS

STAGE_EVENTS = ["awal", "lanjutan", "akhir"]
BOOKS = {
    "tahapan": (_("Stage book (buku tahapan bimbingan)"), STAGE_EVENTS),
    "ekspirasi": (_("Expiry book (buku ekspirasi)"), STAGE_EVENTS + [books.EXPIRY, books.TERMINATION]),
}
DUE_LABELS = {
    "stage_due": _("Stage begins"), "stage_overdue": _("Stage date passed, stage not started"),
    "expiry_due": _("Supervision expires"), "expiry_passed": _("Expired, supervision not ended"),
    "report_due": _("Monthly report due"), "report_overdue": _("Monthly reports overdue"),
    "apel_missed": _("Reporting duty missed"), "revocation_alert": _("Revocation alert: reports missed in a row"),
    "reassessment_due": _("Yearly reassessment due"), "assessment_missing": _("Initial assessment not done"),
}


MIN_YEAR, MAX_YEAR = 1990, 2100  # beyond these a date is a typing slip (and 9999-12 would overflow)


def date_arg(name: str, default: date, suffix: str = "") -> date:
    """A date from the query string, or 400 for anything that is not a plausible date."""
    raw = request.args.get(name)
    if not raw:
        return default
    try:
        value = date.fromisoformat(raw + suffix)
    except ValueError:
        abort(400)
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        abort(400)
    return value


def _month_arg() -> date:
    return date_arg("bulan", date.today().replace(day=1), suffix="-01")


def _pk_arg(who) -> int | None:
    raw = request.args.get("pk")
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 9:
        abort(400)
    return int(raw)


def _pk_choices(who):
    return db.session.scalars(select(Staff).where(access._pk_choices(Staff, who)).order_by(Staff.first_name)).all()


class RegisterView(BaseView):
    route_base = "/register"
    class_permission_name = roles.BOOKS
    method_permission_name = {"book": "read", "name_index": "read"}
    default_view = "book"

    @expose("/klaper")
    @has_access
    def name_index(self):
        """Buku klaper: clients by name; a finished case is struck through with a note."""
        who = access.principal()
        letter = (request.args.get("huruf") or "A").upper()[:1]
        if not letter.isalpha():
            abort(400)
        rows = db.session.execute(
            select(Client, Termination).outerjoin(Termination, Termination.client_id == Client.id)
            .where(access.client_clause(who), func.upper(Client.full_name).like(f"{letter}%"))
            .order_by(Client.full_name, Client.registration_number)
        ).all()
        return self.render_template("register_name_index.html", rows=rows, letter=letter,
                                    letters=[chr(c) for c in range(ord("A"), ord("Z") + 1)],
                                    status_labels=STATUS, end_labels=END_REASON,
                                    printing=request.args.get("cetak") == "1")

    @expose("/buku/<name>")
    @has_access
    def book(self, name: str):
        if name not in BOOKS:
            abort(404)
        title, events = BOOKS[name]
        who = access.principal()
        month = _month_arg()
        next_month = (month + timedelta(days=32)).replace(day=1)
        pk_id = _pk_arg(who)
        query = (select(BookEntry, Client).join(Client, Client.id == BookEntry.client_id)
                 .where(access.client_clause(who), BookEntry.event.in_(events),
                        BookEntry.entry_date >= month, BookEntry.entry_date < next_month)
                 .order_by(BookEntry.entry_date, Client.registration_number, BookEntry.id))
        if pk_id:
            query = query.where(Client.current_pk_id == pk_id)
        rows = db.session.execute(query).all()
        return self.render_template("register_book.html", title=title, name=name, rows=rows, month=month,
                                    pk_id=pk_id, pks=_pk_choices(who), event_labels=EVENT_LABELS,
                                    kind_labels=KIND_LABELS, printing=request.args.get("cetak") == "1")


class DueView(BaseView):
    route_base = "/jatuh-tempo"
    class_permission_name = roles.DUE
    method_permission_name = {"index": "read"}
    default_view = "index"

    @expose("/")
    @has_access
    def index(self):
        who = access.principal()
        on = date_arg("tanggal", date.today())
        pk_id = _pk_arg(who)
        items = due_items(db.session, who, on, pk_id)
        # Translated once here, not once per row of a list that runs to hundreds of rows.
        return self.render_template("due_items.html", items=items, on=on, pk_id=pk_id, pks=_pk_choices(who),
                                    labels={k: str(v) for k, v in DUE_LABELS.items()},
                                    stage_labels={k: str(v) for k, v in EVENT_LABELS.items()}, is_overdue=is_overdue,
                                    may_issue=self.appbuilder.sm.has_access("can_write", roles.DOCUMENT))
