"""Sidang TPP screens: sessions, their agenda, and decisions."""
from __future__ import annotations

from flask import redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.fieldwidgets import BS3TextAreaFieldWidget, BS3TextFieldWidget, Select2Widget
from flask_appbuilder.forms import DynamicForm
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import get_timezone
from flask_babel import lazy_gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from wtforms import HiddenField, IntegerField, RadioField, SelectField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional

from app import access
from app.client_file import queries as file_queries
from app.errors import problems_of
from app.extensions import db
from app.platform import locking, roles
from app.platform.dates import long_date
from app.platform.ui_dates import reader_language
from app.tpp import commands
from app.tpp import decisions as tpp
from models import Staff, TppItem, TppSession
from models.choices import GUIDANCE_KIND, TPP_DECISION, TPP_MATTER
from views.base import SibikaModelView, choice_field, commit_or_flash, edited_pk, form_rule, record_or_404
from views.formatting import code_label, date_formatters


def _agenda_problems(form):
    stored = db.session.get(TppItem, edited_pk()) if edited_pk() is not None else None
    return problems_of(commands.check_agenda_item, form.client.data, form.matter.data, form.programme.data, stored,
                       held=form.session.data)


def session_label(held) -> str:
    """A TPP session as its members know it: the day and the place."""
    return ", ".join(part for part in (long_date(held.held_on), held.place) if part)


class TppItemView(SibikaModelView):
    datamodel = SQLAInterface(TppItem)
    class_permission_name = roles.TPP_ITEM
    list_title = _("TPP agenda and decisions")
    show_title = _("TPP agenda item")
    add_title = _("Put a matter on the agenda")
    edit_title = _("Edit agenda item")
    show_template = "tpp_item_show.html"
    label_columns = {"session": _("Session"), "client": _("Client"), "matter": _("Matter"),
                     "programme": _("Programme"), "pk_recommendation": _("PK's recommendation"),
                     "decision": _("Decision"), "consensus": _("Consensus"), "votes_for": _("Votes for"),
                     "votes_against": _("Votes against"), "notes": _("Notes")}
    list_columns = ["session", "client", "matter", "decision"]
    show_columns = ["session", "client", "matter", "programme", "pk_recommendation", "decision", "consensus",
                    "votes_for", "votes_against", "notes"]
    add_columns = edit_columns = ["session", "client", "matter", "programme", "pk_recommendation"]
    search_columns = ["session", "client", "matter", "decision"]
    base_filters = access.base_filter(access.ClientLinkedScope)
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "session": access.base_filter(access.OfficeScope), "client": access.base_filter(access.ActiveClientChoices),
        "programme": access.base_filter(access.SubmittedProgrammes)}
    add_form_extra_fields = edit_form_extra_fields = {
        "matter": choice_field(_("Matter"), TPP_MATTER, validators=[form_rule(_agenda_problems)])}
    # form_rule shows a field's own messages only: the programme's need a validator on the programme field.
    validators_columns = {"programme": [form_rule(_agenda_problems)], "session": [form_rule(_agenda_problems)]}
    formatters_columns = {"matter": code_label(TPP_MATTER), "decision": code_label(TPP_DECISION)}

    def client_choices(self, client) -> dict:
        return {"programme": (lambda: file_queries.submitted_programmes(db.session, client), None),
                "session": (lambda: file_queries.coming_sessions(db.session, client), session_label)}

    def pre_add(self, item: TppItem) -> None:
        commands.add_agenda_item(db.session, item, access.principal())

    def pre_update(self, item: TppItem) -> None:
        commands.update_agenda_item(db.session, item, access.principal())

    def show_extra(self, item):
        return {"may_decide": self.appbuilder.sm.has_access("can_write", roles.TPP_DECISION),
                "guidance_labels": GUIDANCE_KIND}


class TppSessionView(SibikaModelView):
    datamodel = SQLAInterface(TppSession)
    class_permission_name = roles.TPP_SESSION
    list_title = _("TPP sessions")
    show_title = _("TPP session")
    add_title = _("Plan a TPP session")
    edit_title = _("Edit TPP session")
    label_columns = {"office": _("Office"), "held_on": _("Date"), "time_text": _("Time"), "place": _("Place"),
                     "chair": _("Chair"), "secretary": _("Secretary"), "members_total": _("Members of the TPP"),
                     "present": _("Members present"), "notes": _("Notes")}
    list_columns = ["held_on", "time_text", "place", "chair"]
    add_columns = edit_columns = show_columns = ["office", "held_on", "time_text", "place", "chair", "secretary",
                                                 "members_total", "present", "notes"]
    base_order = ("held_on", "desc")
    base_filters = access.base_filter(access.OfficeScope)
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "office": access.base_filter(access.OwnOfficeScope), "chair": access.base_filter(access.OfficeScope),
        "secretary": access.base_filter(access.OfficeScope), "present": access.base_filter(access.TppMembers)}
    description_columns = {"members_total": _("Quorum is more than two thirds of this number."),
                           "time_text": _("For example 13.00 s.d. selesai")}
    validators_columns = {"members_total": [NumberRange(min=1, max=99)]}
    formatters_columns = date_formatters("held_on")
    related_views = [TppItemView]
    show_template = "tpp_session_show.html"

    def pre_add(self, item: TppSession) -> None:
        if not item.members_total:
            item.members_total = db.session.scalar(select(func.count(Staff.id)).where(
                Staff.office_id == item.office.id, Staff.roles.any(name=roles.TPP)))


class DecisionForm(DynamicForm):
    decision = SelectField(_("Decision"), choices=[("", "")] + list(TPP_DECISION.items()), widget=Select2Widget())
    # No way of deciding is chosen beforehand: the secretary records what the meeting did.
    consensus = RadioField(_("How the TPP decided"), choices=[("y", _("By consensus (musyawarah mufakat)")),
                                                               ("n", _("By vote"))],
                           validators=[InputRequired(message=_("Choose how the TPP decided: by consensus or by "
                                                               "vote."))])
    votes_for = IntegerField(_("Votes for"), validators=[Optional(), NumberRange(min=0)],
                             widget=BS3TextFieldWidget())
    votes_against = IntegerField(_("Votes against"), validators=[Optional(), NumberRange(min=0)],
                                 widget=BS3TextFieldWidget())
    notes = TextAreaField(_("Notes"), widget=BS3TextAreaFieldWidget())
    record_version = HiddenField()


class TppDecisionView(BaseView):
    route_base = "/tpp"
    class_permission_name = roles.TPP_DECISION
    method_permission_name = {"decide": "write"}

    @expose("/agenda/<int:item_id>/keputusan", methods=["GET", "POST"])
    @has_access
    def decide(self, item_id: int):
        item = record_or_404(TppItem, item_id)
        form = DecisionForm()
        if request.method == "GET":
            form.record_version.data = item.version
        if request.method == "POST" and form.validate():
            decision = tpp.Decision(form.decision.data or None, form.consensus.data == "y", form.votes_for.data,
                                    form.votes_against.data, form.notes.data, current_user.id)
            def guard(found):
                locking.check(db.session, found, form.record_version.data, reader_language(), get_timezone())

            if commit_or_flash(lambda: commands.decide(db.session, item.id, decision, access.principal(), guard),
                               _("Decision recorded.")).ok:
                return redirect(url_for("TppItemView.show", pk=item.id))
        return self.render_template("tpp_decide.html", form=form, item=item)

