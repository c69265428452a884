"""Context of the Kartu Bimbingan Klien (client card): an ID-1 card, front and back side by side
on A4 (kop line, photo, register number, kind and SK, period, PK and the office's phone, issue date,
the Kepala's signature and a QR code to verify it; the client's duties on the back), and a
reporting grid with one row for every reporting period of the whole supervision (app.supervision.apel)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from flask_babel import gettext as _

from app.clients import photos
from app.documents import letterhead
from app.documents.formatting import tanggal
from app.supervision import apel
from models import Client

DOC_TYPE = "kartu_bimbingan"
PHOTO_MM = 15  # 15 x 20 mm on the card's front


def NO_PHOTO() -> str:  # noqa: N802 - reads like the message it returns
    return _("The client's photo has not been uploaded.")


def photo_bytes(client: Client, upload_dir: str) -> bytes | None:
    if not client.photo:
        return None
    path: Path = photos.path_of(upload_dir, client.photo)
    return path.read_bytes() if path.exists() else None


def reporting_rows(client: Client) -> list[dict]:
    """One row per reporting period from the start to the expiry of the supervision."""
    if not (client.supervision_start and client.supervision_expiry):
        return []
    periods = apel.schedule(client.supervision_start, client.reporting_interval_days, client.supervision_expiry)
    return [{"no": number, "mulai": tanggal(p.first_day), "sampai": tanggal(p.last_day)}
            for number, p in enumerate(periods, start=1)]


def build(session, client: Client, issued_on: date) -> tuple[dict, list[str]]:
    kop, missing = letterhead.kop(client.office)
    signer, more = letterhead.pk_signer(client.current_pk)
    missing += more
    head, more = letterhead.head_of_office(client.office)
    missing += more
    klien, more = letterhead.client_fields(client)
    missing += more
    rows = reporting_rows(client)
    return {
        "kop": kop, "pk": signer, "kepala": head, "tanggal_surat": tanggal(issued_on),
        "klien": klien,
        "jadwal": _("At least once every %(days)d days at the Bapas office.", days=client.reporting_interval_days),
        "jadwal_singkat": _("at least once every %(days)d days", days=client.reporting_interval_days),
        "jadwal_lapor": rows,
        "baris": list(range(1, len(rows) + 1)),
    }, missing
