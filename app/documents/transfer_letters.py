"""The two letters of a transfer between offices (app.supervision.transfers):

* Surat Pengantar Pindah (``surat_pengantar_pindah``): the sending office's covering letter to the receiving
  office, issued by the sending office once its Kepala Bapas approved the transfer (before acceptance: after
  it the file is no longer the sending office's to read).
* Berita Acara Serah Terima Klien antar-Bapas (``berita_acara_pindah``): the record of the handover, made by
  the receiving office for the day of acceptance.

One live letter of each per transfer (the matter's period is ``pindah-<transfer id>``); the number is kept
on the transfer, so the sending office's read-only record names its letter."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.documents import berita_acara, issue, letterhead
from app.documents.formatting import tanggal
from app.errors import DomainError
from app.supervision.transfers.rules import TransferStatus
from models import (
    ApelLog,
    Assessment,
    BookEntry,
    GeneratedDocument,
    Guardian,
    MonthlyReport,
    Programme,
    ProgressEntry,
    TppItem,
    Transfer,
)
from models.choices import STAGE, label

COVER_TYPE = "surat_pengantar_pindah"
HANDOVER_TYPE = "berita_acara_pindah"

# What the file holds, as the letters list it: (model, words).
FILE_PARTS = ((Guardian, "data orang tua/wali"), (Assessment, "asesmen risiko dan kebutuhan"),
              (Programme, "program bimbingan"), (TppItem, "agenda dan keputusan sidang TPP"),
              (ProgressEntry, "catatan buku perkembangan bimbingan"), (ApelLog, "catatan wajib lapor"),
              (MonthlyReport, "laporan perkembangan bulanan"), (BookEntry, "baris buku tahapan dan ekspirasi"),
              (GeneratedDocument, "dokumen dan surat yang telah diterbitkan"))


def period_of(transfer: Transfer) -> str:
    return f"pindah-{transfer.id}"


def file_summary(session, client_id: int) -> list[str]:
    """``12 catatan buku perkembangan bimbingan``: what the file holds, one line per kind that has rows."""
    out = []
    for model, words in FILE_PARTS:
        count = session.scalar(select(func.count()).select_from(model).where(model.client_id == client_id)) or 0
        if count:
            out.append(f"{count} {words}")
    return out


def _client(transfer: Transfer) -> tuple[dict, list[str]]:
    client = transfer.client
    fields, missing = letterhead.client_fields(client)
    return {**fields, "tahap": str(label(STAGE, client.stage)) if client.stage else "-",
            "nomor_register_lama": transfer.from_registration_number}, missing


def _office(office) -> dict:
    return {"nama": office.name, "alamat": office.address or "", "kota": office.city or "",
            "kepala": f"Kepala {office.name}"}


def cover_letter(session, transfer: Transfer, issued_on: date) -> tuple[dict, list[str]]:
    if transfer.status != TransferStatus.DISETUJUI:
        return {}, [_("The surat pengantar is issued once the sending office's Kepala Bapas has approved the "
                      "transfer, and before the receiving office accepts it.")]
    sending = transfer.client.office
    kop, missing = letterhead.kop(sending)
    head, more = letterhead.head_of_office(sending)
    klien, more2 = _client(transfer)
    missing += more + more2
    return {"kop": kop, "penanda": head, "tanggal_surat": tanggal(issued_on), "klien": klien,
            "tujuan": _office(transfer.to_office),
            "pindah": {"alamat_baru": transfer.new_address, "alasan": transfer.reason,
                       "tanggal_usul": tanggal(transfer.proposed_on), "tanggal_setuju": tanggal(transfer.approved_on)},
            "berkas": file_summary(session, transfer.client_id)}, missing


def handover_record(session, transfer: Transfer, issued_on: date) -> tuple[dict, list[str]]:
    if transfer.status != TransferStatus.DITERIMA:
        return {}, [_("The berita acara serah terima antar-Bapas is made once the receiving office has accepted "
                      "the transfer.")]
    receiving, sending = transfer.client.office, transfer.from_office
    kop, missing = letterhead.kop(receiving)
    head, more = letterhead.head_of_office(receiving)
    pk, more2 = letterhead.pk_signer(transfer.new_pk)
    klien, more3 = _client(transfer)
    dated, more4 = berita_acara.dating(transfer.decided_on, issued_on)
    missing += more + more2 + more3 + more4
    giver, more5 = letterhead.head_of_office(sending)
    missing += more5
    return {"kop": kop, "penanda": head, **dated, "klien": klien, "pk": pk,
            "pihak_pertama": {**giver, "kantor": sending.name}, "pihak_kedua": {**head, "kantor": receiving.name},
            "pindah": {"alamat_baru": transfer.new_address, "surat_pengantar": transfer.letter_number or "-",
                       "tanggal_terima": tanggal(transfer.decided_on)},
            "berkas": file_summary(session, transfer.client_id)}, missing


def issue_cover_letter(session, transfer: Transfer, by_id, upload_dir, verify_base, issued_on: date):
    context, missing = issue.built(cover_letter, session, transfer, issued_on)
    document = issue._issue_for(session, transfer.client.office, {"client_id": transfer.client_id}, COVER_TYPE,
                                context, missing, period_of(transfer), by_id, upload_dir, verify_base, issued_on)
    transfer.letter_number = document.letter_number
    return document


def issue_handover_record(session, transfer: Transfer, by_id, upload_dir, verify_base, issued_on: date):
    context, missing = issue.built(handover_record, session, transfer, issued_on)
    document = issue._issue_for(session, transfer.client.office, {"client_id": transfer.client_id},
                                HANDOVER_TYPE, context, missing, period_of(transfer), by_id, upload_dir,
                                verify_base, berita_acara.numbered_on(transfer.decided_on, issued_on))
    transfer.handover_letter_number = document.letter_number
    return document


def reissue(session, old: GeneratedDocument, common: tuple):
    """The same transfer letter again (a replacement), for the transfer its period names."""
    try:
        transfer = session.get(Transfer, int((old.period or "").removeprefix("pindah-")))
    except ValueError:
        transfer = None
    if transfer is None or transfer.client_id != old.client_id:
        raise DomainError(_("This kind of letter cannot be issued again here."))
    make = issue_cover_letter if old.doc_type == COVER_TYPE else issue_handover_record
    return make(session, transfer, *common)
