"""Audit log viewer: read-only for the Kepala Bapas (own office) and Admin."""
from __future__ import annotations

import io
import json
from datetime import date

from flask_appbuilder import expose, has_access
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.urltools import get_filter_args
from flask_babel import get_timezone
from flask_babel import lazy_gettext as _
from markupsafe import Markup, escape

from app import access
from app.platform import audit_export, roles
from app.platform.audit import REDACTED
from app.platform.ui_dates import reader_language, ui_datetime, ui_period
from models import AuditLog
from views.base import SibikaModelView
from views.documents.downloads import download

ACTIONS = {"create": _("Created"), "update": _("Changed"), "delete": _("Deleted"), "view": _("Viewed"),
           "export": _("Exported")}


def _cell(value) -> str:
    if value is None:
        return ""
    if value == REDACTED:
        return str(_("(not logged)"))
    return ui_period(value) if isinstance(value, str) else value


def _changes_table(raw: str | None):
    if not raw:
        return ""
    rows = "".join(
        f"<tr><td>{escape(k)}</td><td>{escape(_cell(v[0]))}</td><td>{escape(_cell(v[1]))}</td></tr>"
        for k, v in json.loads(raw).items()
    )
    # Labels outside the f-string: pybabel does not look inside f-strings.
    field, old, new = _("Field"), _("Old"), _("New")
    head = f"<tr><th>{escape(field)}</th><th>{escape(old)}</th><th>{escape(new)}</th></tr>"
    return Markup(f'<table class="table table-condensed">{head}{rows}</table>')


class AuditLogView(SibikaModelView):
    datamodel = SQLAInterface(AuditLog)
    class_permission_name = roles.AUDIT
    # Append-only: list, show and the export are the only methods registered at all
    # (and the database refuses UPDATE and DELETE on the table; migration 0011).
    method_permission_name = {"list": "read", "show": "read", "export": "read"}
    base_permissions = ["can_read"]
    list_title = show_title = _("Audit log")
    list_template = "audit_list.html"
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

    @expose("/export/")
    @has_access
    def export(self):
        """The rows the list shows with the same filters (``_flt_…`` arguments), as CSV."""
        get_filter_args(self._filters, disallow_if_not_in_search=True)
        _count, rows = self.datamodel.query(self._filters.get_joined_filters(self._base_filters),
                                            order_column="at", order_direction="desc", page=0,
                                            page_size=audit_export.MAX_ROWS)
        body = audit_export.to_csv(rows, lambda code: str(ACTIONS.get(code, code)), reader_language(), get_timezone())
        name = f"log-audit-{date.today():%Y%m%d}.csv"
        return download(io.BytesIO(body if isinstance(body, bytes) else body.encode()), name, "text/csv; charset=utf-8")
