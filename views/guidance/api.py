"""REST: assessments, guidance programmes and their items.

All three hold sensitive matters (needs, programme notes), so their scope is
the supervising one (assigned PK, Kepala Bapas, Admin), as on the screens.
Status moves only through the domain commands exposed as POST sub-resources.
"""
from __future__ import annotations

from flask_appbuilder.api import expose, protect, safe
from flask_appbuilder.models.sqla.interface import SQLAInterface
from marshmallow import Schema, fields, validate

from app import access
from app.errors import problems_of
from app.extensions import db
from app.guidance import commands as guidance
from app.guidance.assessment import commands
from app.platform import roles
from models import Assessment, Programme, ProgrammeItem
from models.choices import ACTIVITY_KIND, ASSESSMENT_KIND, GUIDANCE_KIND, STAGE
from views.api_base import MAX_ID, SibikaApi, command_doc, documented
from views.base import today

SUPERVISED = access.base_filter(access.SupervisedLinkedScope)
SUPERVISED_CLIENTS = {"client": [["id", access.SupervisedClientChoices, None]]}
NO_DELETE = {"get", "get_list", "info", "related", "post", "put"}
READ_WRITE = ["can_read", "can_write"]


class AnswerSchema(Schema):
    item = fields.Integer(required=True, strict=True, validate=validate.Range(1, MAX_ID))
    option = fields.Integer(required=True, strict=True, validate=validate.Range(1, MAX_ID))


class AnswersSchema(Schema):
    answers = fields.List(fields.Nested(AnswerSchema), required=True, validate=validate.Length(max=500))


class AssessmentApi(SibikaApi):
    resource_name = "assessment"
    datamodel = SQLAInterface(Assessment)
    class_permission_name = roles.ASSESSMENT
    base_permissions = READ_WRITE
    include_route_methods = NO_DELETE | {"save_answers", "finalise", "correct"}
    method_permission_name = {**roles.METHOD_PERMISSIONS, "save_answers": "write", "finalise": "write",
                              "correct": "write"}
    list_columns = ["id", "client.id", "kind", "assessed_on", "status", "total_score", "category"]
    show_columns = ["id", "client.id", "instrument.id", "kind", "assessed_on", "assessor.id", "consent",
                    "consent_note", "needs", "status", "total_score", "category", "domain_scores", "finalised_at"]
    add_columns = ["client", "instrument", "kind", "assessed_on", "consent", "consent_note", "needs"]
    edit_columns = add_columns[1:]  # an assessment never moves to another client
    search_columns = ["kind", "assessed_on", "status", "category"]
    order_columns = ["assessed_on", "kind", "status"]
    base_order = ("assessed_on", "desc")
    base_filters = SUPERVISED
    add_query_rel_fields = SUPERVISED_CLIENTS
    choice_columns = {"kind": ASSESSMENT_KIND}
    openapi_spec_component_schemas = (AnswersSchema,)

    def item_problems(self, item, pk=None):
        access.require_supervised(item.client, access.principal())
        commands.check_draft(item.client, item.instrument, item.kind, item.assessed_on, access.principal(), today(),
                             stored=item if pk is not None else None)
        return {}

    def pre_add(self, item):
        commands.start(db.session, item, access.principal(), today())

    def pre_update(self, item):
        commands.update(db.session, item, access.principal(), today())

    @expose("/<int:pk>/answers", methods=["POST"])
    @protect()
    @safe
    @documented(command_doc("Save answers {item, option} of a draft assessment", "Answers"))
    def save_answers(self, pk):
        return self.command(pk, lambda item, data: commands.save_answers(
            db.session, item, {a["item"]: a["option"] for a in data["answers"]}), AnswersSchema())

    @expose("/<int:pk>/finalise", methods=["POST"])
    @protect()
    @safe
    @documented(command_doc("Score and lock a complete assessment"))
    def finalise(self, pk):
        return self.command(pk, lambda item: commands.finalise(db.session, item))

    @expose("/<int:pk>/correct", methods=["POST"])
    @protect()
    @safe
    @documented(command_doc("Start a correction (a new draft version) of a final assessment"))
    def correct(self, pk):
        return self.command(pk, lambda item: commands.correct(db.session, item, access.principal().user_id))


