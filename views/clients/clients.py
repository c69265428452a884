"""Client screens: the register entry, its guardians and its confidential matters."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_appbuilder.fieldwidgets import BS3TextFieldWidget
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app import access
from app.clients import next_number
from app.clients import rules as clients
from app.clients.returning import candidates
from app.clients.returning import commands as returning_commands
from app.extensions import db
from app.platform import roles
from models import Client, ClientConfidential, Guardian
from models.choices import EDUCATION, GUARDIAN_RELATION, ORIGIN, RELIGION, SEX, STAGE, STATUS
from views import register_filter
from views.base import SibikaModelView, choice_field, edited_pk, form_rule, today
from views.clients.assignments import PKAssignmentView
from views.clients.handovers import HandoverView
from views.formatting import code_label, date_formatters

CLIENT_LABELS = {
    "office": _("Office"),
    "registration_number": _("Registration number"),
    "full_name": _("Full name"),
    "alias": _("Alias"),
    "sex": _("Sex"),
    "birth_place": _("Place of birth"),
    "birth_date": _("Date of birth"),
    "nik": _("NIK"),
    "religion": _("Religion"),
    "education": _("Education"),
    "address": _("Address"),
    "offence_date": _("Date of the offence"),
    "offence_article": _("Article of law"),
    "decision_number": _("Court decision number"),
    "decision_date": _("Court decision date"),
    "sentence": _("Sentence"),
    "supervision_kind": _("Kind of supervision"),
    "basis_document": _("Decision letter (SK) number"),
    "origin": _("Origin"),
    "supervision_start": _("Start of supervision"),
    "supervision_expiry": _("Expiry of supervision"),
    "status": _("Status"),
    "current_pk": _("PK"),
    "stage": _("Stage"),
    "reporting_interval_days": _("Reports at least every (days)"),
    "client": _("Client"),
    "created_at": _("Registered on"),
}

IDENTITY = ["office", "registration_number", "full_name", "alias", "sex", "birth_place", "birth_date",
            "nik", "religion", "education", "address"]
CASE = ["offence_date", "offence_article", "decision_number", "decision_date", "sentence"]
SUPERVISION = ["supervision_kind", "basis_document", "origin", "supervision_start", "supervision_expiry",
               "reporting_interval_days"]


def _fieldsets(*extra_supervision: str):
    return [
        (_("Identity"), {"fields": IDENTITY}),
        (_("Case (perkara)"), {"fields": CASE}),
        (_("Supervision"), {"fields": SUPERVISION + list(extra_supervision)}),
    ]


def _client_problems(form) -> dict[str, list[str]]:
    office = form.office.data if hasattr(form, "office") else None
    facts = clients.ClientFacts(
        office_id=office.id if office is not None else None,
        registration_number=form.registration_number.data,
        birth_date=form.birth_date.data,
        offence_date=form.offence_date.data,
        nik=form.nik.data,
        supervision_start=form.supervision_start.data,
        supervision_expiry=form.supervision_expiry.data,
        decision_date=form.decision_date.data,
        client_id=edited_pk(),
    )
    return clients.problems(db.session, facts, today())


CHECKED = ["office", "registration_number", "birth_date", "offence_date", "nik", "supervision_start",
           "supervision_expiry", "decision_date"]


class GuardianView(SibikaModelView):
    datamodel = SQLAInterface(Guardian)
    class_permission_name = roles.GUARDIAN
    list_title = show_title = _("Parents and guardians")
    add_title = _("Add parent or guardian")
    edit_title = _("Edit parent or guardian")
    label_columns = {
        "client": _("Client"), "relation": _("Relation"), "name": _("Name"),
        "occupation": _("Occupation"), "address": _("Address"), "phone": _("Telephone"),
        "birth_date": _("Date of birth"), "religion": _("Religion"), "deceased": _("Deceased"),
    }
    list_columns = ["client", "relation", "name", "phone"]
    add_columns = edit_columns = show_columns = ["client", "relation", "name", "birth_date", "religion", "deceased",
                                                 "occupation", "address", "phone"]
    base_filters = access.base_filter(access.ClientLinkedScope)
    add_form_query_rel_fields = edit_form_query_rel_fields = {"client": access.base_filter(access.ClientScope)}
    add_form_extra_fields = edit_form_extra_fields = {
        "relation": choice_field(_("Relation"), GUARDIAN_RELATION),
        "religion": choice_field(_("Religion"), RELIGION, required=False),
        # A box left unticked is "not deceased", not a missing answer.
        "deceased": BooleanField(_("Deceased"), validators=[Optional()])}
    formatters_columns = {"relation": code_label(GUARDIAN_RELATION), "religion": code_label(RELIGION)}


class ConfidentialView(SibikaModelView):
    """Health, household, safety and programme notes: only for the assigned PK,
    the Kepala Bapas and Admin (access.ConfidentialScope)."""

    datamodel = SQLAInterface(ClientConfidential)
    class_permission_name = roles.CONFIDENTIAL
    list_title = show_title = _("Confidential data")
    add_title = edit_title = _("Confidential data")
    label_columns = {
        "client": _("Client"), "health": _("Health"), "household": _("Household condition"),
        "safety": _("Safety and threats"), "programme_notes": _("Guidance programme notes"),
    }
    list_columns = ["client", "health", "household", "safety", "programme_notes"]
    add_columns = edit_columns = show_columns = ["client", "health", "household", "safety", "programme_notes"]
    # The notes are encrypted at rest (app.platform.crypto): SQL can neither search nor sort them.
    search_columns = order_columns = ["client"]
    base_filters = access.base_filter(access.ConfidentialScope)
    add_form_query_rel_fields = edit_form_query_rel_fields = {"client": [["id", access.ConfidentialClientChoices, None]]}


class ClientView(SibikaModelView):
    datamodel = SQLAInterface(Client)
    class_permission_name = roles.CLIENT
    list_title = _("Client list")
    show_title = _("Client")
    add_title = _("Register a client")
    edit_title = _("Edit client")
    show_template = "client_show.html"
    label_columns = {**CLIENT_LABELS, register_filter.REGISTER_INCOMPLETE: register_filter.LABEL}
    list_columns = ["registration_number", "full_name", "sex", "supervision_kind", "current_pk",
                    "supervision_start", "supervision_expiry", "status"]
    search_columns = ["registration_number", "full_name", "alias", "status", "supervision_kind",
                      "current_pk", "supervision_start", "supervision_expiry", "origin", "created_at",
                      register_filter.REGISTER_INCOMPLETE]
    search_form_extra_fields = {register_filter.REGISTER_INCOMPLETE: register_filter.search_field()}
    order_columns = ["registration_number", "full_name", "supervision_start", "supervision_expiry", "status"]
    base_order = ("registration_number", "asc")
    add_fieldsets = _fieldsets()
    edit_fieldsets = _fieldsets()
    show_fieldsets = _fieldsets("status", "stage", "current_pk", "reporting_interval_days")
    description_columns = {
        "birth_date": _("The client must have been 12 to under 18 on the date of the offence (UU 11/2012)."),
        "nik": _("Optional; 16 digits."),
        "reporting_interval_days": _("Wajib lapor: 30 means monthly; the PK may set a shorter interval."),
    }
    base_filters = access.base_filter(access.ClientScope)
    add_form_query_rel_fields = edit_form_query_rel_fields = {"office": access.base_filter(access.OwnOfficeScope)}
    search_form_query_rel_fields = {"current_pk": [["id", access.PKChoices, None]]}
    validators_columns = {
        **{c: [form_rule(_client_problems)] for c in CHECKED if c != "registration_number"},
        "reporting_interval_days": [NumberRange(min=clients.REPORTING_DAYS_MIN, max=clients.REPORTING_DAYS_MAX)],
    }
    add_form_extra_fields = {
        "registration_number": StringField(
            _("Registration number"),
            description=_("Leave empty to take the next number of the office's register."),
            validators=[Optional(), Length(max=60), form_rule(_client_problems)],
            widget=BS3TextFieldWidget(),
        ),
        "sex": choice_field(_("Sex"), SEX),
        "religion": choice_field(_("Religion"), RELIGION, required=False),
        "education": choice_field(_("Education"), EDUCATION, required=False),
        "origin": choice_field(_("Origin"), ORIGIN),
    }
    edit_form_extra_fields = {
        **add_form_extra_fields,
        "registration_number": StringField(
            _("Registration number"),
            validators=[DataRequired(), Length(max=60), form_rule(_client_problems)],
            widget=BS3TextFieldWidget(),
        ),
    }
    formatters_columns = {
        "sex": code_label(SEX), "religion": code_label(RELIGION), "education": code_label(EDUCATION),
        "origin": code_label(ORIGIN), "status": code_label(STATUS), "stage": code_label(STAGE),
        **date_formatters("birth_date", "offence_date", "decision_date", "supervision_start", "supervision_expiry"),
    }
    related_views = [GuardianView, HandoverView, PKAssignmentView, ConfidentialView]

    def pre_add(self, item: Client) -> None:
        next_number.fill_number(db.session, item, today().year)

    def post_add(self, item: Client) -> None:
        super().post_add(item)
        request.environ["sibika.registered"] = item.id

    def post_add_redirect(self):
        """A child who may have been supervised before (app.clients.returning) goes to the possible matches first."""
        registered = request.environ.get("sibika.registered")
        if registered is not None and returning_commands.may_link(access.principal()) and candidates.has_unlinked(db.session, db.session.get(Client, registered)):
            flash(_("This child may have been registered before: check the possible earlier registrations."),
                  "warning")
            return redirect(url_for("ReturningView.matches", client_id=registered))
        return super().post_add_redirect()

    def visible_related(self, item):
        return [v for v in super().visible_related(item)
                if not isinstance(v, ConfidentialView) or access.can_see_confidential(item)]

    def show_extra(self, item):
        return {"client": item}
