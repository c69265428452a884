"""Rule: a transfer between offices (pindah wilayah bimbingan) is proposed by the client's PK or the Kepala
Bapas, approved by the sending Kepala, and accepted (with the new PK) or refused (with a reason) by the
receiving Kepala. On acceptance the whole file moves: every row keeps its id, stage and expiry dates
continue; the sending office keeps only the transfer's record and no longer opens the file. Every bad
step is refused with a translated message and nothing saved; of two acceptances at once exactly one wins."""
from __future__ import annotations

import io
import re
from datetime import date, timedelta
from threading import Barrier, Thread

import pytest
from docx import Document
from flask_appbuilder import Model
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.supervision.lifecycle import gates
from app.supervision.lifecycle.commands import TransitionInput
from app.supervision.lifecycle.service import fire
from app.supervision.transfers import commands
from models import (ApelLog, AuditLog, BookEntry, Client, ClientConfidential, Consent, GateRecord, GeneratedDocument,
                    Guardian, Office, PKAssignment, ProgressEntry, Transfer)
from tests import factories
from tests.factories import EXPIRY, MID_MONTH, START

pytestmark = [pytest.mark.both_databases, pytest.mark.today(MID_MONTH)]

LANJUTAN = date(2026, 7, 3)  # START + 183 days of the 730-day period (tests/web/test_lifecycle.py)
MONTH = (MID_MONTH.replace(day=1) - timedelta(days=1)).replace(day=1)
EARLIER_MONTH = (MONTH - timedelta(days=1)).replace(day=1)
NEW_ADDRESS = "Jl. Kenanga 5, Kota B"
who = factories.principal


def _ready(office: Office, city: str) -> None:
    office.address, office.city, office.phone = f"Jl. Bapas {city} 1", city, "021-555"
    office.head_name, office.head_nip = f"Kepala {city}", "197001011995031001"
    office.regional_office = "Kantor Wilayah Uji"


@pytest.fixture
def offices(world, db_session):
    _ready(db_session.get(Office, world.office_a), "Kota A")
    _ready(db_session.get(Office, world.office_b), "Kota B")
    db_session.commit()


@pytest.fixture
def moving(make_client, db_session, world, offices):
    """A client of pk_a in office A, in tahap lanjutan since LANJUTAN, with a file to move."""
    client = factories.client_in_awal(make_client, db_session, basis_document="PAS-77.PK.01.04.06",
                                      full_name="Rizky Pindahan", birth_place="Bekasi", address="Jl. Lama 1")
    db_session.add(GateRecord(client_id=client.id, gate=gates.TPP_PROGRAMME["lanjutan"], met_on=START,
                              reference="TPP/01/2026"))
    db_session.commit()
    fire(db_session, client.id, "lanjutan", TransitionInput(on=LANJUTAN, today=MID_MONTH), who(db_session, "pk_a"))
    db_session.add_all([
        Guardian(client_id=client.id, relation="ibu", name="Siti Aminah"),
        ClientConfidential(client_id=client.id, health="Sehat"),
        Consent(client_id=client.id, given=True, recorded_on=START),
        ProgressEntry(client_id=client.id, office_id=client.office_id, happened_on=EARLIER_MONTH + timedelta(days=3),
                      kind="konseling", what_happened="Konseling di kantor A", result="Klien terbuka"),
        ProgressEntry(client_id=client.id, office_id=client.office_id, happened_on=MONTH + timedelta(days=3),
                      kind="konseling", what_happened="Konseling kedua di kantor A", result="Baik"),
        ApelLog(client_id=client.id, office_id=client.office_id, reported_on=EARLIER_MONTH + timedelta(days=2)),
        ApelLog(client_id=client.id, office_id=client.office_id, reported_on=MONTH + timedelta(days=2)),
    ])
    db_session.commit()
    return client


def propose(as_user, client, world, user="pk_a", to=None, address=NEW_ADDRESS, reason="Ikut orang tua pindah."):
    return as_user(user).post(f"/pindah/usul/{client.id}", data={
        "to_office": str(to or world.office_b), "new_address": address, "reason": reason})


def step(as_user, transfer_id, name, user, **data):
    return as_user(user).post(f"/pindah/{transfer_id}/{name}", data=data)


