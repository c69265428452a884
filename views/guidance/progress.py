"""Progress book, consent to home visits, attachments, referrals, classification."""
from __future__ import annotations

from flask import abort, current_app, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.forms import DynamicForm
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _
from flask_wtf.file import FileField
from wtforms import BooleanField

from app import access
from app.client_file import queries as file_queries
from app.documents import attachments
from app.errors import problems_of
from app.extensions import db
from app.guidance import progress
from app.guidance import progress_commands as commands
from app.platform import read_audit, roles, uploads
from app.platform.dates import long_date
from models import Attachment, Classification, Consent, ProgressEntry, Referral
from models.choices import ACTIVITY_KIND, ASSESSMENT_KIND, RISK_CATEGORY, STAGE, label
from views.base import SibikaModelView, choice_field, commit_or_flash, edited_pk, form_rule, record_or_404, today
from views.documents.downloads import download
from views.formatting import code_label, date_formatters

SUPERVISED = [["id", access.SupervisedLinkedScope, None]]
CLIENT_CHOICES = {"client": [["id", access.SupervisedClientChoices, None]]}


def item_label(item) -> str:
    """A programme item as a PK recognises it: its text and its stage."""
    return f"{item.activity} ({label(STAGE, item.programme.stage)})"


def assessment_label(assessment) -> str:
    """\"Asesmen awal, 2 Januari 2026\"."""
    return f"{label(ASSESSMENT_KIND, assessment.kind)}, {long_date(assessment.assessed_on)}"


def approved_item_choices(client) -> dict:
    return {"programme_item": (lambda: file_queries.approved_items(db.session, client), item_label)}


def _entry_problems(form):
    client = form.client.data if hasattr(form, "client") else getattr(
        db.session.get(ProgressEntry, edited_pk() or 0), "client", None)
    found = problems_of(progress.check_entry, db.session, client, form.happened_on.data, form.kind.data,
                        form.attended.data, form.absence_reason.data, form.programme_item.data, today())
    if not hasattr(form, "client") and "client" in found:  # the edit form has no client field
        found.setdefault("what_happened", []).extend(found.pop("client"))
    return found


class ProgressEntryView(SibikaModelView):
    datamodel = SQLAInterface(ProgressEntry)
    class_permission_name = roles.PROGRESS
    method_permission_name = {**roles.METHOD_PERMISSIONS, "delete": "delete", "muldelete": "delete"}
    base_permissions = ["can_read", "can_write"]  # corrected by new versions, never deleted
    list_title = _("Progress book (buku perkembangan bimbingan)")
    show_title = _("Guidance activity")
    add_title = _("Record a guidance activity")
    edit_title = _("Correct a guidance activity (the original is kept)")
    show_template = "progress_show.html"
    label_columns = {
        "client": _("Client"), "happened_on": _("Date"), "kind": _("Activity"), "place": _("Place"),
        "programme_item": _("Programme item"), "attended": _("Attended"), "absence_reason": _("Reason for absence"),
        "what_happened": _("What happened"), "result": _("Result"), "follow_up": _("Follow-up"),
        "version_no": _("Version"), "superseded": _("Replaced by a correction"), "written_by": _("Written by"),
    }
    list_columns = ["happened_on", "client", "kind", "attended", "version_no", "superseded"]
    show_columns = ["client", "happened_on", "kind", "place", "programme_item", "attended", "absence_reason",
                    "what_happened", "result", "follow_up", "version_no", "superseded", "written_by"]
    add_columns = ["client", "happened_on", "kind", "place", "programme_item", "attended", "absence_reason",
                   "what_happened", "result", "follow_up"]
    edit_columns = add_columns[1:]  # an entry never moves to another client's book
    search_columns = ["client", "happened_on", "kind", "superseded"]
    base_order = ("happened_on", "desc")
    base_filters = access.base_filter(access.ProgressScope)
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        **CLIENT_CHOICES, "programme_item": SUPERVISED}
    add_form_extra_fields = edit_form_extra_fields = {
        "kind": choice_field(_("Activity"), ACTIVITY_KIND, validators=[form_rule(_entry_problems)]),
        "attended": BooleanField(_("Attended"), default=True, validators=[form_rule(_entry_problems)]),
    }
    validators_columns = {c: [form_rule(_entry_problems)] for c in ("client", "happened_on", "programme_item",
                                                                    "what_happened")}
    formatters_columns = {"kind": code_label(ACTIVITY_KIND), **date_formatters("happened_on")}

    default_today = ("happened_on",)

    def client_choices(self, client) -> dict:
        return approved_item_choices(client)

    def pre_add(self, item: ProgressEntry) -> None:
        commands.record_entry(db.session, item, access.principal(), today(), self.fixed_client_id())

    def pre_update(self, item: ProgressEntry) -> None:
        commands.correct_entry(db.session, item, access.principal(), today())


class ConsentView(SibikaModelView):
    datamodel = SQLAInterface(Consent)
    class_permission_name = roles.PROGRESS
    method_permission_name = {**roles.METHOD_PERMISSIONS, "edit": "edit", "delete": "delete", "muldelete": "delete"}
    base_permissions = ["can_read", "can_write"]  # a new answer is a new record
    list_title = show_title = _("Consent to home visits")
    add_title = _("Record consent or refusal")
    label_columns = {"client": _("Client"), "given": _("Consent given"), "by_client": _("By the client"),
                     "by_guardian": _("By the parent or guardian"), "recorded_on": _("Date"), "notes": _("Notes")}
    list_columns = ["recorded_on", "client", "given", "by_client", "by_guardian"]
    add_columns = show_columns = ["client", "given", "by_client", "by_guardian", "recorded_on", "notes"]
    base_order = ("recorded_on", "desc")
    base_filters = SUPERVISED
    add_form_query_rel_fields = CLIENT_CHOICES
    add_form_extra_fields = {"given": BooleanField(_("Consent given")),
                             "by_client": BooleanField(_("By the client"), default=True),
                             "by_guardian": BooleanField(_("By the parent or guardian"))}
    validators_columns = {"recorded_on": [form_rule(lambda form: progress.check_consent(form.recorded_on.data,
                                                                                       today()))]}
    formatters_columns = date_formatters("recorded_on")
    description_columns = {"given": _("Leave unticked to record a refusal; the latest record decides.")}

    default_today = ("recorded_on",)

    def pre_add(self, item: Consent) -> None:
        commands.record_consent(db.session, item, access.principal(), today(), self.fixed_client_id())


