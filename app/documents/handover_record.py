"""Context of the Berita Acara Serah Terima Klien."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from app.documents import berita_acara, letterhead
from app.documents.formatting import tanggal
from models import Client, Handover

DOC_TYPE = "berita_acara_serah_terima"


def _handover(session, client: Client) -> Handover | None:
    return session.scalars(select(Handover).where(Handover.client_id == client.id)
                           .order_by(Handover.handover_date.desc())).first()


def event_day(session, client: Client) -> date | None:
    handover = _handover(session, client)
    return handover.handover_date if handover else None


def build(session, client: Client, issued_on: date) -> tuple[dict, list[str]]:
    kop, missing = letterhead.kop(client.office)
    handover = _handover(session, client)
    if handover is None:
        return {}, [_("No handover record (Berita Acara Serah Terima) has been made.")]
    receiver = handover.receiving_officer
    if not receiver.nip:
        missing.append(_("The NIP of the receiving officer %(name)s is not filled in.", name=receiver.get_full_name()))
    if not handover.handing_officer_nip:
        missing.append(_("The NIP of the handing-over officer is not filled in."))
    if not client.birth_place:
        missing.append(_("The client's place of birth is not filled in."))
    klien, _dates_may_be_open = letterhead.client_fields(client)  # a handover can precede the period's dates
    if not client.basis_document:
        missing.append(_("The decision letter (SK) number of the client is not filled in."))
    if not handover.documents:
        missing.append(_("No document handed over is ticked."))
    dated, more = berita_acara.dating(handover.handover_date, issued_on)
    missing += more
    context = {
        "kop": kop, **dated,
        "tanggal_serah_terima": tanggal(handover.handover_date),
        "pihak_pertama": {"nama": handover.handing_officer, "nip": handover.handing_officer_nip or "",
                          "instansi": handover.handing_party},
        "pihak_kedua": {"nama": receiver.get_full_name(), "nip": receiver.nip or "",
                        "jabatan": receiver.jabatan or str(_("Receiving officer"))},
        "klien": {**klien, "ttl": f"{client.birth_place or ''}, {tanggal(client.birth_date)}",
                  "putusan": f"{client.decision_number or '-'} ({tanggal(client.decision_date) or '-'})"},
        "dokumen": [d.name for d in handover.documents],
    }
    return context, missing
