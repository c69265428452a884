"""Context of the Kartu Bimbingan Klien (client card): photo, register number, PK,
programme and SK, period, reporting schedule and a QR code to verify it."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from flask_babel import gettext as _

from app import photos
from app.documents import letterhead
from app.documents.formatting import tanggal
from models import Client

DOC_TYPE = "kartu_bimbingan"
GRID_ROWS = 12  # lines for the date / result / PK's initials on the back


def NO_PHOTO() -> str:  # noqa: N802 - reads like the message it returns
    return _("The client's photo has not been uploaded.")


def photo_bytes(client: Client, upload_dir: str) -> bytes | None:
    if not client.photo:
        return None
    path: Path = photos.path_of(upload_dir, client.photo)
    return path.read_bytes() if path.exists() else None


def build(session, client: Client, issued_on: date) -> tuple[dict, list[str]]:
    kop, missing = letterhead.kop(client.office)
    signer, more = letterhead.pk_signer(client.current_pk)
    missing += more
    klien, more = letterhead.client_fields(client)
    missing += more
    return {
        "kop": kop, "pk": signer, "tanggal_surat": tanggal(issued_on),
        "klien": klien,
        "jadwal": _("At least once every %(days)d days at the Bapas office.", days=client.reporting_interval_days),
        "baris": list(range(1, GRID_ROWS + 1)),
    }, missing
