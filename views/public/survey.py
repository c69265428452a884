"""The survey's public pages (no login): the form at /survei/<office code>/ and the published index at
/survei/hasil/<office code>/. They call app.survey and map its refusals; nothing here decides a rule."""
from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_appbuilder import BaseView, expose
from flask_babel import format_decimal
from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from wtforms import RadioField, SelectField, StringField, TextAreaField

from app.errors import Invalid, NotFoundOrForbidden
from app.extensions import db, limiter
from app.survey import commands, queries
from app.survey.elements import ELEMENTS, GRADE_LABELS, MAX_SUGGESTION, PROFILE
from models import Office

ACCEPTED = 303  # an accepted answer redirects to the thank-you page; only those count toward the limit


def figure(value, places: int = 2) -> str:
    """An index or score the way the reader's language writes it (82,64 in Indonesian, 82.64 in English)."""
    return format_decimal(value, format="0." + "0" * places)


def _rate():
    return current_app.config.get("SURVEY_RATE_LIMIT", "30 per hour")


def _with_empty(mapping) -> list[tuple[str, object]]:
    return [("", _("Rather not say"))] + list(mapping.items())


class SurveyForm(FlaskForm):
    # Range, length and code are checked by app.survey.commands (one home for each rule), not here.
    suggestion = TextAreaField(_("Suggestions (optional)"))
    code = StringField(_("Survey code (optional, printed on your report or card)"))
    age_range = SelectField(_("Age"), choices=_with_empty(PROFILE["age_range"]), validate_choice=False)
    sex = SelectField(_("Sex"), choices=_with_empty(PROFILE["sex"]), validate_choice=False)
    education = SelectField(_("Education"), choices=_with_empty(PROFILE["education"]), validate_choice=False)
    occupation = SelectField(_("Occupation"), choices=_with_empty(PROFILE["occupation"]), validate_choice=False)
    website = StringField("website")  # honeypot: hidden from people, filled by bots


for _element in ELEMENTS:
    setattr(SurveyForm, _element.key, RadioField(
        _element.question, choices=[(str(n), label) for n, label in enumerate(_element.options, start=1)],
        validate_choice=False))


def _office_or_404(office_code: str) -> Office:
    office = db.session.scalars(select(Office).where(Office.code == office_code)).first()
    if office is None:
        abort(404)
    return office


class PublicSurveyView(BaseView):
    route_base = "/survei"
    default_view = "choose"

    def create_blueprint(self, appbuilder, endpoint=None, static_folder=None):
        blueprint = super().create_blueprint(appbuilder, endpoint=endpoint, static_folder=static_folder)
        # The survey's own "too many" page (the app-wide one speaks of complaints).
        blueprint.register_error_handler(429, lambda _error: (render_template("survey/too_many.html"), 429))
        return blueprint

    @expose("/")
    def choose(self):
        offices = db.session.scalars(select(Office).order_by(Office.name)).all()
        return render_template("survey/choose.html", offices=offices)

    @expose("/<office_code>/", methods=["GET", "POST"])
    @limiter.limit(_rate, methods=["POST"], deduct_when=lambda response: response.status_code == ACCEPTED)
    def form(self, office_code: str):
        office = _office_or_404(office_code)
        form = SurveyForm()
        problems: dict[str, list[str]] = {}
        if request.method == "GET" and request.args.get("kode"):
            form.code.data = request.args.get("kode", "")[:40]
        if request.method == "POST":
            if form.website.data:
                abort(400)  # only a bot fills the hidden field
            if not form.validate():
                problems = {"form": [str(_("The form had expired. Your answers are kept below: please send them again."))]}
            else:
                answers = commands.Answers(
                    scores={e.key: getattr(form, e.key).data for e in ELEMENTS},
                    suggestion=form.suggestion.data,
                    profile={name: getattr(form, name).data for name in PROFILE},
                    code=form.code.data)
                try:
                    commands.submit(db.session, office.code, answers)
                    db.session.commit()
                except Invalid as refused:
                    db.session.rollback()
                    problems = refused.problems
                except NotFoundOrForbidden:
                    db.session.rollback()
                    abort(404)
                except IntegrityError:
                    # The same code sent twice at the same moment: the database kept the first.
                    db.session.rollback()
                    problems = {"code": [commands.code_used_message()]}
                else:
                    return redirect(url_for("PublicSurveyView.thanks", office_code=office.code), ACCEPTED)
        status = 400 if problems else 200
        return render_template("survey/form.html", form=form, office=office, elements=ELEMENTS,
                               problems=problems, max_suggestion=MAX_SUGGESTION), status

    @expose("/<office_code>/terima-kasih")
    def thanks(self, office_code: str):
        return render_template("survey/thanks.html", office=_office_or_404(office_code))

    @expose("/hasil/<office_code>/")
    def results(self, office_code: str):
        office = _office_or_404(office_code)
        publication = queries.latest_published(db.session, office)
        return render_template("survey/results.html", office=office, publication=publication, elements=ELEMENTS,
                               grades=GRADE_LABELS, figure=figure)
