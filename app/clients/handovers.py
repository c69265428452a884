"""Rules for the handover record (Berita Acara Serah Terima)."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _


def problems(client, handover_date: date | None, receiving_officer, today: date) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if handover_date and handover_date > today:
        out["handover_date"] = [_("The handover date is in the future.")]
    if client is not None and handover_date and client.offence_date and handover_date < client.offence_date:
        out["handover_date"] = [_("The handover cannot be dated before the offence.")]
    if client is not None and receiving_officer is not None and receiving_officer.office_id != client.office_id:
        out["receiving_officer"] = [_("The receiving officer must belong to the client's office.")]
    return out
