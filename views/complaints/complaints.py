"""The complaints unit's screens: register, handle step by step, report."""
from __future__ import annotations

import csv
import io

from flask import abort, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.fieldwidgets import BS3TextAreaFieldWidget, Select2Widget
from flask_appbuilder.forms import DynamicForm
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _
from flask_login import current_user
from wtforms import BooleanField, SelectField, TextAreaField

from app import access
from app.complaints import commands, intake, queries, workflow
from app.errors import DomainError, NotFoundOrForbidden
from app.extensions import db
from app.platform import roles
from app.platform.ui_dates import ui_datetime
from models import Complaint, ComplaintCategory, Holiday, Staff
from models.choices import ACTION_KIND, COMPLAINT_CHANNEL, COMPLAINT_STATUS
from views.base import SibikaModelView, choice_field, commit_or_flash, form_rule, record_or_404, today
from views.documents.downloads import download
from views.formatting import code_label, date_formatters
from views.registers.registers import date_arg


def _intake_problems(form):
    submission = intake.Submission(
        office_id=form.office.data.id if form.office.data else 0,
        category_id=form.category.data.id if form.category.data else None, text=form.text.data,
        channel=form.channel.data, name=form.name.data, contact=form.contact.data,
        consent_contact=form.consent_contact.data)
    return intake.problems(db.session, submission)


def _overdue(complaint: Complaint) -> str:
    late = complaint.status in workflow.OPEN and today() > complaint.due_on
    return str(_("Overdue")) if late else ""


class ComplaintView(SibikaModelView):
    datamodel = SQLAInterface(Complaint)
    class_permission_name = roles.COMPLAINT
    method_permission_name = {**roles.METHOD_PERMISSIONS, "edit": "edit", "delete": "delete", "muldelete": "delete"}
    base_permissions = ["can_read", "can_write"]  # a complaint changes only through its steps
    list_title = _("Complaints")
    show_title = _("Complaint")
    add_title = _("Register a complaint received by another channel")
    show_template = "complaint_show.html"
    label_columns = {
        "tracking_number": _("Tracking number"), "office": _("Office"), "channel": _("Channel"),
        "category": _("Category"), "text": _("Complaint"), "name": _("Name"), "contact": _("Contact"),
        "consent_contact": _("May be contacted"), "received_at": _("Received"), "due_on": _("Answer due by"),
        "status": _("Step"), "public_reply": _("Reply to the complainant"), "concerns_pk": _("Concerns PK"),
        "assigned_to": _("Official who must act"), "overdue": _("Late"),
    }
    list_columns = ["tracking_number", "received_at", "category", "channel", "status", "due_on", "overdue"]
    show_columns = ["tracking_number", "office", "channel", "category", "text", "name", "contact",
                    "consent_contact", "received_at", "due_on", "status", "assigned_to", "concerns_pk",
                    "public_reply"]
    add_columns = ["office", "channel", "category", "text", "name", "contact", "consent_contact", "concerns_pk"]
    search_columns = ["tracking_number", "status", "category", "channel", "received_at", "due_on", "assigned_to"]
    base_order = ("received_at", "desc")
    base_filters = access.base_filter(access.ComplaintScope)
    add_form_query_rel_fields = {"office": access.base_filter(access.OwnOfficeScope),
                                 "concerns_pk": [["id", access.PKChoices, None]]}
    add_form_extra_fields = {"channel": choice_field(_("Channel"), {k: v for k, v in COMPLAINT_CHANNEL.items()
                                                                     if k != "web"},
                                                     validators=[form_rule(_intake_problems)]),
                             "consent_contact": BooleanField(_("May be contacted"))}
    validators_columns = {"text": [form_rule(_intake_problems)], "contact": [form_rule(_intake_problems)]}
    formatters_columns = {"channel": code_label(COMPLAINT_CHANNEL), "status": code_label(COMPLAINT_STATUS),
                          "received_at": ui_datetime, **date_formatters("due_on")}

    def pre_add(self, item: Complaint) -> None:
        commands.register(db.session, item, access.principal(), today())

    def show_extra(self, item):
        client = None
        if item.concerns_client_id:
            try:
                client = access.get_client(db.session, item.concerns_client_id)
            except NotFoundOrForbidden:
                client = None  # the link exists but this user may not see the child
        return {"steps": item.steps, "labels": COMPLAINT_STATUS, "actions": ACTION_KIND,
                "available": workflow.available(item, current_user), "client": client}


