"""Assessment screens: instruments, a client's assessments, answering, comparing."""
from __future__ import annotations

import json

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.forms import DynamicForm
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import get_timezone
from flask_babel import lazy_gettext as _
from flask_wtf.file import FileField
from sqlalchemy import select
from wtforms import BooleanField

from app import access
from app.errors import DomainError, problems_of
from app.extensions import db
from app.guidance.assessment import commands, store
from app.guidance.assessment.instrument import InstrumentErrors
from app.platform import locking, roles
from app.platform.ui_dates import reader_language
from models import Assessment, Instrument
from models.choices import ASSESSMENT_KIND, ASSESSMENT_STATUS, RISK_CATEGORY
from views.base import SibikaModelView, choice_field, commit_or_flash, edited_pk, form_rule, record_or_404, today
from views.formatting import code_label, date_formatters


def _draft_problems(form):
    stored = db.session.get(Assessment, edited_pk()) if edited_pk() is not None else None
    found = problems_of(commands.check_draft, form.client.data, form.instrument.data, form.kind.data,
                        form.assessed_on.data, access.principal(), today(), stored=stored)
    for name in ("assessor", "status"):  # the user and the lock, not fields: show them on the first field
        if name in found:
            found.setdefault("client", []).extend(found.pop(name))
    return found


class AssessmentView(SibikaModelView):
    datamodel = SQLAInterface(Assessment)
    class_permission_name = roles.ASSESSMENT
    method_permission_name = {**roles.METHOD_PERMISSIONS, "delete": "delete", "muldelete": "delete"}
    base_permissions = ["can_read", "can_write"]  # assessments are never deleted
    list_title = _("Assessments")
    show_title = _("Assessment")
    add_title = _("New assessment")
    edit_title = _("Edit assessment draft")
    show_template = "assessment_show.html"
    label_columns = {
        "client": _("Client"), "instrument": _("Instrument"), "kind": _("Kind"), "assessed_on": _("Date"),
        "assessor": _("Assessor"), "consent": _("Client consents"), "consent_note": _("Consent note"),
        "needs": _("Needs found"), "status": _("Status"), "total_score": _("Total"), "category": _("Category"),
        "domain_scores": _("Domain scores"),
    }
    list_columns = ["client", "kind", "assessed_on", "status", "total_score", "category"]
    show_columns = ["client", "instrument", "kind", "assessed_on", "assessor", "consent", "consent_note", "needs",
                    "status", "total_score", "category"]
    add_columns = edit_columns = ["client", "instrument", "kind", "assessed_on", "consent", "consent_note", "needs"]
    search_columns = ["client", "kind", "assessed_on", "status", "category"]
    base_order = ("assessed_on", "desc")
    base_filters = access.base_filter(access.SupervisedLinkedScope)
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "client": [["id", access.SupervisedClientChoices, None]]}
    add_form_extra_fields = edit_form_extra_fields = {
        "kind": choice_field(_("Kind"), ASSESSMENT_KIND),
        "consent": BooleanField(_("Client consents")),  # unticked is a refusal, not a missing answer
    }
    validators_columns = {c: [form_rule(_draft_problems)] for c in ("client", "instrument", "assessed_on")}
    formatters_columns = {"kind": code_label(ASSESSMENT_KIND), "status": code_label(ASSESSMENT_STATUS),
                          "category": code_label(RISK_CATEGORY),
                          **date_formatters("assessed_on")}

    def pre_add(self, item: Assessment) -> None:
        commands.start(db.session, item, access.principal(), today())

    def pre_update(self, item: Assessment) -> None:
        commands.update(db.session, item, access.principal(), today())

    def show_extra(self, item):
        others = db.session.scalars(select(Assessment).where(
            Assessment.client_id == item.client_id, Assessment.id != item.id, Assessment.status != "draft")
            .order_by(Assessment.assessed_on)).all()
        scores = json.loads(item.domain_scores or "{}")
        domains = [(d.name, scores.get(d.code)) for d in item.instrument.domains]
        return {"others": others, "domains": domains}


class InstrumentUploadForm(DynamicForm):
    file = FileField(_("Instrument file (YAML or JSON)"))


