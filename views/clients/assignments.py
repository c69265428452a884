"""PK assignment with its history."""
from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _
from flask_login import current_user

from app import access
from app.clients import assignments
from app.extensions import db
from app.platform import roles
from models import PKAssignment
from views.base import SibikaModelView, form_rule
from views.formatting import date_formatters


def _problems(form):
    return assignments.problems(db.session, form.client.data, form.pk.data, form.start_date.data,
                                form.reason.data)


class PKAssignmentView(SibikaModelView):
    datamodel = SQLAInterface(PKAssignment)
    class_permission_name = roles.ASSIGNMENT
    list_title = _("PK assignments")
    show_title = _("PK assignment")
    add_title = _("Assign a PK")
    label_columns = {
        "client": _("Client"), "pk": _("PK"), "start_date": _("From"), "end_date": _("Until"),
        "reason": _("Reason"), "assigned_by": _("Assigned by"),
    }
    list_columns = ["client", "pk", "start_date", "end_date", "reason"]
    show_columns = ["client", "pk", "start_date", "end_date", "reason", "assigned_by"]
    add_columns = ["client", "pk", "start_date", "reason"]
    search_columns = ["client", "pk", "start_date", "end_date"]
    base_order = ("start_date", "desc")
    # History is never edited or deleted: those methods map to permissions that
    # are not registered, so no role (Admin included) can hold them.
    method_permission_name = {**roles.METHOD_PERMISSIONS, "edit": "edit", "delete": "delete",
                              "muldelete": "delete", "api_update": "edit", "api_delete": "delete"}
    base_permissions = ["can_read", "can_write"]
    base_filters = access.base_filter(access.ClientLinkedScope)
    add_form_query_rel_fields = {
        "client": access.base_filter(access.ClientScope),
        "pk": [["id", access.PKChoices, None]],
    }
    validators_columns = {c: [form_rule(_problems)] for c in ("client", "pk", "start_date", "reason")}
    formatters_columns = date_formatters("start_date", "end_date")
    description_columns = {"reason": _("Required when the client already has a PK.")}

    def pre_add(self, item: PKAssignment) -> None:
        assignments.apply(db.session, item, current_user)
