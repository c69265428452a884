"""Word documents: generate for a client, the archive, download as issued, public verification."""
from __future__ import annotations

import io
from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.widgets import ListWidget
from flask_babel import lazy_gettext as _
from flask_login import current_user
from sqlalchemy import select

from app import access
from app.documents import attachments, commands, issue, pdf
from app.extensions import db
from app.jobs import kinds
from app.platform import read_audit, roles
from app.platform.ui_dates import ui_datetime, ui_period
from models import Client, Complaint, GeneratedDocument, TppSession
from models.choices import DOCUMENT_STATUS, LIVE_DOCUMENT
from views.base import SibikaModelView, client_or_404, commit_or_flash, record_or_404
from views.documents.downloads import DOCX_MIME, download
from views.formatting import code_label
from views.jobs.jobs import start_and_show
from views.navigation import came_from

DOC_TYPES = {"laporan_perkembangan": _("Monthly progress report"),
             "kartu_bimbingan": _("Client card (kartu bimbingan klien)"),
             "kontrak_bimbingan": _("Guidance contract"),
             "litmas": _("Litmas of the final stage"),
             "berita_acara_pengakhiran": _("Record of the end of supervision"),
             "surat_jawaban_pengaduan": _("Reply to a complaint"),
             "berita_acara_sidang_tpp": _("Minutes of a TPP session"),
             "berita_acara_serah_terima": _("Handover record (Berita Acara Serah Terima)"),
             "surat_keterangan_akhir": _("End-of-supervision certificate"),
             "surat_pengantar_pindah": _("Covering letter of a transfer (surat pengantar pindah)"),
             "berita_acara_pindah": _("Record of the handover between offices (berita acara serah terima antar-Bapas)")}


def issuing() -> commands.Issuing:
    """The issuing user, the upload folder, the public verification address (SIBIKA_PUBLIC_URL), today."""
    return commands.Issuing(current_user.id, current_app.config["UPLOAD_DIR"],
                            commands.verification_base(current_app.config.get("PUBLIC_URL")), date.today())


class DocumentListWidget(ListWidget):
    """The archive list with "Replace" and "Cancel" beside each live letter (cancel for the Kepala Bapas)."""

    template = "document_list_widget.html"

    def __call__(self, **kwargs):
        kwargs.update(may_cancel=commands.may_cancel(access.principal()),
                      live_statuses=[str(s) for s in LIVE_DOCUMENT], here=request.full_path.rstrip("?"))
        return super().__call__(**kwargs)


class GeneratedDocumentView(SibikaModelView):
    datamodel = SQLAInterface(GeneratedDocument)
    class_permission_name = roles.DOCUMENT
    method_permission_name = {"list": "read", "show": "read"}
    base_permissions = ["can_read", "can_write"]
    list_title = show_title = _("Document archive")
    show_template = "document_show.html"
    list_widget = DocumentListWidget
    label_columns = {"replaced_by": _("Replaced by"), "status_reason": _("Reason (replaced or cancelled)"),
                     "status_changed_at": _("Replaced or cancelled on"),"letter_number": _("Letter number"), "doc_type": _("Document"), "client": _("Client"),
                     "period": _("Period"), "generated_at": _("Issued"), "generated_by": _("Issued by"),
                     "sha256": _("SHA-256"), "status": _("Status"), "template_version": _("Template version")}
    list_columns = ["letter_number", "doc_type", "client", "period", "generated_at", "status"]
    show_columns = ["letter_number", "doc_type", "client", "period", "generated_at", "generated_by", "status",
                    "replaced_by", "status_reason", "status_changed_at", "sha256", "template_version"]
    search_columns = ["letter_number", "doc_type", "client", "period", "status"]
    base_order = ("generated_at", "desc")
    base_filters = access.base_filter(access.DocumentScope)
    formatters_columns = {"doc_type": code_label(DOC_TYPES), "status": code_label(DOCUMENT_STATUS),
                          "generated_at": ui_datetime, "status_changed_at": ui_datetime, "period": ui_period}

    def show_extra(self, item) -> dict:
        return {"live": item.status in LIVE_DOCUMENT, "may_cancel": commands.may_cancel(access.principal())}


