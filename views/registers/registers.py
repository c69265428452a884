"""The register books (app.registers) on screen, in print and as .xlsx; the due-items screen."""
from __future__ import annotations

from datetime import date

from flask import Response, abort, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import gettext
from flask_babel import lazy_gettext as _
from markupsafe import Markup

from app import access, dashboard, registers
from app.extensions import db
from app.platform import audit, read_audit, roles
from app.platform.ui_dates import ui_date, ui_month
from app.registers import filters as register_filters
from app.registers import xlsx
from app.registers.base import PK, Book
from app.registers.filters import BadFilter
from app.supervision.due import DUE_LABELS, due_items, is_overdue
from app.supervision.lifecycle.books import EVENT_LABELS
from models import Office
from views.base import today
from views.documents.downloads import secured

MIN_YEAR, MAX_YEAR = register_filters.MIN_YEAR, register_filters.MAX_YEAR


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


def _pk_arg(who) -> int | None:
    raw = request.args.get("pk")
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 9:
        abort(400)
    return int(raw)


def _pk_choices(who):
    return access.offered_pks(db.session, who)


_FORM_FIELDS = ("periode", "bulan", "dari", "sampai", "pk", "status", "huruf")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def page_counter_css() -> Markup:
    """The CSS ``content`` of the printed page number ("Halaman 2 dari 7"): the translated
    sentence with the page counters put where its placeholders are."""
    text = gettext("Page %(page)s of %(pages)s", page="{page}", pages="{pages}").replace("\\", "").replace('"', "")
    quoted = '"' + text.replace("{pages}", '" counter(pages) "').replace("{page}", '" counter(page) "') + '"'
    return Markup(quoted)


class RegisterBookView(BaseView):
    """One register book: the screen with its filters, the print view (``?cetak=1``)
    laid out like the paper book, and the .xlsx export. Subclasses name the book."""

    book: Book
    class_permission_name = roles.BOOKS
    method_permission_name = {"index": "read", "export": "read"}
    default_view = "index"

    def _office(self, who: access.Principal) -> Office | None:
        return db.session.get(Office, who.office_id) if who.office_id is not None else None

    def _captions(self, filters, who) -> list[str]:
        out = []
        if filters.period is not None:
            period = filters.period
            out.append(str(_("Period: %(period)s", period=ui_month(period.start) if period.is_month
                             else f"{ui_date(period.start)} – {ui_date(period.end)}")))
        if filters.letter:
            out.append(str(_("Names beginning with %(letter)s", letter=filters.letter)))
        if filters.pk_id is not None:
            pk = next(iter(access.offered_pks(db.session, who, filters.pk_id)), None)
            out.append(str(_("PK: %(name)s", name=pk if pk is not None else "-")))
        if filters.status:
            out.append(f"{self.book.status_label}: {self.book.statuses[filters.status]}")
        return out

    def _screen(self, who, filters, rows, errors=()):
        printing = request.args.get("cetak") == "1" and not errors
        args = register_filters.as_args(filters) if filters is not None else {
            k: request.args.get(k, "") for k in _FORM_FIELDS}
        office = self._office(who)
        return self.render_template(
            "register_print.html" if printing else "register_screen.html", book=self.book, rows=rows,
            # The form reads every field; one not chosen is empty (the links below keep only the chosen ones).
            errors=errors, args={k: "" for k in _FORM_FIELDS} | args, filters=filters,
            captions=self._captions(filters, who) if filters else [],
            office=office, on=today(), page_counter=page_counter_css(),
            pks=_pk_choices(who) if PK in self.book.filters else [],
            letters=[chr(c) for c in range(ord("A"), ord("Z") + 1)],
            print_url=url_for(f"{self.endpoint}.index", cetak=1, **args),
            export_url=url_for(f"{self.endpoint}.export", **args))

    def _read(self):
        who = access.principal()
        filters = register_filters.parse(self.book, request.args, today())
        return who, filters, self.book.rows(db.session, who, filters)

    @expose("")
    @has_access
    def index(self):
        try:
            who, filters, rows = self._read()
        except BadFilter as refused:
            return self._screen(access.principal(), None, [], refused.messages), 400
        return self._screen(who, filters, rows)

    @expose("/xlsx")
    @has_access
    def export(self):
        try:
            who, filters, rows = self._read()
        except BadFilter as refused:
            return self._screen(access.principal(), None, [], refused.messages), 400
        office = self._office(who)
        content = xlsx.workbook(
            self.book, rows, title=str(self.book.title), number_header=str(_("No.")),
            office=office.name if office is not None else str(_("All offices")),
            period=" · ".join(self._captions(filters, who)))
        args = register_filters.as_args(filters)
        name = xlsx.file_name(self.book, office.code if office is not None else None,
                              "_".join(args[k] for k in sorted(args)))
        audit.record_export(db.session, self.book.slug, args, len(rows))
        return secured(Response(content, mimetype=XLSX_MIME), f'attachment; filename="{name}"')


class ClientRegisterView(RegisterBookView):
    route_base = "/register/klien"
    book = registers.BOOKS["register-klien"]


class StageBookView(RegisterBookView):
    route_base = "/register/buku/tahapan"
    book = registers.BOOKS["buku-tahapan"]


class ExpiryBookView(RegisterBookView):
    route_base = "/register/buku/ekspirasi"
    book = registers.BOOKS["buku-ekspirasi"]


class NameIndexView(RegisterBookView):
    route_base = "/register/klaper"
    book = registers.BOOKS["buku-klaper"]


class TppRegisterView(RegisterBookView):
    route_base = "/register/tpp"
    class_permission_name = roles.TPP_SESSION
    book = registers.BOOKS["register-tpp"]


class TransferRegisterView(RegisterBookView):
    route_base = "/register/pindah"
    class_permission_name = roles.TRANSFER
    base_permissions = ["can_read", "can_write"]  # the resource's screens write (views.supervision.transfers)
    book = registers.BOOKS["register-pindah"]


class ComplaintRegisterView(RegisterBookView):
    route_base = "/register/pengaduan"
    class_permission_name = roles.COMPLAINT
    book = registers.BOOKS["register-pengaduan"]


DUE_PARTS = {"terlambat": _("overdue only"), "minggu": _("due within 7 days only"),
             "peringatan": _("revocation alerts only")}


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
        # A dashboard tile opens the part it counts, split by the dashboard's own rule.
        part = request.args.get("tampil")
        if part:
            parts = dashboard.worklist(items, on)
            chosen = {"terlambat": parts.overdue, "minggu": parts.this_week, "peringatan": parts.alerts}
            if part not in chosen:
                abort(400)
            items = chosen[part]
        read_audit.saw_all(item.client_id for item in items)  # names from a column query
        # Translated once here, not once per row of a list that runs to hundreds of rows.
        return self.render_template("due_items.html", items=items, on=on, pk_id=pk_id, pks=_pk_choices(who),
                                    part=DUE_PARTS.get(part),
                                    labels={k: str(v) for k, v in DUE_LABELS.items()},
                                    stage_labels={k: str(v) for k, v in EVENT_LABELS.items()}, is_overdue=is_overdue,
                                    may_issue=self.appbuilder.sm.has_access("can_write", roles.DOCUMENT))
