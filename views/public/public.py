"""Pages without login: the public complaint form, its status page and the error pages."""
from __future__ import annotations

from flask import abort, current_app, g, jsonify, make_response, redirect, render_template, request, url_for
from flask_appbuilder import BaseView, expose
from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from sqlalchemy import select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from wtforms import BooleanField, SelectField, StringField, TextAreaField

from app.complaints import intake
from app.errors import DatabaseUnavailable, DomainError, Invalid
from app.extensions import db, limiter
from app.platform import login_limit
from models import Complaint, ComplaintCategory
from models.choices import COMPLAINT_STATUS_PUBLIC
from views.public import office as public_office


def _rate():
    return current_app.config["COMPLAINT_RATE_LIMIT"]


def _accepted(_response) -> bool:
    """Only a complaint that was received counts toward the limit: a refused one (too long, no office) does not."""
    return bool(g.get("complaint_accepted"))


class PublicComplaintForm(FlaskForm):
    office = SelectField(_("Bapas office the complaint is for"))
    category = SelectField(_("Category"))
    text = TextAreaField(_("Your complaint"))
    name = StringField(_("Name (optional)"))
    contact = StringField(_("Telephone or e-mail (optional)"))
    consent_contact = BooleanField(_("You may contact me about this complaint"))
    attachment = FileField(_("Attachment (optional: PDF, JPEG or PNG, at most 2 MB)"))
    website = StringField("website")  # honeypot: hidden from people, filled by bots


def _categories() -> list[ComplaintCategory]:
    return list(db.session.scalars(select(ComplaintCategory).where(ComplaintCategory.active.is_(True))
                                   .order_by(ComplaintCategory.response_days, ComplaintCategory.id)))


class PublicComplaintView(BaseView):
    route_base = "/pengaduan"
    default_view = "form"

    @expose("/", methods=["GET", "POST"])
    @limiter.limit(_rate, methods=["POST"], deduct_when=_accepted)
    def form(self):
        form = PublicComplaintForm()
        categories = _categories()
        # Public pages name offices and categories by code, never by internal id; the office is chosen, never
        # defaulted (a remembered choice from the home page counts as chosen).
        form.office.choices = [("", str(_("— choose a Bapas office —")))] + public_office.choices()
        form.category.choices = [(c.code, c.name) for c in categories]
        if request.method == "GET":  # WTForms reads no data as "None": the placeholder stays chosen
            form.office.data = remembered.code if (remembered := public_office.remembered()) else ""
        problems: dict[str, list[str]] = {}
        if request.method == "POST":
            if form.website.data:
                abort(400)  # only a bot fills the hidden field
            if form.validate():
                office = public_office.by_code(form.office.data)
                category = next((c for c in categories if c.code == form.category.data), None)
                upload = request.files.get("attachment")
                data = upload.read(intake.ATTACHMENT_BYTES + 1) if upload and upload.filename else b""
                submission = intake.Submission(
                    office_id=office.id if office else None, category_id=category.id if category else None,
                    text=form.text.data, name=form.name.data, contact=form.contact.data,
                    consent_contact=form.consent_contact.data, attachment=(upload.filename, data) if data else None)
                try:
                    complaint = intake.receive(db.session, submission, current_app.config["UPLOAD_DIR"])
                    db.session.commit()
                except Invalid as exc:
                    db.session.rollback()
                    problems = exc.problems
                except DomainError as exc:
                    db.session.rollback()
                    problems = {"": exc.messages}
                else:
                    g.complaint_accepted = True
                    response = make_response(render_template("public/complaint_received.html",
                                                             complaint=complaint))
                    return public_office.remember(response, office)
            else:
                problems = {"": [str(_("Please check the form."))]}
        return render_template("public/complaint_form.html", form=form, problems=problems,
                               categories=categories,
                               errors=[m for found in problems.values() for m in found])

    @expose("/lacak")
    def track(self):
        """The box "follow a complaint": a number typed with spaces or in small letters still finds it."""
        number = "".join((request.args.get("nomor") or "").split()).upper()
        if not number:
            return render_template("public/complaint_unknown.html", asked=False), 400
        return redirect(url_for("PublicComplaintView.status", nomor=number))

    @expose("/<nomor>")
    def status(self, nomor: str):
        complaint = db.session.scalars(select(Complaint).where(Complaint.tracking_number == nomor.upper())).first()
        if complaint is None:
            return render_template("public/complaint_unknown.html", asked=True), 404
        steps = [(s.status, s.at) for s in complaint.steps]
        return render_template("public/complaint_status.html", complaint=complaint, steps=steps,
                               labels=COMPLAINT_STATUS_PUBLIC)


ERRORS = {
    400: (_("The request cannot be read"), _("Something in the address or the form is not valid. Go back and check "
                                             "what was typed.")),
    403: (_("Not allowed"), _("Your role does not allow this page.")),
    404: (_("Not found"), _("This page or record does not exist, or it is not in your work area.")),
    405: (_("Not allowed"), _("This page cannot be used this way.")),
    413: (_("The file is too large"), _("The upload is larger than the server accepts. Split the file into "
                                         "smaller ones and try again.")),
    500: (_("Something went wrong"), _("The error has been noted. Nothing was saved; please try again.")),
    503: (_("The database is not answering"), _("Nothing was saved. Please try again in a minute.")),
}


def register_error_pages(app) -> None:
    """Error pages in the user's language; none of them tells whether a record exists."""

    @app.errorhandler(429)
    def too_many(_error):
        if login_limit.is_login_request():
            return login_limit.too_many_response()
        return render_template("public/too_many.html"), 429

    def page(code):
        def handler(_error):
            title, message = ERRORS[code]
            user = g.get("user")  # set by FAB's before_request; absent when the request was refused earlier
            if code < 500 and getattr(user, "is_authenticated", False):
                # A logged-in officer keeps their own menu and account on a refusal, not the public page's.
                appbuilder = current_app.appbuilder
                return render_template("staff_error.html", title=title, message=message, appbuilder=appbuilder,
                                       base_template=appbuilder.base_template), code
            return render_template("error.html", title=title, message=message), code
        return handler

    for code in ERRORS:
        app.register_error_handler(code, page(code))

    def database_unavailable(error):
        # A restarted database or a killed connection: the request's transaction is lost
        # and nothing of it was written. 503 and Retry-After, not a 500: it is not a bug,
        # and the next request gets a fresh connection (pool_pre_ping).
        try:
            db.session.rollback()
        except SQLAlchemyError:
            pass
        current_app.logger.warning("database unavailable: %s", type(getattr(error, "orig", error)).__name__)
        # Rendering loads the user for the templates (Flask-Login's context processor):
        # from the database, which is down. This page needs no user.
        g.setdefault("_login_user", current_app.login_manager.anonymous_user())
        if request.path.startswith("/api/"):
            response = make_response(jsonify(message=str(DatabaseUnavailable())), 503)
        else:
            title, message = ERRORS[503]
            response = make_response(render_template("error.html", title=title, message=message), 503)
        response.headers["Retry-After"] = "5"
        return response

    app.register_error_handler(OperationalError, database_unavailable)
    app.register_error_handler(DatabaseUnavailable, database_unavailable)