def transfer_of(db_session, client) -> Transfer | None:
    db_session.expire_all()
    return db_session.scalars(select(Transfer).where(Transfer.client_id == client.id)
                              .order_by(Transfer.id.desc())).first()


def approved(as_user, db_session, client, world) -> Transfer:
    assert propose(as_user, client, world).status_code == 302
    transfer = transfer_of(db_session, client)
    assert step(as_user, transfer.id, "setujui", "kepala").status_code == 302
    return transfer_of(db_session, client)


def accept(as_user, transfer, world, user="kepala_b", pk="pk_b"):
    return step(as_user, transfer.id, "terima", user, pk=str(world.users[pk]))


def file_rows(db_session, client_id: int) -> dict[str, set[int]]:
    """Every row of every table that names the client (the audit trail apart: it grows with each step)."""
    out = {}
    for table in Model.metadata.sorted_tables:
        if "client_id" in table.c and table.name != "audit_log" and "id" in table.c:
            out[table.name] = set(db_session.execute(select(table.c.id).where(table.c.client_id == client_id))
                                  .scalars())
    out["client"] = set(db_session.execute(select(Client.id).where(Client.id == client_id)).scalars())
    return out


def test_every_step_moves_the_file_to_the_receiving_office(as_user, moving, db_session, world):
    page = as_user("pk_a").get(f"/klien/{moving.id}/")
    assert page.status_code == 200 and f"/pindah/usul/{moving.id}" in page.get_data(as_text=True)
    assert f"/pindah/usul/{moving.id}" not in as_user("registrasi").get(f"/klien/{moving.id}/").get_data(as_text=True)

    assert propose(as_user, moving, world).status_code == 302
    transfer = transfer_of(db_session, moving)
    assert (transfer.status, transfer.from_office_id, transfer.to_office_id) == ("diajukan", world.office_a,
                                                                                 world.office_b)
    assert transfer.from_registration_number == moving.registration_number
    # Only the sending Kepala approves; the receiving one cannot accept what is not approved yet.
    step(as_user, transfer.id, "setujui", "pk_a")
    accept(as_user, transfer, world)
    assert transfer_of(db_session, moving).status == "diajukan"
    assert step(as_user, transfer.id, "setujui", "kepala").status_code == 302
    assert transfer_of(db_session, moving).status == "disetujui"

    incoming = as_user("kepala_b").get("/pindah/").get_data(as_text=True)
    assert "Rizky Pindahan" in incoming and transfer.from_registration_number in incoming
    tile = re.search(r'<a href="/pindah/"><span class="sibika-tile-value">(\d+)</span>\s*'
                     r'<span class="sibika-tile-text">pemindahan menunggu keputusan Anda</span>',
                     as_user("kepala_b").get("/beranda/").get_data(as_text=True))
    waiting = re.search(r"<strong>Masuk, menunggu keputusan:</strong> (\d+)", incoming)
    assert tile and waiting and int(tile[1]) == int(waiting[1]) >= 1  # the tile opens the list it counts
    listed = as_user("registrasi_b").get("/pindah/").get_data(as_text=True)  # sees it come, not who
    assert transfer.from_registration_number in listed and "Rizky Pindahan" not in listed
    assert NEW_ADDRESS not in as_user("registrasi_b").get(f"/pindah/{transfer.id}/").get_data(as_text=True)
    shown = as_user("kepala_b").get(f"/pindah/{transfer.id}/").get_data(as_text=True)
    assert NEW_ADDRESS in shown and "Pk_B" in shown  # the new PK is chosen among office B's PKs
    assert "Pk_A2" not in shown

    number_before = moving.registration_number
    response = accept(as_user, transfer, world)
    assert response.status_code == 302 and response.location.endswith(f"/klien/{moving.id}/#pindah")
    db_session.expire_all()
    client = db_session.get(Client, moving.id)
    transfer = transfer_of(db_session, moving)
    assert (client.office_id, client.current_pk_id, client.address) == (world.office_b, world.users["pk_b"],
                                                                        NEW_ADDRESS)
    assert (client.status, client.stage, client.stage_started_on, client.supervision_expiry) == (
        "aktif", "lanjutan", LANJUTAN, EXPIRY)
    assert transfer.status == "diterima" and transfer.decided_on == MID_MONTH
    assert transfer.to_registration_number == client.registration_number and number_before
    assignments = db_session.scalars(select(PKAssignment).where(PKAssignment.client_id == client.id)
                                     .order_by(PKAssignment.id)).all()
    assert [(a.pk_id, a.end_date is None) for a in assignments] == [(world.users["pk_a"], False),
                                                                    (world.users["pk_b"], True)]
    # The audit trail has every step of the transfer, each tied to the client.
    trail = db_session.scalars(select(AuditLog).where(AuditLog.table_name == "transfer",
                                                      AuditLog.client_id == client.id).order_by(AuditLog.id)).all()
    assert [a.action for a in trail].count("create") == 1 and len(trail) >= 3
    assert {a.username for a in trail} == {"pk_a", "kepala", "kepala_b"}
    changes = " ".join(a.changes or "" for a in trail)
    assert "disetujui" in changes and "diterima" in changes
    assert NEW_ADDRESS not in changes  # free text never reaches the trail


