"""The role dashboards: numbers against hand-counted data, scoping, and the demo."""
from __future__ import annotations

import re
import secrets
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from app import access, dashboard
from models import (Assessment, Client, Complaint, ComplaintCategory, Guardian, Handover, Office, Staff, TppItem,
                    TppSession, Termination)
from tests.conftest import PASSWORD
from tests.factories import MID_MONTH

pytestmark = [pytest.mark.both_databases, pytest.mark.today(MID_MONTH)]  # SQL behaviour; month arithmetic

TODAY = MID_MONTH


class Office_:
    """A fresh office with its own staff, so the counts are exact whatever else the database holds."""

    def __init__(self, app, db_session, world):
        self.app, self.db, self.world = app, db_session, world
        tag = secrets.token_hex(3)
        office = Office(code=f"D-{tag}", name=f"Bapas Dasbor {tag}", registration_pattern="BA.{seq:04d}/{year}")
        db_session.add(office)
        db_session.flush()
        self.id, self.tag = office.id, tag
        sm = app.appbuilder.sm
        self.users = {}
        for key, role in (("pk1", "PK"), ("pk2", "PK"), ("kepala", "Kepala Bapas"), ("reg", "Petugas Registrasi")):
            username = f"{key}_{tag}"
            sm.add_user(username, key.upper(), tag, f"{username}@example.test", sm.find_role(role), PASSWORD)
            user = sm.find_user(username=username)
            user.office_id = office.id
            self.users[key] = user
        db_session.commit()
        self.instrument_id = self._instrument()

    def _instrument(self) -> int:
        from app.guidance.assessment import store

        return store.ensure_demo(self.db).id

    def who(self, key: str) -> access.Principal:
        return access.Principal.of(self.users[key])

    def client(self, name: str, status: str = "aktif", stage: str | None = "awal", pk: str | None = "pk1",
               handover_on: date | None = None, **fields) -> Client:
        from app.clients import next_number

        values = dict(supervision_start=TODAY - timedelta(days=60), supervision_expiry=TODAY + timedelta(days=300))
        values.update(fields)
        client = Client(office_id=self.id, full_name=f"{name} {self.tag}", sex="L", birth_date=date(2010, 3, 14),
                        offence_date=date(2025, 6, 1), origin="lpka", supervision_kind_id=self.world.kind_id,
                        status=status, stage=stage, stage_started_on=TODAY - timedelta(days=60) if stage else None,
                        current_pk_id=self.users[pk].id if pk else None, **values)
        next_number.fill_number(self.db, client, TODAY.year)
        self.db.add(client)
        self.db.flush()
        if handover_on:
            self.db.add(Handover(client_id=client.id, handover_date=handover_on, handing_party="LPKA",
                                 handing_officer="Petugas", receiving_officer_id=self.users["reg"].id))
        self.db.commit()
        return client

    def assess(self, client: Client, category: str, on: date, status: str = "final"):
        self.db.add(Assessment(client_id=client.id, instrument_id=self.instrument_id, kind="awal", assessed_on=on,
                               assessor_id=self.users["pk1"].id, consent=True, status=status, category=category))
        self.db.commit()


@pytest.fixture
def office(app, db_session, world):
    return Office_(app, db_session, world)


@pytest.fixture
def stocked(office, db_session):
    """Hand-counted: pk1 has 2 awal + 1 lanjutan active, pk2 1 akhir; one registered, one finished."""
    o = office
    c1 = o.client("Adi", stage="awal", handover_on=TODAY.replace(day=1))
    c2 = o.client("Bima", stage="awal")
    c3 = o.client("Candra", stage="lanjutan")
    o.client("Dewi", stage="akhir", pk="pk2")
    o.client("Eka", status="terdaftar", stage=None, pk=None, supervision_start=None, supervision_expiry=None)
    c6 = o.client("Fajar", status="selesai", stage="akhir")
    db_session.add(Termination(client_id=c6.id, reason="selesai", end_date=TODAY.replace(day=1),
                               decision_number="W.1/2026", decision_date=TODAY.replace(day=1)))
    o.assess(c1, "rendah", TODAY - timedelta(days=50))
    o.assess(c1, "tinggi", TODAY - timedelta(days=10))  # the latest final one counts
    o.assess(c2, "sedang", TODAY - timedelta(days=5), status="draft")  # a draft does not
    o.assess(c3, "sedang", TODAY - timedelta(days=20))
    future = TppSession(office_id=o.id, held_on=TODAY + timedelta(days=3), place="Aula", members_total=5)
    past = TppSession(office_id=o.id, held_on=TODAY - timedelta(days=30), place="Aula", members_total=5)
    db_session.add_all([future, past])
    db_session.flush()
    db_session.add_all([TppItem(session_id=future.id, client_id=c1.id, matter="rencana_awal"),
                        TppItem(session_id=future.id, client_id=c3.id, matter="lainnya", decision="setuju",
                                decided_at=datetime.now())])
    from app.complaints import intake

    intake.ensure_defaults(db_session)
    category = db_session.scalars(select(ComplaintCategory)).first()
    for n, (status, due) in enumerate((("diterima", TODAY - timedelta(days=1)), ("ditelaah", TODAY + timedelta(days=5)),
                                       ("selesai", TODAY - timedelta(days=9)))):
        db_session.add(Complaint(office_id=o.id, tracking_number=f"PGD-{o.tag}-{n}", channel="web",
                                 category_id=category.id, text="Pelayanan lambat", due_on=due, status=status))
    db_session.commit()
    return o