class DocumentWorkView(BaseView):
    route_base = "/dokumen"
    class_permission_name = roles.DOCUMENT
    method_permission_name = {"monthly_report": "write", "end_certificate": "write", "download": "read",
                              "signed_scan": "write", "monthly_batch": "write", "handover_record": "write",
                              "pdf": "read", "complaint_reply": "write", "tpp_minutes": "write",
                              "client_card": "write", "contract": "write", "termination_record": "write"}

    def _supervised(self, client_id: int) -> Client:
        client = client_or_404(client_id)
        if not access.can_supervise(client, access.principal()):
            abort(404)
        return client

    def _verify_base(self) -> str:
        # The configured public address, never request.host_url (the host this PK happened to type).
        return commands.verification_base(current_app.config.get("PUBLIC_URL"))

    def _issue(self, client, make):
        outcome = commit_or_flash(make, _("The document was issued."))
        if outcome.ok:
            return redirect(url_for("GeneratedDocumentView.show", pk=outcome.result.id))
        return redirect(url_for("LifecycleView.client", client_id=client.id))

    @expose("/<int:client_id>/laporan-bulanan", methods=["POST"])
    @has_access
    def monthly_report(self, client_id: int):
        client = self._supervised(client_id)
        month = _form_month()
        return self._issue(client, lambda: issue.issue_monthly_report(
            db.session, client, month, current_user.id, current_app.config["UPLOAD_DIR"], self._verify_base(),
            date.today()))

    @expose("/<int:client_id>/kartu", methods=["POST"])
    @has_access
    def client_card(self, client_id: int):
        client = self._supervised(client_id)
        return self._issue(client, lambda: issue.issue_client_card(
            db.session, client, current_user.id, current_app.config["UPLOAD_DIR"], self._verify_base(),
            date.today()))

    @expose("/<int:client_id>/kontrak", methods=["POST"])
    @has_access
    def contract(self, client_id: int):
        client = self._supervised(client_id)
        return self._issue(client, lambda: issue.issue_contract(
            db.session, client, current_user.id, current_app.config["UPLOAD_DIR"], self._verify_base(),
            date.today()))

    @expose("/<int:client_id>/berita-acara-pengakhiran", methods=["POST"])
    @has_access
    def termination_record(self, client_id: int):
        client = self._supervised(client_id)
        return self._issue(client, lambda: issue.issue_termination_record(
            db.session, client, current_user.id, current_app.config["UPLOAD_DIR"], self._verify_base(),
            date.today()))

    @expose("/<int:client_id>/berita-acara-serah-terima", methods=["POST"])
    @has_access
    def handover_record(self, client_id: int):
        client = self._supervised(client_id)
        return self._issue(client, lambda: issue.issue_handover_record(
            db.session, client, current_user.id, current_app.config["UPLOAD_DIR"], self._verify_base(),
            date.today()))

    @expose("/pengaduan/<int:complaint_id>/jawaban", methods=["POST"])
    @has_access
    def complaint_reply(self, complaint_id: int):
        complaint = record_or_404(Complaint, complaint_id)
        outcome = commit_or_flash(lambda: issue.issue_complaint_reply(
            db.session, complaint, current_user.id, current_app.config["UPLOAD_DIR"], self._verify_base(),
            date.today()), _("The document was issued."))
        if outcome.ok:
            return redirect(url_for("GeneratedDocumentView.show", pk=outcome.result.id))
        return redirect(url_for("ComplaintView.show", pk=complaint.id))

    @expose("/tpp/<int:tpp_session_id>/berita-acara", methods=["POST"])
    @has_access
    def tpp_minutes(self, tpp_session_id: int):
        held = record_or_404(TppSession, tpp_session_id)
        outcome = commit_or_flash(lambda: issue.issue_tpp_minutes(
            db.session, held, current_user.id, current_app.config["UPLOAD_DIR"], self._verify_base(), date.today()),
            _("The document was issued."))
        if outcome.ok:
            return redirect(url_for("GeneratedDocumentView.show", pk=outcome.result.id))
        return redirect(url_for("TppSessionView.show", pk=held.id))

    @expose("/<int:client_id>/surat-keterangan-akhir", methods=["POST"])
    @has_access
    def end_certificate(self, client_id: int):
        client = self._supervised(client_id)
        return self._issue(client, lambda: issue.issue_end_certificate(
            db.session, client, current_user.id, current_app.config["UPLOAD_DIR"], self._verify_base(),
            date.today()))

    @expose("/laporan-bulanan-semua", methods=["POST"])
    @has_access
    def monthly_batch(self):
        """Every monthly report of the caseload for a month, as one .zip, made by a background job (its page
        shows the bar and offers the file). Months that already have a live report are skipped unless the
        form asks to replace them (with a reason); incomplete clients are listed in the zip."""
        params = {"month": request.form.get("bulan", ""), "replace": request.form.get("ganti") == "1"}
        if params["replace"]:
            params["reason"] = request.form.get("alasan")
        return start_and_show(kinds.MONTHLY_BATCH, params, lambda _status: redirect(came_from(url_for("DueView.index"))))

    @expose("/<int:document_id>/tandatangan", methods=["POST"])
    @has_access
    def signed_scan(self, document_id: int):
        document = self._document(document_id)
        upload = request.files.get("file")
        data = upload.read(attachments.MAX_BYTES + 1) if upload else b""
        commit_or_flash(lambda: issue.attach_signed_scan(document, upload.filename if upload else "", data,
                                                         current_app.config["UPLOAD_DIR"]),
                        _("The signed scan was stored; the document is signed."))
        return redirect(url_for("GeneratedDocumentView.show", pk=document.id))

    @expose("/unduh/<int:document_id>/pdf")
    @has_access
    def pdf(self, document_id: int):
        """A PDF made by LibreOffice when it is installed; otherwise say how to install it."""
        document = self._document(document_id)
        stored = issue.path_of(current_app.config["UPLOAD_DIR"], document)
        if not stored.is_file():
            abort(404)
        converted = pdf.convert(stored)
        if converted is None:
            flash(_("PDF needs LibreOffice on the server: apt-get install --no-install-recommends "
                    "libreoffice-writer-nogui. The .docx is available meanwhile."), "warning")
            return redirect(url_for("GeneratedDocumentView.show", pk=document.id))
        return download(io.BytesIO(converted), f"{document.doc_type}-{document.id}.pdf", "application/pdf")

    def _document(self, document_id: int) -> GeneratedDocument:
        document = record_or_404(GeneratedDocument, document_id)
        # The file (read from disk, not from the database) names the child: an audited read.
        read_audit.saw(document.client_id, GeneratedDocument.__tablename__)
        return document

    @expose("/unduh/<int:document_id>")
    @has_access
    def download(self, document_id: int):
        document = self._document(document_id)
        stored = issue.path_of(current_app.config["UPLOAD_DIR"], document)
        if not stored.is_file():
            abort(404)  # deleted when the case was anonymised (app.clients.retention)
        return download(stored, f"{document.doc_type}-{document.id}.docx", DOCX_MIME)


def _form_month() -> date:
    raw = request.form.get("bulan", "")
    try:
        return date.fromisoformat(f"{raw}-01")
    except ValueError:
        abort(400)


class VerificationView(BaseView):
    """Public: confirms a document exists as issued; never names the child."""

    route_base = "/verifikasi"

    @expose("/")
    def lookup(self):
        """The home page's box: a code typed (or the whole address pasted from the letter's QR code)."""
        code = (request.args.get("kode") or "").strip().rstrip("/").rsplit("/", 1)[-1]
        if not code:
            return render_template("public/verification.html", document=None, asked=False), 400
        return redirect(url_for("VerificationView.verify", token=code))

    @expose("/<token>")
    def verify(self, token: str):
        document = db.session.scalars(select(GeneratedDocument).where(GeneratedDocument.token == token)).first()
        if document is None:
            return render_template("public/verification.html", document=None, asked=True), 404
        return render_template("public/verification.html", document=document,
                               doc_type=DOC_TYPES.get(document.doc_type, document.doc_type),
                               status=DOCUMENT_STATUS.get(document.status, document.status))