def test_a_transfer_keeps_every_row_of_the_file(as_user, moving, db_session, world):
    """Counts every table that names the client before and after: every row stays with its id; only the
    new PK assignment is added; the rows with an office of their own now carry the receiving office."""
    transfer = approved(as_user, db_session, moving, world)
    before = file_rows(db_session, moving.id)
    assert sum(len(ids) for ids in before.values()) >= 15
    assert accept(as_user, transfer, world).status_code == 302
    db_session.expire_all()
    after = file_rows(db_session, moving.id)
    assert set(before) == set(after)
    for table, ids in before.items():
        assert ids <= after[table], table
        added = after[table] - ids
        assert not added or table == "pk_assignment", (table, added)
    assert len(after["pk_assignment"] - before["pk_assignment"]) == 1
    for model in (BookEntry, ApelLog, ProgressEntry):
        offices = set(db_session.scalars(select(model.office_id).where(model.client_id == moving.id)))
        assert offices == {world.office_b}, model.__tablename__


def test_the_old_office_keeps_the_record_but_no_longer_opens_the_file(as_user, moving, db_session, world):
    transfer = approved(as_user, db_session, moving, world)
    assert accept(as_user, transfer, world).status_code == 302
    for user in ("pk_a", "kepala", "registrasi"):
        assert as_user(user).get(f"/klien/{moving.id}/").status_code == 404, user
        assert as_user(user).api("GET", f"/api/v1/client/{moving.id}").status_code == 404, user
    assert as_user("pk_a").get(f"/pindah/{transfer.id}/").status_code == 404
    listed = as_user("kepala").get("/pindah/").get_data(as_text=True)
    assert transfer.from_registration_number in listed and "Balai Pemasyarakatan BPS-B" in listed
    record = as_user("kepala").get(f"/pindah/{transfer.id}/").get_data(as_text=True)
    assert "Rizky Pindahan" not in record and NEW_ADDRESS not in record and "Kota B" not in record
    api = as_user("kepala").api("GET", f"/api/v1/transfer/{transfer.id}").json["result"]
    assert api["status"] == "diterima" and "new_address" not in api and "client_id" not in api
    new_pk = as_user("pk_b").get(f"/klien/{moving.id}/")
    assert new_pk.status_code == 200 and "Konseling di kantor A" in new_pk.get_data(as_text=True)


def test_refusals_are_clear_and_save_nothing(as_user, moving, db_session, world, make_client):
    # to the client's own office
    page = propose(as_user, moving, world, to=world.office_a)
    assert page.status_code == 422 and "kantor klien sendiri" in page.get_data(as_text=True)
    # to an office without a Kepala Bapas
    lonely = Office(code="BPS-C", name="Balai Pemasyarakatan BPS-C", registration_pattern="BA.{seq:04d}/{year}")
    db_session.add(lonely)
    db_session.commit()
    page = propose(as_user, moving, world, to=lonely.id)
    assert page.status_code == 422 and "tidak memiliki Kepala Bapas" in page.get_data(as_text=True)
    # without address or reason
    page = propose(as_user, moving, world, address=" ", reason="")
    assert page.status_code == 422 and "alamat baru" in page.get_data(as_text=True)
    assert transfer_of(db_session, moving) is None
    # of a client already in transfer
    assert propose(as_user, moving, world).status_code == 302
    page = propose(as_user, moving, world)
    assert page.status_code == 422 and "sedang dalam proses pindah" in page.get_data(as_text=True)
    assert db_session.scalar(select(func.count()).select_from(Transfer).where(Transfer.client_id == moving.id)) == 1
    # of an ended client
    ended = make_client(pk="pk_a", status="selesai", handover=True)
    page = propose(as_user, ended, world)
    assert page.status_code == 422 and "telah berakhir" in page.get_data(as_text=True)
    assert transfer_of(db_session, ended) is None


