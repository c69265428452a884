"""The service standard: the A4 poster a service counter displays (public), and the Admin's editions."""
from __future__ import annotations

from datetime import date

from flask import abort, render_template
from flask_appbuilder import BaseView, expose
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import force_locale
from flask_babel import lazy_gettext as _
from wtforms import StringField
from wtforms.validators import Length, Optional

from app.extensions import db
from app.platform import roles
from app.public import components, stage_example, standard
from models import StandardComponent
from views.base import SibikaModelView, choice_field, form_rule
from views.formatting import code_label, date_formatters
from views.public import office as public_office


class PublicStandardView(BaseView):
    route_base = "/standar-pelayanan"

    @expose("/<code>/cetak")
    def poster(self, code: str):
        office = public_office.by_code(code)
        if office is None:
            abort(404)
        with force_locale("id"):  # the poster is the published text, in Indonesian whatever the reader chose
            return render_template("public/standard_poster.html", office=office, example=stage_example.example(),
                                   sections=standard.in_force(db.session, office.id, date.today()))


def _problems(form):
    return standard.problems(form.component.data, form.text.data, form.effective_from.data)


def _component_field():
    return choice_field(_("Component"), components.TITLES, validators=[form_rule(_problems)])


class StandardComponentView(SibikaModelView):
    """Each change of the published text is a new edition with the day it takes effect."""

    datamodel = SQLAInterface(StandardComponent)
    class_permission_name = roles.SERVICE_STANDARD
    list_title = _("Service standard")
    show_title = _("Service standard component")
    add_title = _("New edition of a component")
    edit_title = _("Correct an edition")
    label_columns = {"office": _("Office"), "component": _("Component"), "title": _("Title"), "text": _("Text"),
                     "effective_from": _("In force from"), "edition": _("Version")}
    list_columns = ["office", "component", "edition", "effective_from", "title"]
    show_columns = ["office", "component", "title", "text", "effective_from", "edition"]
    add_columns = edit_columns = ["office", "component", "title", "text", "effective_from"]
    search_columns = ["office", "component", "effective_from"]
    description_columns = {
        "title": _("Left empty: the component's published title."),
        "text": _("One line per item: a line opening with a dash is a bullet, with \"1.\" a numbered step, a line "
                  "in capitals a heading."),
        "effective_from": _("The public page shows, for each component, the latest edition in force today."),
    }
    add_form_extra_fields = edit_form_extra_fields = {
        "component": _component_field(),
        "title": StringField(_("Title"), validators=[Optional(), Length(max=200)],
                             description=_("Left empty: the component's published title.")),
    }
    validators_columns = {"text": [form_rule(_problems)], "effective_from": [form_rule(_problems)]}
    formatters_columns = {"component": code_label(components.TITLES), **date_formatters("effective_from")}
    base_order = ("effective_from", "desc")

    def pre_add(self, item):
        standard.prepare_edition(db.session, item)

    def pre_update(self, item):
        standard.prepare_edition(db.session, item)