Complaint.overdue = property(_overdue)


class StepForm(DynamicForm):
    text = TextAreaField(_("Text"), widget=BS3TextAreaFieldWidget())
    assigned_to = SelectField(_("Official who must act"), coerce=lambda v: int(v) if v else 0, choices=[],
                              validate_choice=False, widget=Select2Widget())
    # Both choices are checked by the workflow, which says what is missing in words.
    concerns_client = SelectField(_("Concerns the supervision of (optional)"), coerce=lambda v: int(v) if v else 0,
                                  choices=[], validate_choice=False, widget=Select2Widget())
    action_kind = SelectField(_("What was done"), choices=[("", "")] + list(ACTION_KIND.items()),
                              validate_choice=False, widget=Select2Widget())


class ComplaintWorkView(BaseView):
    route_base = "/pengaduan-kerja"
    class_permission_name = roles.COMPLAINT_STEP
    method_permission_name = {"step": "write", "report": "read"}

    @expose("/<int:complaint_id>/<name>", methods=["GET", "POST"])
    @has_access
    def step(self, complaint_id: int, name: str):
        complaint = record_or_404(Complaint, complaint_id)
        step = workflow.STEPS.get(name)
        if step is None:
            abort(404)
        refused = workflow.refusal(step, complaint, current_user)
        if refused:
            return self.render_template("complaint_step.html", form=None, complaint=complaint, step=step,
                                        refused=refused), 403
        form = StepForm()
        form.text.label.text = str(step.text_label)
        form.assigned_to.choices = [(0, "")] + [(s.id, str(s)) for s in queries.officials(db.session,
                                                                                          complaint.office_id)]
        who = access.principal()
        visible = commands.linkable_clients(db.session, complaint, who) if name == "arahan" else []
        form.concerns_client.choices = [(0, "")] + [(c.id, c.registration_number) for c in visible]
        if request.method == "POST" and form.validate():
            link = form.concerns_client.data
            try:
                commands.check_link(db.session, complaint, name, link, who)
            except DomainError:
                abort(404)  # a client not offered: no hint whether it exists
            data = workflow.StepInput(text=form.text.data, by=current_user,
                                      assigned_to=db.session.get(Staff, form.assigned_to.data or 0),
                                      action_kind=form.action_kind.data or None)
            if commit_or_flash(lambda: commands.take_step(db.session, complaint.id, name, data, link, who),
                               _("Saved.")).ok:
                return redirect(url_for("ComplaintView.show", pk=complaint.id))
        return self.render_template("complaint_step.html", form=form, complaint=complaint, step=step, refused=None)

    @expose("/laporan")
    @has_access
    def report(self):
        month = date_arg("bulan", today().replace(day=1), suffix="-01")
        rows = queries.month_rows(db.session, month, access.principal())
        table = queries.summarise(rows, today())
        if request.args.get("format") == "csv":
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow([str(_("Grouping")), str(_("Value")), str(_("Count"))])
            for group, counts in table.items():
                for key, count in counts.items():
                    writer.writerow([group, key, count])
            return download(io.BytesIO(out.getvalue().encode()), f"pengaduan-{month:%Y-%m}.csv",
                            "text/csv; charset=utf-8")
        return self.render_template("complaint_report.html", table=table, month=month, total=len(rows))


class ComplaintCategoryView(SibikaModelView):
    datamodel = SQLAInterface(ComplaintCategory)
    class_permission_name = roles.REFERENCE
    list_title = show_title = add_title = edit_title = _("Complaint categories")
    label_columns = {"code": _("Code"), "name": _("Name"), "response_days": _("Response time (working days)"),
                     "active": _("Active")}
    list_columns = add_columns = edit_columns = show_columns = ["code", "name", "response_days", "active"]


class HolidayView(SibikaModelView):
    datamodel = SQLAInterface(Holiday)
    class_permission_name = roles.REFERENCE
    list_title = show_title = add_title = edit_title = _("Holidays")
    label_columns = {"day": _("Date"), "name": _("Name")}
    list_columns = add_columns = edit_columns = show_columns = ["day", "name"]
    base_order = ("day", "desc")
    formatters_columns = date_formatters("day")

