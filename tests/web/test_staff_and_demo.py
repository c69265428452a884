"""Staff accounts (NIP, office) and the demo data command."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.clients.child_age import is_child_at_offence
from models import Client, Handover, Staff


def user_form(**overrides):
    data = {"first_name": "Rina", "last_name": "Uji", "username": "rina", "active": "y",
            "email": "rina@example.test", "roles": "", "nip": "", "jabatan": "PK Pertama",
            "pangkat": "Penata Muda (III/a)", "office": "", "password": "Sandi-Kuat-2026!",
            "conf_password": "Sandi-Kuat-2026!"}
    data.update(overrides)
    return data


def test_a_malformed_nip_is_refused_and_nothing_saved(as_user, world, db_session):
    response = as_user("admin").post("/users/add", data=user_form(username="rina1", email="r1@example.test",
                                                                  nip="12345", office=str(world.office_a)))
    assert response.status_code == 200 and "18 digit" in response.get_data(as_text=True)
    assert db_session.scalar(select(Staff.id).where(Staff.username == "rina1")) is None


def test_a_duplicate_nip_is_refused(as_user, world, db_session):
    taken = db_session.get(Staff, world.users["pk_a"]).nip
    response = as_user("admin").post("/users/add", data=user_form(username="rina2", email="r2@example.test",
                                                                  nip=taken, office=str(world.office_a)))
    assert response.status_code == 200
    assert db_session.scalar(select(Staff.id).where(Staff.username == "rina2")) is None


def test_admin_creates_staff_with_nip_and_office(as_user, world, db_session, app):
    role = app.appbuilder.sm.find_role("PK")
    response = as_user("admin").post("/users/add", data=user_form(
        username="rina3", email="r3@example.test", nip="1990 0101 2015 01 2001", office=str(world.office_a),
        roles=str(role.id)))
    assert response.status_code == 302
    staff = db_session.scalars(select(Staff).where(Staff.username == "rina3")).one()
    assert staff.nip == "199001012015012001" and staff.office_id == world.office_a


def test_demo_command_makes_a_living_office(app, db_session):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["sibika", "demo", "--clients", "24", "--seed", "7", "--password", "Demo-Sandi-26!"])
    assert result.exit_code == 0, result.output
    for role in ("Kepala Bapas", "PK", "Petugas Registrasi", "Unit Pengaduan", "Anggota TPP"):
        assert role in result.output
    demo_clients = db_session.scalars(select(Client).join(Client.office).where(
        Client.office.has(code="BPS-JKT-TIM"))).all()
    assert {c.status for c in demo_clients} == {"terdaftar", "aktif", "selesai", "dicabut", "dipindahkan",
                                                "meninggal"}
    assert all(is_child_at_offence(c.birth_date, c.offence_date) for c in demo_clients)
    started = [c for c in demo_clients if c.status != "terdaftar"]
    assert all(c.current_pk_id for c in started)
    with_handover = db_session.scalar(select(func.count(func.distinct(Handover.client_id))).where(
        Handover.client_id.in_([c.id for c in started])))
    assert with_handover == len(started)
    assert all(c.supervision_expiry > date.today() for c in demo_clients if c.status == "aktif")


def test_demo_clients_satisfy_the_client_rules(app, db_session):
    from app.clients import rules as clients

    app.test_cli_runner().invoke(args=["sibika", "demo", "--clients", "24", "--seed", "11",
                                       "--password", "Demo-Sandi-26!"])
    for client in db_session.scalars(select(Client)).all():
        facts = clients.ClientFacts(office_id=client.office_id, registration_number=None,
                                    birth_date=client.birth_date, offence_date=client.offence_date,
                                    supervision_start=client.supervision_start,
                                    supervision_expiry=client.supervision_expiry, decision_date=client.decision_date)
        assert clients.date_problems(facts, date.today()) == {}, client.registration_number
        assert "." not in client.full_name and "," not in client.full_name  # no academic titles on children


def test_demo_supervisions_were_lived_through_the_real_transitions(app, db_session):
    from models import BookEntry, Termination

    app.test_cli_runner().invoke(args=["sibika", "demo", "--clients", "24", "--seed", "5",
                                       "--password", "Demo-Sandi-26!"])
    clients = db_session.scalars(select(Client).where(Client.office.has(code="BPS-JKT-TIM"))).all()
    for client in clients:
        lines = db_session.scalar(select(func.count(BookEntry.id)).where(BookEntry.client_id == client.id))
        ended = db_session.scalar(select(func.count(Termination.id)).where(Termination.client_id == client.id))
        if client.status == "terdaftar":
            assert (client.stage, lines, ended) == (None, 0, 0)
        elif client.status == "aktif":
            assert client.stage in ("awal", "lanjutan", "akhir") and lines >= 5 and ended == 0
        else:
            assert lines >= 5 and ended == 1
        if client.status == "selesai":
            assert client.stage == "akhir"