def test_a_wrong_pk_and_a_refusal_after_acceptance_are_refused(as_user, moving, db_session, world):
    transfer = approved(as_user, db_session, moving, world)
    with pytest.raises(Exception) as wrong:
        commands.accept(db_session, transfer.id, world.users["pk_a"], who(db_session, "kepala_b"), MID_MONTH)
    assert "PK" in str(wrong.value)
    db_session.rollback()
    assert transfer_of(db_session, moving).status == "disetujui"
    assert accept(as_user, transfer, world).status_code == 302
    refused = as_user("kepala_b").api("POST", f"/api/v1/transfer/{transfer.id}/tolak",
                                      json={"reason": "Alamat di luar wilayah kami."})
    assert refused.status_code == 422 and "sudah diterima" in refused.json["message"][0]
    again = as_user("kepala_b").api("POST", f"/api/v1/transfer/{transfer.id}/terima",
                                    json={"pk_id": world.users["pk_b"]})
    assert again.status_code == 422
    db_session.expire_all()
    assert transfer_of(db_session, moving).status == "diterima" and transfer_of(db_session, moving).refusal_reason is None
    assert db_session.scalar(select(func.count()).select_from(PKAssignment).where(
        PKAssignment.client_id == moving.id, PKAssignment.end_date.is_(None))) == 1


def test_a_refusal_keeps_the_client_and_allows_a_new_proposal(as_user, moving, db_session, world):
    transfer = approved(as_user, db_session, moving, world)
    step(as_user, transfer.id, "tolak", "kepala_b", refusal_reason=" ")
    assert transfer_of(db_session, moving).status == "disetujui"
    step(as_user, transfer.id, "tolak", "kepala", refusal_reason="Bukan wewenang")  # the sending Kepala may not
    assert transfer_of(db_session, moving).status == "disetujui"
    step(as_user, transfer.id, "tolak", "kepala_b", refusal_reason="Alamat di luar wilayah kami.")
    transfer = transfer_of(db_session, moving)
    assert (transfer.status, transfer.refusal_reason) == ("ditolak", "Alamat di luar wilayah kami.")
    assert db_session.get(Client, moving.id).office_id == world.office_a
    assert as_user("pk_a").get(f"/klien/{moving.id}/").status_code == 200
    assert propose(as_user, moving, world).status_code == 302
    assert transfer_of(db_session, moving).status == "diajukan"


def test_the_api_runs_the_same_steps(as_user, moving, db_session, world):
    pk = as_user("pk_a")
    assert pk.post(f"/api/v1/transfer/propose/{moving.id}", data={"x": "1"}).status_code == 415
    bad = pk.api("POST", f"/api/v1/transfer/propose/{moving.id}", json={"to_office_id": world.office_a,
                                                                          "new_address": "x", "reason": "y"})
    assert bad.status_code == 422 and "to_office" in bad.json["message"]
    made = pk.api("POST", f"/api/v1/transfer/propose/{moving.id}", json={
        "to_office_id": world.office_b, "new_address": NEW_ADDRESS, "reason": "Ikut orang tua."})
    assert made.status_code == 200 and made.json["result"]["status"] == "diajukan"
    transfer_id = made.json["result"]["id"]
    assert as_user("pk_b").api("GET", f"/api/v1/transfer/{transfer_id}").status_code == 404
    assert pk.api("POST", f"/api/v1/transfer/{transfer_id}/setujui").status_code == 403
    assert as_user("kepala").api("POST", f"/api/v1/transfer/{transfer_id}/setujui").status_code == 200
    taken = as_user("kepala_b").api("POST", f"/api/v1/transfer/{transfer_id}/terima",
                                    json={"pk_id": world.users["pk_b"]})
    assert taken.status_code == 200 and taken.json["result"]["to_registration_number"]
    assert pk.api("GET", f"/api/v1/client/{moving.id}").status_code == 404
    assert as_user("pk_b").api("GET", f"/api/v1/client/{moving.id}").status_code == 200


