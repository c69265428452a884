"""Landing page: the login form, or the role dashboard once logged in."""
from __future__ import annotations

from flask import current_app, redirect, url_for
from flask_appbuilder import IndexView, expose
from flask_login import current_user


class HomeView(IndexView):
    @expose("/")
    def index(self):
        if not current_user.is_authenticated:
            return redirect(current_app.appbuilder.get_url_for_login)
        return redirect(url_for("DashboardView.index"))
