"""The staff-user screens: FAB's user list with staff fields (NIP, jabatan, pangkat, office),
the Admin's view of each user's live sessions, and the login form; and the security manager
that names them (its rules are app.platform.security.SecurityRules)."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.actions import action
from flask_appbuilder.security.decorators import has_access
from flask_appbuilder.security.views import AuthDBView, UserDBModelView
from flask_babel import gettext
from flask_babel import lazy_gettext as _
from sqlalchemy import select
from wtforms.validators import Optional, ValidationError

from app.clients.identity import is_valid_nip, normalise_digits
from app.extensions import db
from app.platform import lockout, login_sessions, sessions
from app.platform.security import SecurityRules
from models import Staff
from views.base import plain_value

STAFF_FIELDS = ["nip", "jabatan", "pangkat", "office"]
STAFF_LABELS = {
    "nip": _("NIP"),
    "jabatan": _("Position (jabatan)"),
    "pangkat": _("Rank (pangkat/golongan)"),
    "office": _("Office"),
}


def _nip_rule(form, field):
    nip = normalise_digits(field.data)
    if nip is None:
        field.data = None
        return
    if not is_valid_nip(nip):
        raise ValidationError(gettext("A NIP has exactly 18 digits."))
    query = select(Staff.id).where(Staff.nip == nip)
    editing = (request.view_args or {}).get("pk")
    if editing is not None:
        query = query.where(Staff.id != int(editing))
    if db.session.scalar(query) is not None:
        raise ValidationError(gettext("NIP %(nip)s belongs to another user.", nip=nip))
    field.data = nip


class StaffUserView(UserDBModelView):
    label_columns = {**UserDBModelView.label_columns, **STAFF_LABELS}
    list_columns = ["first_name", "last_name", "username", "nip", "office", "roles", "active"]
    show_fieldsets = [
        (_("User info"), {"fields": ["username", "active", "roles", "login_count"]}),
        (_("Personal Info"), {"fields": ["first_name", "last_name", "email", *STAFF_FIELDS], "expanded": True}),
    ]
    user_show_fieldsets = [
        (_("User info"), {"fields": ["username", "active", "roles", "login_count"]}),
        (_("Personal Info"), {"fields": ["first_name", "last_name", "email", *STAFF_FIELDS], "expanded": True}),
    ]
    add_columns = [*UserDBModelView.add_columns[:6], *STAFF_FIELDS, "password", "conf_password"]
    edit_columns = ["first_name", "last_name", "username", "active", "email", "roles", *STAFF_FIELDS]
    validators_columns = {"nip": [Optional(), _nip_rule]}
    formatters_columns = {c: plain_value for c in ["active", "email", "last_login", *STAFF_FIELDS]}
    show_template = "staff_user_show.html"

    @action("end_sessions", _("Log out everywhere"), _("End every session of the selected users?"),
            "fa-sign-out", single=True)
    def end_sessions(self, items):
        for user in items if isinstance(items, list) else [items]:
            sessions.end_all(db.session, user.id)
            lockout.unlock(db.session, user.id)
        flash(gettext("Their sessions have ended; they must log in again."), "info")
        return redirect(self.get_redirect())

    def post_update(self, item):
        # A deactivated account keeps no session: none comes back if it is activated again.
        if not item.active:
            sessions.end_all(db.session, item.id)

    @expose("/show/<pk>", methods=["GET"])
    @has_access
    def show(self, pk):
        """FAB's user page, with the user's live sessions for the Admin to end."""
        item = self.datamodel.get(pk, self._base_filters)
        if not item:
            abort(404)
        widgets = self._get_show_widget(pk, item, actions={"resetpasswords": self.actions.get("resetpasswords")})
        self.update_redirect()
        return self.render_template(self.show_template, pk=pk, title=self.show_title, widgets=widgets,
                                    appbuilder=self.appbuilder, related_views=self._related_views,
                                    login_sessions=login_sessions.active(item.id),
                                    end_session_url=lambda row: url_for(".end_session", session_id=row.id))

    @expose("/sesi/<int:session_id>/akhiri", methods=["POST"])
    @has_access
    def end_session(self, session_id: int):
        """The Admin ends one session of a user."""
        ended = sessions.end(db.session, session_id)
        if ended is None:
            abort(404)
        flash(gettext("The session has ended."), "info")
        return redirect(url_for(".show", pk=ended.user_id))


class SibikaAuthDBView(AuthDBView):
    invalid_login_message = lockout.FAILED_LOGIN



class SibikaSecurityManager(SecurityRules):
    userdbmodelview = StaffUserView
    authdbview = SibikaAuthDBView
