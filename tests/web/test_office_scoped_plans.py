"""An office's screens cost what one office costs: PostgreSQL's plan for the stage register and the Kepala's
monthly flow and TPP sessions read the office's rows through an index with the office column, never a sequential
scan of a national table (client, handover, termination, book_entry, tpp_session, tpp_item).

The planner is not forced (no enable_seqscan=off): it is given realistic statistics instead, a small office
beside a big rest of the country, ANALYZEd, as at national scale (90 offices, each about 1 % of the rows)."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import text

from app import access

from app.platform import roles
from app.dashboard.counts import flow_query
from app.dashboard.office import sessions_query, undecided_clause
from app.registers import stage_books
from app.registers.base import Filters, Period
from models import BookEntry, Client, Handover, Termination, TppSession
from tests.conftest import fresh_app

NATIONAL = {"client", "handover", "termination", "book_entry", "tpp_session", "tpp_item"}
OFFICE_INDEXES = ("ix_tpp_session_office_id", "ix_client_office_status", "ix_client_office_name", "ix_client_office_start",
                  "ix_client_office_expiry", "ix_book_entry_office_date", "ix_termination_office_end",
                  "ix_handover_office_date")
SMALL, BIG = 40, 12_000  # clients of the office on screen, and of the rest of the country


def _fill(session, kind_id: int, small_office: int, big_office: int, officer_id: int) -> None:
    """Clients, handovers, terminations and book lines in both offices, by set-based SQL (seconds, not minutes)."""
    for office, count, offset in ((small_office, SMALL, 0), (big_office, BIG, SMALL)):
        session.execute(text(
            "INSERT INTO client (office_id, registration_number, full_name, sex, birth_date, offence_date, "
            "supervision_kind_id, origin, status, reporting_interval_days, version, supervision_start, "
            "supervision_expiry) "
            "SELECT :office, 'R' || n, 'Klien ' || n, 'L', DATE '2010-01-01', DATE '2025-01-01', :kind, 'lpka', "
            "CASE WHEN n % 4 = 0 THEN 'selesai' ELSE 'aktif' END, 30, 1, "
            "DATE '2025-06-01' + (n % 365), DATE '2027-06-01' + (n % 365) "
            "FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS n"),
            dict(office=office, kind=kind_id, first=offset + 1, last=offset + count))
    session.execute(text(
        "INSERT INTO handover (client_id, handover_date, handing_party, handing_officer, receiving_officer_id, "
        "version) SELECT id, supervision_start, 'LPKA', 'Petugas', :officer, 1 FROM client"), dict(officer=officer_id))
    session.execute(text(
        "INSERT INTO termination (client_id, reason, end_date, decision_number, decision_date) "
        "SELECT id, 'selesai', supervision_start + 300, 'W.1', supervision_start + 300 FROM client "
        "WHERE status = 'selesai'"))
    session.execute(text(
        "INSERT INTO book_entry (client_id, office_id, event, kind, entry_date) "
        "SELECT id, office_id, e.event, 'rencana', supervision_start + e.shift FROM client, "
        "(VALUES ('awal', 0), ('lanjutan', 180), ('akhir', 540), ('ekspirasi', 730)) AS e(event, shift)"))
    # TPP sessions (the rest of the country holds about 100 times more), each with an item for ten clients.
    session.execute(text(
        "INSERT INTO tpp_session (office_id, held_on, place, members_total, version) "
        "SELECT o.id, DATE '2024-01-01' + 7 * n, 'Aula', 5, 1 FROM office o, generate_series(0, "
        "CASE WHEN o.id = :small THEN 10 ELSE 3000 END) AS n"), dict(small=small_office))
    session.execute(text(
        "INSERT INTO tpp_item (session_id, client_id, matter, decision, version) "
        "SELECT s.id, c.id, 'lainnya', CASE WHEN c.id % 5 = 0 THEN NULL ELSE 'setuju' END, 1 FROM tpp_session s "
        "JOIN LATERAL (SELECT id FROM client WHERE client.office_id = s.office_id ORDER BY id LIMIT 10) c ON true"))
    session.commit()
    for table in NATIONAL:
        session.execute(text(f"ANALYZE {table}"))
    session.commit()


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _plan(session, statement) -> list[dict]:
    from sqlalchemy.dialects import postgresql

    sql = str(statement.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
    found = session.execute(text("EXPLAIN (FORMAT JSON) " + sql)).scalar()
    found = json.loads(found) if isinstance(found, str) else found
    return list(_nodes(found[0]["Plan"]))


def _assert_office_sized(nodes: list[dict], what: str) -> None:
    scanned = [(n["Node Type"], n.get("Relation Name"), n.get("Index Name")) for n in nodes if "Relation Name" in n]
    national_seq = [s for s in scanned if s[0] == "Seq Scan" and s[1] in NATIONAL]
    assert national_seq == [], f"{what}: a national table is read in full: {scanned}"
    assert any(index in OFFICE_INDEXES for _t, _r, index in scanned), f"{what}: no office index used: {scanned}"


def test_office_screens_read_one_office_not_the_country(tmp_path):
    from app.extensions import db
    from models import Office, SupervisionKind

    with fresh_app("postgresql", tmp_path) as app, app.app_context():
        offices = [Office(code=f"BPS-{c}", name=f"Bapas {c}", city="Kota", registration_pattern="BA.{seq:04d}/{year}")
                   for c in ("KECIL", "NASIONAL")]
        db.session.add_all(offices)
        db.session.commit()
        sm = app.appbuilder.sm
        kepala = sm.add_user("kepala_kecil", "Kepala", "Kecil", "k@example.test", sm.find_role(roles.KEPALA),
                             "Sandi-Uji-Panjang-2026")
        kepala.office_id = offices[0].id
        db.session.commit()
        kind = db.session.query(SupervisionKind).first()
        _fill(db.session, kind.id, offices[0].id, offices[1].id, kepala.id)
        who = access.Principal(kepala.id, offices[0].id, frozenset({roles.KEPALA}))

        month = Filters(period=Period.month(date(2026, 1, 1)))
        _assert_office_sized(_plan(db.session, stage_books.query(who, month)), "stage register, one month")
        _assert_office_sized(_plan(db.session, stage_books.query(who, Filters())), "stage register, all dates")
        first = date(2025, 12, 1)
        _assert_office_sized(_plan(db.session, flow_query(Handover, Handover.handover_date, who, first)),
                             "monthly flow, handovers")
        _assert_office_sized(_plan(db.session, flow_query(Termination, Termination.end_date, who, first)),
                             "monthly flow, terminations")
        today = date(2026, 1, 1)
        _assert_office_sized(_plan(db.session, sessions_query(who, TppSession.held_on < today, undecided_clause(),
                                                              newest_first=True)), "TPP sessions owing decisions")
        _assert_office_sized(_plan(db.session, sessions_query(who, TppSession.held_on >= today, limit=5)),
                             "coming TPP sessions")
        # And the answers are the small office's alone.
        assert len(db.session.execute(stage_books.query(who, Filters())).all()) == SMALL * 3


@pytest.mark.both_databases
def test_a_client_moved_to_another_office_takes_its_book_lines_along(app, make_client, world, db_session):
    """The register selects lines by their own office column: it must follow the client's office."""
    client = make_client()
    db_session.add(BookEntry(client_id=client.id, office_id=client.office_id, event="awal", kind="rencana",
                             entry_date=date(2026, 2, 1)))
    db_session.commit()
    client.office_id = world.office_b
    db_session.commit()
    db_session.expire_all()
    offices = {e.office_id for e in db_session.query(BookEntry).filter_by(client_id=client.id)}
    assert offices == {world.office_b}
    kepala_b = access.Principal(world.users["kepala_b"], world.office_b, frozenset({roles.KEPALA}))
    lines = db_session.execute(stage_books.query(kepala_b, Filters())).all()
    assert [client.id] == [c.id for _e, c, _w in lines if c.id == client.id]
    assert db_session.get(Client, client.id).office_id == world.office_b


@pytest.mark.both_databases
def test_a_termination_carries_its_clients_office(app, make_client, world, db_session):
    """Written by the database on insert, whatever writes the row, and moved with the client."""
    client = make_client()
    db_session.add(Termination(client_id=client.id, reason="selesai", end_date=date(2026, 3, 1),
                               decision_number="W.1", decision_date=date(2026, 3, 1)))
    db_session.commit()
    db_session.expire_all()
    assert db_session.query(Termination).filter_by(client_id=client.id).one().office_id == world.office_a
    db_session.get(Client, client.id).office_id = world.office_b
    db_session.commit()
    db_session.expire_all()
    assert db_session.query(Termination).filter_by(client_id=client.id).one().office_id == world.office_b