def test_the_sending_office_may_withdraw_before_acceptance(as_user, moving, db_session, world):
    transfer = approved(as_user, db_session, moving, world)
    step(as_user, transfer.id, "batalkan", "kepala", refusal_reason="Orang tua batal pindah.")
    assert transfer_of(db_session, moving).status == "dibatalkan"
    assert accept(as_user, transfer, world).status_code == 302
    assert db_session.get(Client, moving.id).office_id == world.office_a


@pytest.mark.committing  # two sessions on two connections see only what is committed
def test_two_acceptances_at_once_only_one_wins(app, request, db_session, world, backend):
    """Both acceptors read the transfer as approved; the conditional UPDATE lets one through, the other
    waits for its row lock and is told the transfer was accepted."""
    if backend[0].config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("row locks: PostgreSQL (SQLite serialises every writer)")
    from app.extensions import db

    moving = request.getfixturevalue("moving")  # after the skip: a committing test leaves what it made
    transfer = commands.propose(db_session, moving.id, commands.Proposal(world.office_b, NEW_ADDRESS, "Pindah"),
                                who(db_session, "pk_a"), MID_MONTH)
    db_session.commit()
    commands.approve(db_session, transfer.id, who(db_session, "kepala"), MID_MONTH)
    db_session.commit()
    transfer_id, client_id = transfer.id, moving.id  # the threads never touch the test's own session
    both_read, outcomes = Barrier(2), {}

    def acceptor(name):
        with app.app_context():
            session = Session(db.engine)
            try:
                kepala_b = who(session, "kepala_b")
                found = session.get(Transfer, transfer_id)
                assert found.status == "disetujui"
                both_read.wait(10)
                commands.accept(session, transfer_id, world.users["pk_b"], kepala_b, MID_MONTH)
                session.commit()
                outcomes[name] = "accepted"
            except Exception as exc:  # noqa: BLE001 - the loser's refusal is the point
                session.rollback()
                outcomes[name] = str(exc)
            finally:
                session.close()

    threads = [Thread(target=acceptor, args=(n,)) for n in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes.values()).count("accepted") == 1, outcomes
    assert any("sudah diterima" in v for v in outcomes.values()), outcomes
    with app.app_context():
        session = Session(db.engine)
        open_rows = session.scalar(select(func.count()).select_from(PKAssignment).where(
            PKAssignment.client_id == client_id, PKAssignment.end_date.is_(None)))
        client = session.get(Client, client_id)
        assert (open_rows, client.office_id, client.current_pk_id) == (1, world.office_b, world.users["pk_b"])
        session.close()



