"""REST API (/api/v1/...): the same scopes and rules as the screens."""
from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_login import current_user

from app import access
from app.clients import assignments, handovers
from app.clients import next_number
from app.clients import rules as clients
from app.errors import NotFoundOrForbidden
from app.extensions import db
from app.platform import roles
from models import Client, ClientConfidential, Guardian, Handover, Partner, PKAssignment
from views.base import SibikaApi, today

CLIENT_FIELDS = [
    "id", "office.id", "registration_number", "full_name", "alias", "sex", "birth_place", "birth_date",
    "nik", "religion", "education", "address", "offence_date", "offence_article", "decision_number",
    "decision_date", "sentence", "supervision_kind.id", "supervision_kind.code", "basis_document", "origin",
    "supervision_start", "supervision_expiry", "status", "stage", "current_pk.id",
]
# Status and stage change only through the lifecycle's transitions.
CLIENT_WRITABLE = [f.split(".")[0] for f in CLIENT_FIELDS
                   if f not in ("id", "current_pk.id", "supervision_kind.code", "status", "stage")]


class ClientApi(SibikaApi):
    resource_name = "client"
    datamodel = SQLAInterface(Client)
    class_permission_name = roles.CLIENT
    list_columns = ["id", "registration_number", "full_name", "sex", "status", "supervision_start",
                    "supervision_expiry", "current_pk.id"]
    show_columns = CLIENT_FIELDS
    add_columns = edit_columns = CLIENT_WRITABLE
    search_columns = ["registration_number", "full_name", "status", "supervision_start", "supervision_expiry"]
    order_columns = ["registration_number", "full_name", "supervision_start", "supervision_expiry"]
    base_filters = access.base_filter(access.ClientScope)
    add_query_rel_fields = edit_query_rel_fields = {"office": access.base_filter(access.OwnOfficeScope)}

    def pre_add(self, item):
        next_number.fill_number(db.session, item, today().year)

    def item_problems(self, item, pk=None):
        facts = clients.ClientFacts(
            office_id=item.office.id if item.office else None, registration_number=item.registration_number,
            birth_date=item.birth_date, offence_date=item.offence_date, nik=item.nik,
            supervision_start=item.supervision_start, supervision_expiry=item.supervision_expiry,
            decision_date=item.decision_date,
            client_id=int(pk) if pk is not None else None,
        )
        found = clients.problems(db.session, facts, today())
        if not _office_allowed(facts.office_id):
            found.setdefault("office", []).append(str(access.OFFICE_REFUSED))
        return found


def _office_allowed(office_id) -> bool:
    return access.in_own_office(office_id, access.principal())


def client_allowed(client) -> dict[str, list[str]]:
    """A linked record may only point at a client the user can see."""
    if client is None:
        return {"client": [str(access.CLIENT_REFUSED)]}
    try:
        access.get_client(db.session, client.id)
    except NotFoundOrForbidden:
        return {"client": [str(access.CLIENT_REFUSED)]}
    return {}


class GuardianApi(SibikaApi):
    resource_name = "guardian"
    datamodel = SQLAInterface(Guardian)
    class_permission_name = roles.GUARDIAN
    list_columns = show_columns = ["id", "client.id", "relation", "name", "occupation", "address", "phone"]
    add_columns = edit_columns = ["client", "relation", "name", "occupation", "address", "phone"]
    base_filters = access.base_filter(access.ClientLinkedScope)
    add_query_rel_fields = edit_query_rel_fields = {"client": access.base_filter(access.ClientScope)}

    def item_problems(self, item, pk=None):
        return client_allowed(item.client)


class ConfidentialApi(SibikaApi):
    resource_name = "client_confidential"
    datamodel = SQLAInterface(ClientConfidential)
    class_permission_name = roles.CONFIDENTIAL
    list_columns = show_columns = ["id", "client.id", "health", "household", "safety", "programme_notes"]
    add_columns = edit_columns = ["client", "health", "household", "safety", "programme_notes"]
    search_columns = ["client"]  # encrypted notes cannot be searched in SQL
    order_columns = ["id"]
    base_filters = access.base_filter(access.ConfidentialScope)
    add_query_rel_fields = edit_query_rel_fields = {
        "client": [["id", access.ConfidentialClientChoices, None]]}

    def item_problems(self, item, pk=None):
        if item.client is None or not access.can_see_confidential(item.client):
            return {"client": [str(access.CLIENT_REFUSED)]}
        return {}


class HandoverApi(SibikaApi):
    resource_name = "handover"
    datamodel = SQLAInterface(Handover)
    class_permission_name = roles.HANDOVER
    list_columns = show_columns = ["id", "client.id", "handover_date", "handing_party", "handing_officer",
                                   "handing_officer_nip", "receiving_officer.id", "notes"]
    add_columns = edit_columns = ["client", "handover_date", "handing_party", "handing_officer",
                                  "handing_officer_nip", "receiving_officer", "notes"]
    base_filters = access.base_filter(access.ClientLinkedScope)
    add_query_rel_fields = edit_query_rel_fields = {"client": access.base_filter(access.ClientScope),
                                                    "receiving_officer": access.base_filter(access.OfficeScope)}

    def item_problems(self, item, pk=None):
        return client_allowed(item.client) or handovers.problems(
            item.client, item.handover_date, item.receiving_officer, today())


class PKAssignmentApi(SibikaApi):
    resource_name = "pk_assignment"
    datamodel = SQLAInterface(PKAssignment)
    class_permission_name = roles.ASSIGNMENT
    method_permission_name = {**roles.METHOD_PERMISSIONS, "put": "edit", "delete": "delete"}
    base_permissions = ["can_read", "can_write"]
    list_columns = show_columns = ["id", "client.id", "pk.id", "start_date", "end_date", "reason",
                                   "assigned_by.id"]
    add_columns = ["client", "pk", "start_date", "reason"]
    base_filters = access.base_filter(access.ClientLinkedScope)
    add_query_rel_fields = edit_query_rel_fields = {
        "client": access.base_filter(access.ClientScope),
        "pk": [["id", access.PKChoices, None]],
    }

    def item_problems(self, item, pk=None):
        return client_allowed(item.client) or assignments.problems(
            db.session, item.client, item.pk, item.start_date, item.reason)

    def pre_add(self, item):
        assignments.apply(db.session, item, current_user)


class PartnerApi(SibikaApi):
    resource_name = "partner"
    datamodel = SQLAInterface(Partner)
    class_permission_name = roles.PARTNER
    list_columns = show_columns = ["id", "office.id", "name", "kind", "contact_person", "phone", "email",
                                   "address", "services"]
    add_columns = edit_columns = ["office", "name", "kind", "contact_person", "phone", "email", "address",
                                  "services"]
    base_filters = access.base_filter(access.OfficeScope)
    add_query_rel_fields = edit_query_rel_fields = {"office": access.base_filter(access.OwnOfficeScope)}

    def item_problems(self, item, pk=None):
        return {} if item.office and _office_allowed(item.office.id) else {"office": [str(access.OFFICE_REFUSED)]}
