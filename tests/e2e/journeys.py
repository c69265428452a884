"""Data the journeys start from, made through the models (what an earlier journey would have left), and small
look-ups of ids the browser cannot see."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tests.e2e.conftest import EXPIRY, START


def registered_client(live, full_name: str, pk: str = "pk_a") -> int:
    """A child client as the Petugas Registrasi leaves it: registered, handed over, assigned to a PK, with a
    period that lets every stage begin on its computed date (see conftest.START/EXPIRY)."""

    def make(session, world):
        from app import assignments, registration_service
        from models import Client, Handover, PKAssignment

        client = Client(office_id=world.office_a, status="terdaftar", full_name=full_name, sex="L",
                        birth_date=date(START.year - 17, 5, 14), birth_place="Bandung",
                        offence_date=date(START.year - 1, 6, 1), origin="lpka", supervision_kind_id=world.kind_id,
                        basis_document="PAS-77.PK.01.05.06", supervision_start=START, supervision_expiry=EXPIRY,
                        address="Jl. Melati No. 3, Bandung")
        registration_service.fill_number(session, client, START.year)
        session.add(client)
        session.flush()
        session.add(Handover(client_id=client.id, handover_date=START, handing_party="LPKA Kelas I Bandung",
                             handing_officer="Petugas LPKA", receiving_officer_id=world.users["registrasi"]))
        assignment = PKAssignment(client=client, client_id=client.id, pk_id=world.users[pk], start_date=START,
                                  reason="")
        assignments.apply(session, assignment, None)
        session.add(assignment)
        session.commit()
        return client.id

    return live.seed(make)


def newest_id(live, model_name: str, **where) -> int:
    def find(session, world):
        import models

        model = getattr(models, model_name)
        query = select(model.id).filter_by(**where).order_by(model.id.desc())
        found = session.scalars(query).first()
        assert found is not None, f"no {model_name} with {where}"
        return found

    return live.seed(find)
