"""The user's own sessions: the list of live ones ("Sesi aktif"), ending one, and
"log out everywhere" (rules in app.platform.sessions)."""
from __future__ import annotations

from flask import abort, flash, redirect, session, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext
from flask_login import current_user, logout_user

from app.extensions import db
from app.platform import login_sessions, roles, sessions


class SessionView(BaseView):
    route_base = "/sesi"
    class_permission_name = roles.OWN_SESSIONS
    method_permission_name = {"index": "read", "end_one": "write", "end_all": "write"}

    @expose("/")
    @has_access
    def index(self):
        sid = session.get(sessions.SID_KEY)
        return self.render_template("sessions.html", login_sessions=login_sessions.active(current_user.id),
                                    current_hash=sessions.digest(sid) if sid else None,
                                    end_url=lambda row: url_for(".end_one", session_id=row.id))

    @expose("/<int:session_id>/akhiri", methods=["POST"])
    @has_access
    def end_one(self, session_id: int):
        # Only one's own: another user's session id answers as a missing one.
        ended = sessions.end(db.session, session_id, user_id=current_user.id)
        if ended is None:
            abort(404)
        if sessions.is_current(ended, session.get(sessions.SID_KEY)):
            logout_user()
            session.clear()
            flash(gettext("This session has ended. Please log in again."), "info")
            return redirect(self.appbuilder.get_url_for_login)
        flash(gettext("The session has ended."), "info")
        return redirect(url_for(".index"))

    @expose("/keluar-semua", methods=["POST"])
    @has_access
    def end_all(self):
        sessions.end_all(db.session, current_user.id)
        logout_user()
        session.clear()
        flash(gettext("Every session of your account has ended. Please log in again."), "info")
        return redirect(self.appbuilder.get_url_for_login)