def rows(series) -> dict:
    return {row.key: row.count for row in series.rows}


def test_a_pk_counts_only_their_own_active_caseload(stocked, db_session):
    who = stocked.who("pk1")
    assert rows(dashboard.by_stage(db_session, who, who.user_id)) == {
        "awal": 2, "lanjutan": 1, "akhir": 0}
    assert rows(dashboard.by_risk(db_session, who, who.user_id)) == {
        "rendah": 0, "sedang": 1, "tinggi": 1, None: 1}


def test_the_office_counts_by_stage_kind_and_pk(stocked, db_session):
    who = stocked.who("kepala")
    assert rows(dashboard.by_stage(db_session, who)) == {"awal": 2, "lanjutan": 1, "akhir": 1}
    assert dashboard.by_kind(db_session, who).total == 4
    caseload = dashboard.caseload_per_pk(db_session, who)
    assert rows(caseload) == {stocked.users["pk1"].id: 3, stocked.users["pk2"].id: 1}
    assert [row.label for row in caseload.rows] == [f"PK1 {stocked.tag}", f"PK2 {stocked.tag}"]


def test_complaints_by_step_and_past_their_deadline(stocked, db_session):
    figures = dashboard.complaints_by_step(db_session, stocked.who("kepala"), TODAY)
    assert rows(figures.by_step) == {"diterima": 1, "ditelaah": 1, "arahan": 0, "tindak_lanjut": 0}
    assert figures.by_step.total == 2 and figures.overdue == 1


def test_coming_tpp_sessions_and_items_waiting_for_the_pk(stocked, db_session):
    sessions = dashboard.tpp_sessions_coming(db_session, stocked.who("kepala"), TODAY)
    assert [(s.held_on, s.items, s.undecided) for s in sessions] == [(TODAY + timedelta(days=3), 2, 1)]
    waiting = dashboard.tpp_waiting(db_session, stocked.who("pk1"), TODAY)
    assert [w.full_name for w in waiting] == [f"Adi {stocked.tag}"]
    assert dashboard.tpp_waiting(db_session, stocked.who("pk2"), TODAY) == []


def test_sessions_held_with_an_undecided_item_are_owed_decisions(stocked, db_session):
    """Counted per session: the past session with one undecided of two items is listed, a decided one is not."""
    c1 = db_session.scalars(select(Client).where(Client.office_id == stocked.id)).first()
    owing = TppSession(office_id=stocked.id, held_on=TODAY - timedelta(days=7), place="Aula", members_total=5)
    settled = TppSession(office_id=stocked.id, held_on=TODAY - timedelta(days=14), place="Aula", members_total=5)
    db_session.add_all([owing, settled])
    db_session.flush()
    db_session.add_all([TppItem(session_id=owing.id, client_id=c1.id, matter="rencana_awal"),
                        TppItem(session_id=owing.id, client_id=c1.id, matter="lainnya", decision="setuju",
                                decided_at=datetime.now()),
                        TppItem(session_id=settled.id, client_id=c1.id, matter="lainnya", decision="setuju",
                                decided_at=datetime.now())])
    db_session.commit()
    owed = dashboard.tpp_sessions_undecided(db_session, stocked.who("kepala"), TODAY)
    assert [(s.session_id, s.items, s.undecided) for s in owed] == [(owing.id, 2, 1)]
    assert dashboard.tpp_sessions_undecided(db_session, stocked.who("kepala"), TODAY - timedelta(days=8)) == []


def test_month_flow_counts_handovers_and_ends_in_their_month(stocked, db_session):
    flow = dashboard.monthly_flow(db_session, stocked.who("kepala"), TODAY)
    assert len(flow.rows) == 12 and flow.rows[-1][:] == (TODAY.replace(day=1), TODAY.replace(day=1).isoformat(), 1)
    assert flow.second[-1] == 1 and sum(flow.second) == 1


