"""The user's own "log out everywhere" (rules in app.sessions)."""
from __future__ import annotations

from flask import flash, redirect, session
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext
from flask_login import current_user, logout_user

from app import roles, sessions
from app.extensions import db


class SessionView(BaseView):
    route_base = "/sesi"
    class_permission_name = roles.OWN_SESSIONS
    method_permission_name = {"end_all": "write"}

    @expose("/keluar-semua", methods=["POST"])
    @has_access
    def end_all(self):
        sessions.end_all(db.session, current_user.id)
        logout_user()
        session.clear()
        flash(gettext("Every session of your account has ended. Please log in again."), "info")
        return redirect(self.appbuilder.get_url_for_login)