class InstrumentView(SibikaModelView):
    datamodel = SQLAInterface(Instrument)
    class_permission_name = roles.INSTRUMENT
    method_permission_name = {"list": "read", "show": "read", "upload": "write"}
    base_permissions = ["can_read", "can_write"]
    list_title = show_title = _("Assessment instruments")
    label_columns = {"name": _("Name"), "version": _("Version"), "kind": _("Kind"), "valid_from": _("Valid from"),
                     "is_demo": _("Demo"), "notes": _("Notes")}
    list_columns = ["name", "version", "kind", "valid_from", "is_demo"]
    show_columns = ["name", "version", "kind", "valid_from", "is_demo", "notes"]
    list_template = "instrument_list.html"
    formatters_columns = date_formatters("valid_from")

    @expose("/upload", methods=["GET", "POST"])
    @has_access
    def upload(self):
        form = InstrumentUploadForm()
        if request.method == "POST" and form.validate():
            file = request.files.get("file")
            raw = file.read(1024 * 1024 + 1) if file else b""
            try:
                if not raw or len(raw) > 1024 * 1024:
                    raise InstrumentErrors([str(_("Choose a YAML or JSON file of at most 1 MB."))])
                instrument = store.load_text(db.session, raw.decode("utf-8", errors="replace"), file.filename or "")
            except InstrumentErrors as exc:
                db.session.rollback()
                return self.render_template("instrument_upload.html", form=form, errors=exc.errors)
            flash(_("Instrument %(name)s loaded.", name=str(instrument)), "success")
            return redirect(url_for("InstrumentView.show", pk=instrument.id))
        return self.render_template("instrument_upload.html", form=form, errors=[])


class AssessmentWorkView(BaseView):
    """Answering, finalising, correcting and comparing assessments."""

    route_base = "/asesmen"
    class_permission_name = roles.ASSESSMENT
    method_permission_name = {"answer": "write", "correct": "write", "compare": "read"}

    def _assessment(self, assessment_id: int) -> Assessment:
        return record_or_404(Assessment, assessment_id)

    @expose("/<int:assessment_id>/jawab", methods=["GET", "POST"])
    @has_access
    def answer(self, assessment_id: int):
        assessment = self._assessment(assessment_id)
        chosen = {a.item_id: a.option_id for a in assessment.answers}
        if request.method == "POST":
            posted = {}
            for key, value in request.form.items():
                if key.startswith("item_") and value:
                    try:
                        posted[int(key[5:])] = int(value)
                    except ValueError:
                        abort(400)
            chosen.update(posted)
            finish = bool(request.form.get("finish"))
            try:
                locking.check(db.session, assessment, request.form.get(locking.FORM_FIELD), reader_language(),
                              get_timezone())
                commands.save_answers(db.session, assessment, posted)
                db.session.commit()  # the answers are kept as a draft whatever follows
                if finish:
                    commands.finalise(db.session, assessment)
                    db.session.commit()
            except DomainError as exc:
                db.session.rollback()
                for message in exc.messages:
                    flash(message, "danger")
            else:
                flash(_("Assessment finished and locked.") if finish else _("Draft saved."), "success")
                return redirect(url_for("AssessmentView.show", pk=assessment.id))
        return self.render_template("assessment_answer.html", assessment=assessment, chosen=chosen)

    @expose("/<int:assessment_id>/koreksi", methods=["POST"])
    @has_access
    def correct(self, assessment_id: int):
        assessment = self._assessment(assessment_id)
        outcome = commit_or_flash(lambda: commands.correct(db.session, assessment, access.principal().user_id))
        if not outcome.ok:
            return redirect(url_for("AssessmentView.show", pk=assessment.id))
        return redirect(url_for("AssessmentWorkView.answer", assessment_id=outcome.result.id))

    @expose("/banding")
    @has_access
    def compare(self):
        try:
            first, second = (self._assessment(int(request.args[k])) for k in ("a", "b"))
        except (KeyError, ValueError):
            abort(400)
        if first.client_id != second.client_id:
            abort(400)
        return self.render_template("assessment_compare.html", first=first, second=second,
                                    rows=commands.compare(first, second), categories=RISK_CATEGORY,
                                    kinds=ASSESSMENT_KIND)
