"""Returning clients: the possible earlier registrations of a new one and the one-step link; the grant of an
earlier file by its Kepala Bapas; the earlier file read through a grant. Rules: app.clients.returning."""
from __future__ import annotations

from flask import abort, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import lazy_gettext as _

from app import access
from app.clients.returning import candidates, commands, queries
from app.clients.returning.matching import REASONS
from app.errors import DomainError, NotFoundOrForbidden
from app.extensions import db
from app.platform import roles
from models.choices import (
    ACTIVITY_KIND,
    ASSESSMENT_KIND,
    END_REASON,
    GUARDIAN_RELATION,
    PROGRAMME_STATUS,
    RISK_CATEGORY,
    STAGE,
    STATUS,
    TPP_DECISION,
    TPP_MATTER,
    label,
)
from views.base import client_or_404, commit_or_flash, safe_next

REASON_LABELS = dict(zip(REASONS, (_("NIK"), _("Name"), _("Date of birth"), _("Parents' names"))))
ANCHOR = "sebelumnya"


def _file_section(client_id: int) -> str:
    return url_for("ClientFileView.show", client_id=client_id) + f"#{ANCHOR}"


class ReturningView(BaseView):
    route_base = "/klien"
    class_permission_name = roles.CLIENT
    # The match list is part of registering (write): a reader of the client (the TPP) has no use for it.
    method_permission_name = {"matches": "write", "link": "write", "earlier_file": "read", "grant": "write",
                              "revoke": "write"}
    base_permissions = ["can_read", "can_write"]

    @expose("/<int:client_id>/klien-terdahulu/")
    @has_access
    def matches(self, client_id: int):
        client = client_or_404(client_id)
        return self.render_template(
            "returning_matches.html", client=client, candidates=candidates.match_list(db.session, client),
            may_link=commands.may_link(access.principal()),
            reasons=REASON_LABELS, status=STATUS, back=_file_section(client.id))

    @expose("/<int:client_id>/klien-terdahulu/tautkan", methods=["POST"])
    @has_access
    def link(self, client_id: int):
        client = client_or_404(client_id)
        outcome = commit_or_flash(
            lambda: commands.link(db.session, client.id, request.form.get("earlier_client"), access.principal()),
            _("The registration is linked to the earlier one: its summary is in the client file."))
        if not outcome.ok:
            return redirect(url_for("ReturningView.matches", client_id=client.id))
        return redirect(safe_next(request.form.get("next")) or _file_section(client.id))

    @expose("/terdahulu/<int:client_id>/")
    @has_access
    def earlier_file(self, client_id: int):
        try:
            found = queries.granted_file(db.session, client_id, access.principal())
        except DomainError:
            abort(404)
        return self.render_template(
            "returning_file.html", f=found, client=found.client, label=label,
            labels={"status": STATUS, "end": END_REASON, "relation": GUARDIAN_RELATION, "risk": RISK_CATEGORY,
                    "assessment": ASSESSMENT_KIND, "stage": STAGE, "programme_status": PROGRAMME_STATUS,
                    "activity": ACTIVITY_KIND, "matter": TPP_MATTER, "decision": TPP_DECISION})

    def _grant_step(self, link_id: int, step, done):
        def run():
            try:
                return step(db.session, link_id, access.principal())
            except NotFoundOrForbidden:
                db.session.rollback()
                abort(404)

        outcome = commit_or_flash(run, done)
        back = safe_next(request.form.get("next"))
        if outcome.ok:
            return redirect(back or _file_section(outcome.result.client_id))
        return redirect(back or url_for("DashboardView.index"))

    @expose("/tautan/<int:link_id>/izinkan", methods=["POST"])
    @has_access
    def grant(self, link_id: int):
        return self._grant_step(link_id, commands.grant,
                                _("The earlier file is open to the new supervisors until you withdraw it."))

    @expose("/tautan/<int:link_id>/cabut", methods=["POST"])
    @has_access
    def revoke(self, link_id: int):
        return self._grant_step(link_id, commands.revoke,
                                _("Access withdrawn: only this office reads the earlier file again."))
