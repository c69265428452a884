"""Context of the Berita Acara Pengakhiran Bimbingan."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from app.documents import letterhead
from app.documents.formatting import hari_tanggal_terbilang, tanggal
from models import Client, Termination
from models.choices import END_REASON, label

DOC_TYPE = "berita_acara_pengakhiran"


def build(session, client: Client, issued_on: date) -> tuple[dict, list[str]]:
    kop, missing = letterhead.kop(client.office)
    head, more = letterhead.head_of_office(client.office)
    missing += more
    ended = session.scalars(select(Termination).where(Termination.client_id == client.id)).first()
    if ended is None:
        return {}, missing + [_("The supervision has not been ended yet.")]
    return {
        "kop": kop, "penanda": head, "tanggal_surat": tanggal(issued_on),
        "hari_tanggal_terbilang": hari_tanggal_terbilang(ended.end_date),
        "klien": letterhead.client_fields(client)[0],
        "berakhir": {"tanggal": tanggal(ended.end_date), "alasan": str(label(END_REASON, ended.reason)).lower(),
                     "keputusan": ended.decision_number, "tanggal_keputusan": tanggal(ended.decision_date),
                     "catatan": ended.notes or ""},
    }, missing
