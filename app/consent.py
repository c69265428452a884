"""Home visits need the client's (and guardian's) consent (the standard, tahap
lanjutan step 1): the latest recorded answer decides."""
from __future__ import annotations

from sqlalchemy import select

from models import Consent


def home_visit_consent(session, client_id: int) -> Consent | None:
    return session.scalars(select(Consent).where(Consent.client_id == client_id,
                                                 Consent.subject == "kunjungan_rumah")
                           .order_by(Consent.recorded_on.desc(), Consent.id.desc())).first()


def home_visits_allowed(session, client_id: int) -> bool:
    latest = home_visit_consent(session, client_id)
    return latest is not None and latest.given