@pytest.mark.committing  # two sessions on two connections see only what is committed
def test_two_proposals_at_once_leave_one_open_transfer(app, request, world, backend):
    """Both proposers found no open transfer; the unique partial index lets one insert through and the other
    is told the client is already being transferred."""
    if backend[0].config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("concurrent inserts: PostgreSQL (SQLite serialises every writer)")
    from app.extensions import db

    client_id = request.getfixturevalue("moving").id
    both_checked, outcomes = Barrier(2), {}

    def proposer(name, username):
        with app.app_context():
            session = Session(db.engine)
            try:
                principal = who(session, username)
                assert commands.open_transfer(session, client_id) is None
                both_checked.wait(10)
                commands.propose(session, client_id, commands.Proposal(world.office_b, NEW_ADDRESS, "Pindah"),
                                 principal, MID_MONTH)
                session.commit()
                outcomes[name] = "proposed"
            except Exception as exc:  # noqa: BLE001 - the loser's refusal is the point
                session.rollback()
                outcomes[name] = str(exc)
            finally:
                session.close()

    threads = [Thread(target=proposer, args=("a", "pk_a")), Thread(target=proposer, args=("b", "kepala"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes.values()).count("proposed") == 1, outcomes
    assert any("sedang dalam proses pindah" in v for v in outcomes.values()), outcomes
    with app.app_context():
        session = Session(db.engine)
        assert session.scalar(select(func.count()).select_from(Transfer).where(Transfer.client_id == client_id)) == 1
        session.close()

def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_journey_a_client_in_tahap_lanjutan_moves_and_the_new_pk_carries_on(as_user, moving, db_session, world):
    old_pk, new_pk = as_user("pk_a"), as_user("pk_b")
    assert old_pk.post(f"/dokumen/{moving.id}/laporan-bulanan",
                       data={"bulan": f"{EARLIER_MONTH:%Y-%m}"}).status_code == 302
    books_before = [(e.id, e.event, e.kind, e.entry_date, e.superseded_at is not None)
                    for e in db_session.scalars(select(BookEntry).where(BookEntry.client_id == moving.id)
                                                .order_by(BookEntry.id))]
    transfer = approved(as_user, db_session, moving, world)
    # The sending office issues its surat pengantar while the file is still its own.
    assert as_user("kepala").post(f"/pindah/{transfer.id}/surat-pengantar").status_code == 302
    cover = db_session.scalars(select(GeneratedDocument).where(
        GeneratedDocument.doc_type == "surat_pengantar_pindah", GeneratedDocument.client_id == moving.id)).one()
    assert transfer_of(db_session, moving).letter_number == cover.letter_number
    assert accept(as_user, transfer, world).status_code == 302
    assert as_user("kepala_b").post(f"/pindah/{transfer.id}/berita-acara").status_code == 302
    db_session.expire_all()
    record = db_session.scalars(select(GeneratedDocument).where(
        GeneratedDocument.doc_type == "berita_acara_pindah", GeneratedDocument.client_id == moving.id)).one()
    assert record.office_id == world.office_b and transfer_of(db_session, moving).handover_letter_number

    # The old PK can no longer open the file; the new PK sees its whole history and the same books.
    assert old_pk.get(f"/klien/{moving.id}/").status_code == 404
    page = new_pk.get(f"/klien/{moving.id}/").get_data(as_text=True)
    assert "Konseling di kantor A" in page and "Konseling kedua di kantor A" in page
    assert cover.letter_number in page and "Siti Aminah" in page
    books_after = [(e.id, e.event, e.kind, e.entry_date, e.superseded_at is not None)
                   for e in db_session.scalars(select(BookEntry).where(BookEntry.client_id == moving.id)
                                               .order_by(BookEntry.id))]
    assert books_after == books_before
    # The new PK records the next report in person and issues the next monthly report, in the same stage.
    assert new_pk.post(f"/dokumen/{moving.id}/laporan-bulanan", data={"bulan": f"{MONTH:%Y-%m}"}).status_code == 302
    report = db_session.scalars(select(GeneratedDocument).where(
        GeneratedDocument.doc_type == "laporan_perkembangan", GeneratedDocument.client_id == moving.id)
        .order_by(GeneratedDocument.id.desc())).first()
    assert report.period == f"{MONTH:%Y-%m}" and report.office_id == world.office_b
    download = new_pk.get(f"/dokumen/unduh/{report.id}")
    assert download.status_code == 200
    text = docx_text(download.data)
    assert "Tahap lanjutan" in text and "Konseling kedua di kantor A" in text or "Baik" in text
    assert "BALAI PEMASYARAKATAN BPS-B" in text and "Pk_B" in text
    assert "2 (dua) kali pada bulan ini" not in text  # one report this month, four in all
    letter = docx_text(new_pk.get(f"/dokumen/unduh/{record.id}").data)
    assert "BERITA ACARA SERAH TERIMA KLIEN ANTAR-BAPAS" in letter and transfer.from_registration_number in letter


def _drain(db_session, principal):
    from app.sdp import export

    try:
        export.export(db_session, principal, "json")
    except export.NothingPending:
        pass


def test_sdp_reports_the_transfer_on_both_sides(as_user, moving, db_session, world):
    from app.sdp.records import pending

    kepala, kepala_b = who(db_session, "kepala"), who(db_session, "kepala_b")
    _drain(db_session, kepala)
    _drain(db_session, kepala_b)
    transfer = approved(as_user, db_session, moving, world)
    assert not pending(db_session, kepala)["pindah_keluar"]  # nothing goes out before acceptance
    assert accept(as_user, transfer, world).status_code == 302
    db_session.expire_all()
    transfer = transfer_of(db_session, moving)
    out = pending(db_session, kepala)["pindah_keluar"]
    assert [(p.entity_id, p.values["nomor_registrasi"], p.values["kode_bapas_tujuan"],
             p.values["nomor_registrasi_tujuan"], p.values["tanggal_pindah"]) for p in out] == [
        (transfer.id, transfer.from_registration_number, "BPS-B", transfer.to_registration_number,
         MID_MONTH.isoformat())]
    assert out[0].client_name == ""  # the sending office no longer reads who the client is
    arrived = pending(db_session, kepala_b)["pindah_masuk"]
    assert [(p.entity_id, p.values["nomor_registrasi"], p.values["kode_bapas_asal"]) for p in arrived] == [
        (transfer.id, transfer.to_registration_number, "BPS-A")]
    assert [p.entity_id for p in pending(db_session, who(db_session, "pk_b"))["pindah_masuk"]] == [transfer.id]
    assert not pending(db_session, who(db_session, "pk_a"))["pindah_keluar"]
    assert not pending(db_session, kepala)["pindah_masuk"] and not pending(db_session, kepala_b)["pindah_keluar"]
    # The sending office's export carries the departure, and downloading it again still does.
    from app.sdp import export

    batch = export.export(db_session, kepala, "json")
    assert [r["entity_id"] for r in export.rows_of(db_session, batch, kepala) if r["kind"] == "pindah_keluar"] \
        == [transfer.id]
    assert not pending(db_session, kepala)["pindah_keluar"]


def row_of(page: str, *numbers: str) -> str:
    """The one table row that carries all these register numbers (committing tests leave others)."""
    rows = [row for row in re.findall(r"<tr>(.*?)</tr>", page, re.S) if all(n in row for n in numbers)]
    assert len(rows) == 1, rows
    return rows[0]


def test_the_registers_report_the_transfer_on_both_sides(as_user, moving, db_session, world):
    transfer = approved(as_user, db_session, moving, world)
    assert accept(as_user, transfer, world).status_code == 302
    db_session.expire_all()
    transfer = transfer_of(db_session, moving)
    sending = row_of(as_user("kepala").get("/register/pindah").get_data(as_text=True),
                     transfer.from_registration_number, transfer.to_registration_number)
    assert "Dipindahkan ke Bapas lain" in sending and "Balai Pemasyarakatan BPS-B" in sending
    assert "Rizky Pindahan" not in sending and "Diterima" in sending
    receiving = row_of(as_user("registrasi_b").get("/register/pindah").get_data(as_text=True),
                       transfer.from_registration_number, transfer.to_registration_number)
    assert "Diterima dari Bapas lain" in receiving and "Rizky Pindahan" in receiving
    assert "Balai Pemasyarakatan BPS-A" in receiving
    # The client register of the receiving office has the client under the new number; the sending one not.
    register_b = as_user("registrasi_b").get("/register/klien").get_data(as_text=True)
    assert transfer.to_registration_number in register_b
    assert transfer.from_registration_number not in as_user("registrasi").get(
        "/register/klien").get_data(as_text=True)


def test_the_dashboards_count_the_transfer_in_both_offices_month_flow(as_user, moving, db_session, world):
    """Relative to what committing tests left: this month, one more sent in A and one more received in B."""
    from app import dashboard

    def this_month(username):
        flow = dashboard.transfer_flow(db_session, who(db_session, username), MID_MONTH)
        assert flow.rows[-1].key == MID_MONTH.replace(day=1)
        return flow.rows[-1].count, flow.second[-1]

    (a_in, a_out), (b_in, b_out) = this_month("kepala"), this_month("kepala_b")
    transfer = approved(as_user, db_session, moving, world)
    assert accept(as_user, transfer, world).status_code == 302
    assert this_month("kepala") == (a_in, a_out + 1)  # sent
    assert this_month("kepala_b") == (b_in + 1, b_out)  # received
    page = as_user("kepala_b").get("/beranda/").get_data(as_text=True)
    assert "Pindah wilayah bimbingan per bulan" in page and "office-transfers" in page


def test_only_who_supervises_the_child_is_offered_or_may_propose(as_user, moving, world):
    assert as_user("registrasi").get(f"/pindah/usul/{moving.id}").status_code in (302, 403)
    assert as_user("pk_a2").get(f"/pindah/usul/{moving.id}").status_code == 404
    assert as_user("pk_b").get(f"/pindah/usul/{moving.id}").status_code == 404
    form = as_user("kepala").get(f"/pindah/usul/{moving.id}")
    assert form.status_code == 200 and "Balai Pemasyarakatan BPS-B" in form.get_data(as_text=True)
    assert f'value="{world.office_a}"' not in form.get_data(as_text=True)  # not one's own office
