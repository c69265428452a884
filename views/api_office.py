"""REST: the staff side of complaints (the public form stays a page) and the
document archive's metadata. A document's bytes come only through its own
scoped download, never inside the metadata."""
from __future__ import annotations

from flask import current_app, request, send_file
from flask_appbuilder.api import BaseApi, expose, protect, safe
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import Schema, ValidationError, fields, validate
from sqlalchemy import select

from app import access, read_audit, roles
from app.complaints import intake, workflow
from app.documents import issue
from app.errors import DomainError
from app.extensions import db
from models import Client, Complaint, GeneratedDocument, Staff
from models.choices import ACTION_KIND, COMPLAINT_CHANNEL
from views.api_base import MAX_ID, SEND_JSON, SibikaApi, command_doc, documented
from views.base import today
from views.complaints import ComplaintScope, complaint_clause
from views.documents import DocumentScope

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
    base_filters = [["id", ComplaintScope, None]]
    add_query_rel_fields = {"office": access.base_filter(access.OwnOfficeScope),
                            "concerns_pk": [["id", access.PKChoices, None]]}
    choice_columns = {"channel": STAFF_CHANNELS}

    def item_problems(self, item, pk=None):
        who = access.principal()
        if item.office is None or not (who.is_admin or item.office.id == who.office_id):
            return {"office": [str(access.OFFICE_REFUSED)]}
        found = intake.problems(db.session, intake.Submission(
            office_id=item.office.id, category_id=item.category.id if item.category else None, text=item.text,
            channel=item.channel, name=item.name, contact=item.contact, consent_contact=bool(item.consent_contact)))
        pk_staff = item.concerns_pk
        if pk_staff is not None and (pk_staff.office_id != item.office.id
                                     or roles.PK not in {r.name for r in pk_staff.roles}):
            found["concerns_pk"] = [_("Choose a PK of this office.")]
        return found

    def pre_add(self, item):
        intake.register(db.session, item, current_user.id, today())


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
        complaint = db.session.scalars(select(Complaint).where(
            Complaint.id == complaint_id, complaint_clause(Complaint, access.principal()))).first() \
            if 0 < complaint_id <= MAX_ID else None
        step = workflow.STEPS.get(name)
        if complaint is None or step is None:
            return self.response_404()
        payload = request.get_json(silent=True) if request.is_json else None
        if not isinstance(payload, dict):
            return self.response_400(message=str(SEND_JSON))
        try:
            data = StepSchema().load(payload)
        except ValidationError as err:
            return self.response_422(message=err.messages)
        link = data.get("concerns_client")
        if link and (name != "arahan" or db.session.scalar(select(Client.id).where(
                Client.id == link, Client.office_id == complaint.office_id,
                access.client_clause(access.principal()))) is None):
            return self.response_422(message={"concerns_client": [str(access.CLIENT_REFUSED)]})
        assigned = db.session.get(Staff, data["assigned_to"]) if data.get("assigned_to") else None
        step_input = workflow.StepInput(text=data["text"], by=current_user, assigned_to=assigned,
                                        action_kind=data.get("action_kind"))
        try:
            workflow.run(db.session, step, complaint, step_input)
            if link:
                complaint.concerns_client_id = link
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            return self.response(exc.status_code, message=exc.messages)
        return self.response(200, id=complaint.id, result={"status": complaint.status,
                                                           "assigned_to": complaint.assigned_to_id})


class DocumentApi(SibikaApi):
    resource_name = "document"
    datamodel = SQLAInterface(GeneratedDocument)
    class_permission_name = roles.DOCUMENT
    base_permissions = ["can_read", "can_write"]
    include_route_methods = {"get", "get_list", "info", "download"}
    list_columns = ["id", "letter_number", "doc_type", "client.id", "period", "generated_at", "status"]
    show_columns = ["id", "office.id", "client.id", "doc_type", "period",
                    "letter_number", "template_version", "generated_by.id", "generated_at", "sha256", "status"]
    search_columns = ["letter_number", "doc_type", "period", "status"]
    order_columns = ["generated_at", "letter_number", "doc_type"]
    base_order = ("generated_at", "desc")
    base_filters = [["id", DocumentScope, None]]

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
            response = send_file(path, as_attachment=True, download_name=f"{document.doc_type}-{document.id}.docx",
                                 mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        except FileNotFoundError:
            return self.response_404()
        response.headers["Cache-Control"] = "private, no-store"
        return response
