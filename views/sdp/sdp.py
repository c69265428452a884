"""The SDP screen: what is not yet in SDP Bimbingan Bapas, the export, past
exports, and the field mapping. Thin: every rule is in app.sdp."""
from __future__ import annotations

import json
from datetime import date
from io import BytesIO

from flask import abort, request
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import lazy_gettext as _

from app import access
from app.extensions import db
from app.jobs import kinds
from app.platform import audit, read_audit, roles
from app.platform.ui_dates import ui_date
from app.sdp import export
from app.sdp.mapping import ACTION, BOOLEAN, BY_CODE, DATE, ENVELOPE, KINDS, NOTES, TYPES
from app.sdp.records import pending
from models import SdpBatch
from views.base import record_or_404
from views.documents.downloads import download
from views.jobs.jobs import start_and_show

SHOWN_PENDING = 300  # rows listed on the screen; the counts and the export cover all
SHOWN_BATCHES = 50


def _shown(field, value) -> str:
    if field.type == DATE:
        text = ui_date(date.fromisoformat(value))
        return text if field.name != "dicoret" else str(_("Struck out")) + " " + text
    if field.type == BOOLEAN:
        return str(field.description).rstrip(".") if value else ""
    if field.codes:
        return str(field.codes.get(value, value))
    return str(value)


def summary(kind_code: str, values: dict) -> list[str]:
    """The values that tell a PK which record it is (dates the Indonesian way, codes as labels)."""
    kind = BY_CODE[kind_code]
    fields = [f for f in kind.fields if f.name in kind.shown and values.get(f.name) is not None]
    return [text for text in (_shown(f, values[f.name]) for f in fields) if text]


def _file(content: bytes, name: str, mimetype: str):
    return download(BytesIO(content), name, mimetype)


class SdpView(BaseView):
    route_base = "/sdp"
    class_permission_name = roles.SDP
    method_permission_name = {"index": "read", "mapping": "read", "download": "read", "run_export": "write"}
    default_view = "index"

    def _index(self, status: int = 200):
        who = access.principal()
        waiting = pending(db.session, who)
        # Records SDP would refuse (a required value missing) first: they are what staff must fix.
        rows = sorted((p for kind in KINDS for p in waiting[kind.code]), key=lambda p: not p.missing)
        batches = export.recent_batches(db.session, who, SHOWN_BATCHES)
        page = self.render_template(
            "sdp_index.html", kinds=KINDS, waiting=waiting, rows=rows[:SHOWN_PENDING], total=len(rows),
            missing=sum(1 for p in rows if p.missing), batches=batches,
            counts={b.id: json.loads(b.counts) for b in batches}, formats=export.FORMATS,
            actions=ACTION, summary=summary, titles={k.code: k.title for k in KINDS},
            may_export=self.appbuilder.sm.has_access("can_write", roles.SDP))
        return page, status

    @expose("/")
    @has_access
    def index(self):
        return self._index()

    @expose("/pemetaan")
    @has_access
    def mapping(self):
        return self.render_template("sdp_mapping.html", envelope=ENVELOPE, kinds=KINDS, notes=NOTES, types=TYPES)

    @expose("/ekspor", methods=["POST"])
    @has_access
    def run_export(self):
        """The export runs as a job (an office's export takes seconds to minutes); its page offers the file."""
        return start_and_show(kinds.SDP_EXPORT, {"format": request.form.get("format")}, self._index)

    @expose("/batch/<int:batch_id>")
    @has_access
    def download(self, batch_id: int):
        fmt = request.args.get("format", "json")
        if fmt not in export.FORMATS:
            abort(400)
        who = access.principal()
        batch = record_or_404(SdpBatch, batch_id, who)
        rows = export.rows_of(db.session, batch, who)
        # The file carries each child's identity (stored in the batch, not loaded as records).
        read_audit.saw_all({row["client_id"] for row in rows})
        content, name, mimetype = export.render(batch, rows, fmt)
        audit.record_action(db.session, batch, "sdp_download", {"format": fmt, "rows": len(rows)})
        db.session.commit()
        return _file(content, name, mimetype)