def _referral_problems(form):
    progress.check_referral(form.client.data, form.partner.data, form.referred_on.data, form.reported_on.data,
                            today())


class ReferralView(SibikaModelView):
    datamodel = SQLAInterface(Referral)
    class_permission_name = roles.PROGRESS
    list_title = show_title = _("Referrals to partners")
    add_title = _("Refer to a partner")
    edit_title = _("Referral and report back")
    label_columns = {"client": _("Client"), "partner": _("Partner"), "programme_item": _("Programme item"),
                     "referred_on": _("Referred on"), "purpose": _("Purpose"), "reported_on": _("Reported back on"),
                     "report_back": _("Partner's report")}
    list_columns = ["referred_on", "client", "partner", "reported_on"]
    add_columns = edit_columns = show_columns = ["client", "partner", "programme_item", "referred_on", "purpose",
                                                 "reported_on", "report_back"]
    base_filters = SUPERVISED
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        **CLIENT_CHOICES, "partner": access.base_filter(access.OfficeScope),
        "programme_item": SUPERVISED}
    validators_columns = {c: [form_rule(_referral_problems)] for c in ("client", "partner", "referred_on", "reported_on")}
    formatters_columns = date_formatters("referred_on", "reported_on")

    default_today = ("referred_on",)

    def client_choices(self, client) -> dict:
        return approved_item_choices(client)

    def pre_add(self, item: Referral) -> None:
        commands.save_referral(db.session, item, access.principal(), today(), self.fixed_client_id())

    def pre_update(self, item: Referral) -> None:
        commands.save_referral(db.session, item, access.principal(), today())


def _classification_problems(form):
    progress.check_classification(form.client.data, form.assessment.data, db.session, edited_pk())


class ClassificationView(SibikaModelView):
    datamodel = SQLAInterface(Classification)
    class_permission_name = roles.PROGRESS
    list_title = show_title = _("Final-stage classification")
    add_title = edit_title = _("Set the final-stage classification")
    label_columns = {"client": _("Client"), "assessment": _("Reassessment"), "level": _("Classification"),
                     "needs": _("Intervention needs"), "set_on": _("Date")}
    list_columns = ["set_on", "client", "level"]
    add_columns = edit_columns = show_columns = ["client", "assessment", "level", "needs", "set_on"]
    base_filters = SUPERVISED
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        **CLIENT_CHOICES, "assessment": SUPERVISED}
    add_form_extra_fields = edit_form_extra_fields = {"level": choice_field(_("Classification"), RISK_CATEGORY)}
    validators_columns = {c: [form_rule(_classification_problems)] for c in ("client", "assessment")}
    formatters_columns = {"level": code_label(RISK_CATEGORY), **date_formatters("set_on")}

    default_today = ("set_on",)

    def client_choices(self, client) -> dict:
        return {"assessment": (lambda: file_queries.client_assessments(db.session, client, final_only=True),
                               assessment_label)}

    def pre_add(self, item: Classification) -> None:
        commands.set_classification(db.session, item, access.principal(), self.fixed_client_id())

    def pre_update(self, item: Classification) -> None:
        commands.check_classification(db.session, item, access.principal())


class AttachmentForm(DynamicForm):
    file = FileField(_("Scan or photo (PDF, JPEG or PNG; at most 5 MB)"))


class AttachmentView(BaseView):
    route_base = "/lampiran"
    class_permission_name = roles.PROGRESS
    method_permission_name = {"upload": "write", "download": "read"}

    def _entry(self, entry_id: int) -> ProgressEntry:
        return record_or_404(ProgressEntry, entry_id)

    @expose("/kegiatan/<int:entry_id>", methods=["GET", "POST"])
    @has_access
    def upload(self, entry_id: int):
        entry = self._entry(entry_id)
        form = AttachmentForm()
        if request.method == "POST" and form.validate():
            file = request.files.get("file")
            data = file.read(attachments.MAX_BYTES + 1) if file else b""
            if commit_or_flash(lambda: commands.attach(db.session, entry.id, file.filename if file else "", data,
                                                       current_app.config["UPLOAD_DIR"], access.principal()),
                               _("The file was attached.")).ok:
                return redirect(url_for("ProgressEntryView.show", pk=entry.id))
        return self.render_template("attachment_upload.html", form=form, entry=entry)

    @expose("/<int:attachment_id>")
    @has_access
    def download(self, attachment_id: int):
        found = record_or_404(Attachment, attachment_id)
        read_audit.saw(found.client_id, Attachment.__tablename__)  # a scan about the child, read from disk
        stored = attachments.path_of(current_app.config["UPLOAD_DIR"], found.stored_name)
        if not stored.is_file():
            abort(404)  # deleted when the case was anonymised (app.clients.retention)
        mime = uploads.content_type(found.mime)  # the server's record, one of the types it checks
        return download(stored, f"lampiran-{found.id}.{uploads.EXTENSIONS.get(mime, ('bin',))[0]}", mime)
