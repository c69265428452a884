"""Context of the Berita Acara Pengakhiran Bimbingan."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from app.documents import berita_acara, letterhead
from app.documents.formatting import tanggal
from models import Client, Termination
from models.choices import END_REASON, label

DOC_TYPE = "berita_acara_pengakhiran"


def _ended(session, client: Client) -> Termination | None:
    return session.scalars(select(Termination).where(Termination.client_id == client.id)).first()


def event_day(session, client: Client) -> date | None:
    ended = _ended(session, client)
    return ended.end_date if ended else None


def build(session, client: Client, issued_on: date) -> tuple[dict, list[str]]:
    kop, missing = letterhead.kop(client.office)
    head, more = letterhead.head_of_office(client.office)
    missing += more
    ended = _ended(session, client)
    if ended is None:
        return {}, missing + [_("The supervision has not been ended yet.")]
    dated, more = berita_acara.dating(ended.end_date, issued_on)
    missing += more
    return {
        "kop": kop, "penanda": head, **dated,
        "klien": letterhead.client_fields(client)[0],
        "berakhir": {"tanggal": tanggal(ended.end_date), "alasan": str(label(END_REASON, ended.reason)).lower(),
                     "keputusan": ended.decision_number, "tanggal_keputusan": tanggal(ended.decision_date),
                     "catatan": ended.notes or ""},
    }, missing