def test_registration_sees_arrivals_and_incomplete_entries(stocked, db_session):
    who = stocked.who("reg")
    arrived = dashboard.arrivals(db_session, who, TODAY)
    assert arrived.handovers == 1 and arrived.registered == 6
    incomplete, total = dashboard.incomplete_registers(db_session, who)
    assert total == 5  # every open entry lacks at least a guardian; the finished one is not listed
    eka = next(i for i in incomplete if i.full_name.startswith("Eka"))
    assert set(eka.missing) == {"handover", "pk", "guardian", "decision", "address", "photo"}
    adi = next(i for i in incomplete if i.full_name.startswith("Adi"))
    assert "handover" not in adi.missing and "pk" not in adi.missing


def test_a_complete_register_entry_is_not_listed(office, db_session):
    client = office.client("Gita", decision_number="12/Pid.Sus-Anak/2026", decision_date=TODAY - timedelta(days=90),
                           address="Jl. Melati 1", photo="foto.jpg", handover_on=TODAY - timedelta(days=60))
    db_session.add(Guardian(client_id=client.id, relation="ibu", name="Ibu Gita"))
    db_session.commit()
    incomplete, total = dashboard.incomplete_registers(db_session, office.who("reg"))
    assert total == 0 and incomplete == []


def _login(app, username):
    browser = app.test_client()
    assert browser.post("/login/", data={"username": username, "password": PASSWORD}).status_code == 302
    return browser


def test_after_login_the_landing_page_is_the_dashboard(app, stocked):
    from flask import g

    g.pop("_login_user", None)
    browser = _login(app, stocked.users["pk1"].username)
    assert browser.get("/mulai/").headers["Location"].endswith("/beranda/")
    g.pop("_login_user", None)
    page = browser.get("/beranda/").get_data(as_text=True)
    assert f"Adi {stocked.tag}" in page  # waiting at the TPP
    assert f"Dewi {stocked.tag}" not in page  # pk2's client


@pytest.mark.parametrize("user", ["admin", "kepala", "pk_a", "registrasi", "pengaduan", "tpp"])
def test_every_role_has_a_dashboard_without_external_assets(as_user, user):
    response = as_user(user).get("/beranda/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert not re.search(r'(src|href)="(https?:)?//', page), "no asset may come from another host"


def test_an_impossible_date_is_a_400(as_user):
    assert as_user("kepala").get("/beranda/?tanggal=2026-02-30").status_code == 400


def test_the_kepala_page_shows_the_numbers_beside_the_charts(app, stocked):
    from flask import g

    g.pop("_login_user", None)
    page = _login(app, stocked.users["kepala"].username).get("/beranda/").get_data(as_text=True)
    assert page.count("<svg class=\"sibika-chart\"") >= 6
    assert re.search(r"<th scope=\"row\">Tahap awal</th><td class=\"text-right\">2</td>", page)


def test_demo_dashboard_matches_a_count_by_hand(app, db_session):
    """The demo's first office, counted client by client in Python, against the dashboard's SQL."""
    app.test_cli_runner().invoke(args=["sibika", "demo", "--clients", "24", "--seed", "5",
                                       "--password", "Demo-Sandi-26!"])
    kepala = db_session.scalars(select(Staff).where(Staff.username == "kepala")).one()
    who = access.Principal.of(kepala)
    clients = db_session.scalars(select(Client).where(Client.office_id == kepala.office_id)).all()
    active = [c for c in clients if c.status == "aktif"]
    by_stage = Counter(c.stage for c in active)
    assert rows(dashboard.by_stage(db_session, who)) == {
        "awal": by_stage["awal"], "lanjutan": by_stage["lanjutan"], "akhir": by_stage["akhir"],
        **({None: by_stage[None]} if by_stage[None] else {})}
    per_pk = Counter(c.current_pk_id for c in active)
    assert rows(dashboard.caseload_per_pk(db_session, who)) == dict(per_pk)
    latest = {}
    for a in db_session.scalars(select(Assessment).where(Assessment.status == "final")
                                .order_by(Assessment.assessed_on, Assessment.id)):
        latest[a.client_id] = a.category
    risk = Counter(latest.get(c.id) for c in active)
    got = rows(dashboard.by_risk(db_session, who))
    assert got["rendah"] == risk["rendah"] and got["sedang"] == risk["sedang"] and got["tinggi"] == risk["tinggi"]
    assert got.get(None, 0) == risk[None]
