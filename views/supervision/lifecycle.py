"""Stages of a client's supervision: the plan, the books, the transitions."""
from __future__ import annotations

from datetime import date

from flask import abort, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.fieldwidgets import BS3TextAreaFieldWidget, BS3TextFieldWidget, DatePickerWidget, Select2Widget
from flask_appbuilder.forms import DynamicForm
from flask_babel import lazy_gettext as _
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from app import access
from app.extensions import db
from app.platform import roles
from app.supervision import queries
from app.supervision.lifecycle import books, gates
from app.supervision.lifecycle.commands import TRANSITIONS, EndSupervision, TransitionInput, available, state_label
from app.supervision.lifecycle.period import CHANGE_KINDS, PeriodChange
from app.supervision.lifecycle.period import apply as apply_period
from app.supervision.lifecycle.service import fire, refusal
from models.choices import END_REASON, STAGE
from views.base import client_or_404, commit_or_flash, safe_next

EVENT_LABELS, KIND_LABELS = books.EVENT_LABELS, books.KIND_LABELS


def _date(label):
    return DateField(label, format="%Y-%m-%d", validators=[Optional()], widget=DatePickerWidget())


class TransitionForm(DynamicForm):
    on = _date(_("Date"))
    reason = TextAreaField(_("Reason (required when the date differs from the computed one)"),
                           widget=BS3TextAreaFieldWidget())


class EndForm(TransitionForm):
    end_reason = SelectField(_("How the supervision ended"), choices=[("", "")] + list(END_REASON.items()),
                             widget=Select2Widget(),
                             description=_("Completed at the end of the period: on or after the expiry date. An "
                                           "earlier end is revoked, transferred, deceased or ended early by a "
                                           "decision."))
    decision_number = StringField(_("Decision number"), widget=BS3TextFieldWidget())
    decision_date = _date(_("Decision date"))
    notes = TextAreaField(_("Notes"), widget=BS3TextAreaFieldWidget())


class PeriodForm(DynamicForm):
    kind = SelectField(_("Kind of change"), choices=[("", "")] + list(CHANGE_KINDS.items()), widget=Select2Widget())
    start = _date(_("Start of supervision"))
    expiry = _date(_("Expiry of supervision"))
    reason = TextAreaField(_("Reason and decision (number, date)"), widget=BS3TextAreaFieldWidget())


class LifecycleView(BaseView):
    route_base = "/bimbingan"
    class_permission_name = roles.LIFECYCLE
    # The steps are gated by the one rule of who steers a supervision (service.refusal),
    # asked before the form is shown, so a reader is told who acts instead of a bare 403.
    # The forms open for readers (who are then told who acts); saving them is a write, as in the API.
    method_permission_name = {"client": "read", "transition_form": "read", "transition": "write",
                              "period_form": "read", "period": "write"}
    default_view = "client"

    @expose("/<int:client_id>")
    @has_access
    def client(self, client_id: int):
        client = client_or_404(client_id)
        page = queries.stage_page(db.session, client, date.today())
        return self.render_template(
            "lifecycle_client.html", client=client, plan=page.plan, entries=page.entries, apel=page.apel,
            termination=page.termination, transitions=available(client) if access.can_supervise(
                client, access.principal()) else [],
            gate_labels=gates.RECORDED_GATES, met=page.met, state=state_label(client), stage_labels=STAGE,
            event_labels=EVENT_LABELS, kind_labels=KIND_LABELS, end_labels=END_REASON,
            may_issue=access.can_supervise(client, access.principal())
            and self.appbuilder.sm.has_access("can_write", roles.DOCUMENT))

    def _run(self, client, form, action, template_args):
        refused = refusal(client, access.principal())
        if refused:
            return self.render_template("lifecycle_form.html", form=None, client=client, refused=refused,
                                        **template_args), 403
        if request.method == "POST" and form.validate() and commit_or_flash(action, _("Saved.")).ok:
            # Back where the step was opened (the client file), else the stage page.
            return redirect(safe_next(request.args.get("next")) or url_for("LifecycleView.client", client_id=client.id))
        return self.render_template("lifecycle_form.html", form=form, client=client, refused=None, **template_args)

    @expose("/<int:client_id>/langkah/<name>", methods=["GET"])
    @has_access
    def transition_form(self, client_id: int, name: str):
        return self._transition(client_id, name)

    @expose("/<int:client_id>/langkah/<name>", methods=["POST"])
    @has_access
    def transition(self, client_id: int, name: str):
        return self._transition(client_id, name)

    def _transition(self, client_id: int, name: str):
        client = client_or_404(client_id)
        transition = TRANSITIONS.get(name)
        if transition is None:
            abort(404)
        form_class = EndForm if isinstance(transition, EndSupervision) else TransitionForm
        form = form_class()
        if request.method == "GET":
            form.on.data = transition.computed_date(client) if transition.computed_date(client) else date.today()

        def action():
            data = TransitionInput(on=form.on.data, reason=form.reason.data, by_id=access.principal().user_id)
            if isinstance(form, EndForm):
                data.end_reason = form.end_reason.data or None
                data.decision_number, data.decision_date = form.decision_number.data, form.decision_date.data
                data.notes = form.notes.data
            fire(db.session, client.id, name, data, access.principal())

        return self._run(client, form, action, {"title": transition.label,
                                                "computed": transition.computed_date(client)})

    @expose("/<int:client_id>/masa", methods=["GET"])
    @has_access
    def period_form(self, client_id: int):
        return self._period(client_id)

    @expose("/<int:client_id>/masa", methods=["POST"])
    @has_access
    def period(self, client_id: int):
        return self._period(client_id)

    def _period(self, client_id: int):
        client = client_or_404(client_id)
        form = PeriodForm()
        if request.method == "GET":
            form.start.data, form.expiry.data = client.supervision_start, client.supervision_expiry

        def action():
            change = PeriodChange(kind=form.kind.data or None, start=form.start.data, expiry=form.expiry.data,
                                  reason=form.reason.data, by_id=access.principal().user_id)
            apply_period(db.session, client.id, change, access.principal())

        return self._run(client, form, action, {"title": _("Change the supervision period"), "computed": None})
