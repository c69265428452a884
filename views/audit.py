"""Audit log viewer: read-only for the Kepala Bapas (own office) and Admin."""
from __future__ import annotations

import json

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _
from markupsafe import Markup, escape

from app import access, roles
from models import AuditLog
from views.base import SibikaModelView
from views.formatting import ui_datetime

ACTIONS = {"create": _("Created"), "update": _("Changed"), "delete": _("Deleted"), "view": _("Viewed"),
           "export": _("Exported")}


def _changes_table(raw: str | None):
    if not raw:
        return ""
    rows = "".join(
        f"<tr><td>{escape(k)}</td><td>{escape(v[0] if v[0] is not None else '')}</td>"
        f"<td>{escape(v[1] if v[1] is not None else '')}</td></tr>"
        for k, v in json.loads(raw).items()
    )
    # Labels outside the f-string: pybabel does not look inside f-strings.
    field, old, new = _("Field"), _("Old"), _("New")
    head = f"<tr><th>{escape(field)}</th><th>{escape(old)}</th><th>{escape(new)}</th></tr>"
    return Markup(f'<table class="table table-condensed">{head}{rows}</table>')


class AuditLogView(SibikaModelView):
    datamodel = SQLAInterface(AuditLog)
    class_permission_name = roles.AUDIT
    # Append-only: list and show are the only methods registered at all.
    method_permission_name = {"list": "read", "show": "read"}
    base_permissions = ["can_read"]
    list_title = show_title = _("Audit log")
    label_columns = {
        "at": _("Time"), "username": _("User"), "office_id": _("Office"), "action": _("Action"),
        "table_name": _("Record type"), "record_id": _("Record"), "client_id": _("Client"),
        "changes": _("Changes"),
    }
    list_columns = ["at", "username", "action", "table_name", "record_id", "client_id"]
    show_columns = ["at", "username", "office_id", "action", "table_name", "record_id", "client_id", "changes"]
    search_columns = ["at", "username", "action", "table_name", "client_id", "record_id"]
    base_order = ("at", "desc")
    base_filters = access.base_filter(access.OfficeScope)
    formatters_columns = {
        "at": ui_datetime,
        "action": lambda v: str(ACTIONS.get(v, v)),
        "changes": _changes_table,
    }
