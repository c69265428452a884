"""Records kept during a supervision: apel log, monthly reports, revocations."""
from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _
from wtforms import BooleanField

from app import access
from app.errors import problems_of
from app.extensions import db
from app.platform import roles
from app.platform.ui_dates import ui_month
from app.supervision import commands
from app.supervision.record_rules import REVOCATION_STEPS, check_apel, check_report, revocation_problems
from models import ApelLog, MonthlyReport, Revocation
from models.choices import REVOCATION_GROUND
from views.base import SibikaModelView, choice_field, edited_pk, form_rule, today
from views.formatting import code_label, date_formatters

ACTIVE_CLIENTS = {"client": [["id", access.ActiveClientChoices, None]]}


def _apel_problems(form):
    return problems_of(check_apel, db.session, form.client.data, form.reported_on.data, form.remote.data,
                         form.remote_reason.data, today(), edited_pk())


class ApelLogView(SibikaModelView):
    datamodel = SQLAInterface(ApelLog)
    class_permission_name = roles.APEL
    list_title = _("Reporting log (catatan harian apel)")
    show_title = _("Report")
    add_title = _("Record a report")
    edit_title = _("Edit report")
    label_columns = {"client": _("Client"), "reported_on": _("Date"), "remote": _("Remote (urgent case)"),
                     "remote_reason": _("Reason for remote reporting"), "notes": _("Notes"),
                     "recorded_by": _("Recorded by")}
    list_columns = ["reported_on", "client", "remote", "recorded_by"]
    add_columns = edit_columns = ["client", "reported_on", "remote", "remote_reason", "notes"]
    show_columns = ["client", "reported_on", "remote", "remote_reason", "notes", "recorded_by"]
    search_columns = ["client", "reported_on", "remote"]
    base_order = ("reported_on", "desc")
    base_filters = access.base_filter(access.ClientLinkedScope)
    add_form_query_rel_fields = edit_form_query_rel_fields = ACTIVE_CLIENTS
    search_form_query_rel_fields = {"client": access.base_filter(access.ClientScope)}
    validators_columns = {c: [form_rule(_apel_problems)] for c in ("client", "reported_on")}
    # An unticked box is "not remote", not a missing answer (FAB would require it). The
    # reason rule sits on the box because an empty optional field skips its validators.
    add_form_extra_fields = edit_form_extra_fields = {
        "remote": BooleanField(_("Remote (urgent case)"), validators=[form_rule(_apel_problems)])}
    formatters_columns = date_formatters("reported_on")

    default_today = ("reported_on",)

    def pre_add(self, item: ApelLog) -> None:
        commands.record_apel(db.session, item, access.principal(), today(), self.fixed_client_id())

    def pre_update(self, item: ApelLog) -> None:
        commands.update_apel(db.session, item, access.principal(), today())


def _report_problems(form):
    return problems_of(check_report, db.session, form.client.data, form.month.data, form.submitted_on.data, today(),
                           edited_pk())


class MonthlyReportView(SibikaModelView):
    datamodel = SQLAInterface(MonthlyReport)
    class_permission_name = roles.MONTHLY_REPORT
    list_title = _("Monthly progress reports")
    show_title = _("Monthly progress report")
    add_title = _("Record a monthly report")
    edit_title = _("Edit monthly report")
    label_columns = {"client": _("Client"), "month": _("Month"), "submitted_on": _("Made on"),
                     "summary": _("Summary"), "pk": _("PK"),
                     "programme_assessment": _("Should the programme change?")}
    list_columns = ["month", "client", "submitted_on", "pk"]
    add_columns = edit_columns = ["client", "month", "submitted_on", "summary", "programme_assessment"]
    show_columns = ["client", "month", "submitted_on", "summary", "programme_assessment", "pk"]
    search_columns = ["client", "month", "pk"]
    base_order = ("month", "desc")
    base_filters = access.base_filter(access.ClientLinkedScope)
    add_form_query_rel_fields = edit_form_query_rel_fields = ACTIVE_CLIENTS
    search_form_query_rel_fields = {"client": access.base_filter(access.ClientScope),
                                    "pk": [["id", access.PKChoices, None]]}
    validators_columns = {c: [form_rule(_report_problems)] for c in ("client", "month", "submitted_on")}
    description_columns = {"month": _("Any day of the month; it is stored as the month."),
                           "programme_assessment": _("The PK's assessment of whether the guidance programme should "
                                                     "change; it is printed in the monthly report.")}
    formatters_columns = {**date_formatters("submitted_on"), "month": ui_month}

    def pre_add(self, item: MonthlyReport) -> None:
        commands.record_report(db.session, item, access.principal(), today())

    def pre_update(self, item: MonthlyReport) -> None:
        commands.update_report(db.session, item, access.principal(), today())


def _revocation_problems(form):
    who = access.principal()
    stored = db.session.get(Revocation, edited_pk()) if edited_pk() is not None else None
    # The TPP step is written by the TPP's decision (app.tpp.decisions), never typed here.
    steps = {name: (getattr(form, name).data if hasattr(form, name) else getattr(stored, name, None))
             for name in REVOCATION_STEPS}
    return revocation_problems(form.client.data, steps, today(), who.is_admin or who.is_kepala,
                               is_new=stored is None, stored_provisional=stored.provisional_on if stored else None)


class RevocationView(SibikaModelView):
    datamodel = SQLAInterface(Revocation)
    class_permission_name = roles.REVOCATION
    list_title = show_title = _("Revocations (pencabutan)")
    add_title = _("Start a revocation")
    edit_title = _("Revocation steps")
    label_columns = {
        "client": _("Client"), "ground": _("Ground"), "ground_details": _("What happened"),
        "report_on": _("Written report"), "examination_record": _("Examination record number"),
        "examination_on": _("Examination record (BAP) date"), "pk_examined_on": _("PK examined the client"),
        "tpp_on": _("Sidang TPP"), "tpp_reference": _("TPP decision"),
        "provisional_on": _("Provisional revocation by the Kepala Bapas"), "sent_up_on": _("Decision sent up"),
    }
    list_columns = ["client", "ground", "report_on", "tpp_on", "provisional_on"]
    show_columns = ["client", "ground", "ground_details", "report_on", "examination_record", "examination_on",
                    "pk_examined_on", "tpp_on", "tpp_reference", "provisional_on", "sent_up_on"]
    add_columns = edit_columns = [c for c in show_columns if c not in ("tpp_on", "tpp_reference")]
    base_filters = access.base_filter(access.ClientLinkedScope)
    add_form_query_rel_fields = ACTIVE_CLIENTS
    # The last steps come after the client's supervision has ended.
    edit_form_query_rel_fields = search_form_query_rel_fields = {"client": access.base_filter(access.ClientScope)}
    add_form_extra_fields = edit_form_extra_fields = {
        "ground": choice_field(_("Ground"), REVOCATION_GROUND)}
    validators_columns = {c: [form_rule(_revocation_problems)] for c in ("client", *REVOCATION_STEPS)
                          if c != "tpp_on"}
    formatters_columns = {"ground": code_label(REVOCATION_GROUND), **date_formatters(*REVOCATION_STEPS)}
    description_columns = {"report_on": _("Fill in the steps in order as they happen; the TPP step is written by "
                                          "the TPP's decision on a revocation agenda item.")}
