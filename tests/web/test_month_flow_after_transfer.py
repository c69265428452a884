"""A handover is counted in the month flow of the office that received the child, also after the child
moved to another office (migration 0029 fixes a handover's office at insert; a termination's follows)."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update

from app import access
from app.dashboard.counts import monthly_flow
from app.platform import roles
from models import Client, Handover

pytestmark = pytest.mark.both_databases  # triggers

TODAY = date(2026, 1, 20)


def kepala_of(office_id: int) -> access.Principal:
    return access.Principal(user_id=None, office_id=office_id, role_names=frozenset({roles.KEPALA}))


def handovers_in_january(db_session, office_id: int) -> int:
    return monthly_flow(db_session, kepala_of(office_id), TODAY).rows[-1][2]


def test_a_transferred_childs_handover_stays_in_the_receiving_month_of_its_first_office(make_client, world,
                                                                                      db_session):
    before_a = handovers_in_january(db_session, world.office_a)
    before_b = handovers_in_january(db_session, world.office_b)
    client = make_client(handover=True, supervision_start=date(2026, 1, 5), status="aktif")
    handover = db_session.scalars(select(Handover).where(Handover.client_id == client.id)).one()
    assert handover.office_id == world.office_a  # written by the database, whatever wrote the row
    assert handovers_in_january(db_session, world.office_a) == before_a + 1

    db_session.execute(update(Client).where(Client.id == client.id).values(office_id=world.office_b))
    db_session.flush()
    db_session.expire_all()
    assert db_session.get(Handover, handover.id).office_id == world.office_a
    assert handovers_in_january(db_session, world.office_a) == before_a + 1
    assert handovers_in_january(db_session, world.office_b) == before_b
