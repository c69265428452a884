"""REST: sidang TPP sessions and agenda items (read), and the decision on an item.

A decision is its own resource because it is its own permission on the screens
(``TppDecision``: Kepala Bapas and Anggota TPP), apart from editing the agenda."""
from __future__ import annotations

from flask_appbuilder.api import BaseApi, expose, protect, safe
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_login import current_user
from marshmallow import Schema, fields, validate

from app import access
from app.errors import DomainError
from app.extensions import db
from app.platform import roles
from app.tpp import commands
from app.tpp import decisions as tpp
from models import TppItem, TppSession
from views.api_base import SibikaApi, command_doc, documented, json_body, record_or_none

READ_ONLY = {"get", "get_list", "info"}
ITEM_COLUMNS = ["id", "session.id", "client.id", "matter", "programme.id", "pk_recommendation", "decision",
                "consensus", "votes_for", "votes_against", "notes", "decided_at"]


class TppSessionApi(SibikaApi):
    resource_name = "tpp_session"
    datamodel = SQLAInterface(TppSession)
    class_permission_name = roles.TPP_SESSION
    base_permissions = ["can_read", "can_write", "can_delete"]
    include_route_methods = READ_ONLY
    list_columns = ["id", "office.id", "held_on", "time_text", "place", "chair.id"]
    show_columns = ["id", "office.id", "held_on", "time_text", "place", "chair.id", "secretary.id", "members_total",
                    "present.id", "notes"]
    search_columns = ["held_on"]
    order_columns = ["held_on"]
    base_order = ("held_on", "desc")
    base_filters = access.base_filter(access.OfficeScope)


class TppItemApi(SibikaApi):
    resource_name = "tpp_item"
    datamodel = SQLAInterface(TppItem)
    class_permission_name = roles.TPP_ITEM
    base_permissions = ["can_read", "can_write", "can_delete"]
    include_route_methods = READ_ONLY
    list_columns = ["id", "session.id", "client.id", "matter", "programme.id", "decision"]
    show_columns = ITEM_COLUMNS
    search_columns = ["matter", "decision"]
    order_columns = ["matter", "decision", "decided_at"]
    base_filters = access.base_filter(access.ClientLinkedScope)


class DecisionSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(tpp.DECISIONS))
    consensus = fields.Boolean(load_default=True)
    votes_for = fields.Integer(allow_none=True, strict=True, validate=validate.Range(0, 999))
    votes_against = fields.Integer(allow_none=True, strict=True, validate=validate.Range(0, 999))
    notes = fields.String(allow_none=True, validate=validate.Length(max=5000))


class TppDecisionApi(BaseApi):
    resource_name = "tpp_decision"
    class_permission_name = roles.TPP_DECISION
    method_permission_name = {"decide": "write"}
    base_permissions = ["can_write"]
    allow_browser_login = True
    openapi_spec_component_schemas = (DecisionSchema,)
    openapi_spec_tag = "TPP decisions"

    @expose("/<int:item_id>", methods=["POST"])
    @protect()
    @safe
    @documented(command_doc("Decide an agenda item of a quorate session", "Decision", "item_id"))
    def decide(self, item_id: int):
        item = record_or_none(TppItem, item_id)
        if item is None:
            return self.response_404()
        data, refused = json_body(self, DecisionSchema())
        if refused is not None:
            return refused
        decision = tpp.Decision(data["decision"], data["consensus"], data.get("votes_for"),
                                data.get("votes_against"), data.get("notes"), current_user.id)
        try:
            commands.decide(db.session, item.id, decision, access.principal())
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            return self.response(exc.status_code, message=exc.messages)
        return self.response(200, id=item.id, result={c: _plain(item, c) for c in ITEM_COLUMNS if "." not in c})


def _plain(item, column):
    value = getattr(item, column)
    return value.isoformat() if hasattr(value, "isoformat") else value