class ProgrammeApi(SibikaApi):
    resource_name = "programme"
    datamodel = SQLAInterface(Programme)
    class_permission_name = roles.PROGRAMME
    base_permissions = ["can_read", "can_write", "can_delete"]
    include_route_methods = NO_DELETE | {"submit", "revise"}
    method_permission_name = {**roles.METHOD_PERMISSIONS, "submit": "write", "revise": "write"}
    list_columns = ["id", "client.id", "stage", "version_no", "status"]
    show_columns = ["id", "client.id", "stage", "version_no", "status", "interests_talents", "notes", "tpp_note",
                    "created_at", "items.id"]
    add_columns = ["client", "stage", "interests_talents", "notes"]
    edit_columns = ["interests_talents", "notes"]
    search_columns = ["stage", "status"]
    order_columns = ["stage", "version_no", "status", "created_at"]
    base_filters = SUPERVISED
    add_query_rel_fields = SUPERVISED_CLIENTS
    choice_columns = {"stage": STAGE}

    def item_problems(self, item, pk=None):
        if pk is None:
            guidance.check_new_programme(db.session, item.client, item.stage, access.principal())
            return {}
        access.require_supervised(item.client, access.principal())
        return problems_of(guidance.require_draft, item, default_field="status")

    def pre_add(self, item):
        guidance.start_programme(db.session, item, access.principal())

    def pre_update(self, item):
        guidance.update_programme(db.session, item, access.principal())

    @expose("/<int:pk>/submit", methods=["POST"])
    @protect()
    @safe
    @documented(command_doc("Submit a draft programme to the TPP"))
    def submit(self, pk):
        return self.command(pk, lambda item: guidance.submit_programme(db.session, item.id, access.principal()))

    @expose("/<int:pk>/revise", methods=["POST"])
    @protect()
    @safe
    @documented(command_doc("Make a new draft version of a rejected programme or one approved with notes"))
    def revise(self, pk):
        return self.command(pk, lambda item: guidance.revise_programme(db.session, item.id, access.principal()))


class ProgrammeItemApi(SibikaApi):
    resource_name = "programme_item"
    datamodel = SQLAInterface(ProgrammeItem)
    class_permission_name = roles.PROGRAMME
    base_permissions = ["can_read", "can_write", "can_delete"]
    list_columns = show_columns = ["id", "programme.id", "kind", "activity_kind", "activity", "need",
                                   "target", "frequency", "partner.id"]
    add_columns = ["programme", "kind", "activity_kind", "activity", "need", "target", "frequency", "partner"]
    edit_columns = add_columns[1:]  # an item never moves to another programme
    search_columns = ["kind", "activity_kind"]
    base_filters = SUPERVISED
    add_query_rel_fields = {"programme": access.base_filter(access.DraftProgrammeChoices),
                            "partner": access.base_filter(access.OfficeScope)}
    choice_columns = {"kind": GUIDANCE_KIND, "activity_kind": ACTIVITY_KIND}

    def item_problems(self, item, pk=None):
        if item.programme is None:
            access.require_supervised(None, access.principal(), field="programme")
        found = problems_of(guidance.check_item, db.session, item.programme, item.activity_kind, item.partner,
                            access.principal())
        if pk is not None and "programme" in found:  # an item never moves: say it on a field of this form
            found["activity"] = found.pop("programme")
        return found

    def pre_add(self, item):
        guidance.add_item(db.session, item, access.principal())

    def pre_update(self, item):
        guidance.update_item(db.session, item, access.principal())

    def pre_delete(self, item):
        guidance.delete_item(db.session, item, access.principal())
