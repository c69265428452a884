"""Retention screen: the cases due for anonymisation, proposed and then approved
by the Kepala Bapas (app.clients.retention holds every rule)."""
from __future__ import annotations

from datetime import date

from flask import current_app, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import lazy_gettext as _

from app import access
from app.clients import retention
from app.extensions import db
from app.platform import roles
from views.base import commit_or_flash


def _years() -> int:
    return current_app.config.get("RETENTION_YEARS", retention.DEFAULT_YEARS)


class RetentionView(BaseView):
    route_base = "/retensi"
    default_view = "index"
    class_permission_name = roles.RETENTION
    method_permission_name = {"index": "read", "propose": "write", "decide": "write"}

    @expose("/")
    @has_access
    def index(self):
        who = access.principal()
        return self.render_template(
            "retention.html", years=_years(), due=retention.due(db.session, who, date.today(), _years()),
            proposals=retention.pending(db.session, who), may_decide=roles.KEPALA in who.role_names)

    @expose("/usul", methods=["POST"])
    @has_access
    def propose(self):
        outcome = commit_or_flash(lambda: retention.propose(db.session, access.principal(), date.today(), _years()))
        if outcome.ok:
            flash(_("%(count)s cases proposed; the Kepala Bapas decides each of them.", count=outcome.result), "info")
        return redirect(url_for("RetentionView.index"))

    @expose("/putuskan", methods=["POST"])
    @has_access
    def decide(self):
        try:
            ids = [int(v) for v in request.form.getlist("proposal")]
        except ValueError:
            ids = []
        who = access.principal()
        if request.form.get("decision") == "approve":
            outcome = commit_or_flash(lambda: retention.approve(
                db.session, who, ids, current_app.config["UPLOAD_DIR"], date.today(), _years()))
            message = _("%(count)s cases anonymised.")
        else:
            outcome = commit_or_flash(lambda: retention.reject(db.session, who, ids))
            message = _("%(count)s proposals rejected; the cases stay as they are.")
        if outcome.ok:
            flash(message % {"count": outcome.result}, "success")
        return redirect(url_for("RetentionView.index"))
