"""The litmas form: the PK writes the narrative parts, saves drafts, sees what is still empty,
and issues the litmas; read-only once issued. Every rule is in app.litmas.commands."""
from __future__ import annotations

from datetime import date

from flask import abort, current_app, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import lazy_gettext as _

from app import access
from app.errors import DomainError, Invalid, NotFoundOrForbidden
from app.extensions import db
from app.litmas import commands, parts
from app.platform import locking, roles
from views.base import commit_or_flash


class LitmasView(BaseView):
    route_base = "/litmas"
    class_permission_name = roles.DOCUMENT
    method_permission_name = {"form": "read", "save": "write"}
    default_view = "form"

    def _open(self, client_id: int):
        try:
            return commands.open_litmas(db.session, client_id, access.principal())
        except NotFoundOrForbidden:
            abort(404)

    def _page(self, client, narrative, values=None, problems=None, status=200):
        values = values if values is not None else {code: getattr(narrative, code, None) or ""
                                                    for code in parts.CODES}
        return self.render_template("litmas_form.html", client=client, narrative=narrative,
                               groups=parts.grouped(), values=values, problems=problems or {},
                               empty={p.code for p in parts.empty_parts(values)},
                               locked=narrative is not None and narrative.document_id is not None,
                               version_field=locking.FORM_FIELD), status

    @expose("/<int:client_id>")
    @has_access
    def form(self, client_id: int):
        client, narrative = self._open(client_id)
        return self._page(client, narrative)

    @expose("/<int:client_id>", methods=["POST"])
    @has_access
    def save(self, client_id: int):
        client, narrative = self._open(client_id)
        values = {code: request.form.get(code, "") for code in parts.CODES}
        try:
            commands.save_draft(db.session, client.id, values, access.principal(),
                                version=request.form.get(locking.FORM_FIELD))
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            for message in exc.messages:
                flash(message, "danger")
            client, narrative = self._open(client_id)
            # What was typed stays in the form.
            return self._page(client, narrative, values, exc.problems if isinstance(exc, Invalid) else None)
        if request.form.get("action") != "issue":
            flash(_("The draft of the litmas was saved."), "success")
            return redirect(url_for("LitmasView.form", client_id=client.id))
        outcome = commit_or_flash(lambda: commands.issue(
            db.session, client.id, access.principal(), current_app.config["UPLOAD_DIR"],
            request.host_url.rstrip("/") + "/verifikasi/", date.today()), _("The document was issued."))
        if outcome.ok:
            return redirect(url_for("GeneratedDocumentView.show", pk=outcome.result.id))
        return redirect(url_for("LitmasView.form", client_id=client.id))
