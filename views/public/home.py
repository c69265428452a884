"""`/` is the public home page (the office's service standard, complaint channels, tracking, verification) for
everyone; `/mulai/` is where a login lands: the role's dashboard, or the public home when nobody is logged in."""
from __future__ import annotations

from datetime import date

from flask import make_response, redirect, render_template, request, session, url_for
from flask_appbuilder import IndexView, expose
from flask_babel import refresh
from flask_login import current_user

from app.extensions import db
from app.public import stage_example, standard
from views.public import office as public_office


class HomeView(IndexView):
    # FAB sends a login (and the logo) to the index view's default: the staff landing.
    default_view = "landing"

    @expose("/")
    def index(self):
        office, choice_error = public_office.from_request()
        sections = standard.in_force(db.session, office.id, date.today()) if office else []
        response = make_response(render_template("public/home.html", office=office, choice_error=choice_error,
                                      offices=public_office.choices(), sections=sections,
                                      example=stage_example.example()))
        return public_office.remember(response, office)

    @expose("/mulai/")
    def landing(self):
        if current_user.is_authenticated:
            return redirect(url_for("DashboardView.index"))
        return redirect(url_for("HomeView.index"))

    @expose("/bahasa/<code>")
    def language(self, code: str):
        """The language switch of the public pages: back to the page it was pressed on."""
        if code in self.appbuilder.languages:
            session["locale"] = code
            refresh()  # flask-babel keeps the locale it read for the rest of the context
        return redirect(public_office.local_path(request.args.get("next")) or url_for("HomeView.index"))
