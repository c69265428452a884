"""Context of the Kontrak Bimbingan (guidance contract)."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from app.documents import letterhead
from app.documents.formatting import tanggal
from models import Client
from models.choices import GUARDIAN_RELATION, label

DOC_TYPE = "kontrak_bimbingan"


def build(session, client: Client, issued_on: date) -> tuple[dict, list[str]]:
    kop, missing = letterhead.kop(client.office)
    pk, more = letterhead.pk_signer(client.current_pk)
    missing += more
    guardian = client.guardians[0] if client.guardians else None
    if guardian is None:
        missing.append(_("No parent or guardian (guarantor) of the client is recorded."))
    klien, more = letterhead.client_fields(client)
    missing += more
    return {
        "kop": kop, "pk": pk, "tanggal_surat": tanggal(issued_on),
        "klien": klien,
        "penjamin": {"nama": guardian.name if guardian else "",
                     "hubungan": str(label(GUARDIAN_RELATION, guardian.relation)) if guardian else ""},
        "jadwal": _("at least once every %(days)d days", days=client.reporting_interval_days),
        "bentuk_bimbingan": _("personality guidance and independence guidance as in the programme approved by "
                              "the TPP"),
    }, missing
