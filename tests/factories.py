"""Builders of the records tests start from, in one place (the shared fixtures in tests/conftest.py and the
modules call these instead of writing their own copy). Each builder takes what it needs (the make_client
factory, the session) and returns the record; dates are relative to `today` unless given."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

# "Today" for tests that count within a month or a few days around today (with @pytest.mark.today): the 15th
# of the real month, so no date a test derives from it falls into another month, and rows stamped by the
# database's own clock (created_at) still fall into the same month.
MID_MONTH = date.today().replace(day=15)

# The lifecycle tests' fixed supervision period: 730 days, so the half and three-quarter marks are known.
START, EXPIRY = date(2026, 1, 1), date(2027, 12, 31)


def principal(db_session, username: str):
    """The access Principal of a fixture user, as the screens and commands see them."""
    from app import access
    from models import Staff

    return access.Principal.of(db_session.scalars(select(Staff).where(Staff.username == username)).one())


def active_client(make_client, today: date | None = None, pk: str = "pk_a", **fields):
    """A client under supervision (aktif, handed over) since 200 days, for 300 days more."""
    today = today or date.today()
    values = dict(pk=pk, status="aktif", handover=True, supervision_start=today - timedelta(days=200),
                  supervision_expiry=today + timedelta(days=300))
    values.update(fields)
    return make_client(**values)


def client_in_awal(make_client, db_session, start: date = START, expiry: date = EXPIRY, pk: str = "pk_a",
                   **fields):
    """A handed-over client whose supervision was started ("mulai") on `start`: in the awal stage."""
    from app.supervision.lifecycle.commands import TransitionInput
    from app.supervision.lifecycle.service import fire

    client = make_client(pk=pk, handover=True, supervision_start=start, supervision_expiry=expiry, **fields)
    fire(db_session, client.id, "mulai", TransitionInput(on=start, today=start), principal(db_session, pk))
    return client
