"""Import of the client register from a spreadsheet: template, upload (checked by a job), preview, confirm.

The rules live in app.imports; this view only moves the file between the
browser, the pending store and those functions, and maps refusals to 4xx.
"""
from __future__ import annotations

import time

from flask import abort, current_app, request
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.forms import DynamicForm
from flask_babel import lazy_gettext as _
from flask_wtf.file import FileField
from sqlalchemy import select
from wtforms import SelectField

from app import access
from app.extensions import db
from app.imports import check, pending, run, template
from app.imports import confirm as confirm_store
from app.imports.columns import CODE, COLUMNS, KIND, how_to_fill
from app.imports.reading import FileRefused, check_size
from app.imports.validate import EXISTING, INVALID, NEW, kind_names, validate
from app.jobs import kinds
from app.platform import roles
from models import Office
from views.base import today
from views.documents.downloads import download
from views.jobs.jobs import start_and_show

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(DynamicForm):
    office = SelectField(_("Office"), coerce=int)
    file = FileField(_("Register file (.xlsx or .csv)"))


def _offices() -> list[Office]:
    who = access.principal()
    return db.session.scalars(select(Office).where(access.office_clause(Office.id, who)).order_by(Office.name)).all()


class ClientImportView(BaseView):
    route_base = "/impor-klien"
    class_permission_name = roles.CLIENT_IMPORT
    method_permission_name = {"upload": "write", "template_xlsx": "write", "template_csv": "write",
                              "preview": "write", "confirm": "write"}
    default_view = "upload"

    def _page(self, form, errors=(), status=200):
        columns = [(c, how_to_fill(c), c.choices if c.kind == CODE else None) for c in COLUMNS]
        kinds = kind_names(db.session)
        return self.render_template("import_upload.html", form=form, errors=list(errors), columns=columns,
                                    kinds=kinds, kind_kind=KIND, limits=check.limits()), status

    @expose("/", methods=["GET", "POST"])
    @has_access
    def upload(self):
        form = UploadForm()
        offices = _offices()
        form.office.choices = [(o.id, o.name) for o in offices]
        if request.method != "POST":
            return self._page(form)
        if not form.validate():
            return self._page(form, [str(_("Choose your office and a file."))], 422)
        upload = request.files.get("file")
        data = upload.read(check.limits().max_bytes + 1) if upload else b""
        try:
            check_size(data, check.limits())
        except FileRefused as exc:
            return self._page(form, exc.messages, 422)
        # Reading and checking every row is the worker's (app.imports.check); its page shows the bar, then
        # opens the preview, or says in the uploader's language why the file cannot be read.
        now, ttl = time.time(), current_app.config["IMPORT_TTL_SECONDS"]
        check.sweep(confirm_store.folder(), now, ttl)
        kept = check.keep(confirm_store.folder(), data, upload.filename or "", access.principal().user_id,
                          form.office.data, now)

        def refused(status):
            check.drop(confirm_store.folder(), kept)
            return self._page(form, (), status)

        return start_and_show(kinds.IMPORT_CHECK, {"upload": kept}, refused)

    @expose("/templat.xlsx")
    @has_access
    def template_xlsx(self):
        data = template.xlsx(kind_names(db.session), check.limits().max_rows)
        return self._download(data, "templat-register-klien.xlsx", XLSX_MIME)

    @expose("/templat.csv")
    @has_access
    def template_csv(self):
        return self._download(template.csv_bytes(), "templat-register-klien.csv", "text/csv; charset=utf-8")

    @staticmethod
    def _download(data: bytes, name: str, mime: str):
        import io

        return download(io.BytesIO(data), name, mime)

    def _pending(self, token: str):
        """The pending upload of this user and its office; 404 for anything else."""
        who = access.principal()
        found = pending.get(confirm_store.folder(), token, who.user_id, None, time.time(), current_app.config["IMPORT_TTL_SECONDS"])
        if found is None:
            abort(404)
        office = next((o for o in _offices() if o.id == found.office_id), None)
        if office is None:
            abort(404)
        return found, office

    def _checked(self, token: str):
        """The pending upload, its office and a fresh report."""
        found, office = self._pending(token)
        return found, office, validate(found.rows, db.session, office, today())

    def _preview(self, found, office, report, errors=(), status=200):
        return self.render_template(
            "import_preview.html", token=found.token, filename=found.filename, office=office, report=report,
            summary=report.summary, problems=report.problems, new_rows=report.having(NEW),
            existing_rows=report.having(EXISTING), invalid=INVALID, fingerprint=report.fingerprint(),
            errors=list(errors), modes=(run.ALL, run.VALID_ONLY)), status

    @expose("/<token>", methods=["GET"])
    @has_access
    def preview(self, token: str):
        return self._preview(*self._checked(token))

    @expose("/<token>", methods=["POST"])
    @has_access
    def confirm(self, token: str):
        """Registering runs as a job (app.imports.confirm checks the rows again there); its page says how
        many were registered, or why nothing was."""
        self._pending(token)  # someone else's or an expired upload: 404 before anything is queued
        params = {"token": token, "mode": request.form.get("mode", ""), "fingerprint": request.form.get("fingerprint")}
        return start_and_show(kinds.IMPORT_CONFIRM, params, lambda status: self._refused(token, status))

    def _refused(self, token: str, status: int):
        found, office, report = self._checked(token)
        return self._preview(found, office, report, status=status)
