"""Rules a client record must satisfy before it is saved.

``problems()`` returns messages per field so a form can show each next to its
field (and keep everything typed) and the API can answer 422 with the same text.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import exists, select

from app.clients.child_age import MAX_AGE_EXCLUSIVE, MIN_AGE, age_on, is_child_at_offence
from app.clients.identity import is_valid_nik, normalise_digits
from models import Client
from models.choices import ClientStatus

# Wajib lapor: at least once in every this many days (30 = monthly; a quarter at most).
REPORTING_DAYS_MIN, REPORTING_DAYS_MAX = 1, 92


@dataclass
class ClientFacts:
    office_id: int | None
    registration_number: str | None
    birth_date: date | None
    offence_date: date | None
    nik: str | None = None
    supervision_start: date | None = None
    supervision_expiry: date | None = None
    decision_date: date | None = None
    client_id: int | None = None


def date_problems(f: ClientFacts, today: date) -> dict[str, list[str]]:
    """The rules that need no database."""
    out: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        out.setdefault(field, []).append(message)

    if f.birth_date and f.birth_date > today:
        add("birth_date", _("The date of birth is in the future."))
    if f.offence_date and f.offence_date > today:
        add("offence_date", _("The date of the offence is in the future."))
    if f.birth_date and f.offence_date and f.offence_date >= f.birth_date:
        if not is_child_at_offence(f.birth_date, f.offence_date):
            add(
                "birth_date",
                _(
                    "On the date of the offence the client was %(age)d years old; a child client "
                    "must have been at least %(min)d and under %(max)d (UU 11/2012 Pasal 1 angka 3).",
                    age=age_on(f.birth_date, f.offence_date), min=MIN_AGE, max=MAX_AGE_EXCLUSIVE,
                ),
            )
    if f.birth_date and f.offence_date and f.offence_date < f.birth_date:
        add("offence_date", _("The date of the offence is before the date of birth."))
    if f.decision_date and f.offence_date and f.decision_date < f.offence_date:
        add("decision_date", _("The court decision is dated before the offence."))
    if f.supervision_start and f.supervision_expiry and f.supervision_expiry <= f.supervision_start:
        add("supervision_expiry", _("The expiry date must be after the start of supervision."))
    if f.supervision_start and f.offence_date and f.supervision_start < f.offence_date:
        add("supervision_start", _("Supervision cannot start before the offence."))
    if f.nik:
        nik = normalise_digits(f.nik)
        if not nik or not is_valid_nik(nik):
            add("nik", _("A NIK has exactly 16 digits (digits 7-8 are the day of birth)."))
    return out


def problems(session, f: ClientFacts, today: date) -> dict[str, list[str]]:
    out = date_problems(f, today)
    if f.registration_number and f.office_id:
        taken = select(Client.id).where(
            Client.office_id == f.office_id,
            Client.registration_number == f.registration_number.strip(),
        )
        if f.client_id:
            taken = taken.where(Client.id != f.client_id)
        if session.execute(select(exists(taken))).scalar():
            out.setdefault("registration_number", []).append(
                _("Registration number %(number)s is already used in this office.",
                  number=f.registration_number.strip())
            )
    if f.client_id:
        # The stored values, not the (possibly already changed) object in the session.
        with session.no_autoflush:
            current = session.execute(select(Client.status, Client.supervision_start, Client.supervision_expiry)
                                      .where(Client.id == f.client_id)).one_or_none()
        if current is not None and current.status != ClientStatus.TERDAFTAR and (
                (f.supervision_start, f.supervision_expiry) != (current.supervision_start, current.supervision_expiry)):
            out.setdefault("supervision_expiry", []).append(
                _("The period of a started supervision changes only through \"Change the supervision period\".")
            )
    return out

