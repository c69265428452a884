"""REST: the staff side of complaints (the public form stays a page) and the
document archive's metadata. A document's bytes come only through its own
scoped download, never inside the metadata."""
from __future__ import annotations

from flask import current_app
from flask_appbuilder.api import BaseApi, expose, protect, safe
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_login import current_user
from marshmallow import Schema, fields, validate

from app import access
from app.complaints import commands, workflow
from app.documents import commands as document_commands
from app.documents import issue
from app.errors import DomainError, Invalid
from app.extensions import db
from app.platform import read_audit, roles
from models import Complaint, GeneratedDocument, Staff
from models.choices import ACTION_KIND, COMPLAINT_CHANNEL
from views.api_base import MAX_ID, SibikaApi, command_doc, documented, json_body, record_or_none
from views.base import today
from views.documents.documents import issuing
from views.documents.downloads import DOCX_MIME, download

STAFF_CHANNELS = {k: v for k, v in COMPLAINT_CHANNEL.items() if k != "web"}


class ComplaintApi(SibikaApi):
    """Complaints registered by the unit, read by those the screens show them to;
    the handling moves only through ``complaint_step``."""

    resource_name = "complaint"
    datamodel = SQLAInterface(Complaint)
    class_permission_name = roles.COMPLAINT
    base_permissions = ["can_read", "can_write"]
    include_route_methods = {"get", "get_list", "info", "related", "post"}
    list_columns = ["id", "tracking_number", "received_at", "category.id", "channel", "status", "due_on"]
    show_columns = ["id", "tracking_number", "office.id", "channel", "category.id", "text", "name", "contact",
                    "consent_contact", "received_at", "due_on", "status", "assigned_to.id", "concerns_pk.id",
                    "public_reply", "steps.status", "steps.at"]
    add_columns = ["office", "channel", "category", "text", "name", "contact", "consent_contact", "concerns_pk"]
    search_columns = ["tracking_number", "status", "channel", "due_on"]
    order_columns = ["received_at", "due_on", "status"]
    base_order = ("received_at", "desc")
    base_filters = access.base_filter(access.ComplaintScope)
    add_query_rel_fields = {"office": access.base_filter(access.OwnOfficeScope),
                            "concerns_pk": [["id", access.PKChoices, None]]}
    choice_columns = {"channel": STAFF_CHANNELS}

    def item_problems(self, item, pk=None):
        commands.check_registration(db.session, item, access.principal())
        return {}

    def pre_add(self, item):
        commands.register(db.session, item, access.principal(), today())


class StepSchema(Schema):
    text = fields.String(required=True, validate=validate.Length(max=workflow.MAX_TEXT + 1000))
    assigned_to = fields.Integer(allow_none=True, strict=True, validate=validate.Range(1, MAX_ID))
    action_kind = fields.String(allow_none=True, validate=validate.OneOf(list(ACTION_KIND)))
    concerns_client = fields.Integer(allow_none=True, strict=True, validate=validate.Range(1, MAX_ID))


class ComplaintStepApi(BaseApi):
    """One step of the handling (``/complaint_step/<complaint_id>/<step>``), by its role only."""

    resource_name = "complaint_step"
    class_permission_name = roles.COMPLAINT_STEP
    method_permission_name = {"step": "write"}
    base_permissions = ["can_read", "can_write"]
    allow_browser_login = True
    openapi_spec_component_schemas = (StepSchema,)
    openapi_spec_tag = "Complaint steps"

    @expose("/<int:complaint_id>/<name>", methods=["POST"])
    @protect()
    @safe
    @documented(command_doc("Take one step of a complaint's handling", "Step", "complaint_id", tuple(workflow.STEPS)))
    def step(self, complaint_id: int, name: str):
        complaint = record_or_none(Complaint, complaint_id)
        step = workflow.STEPS.get(name)
        if complaint is None or step is None:
            return self.response_404()
        data, refused = json_body(self, StepSchema())
        if refused is not None:
            return refused
        link, who = data.get("concerns_client"), access.principal()
        try:
            commands.check_link(db.session, complaint, name, link, who)
        except Invalid as exc:
            return self.response_422(message=exc.problems)
        assigned = db.session.get(Staff, data["assigned_to"]) if data.get("assigned_to") else None
        step_input = workflow.StepInput(text=data["text"], by=current_user, assigned_to=assigned,
                                        action_kind=data.get("action_kind"))
        try:
            commands.take_step(db.session, complaint.id, name, step_input, link, who)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            return self.response(exc.status_code, message=exc.messages)
        return self.response(200, id=complaint.id, result={"status": complaint.status,
                                                           "assigned_to": complaint.assigned_to_id})


class StatusChangeSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(max=document_commands.MAX_REASON + 1000))


class DocumentApi(SibikaApi):
    resource_name = "document"
    datamodel = SQLAInterface(GeneratedDocument)
    class_permission_name = roles.DOCUMENT
    base_permissions = ["can_read", "can_write"]
    method_permission_name = {**roles.METHOD_PERMISSIONS, "replace": "write", "cancel": "write"}
    include_route_methods = {"get", "get_list", "info", "download", "replace", "cancel"}
    openapi_spec_component_schemas = (StatusChangeSchema,)
    list_columns = ["id", "letter_number", "doc_type", "client.id", "period", "generated_at", "status"]
    show_columns = ["id", "office.id", "client.id", "doc_type", "period",
                    "letter_number", "template_version", "generated_by.id", "generated_at", "sha256", "status",
                    "replaced_by.id", "status_changed_at"]
    search_columns = ["letter_number", "doc_type", "period", "status"]
    order_columns = ["generated_at", "letter_number", "doc_type"]
    base_order = ("generated_at", "desc")
    base_filters = access.base_filter(access.DocumentScope)

    @expose("/<int:pk>/file", methods=["GET"])
    @protect()
    @safe
    def download(self, pk):
        """The document as issued (.docx)
        ---
        get:
          summary: The document as issued (.docx)
          parameters:
          - in: path
            schema:
              type: integer
            name: pk
          responses:
            200:
              description: The .docx file
              content:
                application/vnd.openxmlformats-officedocument.wordprocessingml.document:
                  schema:
                    type: string
                    format: binary
            401:
              $ref: '#/components/responses/401'
            404:
              $ref: '#/components/responses/404'
        """
        document = self.scoped(pk)
        if document is None:
            return self.response_404()
        read_audit.saw(document.client_id, document.__tablename__)  # the file names the child
        path = issue.path_of(current_app.config["UPLOAD_DIR"], document)
        try:
            return download(path, f"{document.doc_type}-{document.id}.docx", DOCX_MIME)
        except FileNotFoundError:
            return self.response_404()

    def _status_change(self, pk, run):
        """The same commands as the archive screen (app.documents.commands): 404 outside the scope,
        403 for a role that may not, 422 with the reason's message."""
        if self.scoped(pk) is None:
            return self.response_404()
        data, refused = json_body(self, StatusChangeSchema())
        if refused is not None:
            return refused
        try:
            document = run(data)
            db.session.commit()
        except Invalid as exc:
            db.session.rollback()
            return self.response_422(message=exc.problems)
        except DomainError as exc:
            db.session.rollback()
            return self.response(exc.status_code, message=exc.messages)
        return self.response(200, id=document.id, result={"status": document.status,
                                                          "letter_number": document.letter_number})

    @expose("/<int:pk>/replace", methods=["POST"])
    @protect()
    @safe
    @documented(command_doc("Replace a letter (ganti) with a new number; the earlier one becomes diganti",
                            "StatusChange"))
    def replace(self, pk):
        return self._status_change(pk, lambda data: document_commands.replace(
            db.session, pk, data["reason"], access.principal(), issuing()))

    @expose("/<int:pk>/cancel", methods=["POST"])
    @protect()
    @safe
    @documented(command_doc("Cancel a letter (batalkan), Kepala Bapas only", "StatusChange"))
    def cancel(self, pk):
        return self._status_change(pk, lambda data: document_commands.cancel(
            db.session, pk, data["reason"], access.principal()))
