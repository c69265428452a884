"""Transfers between offices (pindah wilayah bimbingan): the office's lists, the proposal form, one
transfer's page with the step its reader may take, and its two letters. Every step calls
app.supervision.transfers.commands; the lists and what a reader sees of a transfer come from app.supervision.transfers.queries."""
from __future__ import annotations

from datetime import date

from flask import abort, current_app, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import lazy_gettext as _
from flask_login import current_user
from sqlalchemy import select

from app import access
from app.documents import commands as documents
from app.documents import transfer_letters
from app.errors import DomainError, Invalid
from app.extensions import db
from app.platform import roles
from app.supervision.transfers import commands, queries, rules
from app.supervision.transfers.rules import STATUS, TransferStatus
from models import Office, Transfer
from views.base import client_or_404, commit_or_flash, record_or_404, safe_next
from views.client_file.client_file import section_url
from views.navigation import came_from

STEP_DONE = {"setujui": _("The transfer was approved."), "terima": _("The transfer was accepted: the client's "
             "file is now in your office."), "tolak": _("The transfer was refused."),
             "batalkan": _("The transfer was withdrawn.")}


def _issuing() -> documents.Issuing:
    return documents.Issuing(current_user.id, current_app.config["UPLOAD_DIR"],
                             documents.verification_base(current_app.config.get("PUBLIC_URL")), date.today())


class TransferView(BaseView):
    route_base = "/pindah"
    class_permission_name = roles.TRANSFER
    method_permission_name = {"index": "read", "show": "read", "propose": "write", "step": "write",
                              "cover_letter": "write", "handover_record": "write"}
    base_permissions = ["can_read", "can_write"]
    default_view = "index"

    @expose("/")
    @has_access
    def index(self):
        who = access.principal()
        incoming = queries.incoming(db.session, who)
        # Who the client is: only for the Kepala Bapas whose decision it is (app.supervision.transfers.queries).
        named = {t.id for t in incoming if queries.sees_details(db.session, t, who)}
        return self.render_template("transfers.html", incoming=incoming, named=named,
                                    outgoing=queries.outgoing(db.session, who),
                                    received=queries.received(db.session, who), statuses=STATUS)

    @expose("/usul/<int:client_id>", methods=["GET", "POST"])
    @has_access
    def propose(self, client_id: int):
        who = access.principal()
        client = client_or_404(client_id)
        back = safe_next(request.values.get("next")) or section_url(client.id, "pindah")
        values, problems, refused = dict(request.form), {}, None
        if not commands.may_propose(client, who):
            refused = _("Only the client's PK or the Kepala Bapas can propose a transfer.")
        elif request.method == "POST":
            data = commands.Proposal(to_office_id=int(values["to_office"]) if values.get("to_office", "").isdigit()
                                     else None, new_address=values.get("new_address"), reason=values.get("reason"))
            try:
                commands.propose(db.session, client.id, data, who, date.today())
                db.session.commit()
            except Invalid as exc:
                db.session.rollback()
                problems = exc.problems
            except DomainError as exc:
                db.session.rollback()
                problems = {"": exc.messages}
            else:
                flash(str(_("The transfer was proposed; the Kepala Bapas approves it next.")), "success")
                return redirect(back)
        offices = list(db.session.scalars(select(Office).where(Office.id != client.office_id).order_by(Office.name)))
        status = 403 if refused else 422 if problems else 200
        return self.render_template("transfer_propose.html", client=client, offices=offices, values=values,
                                    problems=problems, refused=refused, back=back), status

    @expose("/<int:transfer_id>/")
    @has_access
    def show(self, transfer_id: int):
        who = access.principal()
        transfer = record_or_404(Transfer, transfer_id)
        details = queries.sees_details(db.session, transfer, who)
        sees_client = queries.sees_client(db.session, transfer, who)
        steps = [s for s in ("setujui", "terima", "tolak", "batalkan") if commands.may_take(s, transfer, who)
                 and rules.allowed(s, transfer.status)]
        writes_letters = sees_client and access.can_supervise(transfer.client, who) \
            and self.appbuilder.sm.has_access("can_write", roles.DOCUMENT)
        return self.render_template(
            "transfer_show.html", t=transfer, details=details, sees_client=sees_client, steps=steps,
            statuses=STATUS, pks=queries.receiving_pks(db.session, transfer) if "terima" in steps else [],
            may_cover=writes_letters and transfer.status == TransferStatus.DISETUJUI,
            may_handover=writes_letters and transfer.status == TransferStatus.DITERIMA,
            file_url=url_for("ClientFileView.show", client_id=transfer.client_id) if sees_client else None)

    @expose("/<int:transfer_id>/<step>", methods=["POST"])
    @has_access
    def step(self, transfer_id: int, step: str):
        command = commands.STEP_COMMANDS.get(step)
        if command is None:
            abort(404)
        record_or_404(Transfer, transfer_id)
        who, today = access.principal(), date.today()
        if step == "terima":
            action = lambda: command(db.session, transfer_id, request.form.get("pk"), who, today)  # noqa: E731
        elif step in ("tolak", "batalkan"):
            action = lambda: command(db.session, transfer_id, request.form.get("refusal_reason"), who, today)  # noqa: E731
        else:
            action = lambda: command(db.session, transfer_id, who, today)  # noqa: E731
        outcome = commit_or_flash(action, STEP_DONE[step])
        if outcome.ok and step == "terima":
            return redirect(section_url(outcome.result.client_id, "pindah"))
        return redirect(came_from(url_for("TransferView.show", transfer_id=transfer_id)))

    def _issue(self, transfer_id: int, make):
        transfer = record_or_404(Transfer, transfer_id)
        client = client_or_404(transfer.client_id)  # letters are written by those who supervise the client now
        if not (access.can_supervise(client, access.principal())
                and self.appbuilder.sm.has_access("can_write", roles.DOCUMENT)):
            abort(404)
        outcome = commit_or_flash(lambda: make(db.session, transfer, *_issue_args()), _("The document was issued."))
        if outcome.ok:
            return redirect(url_for("GeneratedDocumentView.show", pk=outcome.result.id))
        return redirect(url_for("TransferView.show", transfer_id=transfer.id))

    @expose("/<int:transfer_id>/surat-pengantar", methods=["POST"])
    @has_access
    def cover_letter(self, transfer_id: int):
        return self._issue(transfer_id, transfer_letters.issue_cover_letter)

    @expose("/<int:transfer_id>/berita-acara", methods=["POST"])
    @has_access
    def handover_record(self, transfer_id: int):
        return self._issue(transfer_id, transfer_letters.issue_handover_record)


def _issue_args() -> tuple:
    how = _issuing()
    return how.by_id, how.upload_dir, how.verify_base, how.issued_on
