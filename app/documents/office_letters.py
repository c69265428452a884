"""Letters about a complaint or a TPP session (not about one client's file)."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from app.documents import berita_acara, letterhead
from app.documents.formatting import tanggal
from app.supervision.transfers.queries import registration_number_at
from app.tpp.decisions import has_quorum
from models import Complaint, TppItem, TppSession
from models.choices import TPP_DECISION, TPP_MATTER, label

REPLY_TYPE = "surat_jawaban_pengaduan"
MINUTES_TYPE = "berita_acara_sidang_tpp"


def complaint_reply(complaint: Complaint, issued_on: date) -> tuple[dict, list[str]]:
    """The answer to the complainant. Names no client and no official."""
    kop, missing = letterhead.kop(complaint.office)
    head, more = letterhead.head_of_office(complaint.office)
    missing += more
    if not complaint.public_reply:
        missing.append(_("The complaint has no answer yet."))
    return {
        "kop": kop, "penanda": head, "tanggal_surat": tanggal(issued_on),
        "pengaduan": {"nomor": complaint.tracking_number, "diterima": tanggal(complaint.received_at),
                      "kepada": complaint.name or str(_("Complainant")), "jawaban": complaint.public_reply or ""},
    }, missing


def tpp_minutes(db_session, session_: TppSession, issued_on: date) -> tuple[dict, list[str]]:
    kop, missing = letterhead.kop(session_.office)
    if session_.chair is None:
        missing.append(_("The chair of the session is not filled in."))
    if session_.secretary is None:
        missing.append(_("The secretary of the session is not filled in."))
    items = db_session.scalars(select(TppItem).where(TppItem.session_id == session_.id).order_by(TppItem.id)).all()
    decided = [i for i in items if i.decision]
    if not decided:
        missing.append(_("No agenda item of the session has been decided."))
    present = len(session_.present)
    dated, more = berita_acara.dating(session_.held_on, issued_on)
    missing += more
    return {
        "kop": {**kop, "kantor_biasa": session_.office.name}, **dated,
        "sidang": {"hari_tanggal": dated["hari_tanggal_terbilang"], "waktu": session_.time_text or "-",
                   "tempat": session_.place or "-", "hadir": present, "anggota": session_.members_total,
                   "kuorum": str(_("quorate")) if has_quorum(present, session_.members_total) else
                   str(_("not quorate"))},
        "hadir": [s.get_full_name() for s in session_.present],
        # the register number identifies the case inside the office; the minutes are RAHASIA
        # the number the child had at this office (after a transfer, not the receiving office's)
        "agenda": [{"nomor_register": registration_number_at(db_session, i.client, session_.office_id,
                                                             session_.held_on), "pokok": str(label(TPP_MATTER, i.matter)),
                    "rekomendasi": i.pk_recommendation or "-", "keputusan": str(label(TPP_DECISION, i.decision))
                    + (f" — {i.notes}" if i.notes else "")} for i in decided],
        "ketua": session_.chair.get_full_name() if session_.chair else "",
        "sekretaris": session_.secretary.get_full_name() if session_.secretary else "",
    }, missing

