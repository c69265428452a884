"""Context of the Surat Keterangan Akhir Masa Bimbingan.

It states a fact: it exists only once the end of the supervision is recorded, gives the
recorded end date and how the supervision ended, and is issued once per supervision."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from app.documents import letterhead
from app.documents.formatting import tanggal
from models import Client, GeneratedDocument, Termination
from models.choices import END_REASON, LIVE_DOCUMENT, EndReason, label

DOC_TYPE = "surat_keterangan_akhir"


def _statement(reason: str) -> str:
    """What the certificate declares about the client, by how the supervision ended."""
    if reason == EndReason.SELESAI:
        return str(_("to have completed the supervision"))
    if reason == EndReason.DIPINDAHKAN:
        return str(_("to continue the supervision at another office"))
    if reason == EndReason.MENINGGAL:
        return str(_("to have died before the supervision was completed"))
    if reason == EndReason.DIAKHIRI_AWAL:
        return str(_("to have had the supervision ended before its expiry date"))
    return str(_("not to have completed the supervision"))


def build(session, client: Client, issued_on: date) -> tuple[dict, list[str]]:
    kop, missing = letterhead.kop(client.office)
    head, more = letterhead.head_of_office(client.office)
    missing += more
    klien, more = letterhead.client_fields(client)
    missing += more
    ended = session.scalars(select(Termination).where(Termination.client_id == client.id)).first()
    if ended is None:
        return {}, missing + [_("The supervision has not been ended yet: the end-of-supervision certificate is "
                                "issued after the end is recorded.")]
    earlier = session.scalars(select(GeneratedDocument).where(
        GeneratedDocument.client_id == client.id, GeneratedDocument.doc_type == DOC_TYPE,
        GeneratedDocument.status.in_(LIVE_DOCUMENT))  # a replaced or cancelled one does not count
        .order_by(GeneratedDocument.id)).first()
    if earlier is not None:
        missing.append(_("The end-of-supervision certificate of this supervision was already issued as number "
                         "%(number)s; it is issued only once.", number=earlier.letter_number))
    context = {
        "kop": kop, "penanda": head, "mengetahui": head, "tanggal_surat": tanggal(issued_on),
        "klien": klien,
        "berakhir": {"tanggal": tanggal(ended.end_date), "alasan": str(label(END_REASON, ended.reason)).lower(),
                     "keputusan": ended.decision_number, "tanggal_keputusan": tanggal(ended.decision_date)},
        "keterangan": _statement(ended.reason),
    }
    return context, missing
