"""Replace (ganti) or cancel (batalkan) an issued letter: a reason form, then back where the user came from."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import lazy_gettext as _

from app import access
from app.documents import commands
from app.errors import DomainError, Forbidden, Invalid
from app.extensions import db
from app.platform import roles
from models import GeneratedDocument
from models.choices import DOCUMENT_STATUS
from views.base import record_or_404
from views.documents.documents import DOC_TYPES, issuing
from views.navigation import came_from

DONE = {"ganti": _("The letter was replaced; the new letter has a new number."),
        "batalkan": _("The letter was cancelled.")}


class DocumentStatusView(BaseView):
    route_base = "/dokumen/status"
    class_permission_name = roles.DOCUMENT
    method_permission_name = {"replace": "write", "cancel": "write"}

    def _form(self, document, action: str, problems: dict | None = None, status: int = 200):
        back = came_from(url_for("GeneratedDocumentView.show", pk=document.id))
        return self.render_template("document_status_form.html", document=document, action=action, back=back,
                                    problems=problems or {}, values=request.form, doc_types=DOC_TYPES,
                                    statuses=DOCUMENT_STATUS), status

    def _refused(self, exc: Forbidden):
        return self.render_template("error.html", title=_("Not allowed"), message=exc.messages[0]), 403

    def _run(self, document, action: str, command):
        """Run the command and commit; a refusal shows the form again with what was typed."""
        back = came_from(url_for("GeneratedDocumentView.show", pk=document.id))
        try:
            command()
            db.session.commit()
        except Forbidden as exc:
            db.session.rollback()
            return self._refused(exc)
        except Invalid as exc:
            db.session.rollback()
            return self._form(document, action, exc.problems, 422)
        except DomainError as exc:
            db.session.rollback()
            for message in exc.messages:
                flash(message, "danger")
            return self._form(document, action, status=422)
        flash(DONE[action], "success")
        return redirect(back)

    @expose("/<int:document_id>/ganti", methods=["GET", "POST"])
    @has_access
    def replace(self, document_id: int):
        document = record_or_404(GeneratedDocument, document_id)
        if request.method == "GET":
            return self._form(document, "ganti")
        return self._run(document, "ganti", lambda: commands.replace(
            db.session, document.id, request.form.get("alasan"), access.principal(), issuing()))

    @expose("/<int:document_id>/batalkan", methods=["GET", "POST"])
    @has_access
    def cancel(self, document_id: int):
        document = record_or_404(GeneratedDocument, document_id)
        if request.method == "GET":
            try:
                commands.check_may_cancel(access.principal())
            except Forbidden as exc:
                return self._refused(exc)
            return self._form(document, "batalkan")
        return self._run(document, "batalkan", lambda: commands.cancel(
            db.session, document.id, request.form.get("alasan"), access.principal()))
