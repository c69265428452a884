"""The rules of an office's letter settings (paper, Plh./Plt.): one home, asked by the office
screen and by anything else that sets them. Pure: no Flask, no database."""
from __future__ import annotations

from flask_babel import gettext as _

from app.documents.letterhead import ACTING_ROLES
from app.documents.page import SIZES_MM


def problems(paper: str | None, acting_role: str | None, acting_name: str | None,
             acting_nip: str | None) -> dict[str, list[str]]:
    """{field: [messages]} for settings a letter could not be signed with (empty: none)."""
    found: dict[str, list[str]] = {}
    if paper not in SIZES_MM:
        found["paper_size"] = [_("Choose A4 or F4.")]
    if acting_role and acting_role not in ACTING_ROLES:
        found["acting_role"] = [_("Choose Plh. or Plt.")]
    if acting_role:  # told at the role: an empty optional field is never validated
        if not (acting_name or "").strip():
            found.setdefault("acting_role", []).append(
                _("Name the official who signs as %(role)s.", role=acting_role))
        if not (acting_nip or "").strip():
            found.setdefault("acting_role", []).append(
                _("Fill in the NIP of the official who signs as %(role)s.", role=acting_role))
    if acting_nip and not (acting_nip.isdigit() and len(acting_nip) == 18):
        found.setdefault("acting_nip", []).append(_("A NIP has 18 digits."))
    return found
