"""Giving a new client the next number of the office's register."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from app.clients.register_numbers import format_number, parse_number
from app.errors import DomainError
from app.platform.counters import raise_to, take_next
from models import Client, Office, RegistrationCounter


def next_number(session, office: Office, year: int) -> str:
    """Take the next sequence for (office, year), skipping numbers already typed
    by hand; app.platform.counters makes two simultaneous registrations get different numbers."""
    while True:
        seq = take_next(session, RegistrationCounter, office_id=office.id, year=year)
        try:
            number = format_number(office.registration_pattern, seq, year, office.code)
        except ValueError as exc:
            # A pattern stored before the rule was strict (or written by hand) is not obeyed.
            raise DomainError(_("The registration number pattern %(pattern)s of this office is not valid; ask the "
                                "Admin to correct it.", pattern=office.registration_pattern)) from exc
        taken = session.scalar(
            select(Client.id).where(Client.office_id == office.id, Client.registration_number == number)
        )
        if taken is None:
            return number


def fill_number(session, client: Client, year: int) -> None:
    if client.registration_number and client.registration_number.strip():
        client.registration_number = client.registration_number.strip()
        return
    office = client.office or session.get(Office, client.office_id)
    client.registration_number = next_number(session, office, year)


def advance_counter(session, office: Office, numbers: list[str], this_year: int) -> None:
    """Move the office's counters past numbers that were written in its pattern by
    hand or by an import, so that the next registration does not walk through
    them one by one (next_number would skip them, but with a query each)."""
    highest: dict[int, int] = {}
    for number in numbers:
        parsed = parse_number(office.registration_pattern, number, office.code)
        if parsed is not None:
            seq, year = parsed
            year = year if year is not None else this_year
            highest[year] = max(highest.get(year, 0), seq)
    for year, seq in sorted(highest.items()):
        raise_to(session, RegistrationCounter, seq, office_id=office.id, year=year)
