"""Data the journeys start from, made through the models (what an earlier journey would have left), and small
look-ups of ids the browser cannot see."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from tests.e2e.conftest import EXPIRY, START


def registered_client(live, full_name: str, pk: str = "pk_a", start: date = START, expiry: date = EXPIRY) -> int:
    """A child client as the Petugas Registrasi leaves it: registered, handed over, assigned to a PK, with a
    period that lets every stage begin on its computed date (see conftest.START/EXPIRY)."""

    def make(session, world):
        from app.clients import assignments, next_number
        from models import Client, Guardian, Handover, PKAssignment

        offence = start - timedelta(days=200)
        client = Client(office_id=world.office_a, status="terdaftar", full_name=full_name, sex="L",
                        birth_date=offence.replace(year=offence.year - 16) - timedelta(days=40),
                        birth_place="Bandung", offence_date=offence, origin="lpka", supervision_kind_id=world.kind_id,
                        basis_document="PAS-77.PK.01.05.06", supervision_start=start, supervision_expiry=expiry,
                        address="Jl. Melati No. 3, Bandung")
        next_number.fill_number(session, client, start.year)
        session.add(client)
        session.flush()
        session.add(Handover(client_id=client.id, handover_date=start, handing_party="LPKA Kelas I Bandung",
                             handing_officer="Petugas LPKA", receiving_officer_id=world.users["registrasi"]))
        session.add(Guardian(client_id=client.id, relation="ibu", name="Siti Aminah", occupation="Pedagang",
                             address="Jl. Melati No. 3, Bandung", phone="0812-0000-1111"))
        assignment = PKAssignment(client=client, client_id=client.id, pk_id=world.users[pk], start_date=start,
                                  reason="")
        assignments.apply(session, assignment, None)
        session.add(assignment)
        session.commit()
        return client.id

    return live.seed(make)


def in_tahap_awal(live, full_name: str, start: date, expiry: date, approved: tuple[str, ...]) -> int:
    """A client whose PK started tahap awal on the start date, with the TPP's approval of the programmes of
    `approved` stages already recorded (the PK journey drives that approval through the browser)."""
    client_id = registered_client(live, full_name, start=start, expiry=expiry)

    def start_awal(session, world):
        from app import access
        from app.supervision.lifecycle import gates
        from app.supervision.lifecycle.commands import TransitionInput
        from app.supervision.lifecycle.service import fire
        from models import ApelLog, GateRecord, Staff

        pk = session.scalars(select(Staff).where(Staff.username == "pk_a")).one()
        fire(session, client_id, "mulai", TransitionInput(on=start, today=date.today()), access.Principal.of(pk))
        day = start
        while day <= date.today():  # the client reported every month
            session.add(ApelLog(client_id=client_id, office_id=world.office_a, reported_on=day))
            day += timedelta(days=28)
        for stage in approved:
            session.add(GateRecord(client_id=client_id, gate=gates.TPP_PROGRAMME[stage], met_on=start,
                                   reference=f"Sidang TPP {stage}"))
        session.commit()

    live.seed(start_awal)
    return client_id


def newest_id(live, model_name: str, **where) -> int:
    def find(session, world):
        import models

        model = getattr(models, model_name)
        query = select(model.id).filter_by(**where).order_by(model.id.desc())
        found = session.scalars(query).first()
        assert found is not None, f"no {model_name} with {where}"
        return found

    return live.seed(find)
