"""Context of the Surat Keterangan Akhir Masa Bimbingan."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from app.documents import letterhead
from app.documents.formatting import tanggal
from app.lifecycle import gates
from models import Client
from models.choices import ClientStatus, Stage

DOC_TYPE = "surat_keterangan_akhir"


def build(session, client: Client, issued_on: date) -> tuple[dict, list[str]]:
    kop, missing = letterhead.kop(client.office)
    head, more = letterhead.head_of_office(client.office)
    missing += more
    if client.stage != Stage.AKHIR or client.status != ClientStatus.AKTIF:
        missing.append(_("The certificate is prepared in tahap akhir, before the supervision ends."))
    missing += gates.unmet(session, client, [gates.recorded(gates.TPP_FINAL_EVALUATION)])
    klien, more = letterhead.client_fields(client)
    missing += more
    context = {
        "kop": kop, "penanda": {**head, "pangkat": ""}, "mengetahui": head, "tanggal_surat": tanggal(issued_on),
        "klien": klien,
        "keterangan": str(_("to have completed the supervision")),
    }
    return context, missing
