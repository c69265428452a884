"""Landing page after login."""
from __future__ import annotations

from flask import redirect, url_for
from flask_appbuilder import IndexView, expose
from flask_login import current_user


class HomeView(IndexView):
    index_template = "home.html"

    @expose("/")
    def index(self):
        if not current_user.is_authenticated:
            return redirect(url_for("AuthDBView.login"))
        return self.render_template(self.index_template, appbuilder=self.appbuilder)
