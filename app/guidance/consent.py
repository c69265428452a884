"""Home visits need the client's (and guardian's) consent (the standard, tahap
lanjutan step 1): the latest answer recorded on or before the visit decides, so
a visit dated before the consent was given is refused."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from models import Consent


def home_visit_consent(session, client_id: int, on: date | None = None) -> Consent | None:
    """The answer in force on ``on`` (the latest one when no day is given)."""
    query = select(Consent).where(Consent.client_id == client_id, Consent.subject == "kunjungan_rumah")
    if on is not None:
        query = query.where(Consent.recorded_on <= on)
    return session.scalars(query.order_by(Consent.recorded_on.desc(), Consent.id.desc())).first()


def home_visits_allowed(session, client_id: int, on: date | None = None) -> bool:
    found = home_visit_consent(session, client_id, on)
    return found is not None and found.given
