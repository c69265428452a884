"""SDP export: each change goes out exactly once, in the user's scope, as CSV that
matches the JSON, never with confidential matters, safe against two exports at once."""
from __future__ import annotations

import csv
import io
import json
import threading
import zipfile
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from app.access import Principal
from app.sdp import export
from app.sdp.mapping import BY_CODE, ENVELOPE, KINDS, TRANSFER_IN, TRANSFER_OUT
from app.sdp.records import pending
from tests.jobs import ran, run_queued
from models import (ApelLog, Assessment, AuditLog, BookEntry, ClientConfidential, Guardian, ProgressEntry, SdpBatch,
                    SdpMark, Staff, SupervisionKind, Termination, TppItem, TppSession)

pytestmark = pytest.mark.both_databases  # SQL behaviour: run on PostgreSQL as well

TODAY = date.today()
# The kinds a client's own records make (the fixture below has one of each); a transfer between offices
# goes out as pindah_keluar / pindah_masuk (tests/web/test_transfers.py).
CLIENT_KINDS = {code: kind for code, kind in BY_CODE.items() if code not in (TRANSFER_OUT.code, TRANSFER_IN.code)}


def who(db_session, username: str, world) -> Principal:
    return Principal.of(db_session.get(Staff, world.users[username]))


def keys(waiting) -> set[tuple[str, int, str]]:
    return {(p.kind, p.entity_id, p.action) for rows in waiting.values() for p in rows}


def exported(browser, fmt: str):
    """Start the export from the screen, let the job run, and download what its page offers."""
    started = browser.post("/sdp/ekspor", data={"format": fmt})
    state = ran(browser, started)
    assert state is not None, started.status_code
    assert state["status"] == "selesai" and state["result"], state
    return browser.get(state["result"])


def drain(db_session, principal) -> None:
    """Export whatever earlier tests left pending in this scope, so a test starts from nothing."""
    try:
        export.export(db_session, principal, "json")
    except export.NothingPending:
        pass


@pytest.fixture
def supervised(make_client, db_session, world):
    """A client under supervision with one record of every exported kind."""
    from app.guidance.assessment import store

    def _make(pk="pk_a", office="a"):
        client = make_client(office=office, pk=pk, status="aktif", handover=True, nik="3201010101100001",
                             offence_article="Pasal 363 KUHP", decision_number="12/Pid.Sus-Anak/2025/PN",
                             decision_date=date(2025, 9, 1), supervision_start=TODAY - timedelta(days=200),
                             supervision_expiry=TODAY + timedelta(days=300), stage="lanjutan")
        entry = ProgressEntry(client_id=client.id, office_id=client.office_id, happened_on=TODAY - timedelta(days=3),
                              kind="konseling", what_happened="Konseling sekolah", result="Baik",
                              written_by_id=world.users[pk])
        apel = ApelLog(client_id=client.id, office_id=client.office_id, reported_on=TODAY - timedelta(days=2),
                       recorded_by_id=world.users[pk])
        book = BookEntry(client_id=client.id, office_id=client.office_id, event="lanjutan", kind="pelaksanaan",
                         entry_date=TODAY - timedelta(days=50), reason="Disetujui TPP")
        session = TppSession(office_id=client.office_id, held_on=TODAY - timedelta(days=55), members_total=3)
        instrument = store.ensure_demo(db_session)
        assessment = Assessment(client_id=client.id, instrument_id=instrument.id, kind="awal",
                                assessed_on=TODAY - timedelta(days=190), assessor_id=world.users[pk],
                                status="final", total_score=7, category="sedang", needs="Kebutuhan rahasia")
        db_session.add_all([entry, apel, book, session, assessment,
                            ClientConfidential(client_id=client.id, health="Diagnosa-rahasia",
                                               household="Rumah-rahasia", safety="Aman-rahasia"),
                            Guardian(client_id=client.id, relation="ibu", name="Ibu Wali Rahasia")])
        db_session.flush()
        item = TppItem(session_id=session.id, client_id=client.id, matter="rencana_lanjutan", decision="setuju",
                       consensus=True, notes="Catatan sidang rahasia")
        db_session.add(item)
        db_session.commit()
        return {"klien": client.id, "kegiatan": entry.id, "apel": apel.id, "tahapan": book.id, "tpp": item.id,
                "asesmen": assessment.id, "client": client}

    return _make


def test_each_change_goes_out_exactly_once(db_session, world, supervised):
    """Export takes every pending record; again → nothing; an edit → exactly that record, as a change."""
    pk_a = who(db_session, "pk_a", world)
    drain(db_session, pk_a)
    ids = supervised()
    expected = {(kind, ids[kind], "baru") for kind in CLIENT_KINDS}
    assert keys(pending(db_session, pk_a)) == expected
    batch = export.export(db_session, pk_a, "json")
    assert batch.total == 6 and json.loads(batch.counts) == {kind: 1 for kind in CLIENT_KINDS}
    assert keys(pending(db_session, pk_a)) == set()
    with pytest.raises(export.NothingPending):
        export.export(db_session, pk_a, "csv")

    entry = db_session.get(ProgressEntry, ids["kegiatan"])
    entry.result = "Sangat baik"
    db_session.commit()
    assert keys(pending(db_session, pk_a)) == {("kegiatan", entry.id, "ubah")}
    second = export.export(db_session, pk_a, "json")
    assert second.total == 1
    marks = db_session.scalars(select(SdpMark).where(SdpMark.kind == "kegiatan", SdpMark.entity_id == entry.id)
                               .order_by(SdpMark.seq)).all()
    assert [(m.seq, m.batch_id) for m in marks] == [(1, batch.id), (2, second.id)]
    assert keys(pending(db_session, pk_a)) == set()


def test_a_change_sdp_does_not_see_makes_nothing_pending(db_session, world, supervised):
    pk_a = who(db_session, "pk_a", world)
    drain(db_session, pk_a)
    ids = supervised()
    export.export(db_session, pk_a, "json")
    client = ids["client"]
    client.address = "Jl. Baru 5"
    db_session.get(ProgressEntry, ids["kegiatan"]).follow_up = "Tindak lanjut"
    db_session.scalars(select(ClientConfidential).where(ClientConfidential.client_id == client.id)).one().health = "X"
    db_session.get(TppItem, ids["tpp"]).notes = "Catatan lain"
    db_session.commit()
    assert keys(pending(db_session, pk_a)) == set()


def test_corrections_strikes_and_endings_go_out_as_changes(as_user, db_session, world, supervised):
    """The progress book's correction (through the screen) is one change, not a new record; a struck book
    line and a termination go out again."""
    pk_a = who(db_session, "pk_a", world)
    drain(db_session, pk_a)
    ids = supervised()
    export.export(db_session, pk_a, "json")
    entry = db_session.get(ProgressEntry, ids["kegiatan"])
    edit = {"client": str(ids["klien"]), "happened_on": entry.happened_on.isoformat(), "kind": "konseling",
            "place": "Rumah", "programme_item": "", "attended": "y", "absence_reason": "",
            "what_happened": "Konseling sekolah dan keluarga", "result": "Baik", "follow_up": ""}
    assert as_user("pk_a").post(f"/progressentryview/edit/{entry.id}", data=edit).status_code == 302
    book = db_session.get(BookEntry, ids["tahapan"])
    book.superseded_at, book.superseded_reason = datetime(2026, 5, 1, 9), "Salah tanggal"
    db_session.commit()
    waiting = pending(db_session, pk_a)
    assert keys(waiting) == {("kegiatan", entry.id, "ubah"), ("tahapan", book.id, "ubah")}
    [changed_book] = waiting["tahapan"]
    assert changed_book.values["dicoret"] == "2026-05-01" and changed_book.values["alasan_coret"] == "Salah tanggal"


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.one_of(st.tuples(st.just("edit"), st.integers(0, 2), st.sampled_from(["a", "b", "c"])),
                                st.just(("export",))), max_size=12))
def test_any_sequence_of_edits_and_exports_exports_each_change_once(db_session, world, make_client, steps):
    """Model: a record is pending exactly when its value differs from the value of its last export
    (A→B→A between two exports is no change). Every export takes exactly those."""
    pk_a = who(db_session, "pk_a", world)
    client = make_client(pk="pk_a", status="aktif")
    entries = [ProgressEntry(client_id=client.id, office_id=client.office_id, happened_on=TODAY, kind="konseling",
                             what_happened="Awal", result="a") for _ in range(3)]
    db_session.add_all(entries)
    db_session.commit()
    drain(db_session, pk_a)
    exported = {e.id: "a" for e in entries}
    current = dict(exported)
    for step in steps:
        if step[0] == "edit":
            entry = entries[step[1]]
            entry.result = current[entry.id] = step[2]
            db_session.commit()
        else:
            expected = {("kegiatan", i, "ubah") for i in current if current[i] != exported[i]}
            assert keys(pending(db_session, pk_a)) == expected
            if expected:
                batch = export.export(db_session, pk_a, "csv")
                assert {(r["kind"], r["entity_id"], r["action"]) for r in json.loads(batch.payload)} == expected
            exported = dict(current)
    assert keys(pending(db_session, pk_a)) == {("kegiatan", i, "ubah") for i in current if current[i] != exported[i]}


def counted(db_session, principal):
    """pending() and the number of SQL statements it issued."""
    from app.extensions import db

    statements = []

    def listener(_conn, _cursor, statement, *args, **kwargs):
        # The SAVEPOINTs of the test's rolled-back transaction are the harness's, not pending()'s.
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
            statements.append(1)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        plan = pending(db_session, principal)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    return plan, len(statements)


def test_looking_again_costs_the_same_whatever_the_number_of_records(db_session, world, supervised):
    """With nothing changed, finding what is pending hashes no record and issues one statement per kind,
    for two records of each kind as for six; a change is hashed alone."""
    pk_a = who(db_session, "pk_a", world)
    drain(db_session, pk_a)
    few = [supervised() for _ in range(2)]
    drain(db_session, pk_a)
    plan, statements_few = counted(db_session, pk_a)
    assert keys(plan) == set() and plan.hashed == 0 and statements_few == len(KINDS)
    many = few + [supervised() for _ in range(4)]
    drain(db_session, pk_a)
    plan, statements_many = counted(db_session, pk_a)
    assert keys(plan) == set() and plan.hashed == 0 and statements_many == statements_few

    entry = db_session.get(ProgressEntry, few[0]["kegiatan"])
    entry.result = "Berubah"
    db_session.commit()
    plan, statements_one = counted(db_session, pk_a)
    assert keys(plan) == {("kegiatan", entry.id, "ubah")} and plan.hashed == 1
    drain(db_session, pk_a)
    for ids in many:  # a change on every client: read in the same few statements (no query per row)
        db_session.get(ApelLog, ids["apel"]).remote = True
    db_session.commit()
    plan, statements_all = counted(db_session, pk_a)
    assert keys(plan) == {("apel", ids["apel"], "ubah") for ids in many} and plan.hashed == len(many)
    assert statements_all == statements_one


def test_a_record_that_moved_on_without_a_change_is_hashed_once_then_brought_forward(db_session, world, supervised):
    """An unmapped edit and A→B→A make a record a candidate, not pending; the next export attempt (even one
    with nothing to export) writes the new marker, after which it is not hashed again."""
    pk_a = who(db_session, "pk_a", world)
    drain(db_session, pk_a)
    ids = supervised()
    drain(db_session, pk_a)
    entry = db_session.get(ProgressEntry, ids["kegiatan"])
    entry.follow_up = "Catatan yang tidak dikirim"
    db_session.commit()
    apel = db_session.get(ApelLog, ids["apel"])
    apel.remote = True
    db_session.commit()
    apel.remote = False
    db_session.commit()
    plan = pending(db_session, pk_a)
    assert keys(plan) == set() and plan.hashed == 2 and len(plan.refresh) == 2
    marks = db_session.scalar(select(func.count(SdpMark.id)))
    with pytest.raises(export.NothingPending):
        export.claim(db_session, pk_a, "json", plan)
    assert db_session.scalar(select(func.count(SdpMark.id))) == marks  # brought forward in place, no new mark
    plan = pending(db_session, pk_a)
    assert keys(plan) == set() and plan.hashed == 0
    entry.result = "Sekarang berubah"
    db_session.commit()
    assert keys(pending(db_session, pk_a)) == {("kegiatan", entry.id, "ubah")}


def test_every_mapped_value_is_covered_by_its_kinds_marker():
    """A field added to the mapping that reads through a relation the marker does not follow is caught."""
    from dataclasses import replace

    from app.sdp.mapping import TEXT, Field
    from app.sdp.records import SOURCES, uncovered

    assert {kind: uncovered(BY_CODE[kind], SOURCES[kind]) for kind in BY_CODE} == {kind: [] for kind in BY_CODE}
    apel = BY_CODE["apel"]
    wider = replace(apel, fields=apel.fields + (Field("kantor", "Office", "client.office.name", TEXT, False),
                                                Field("nama", "Name", "client.display_name()", TEXT, False)))
    assert uncovered(wider, SOURCES["apel"]) == ["client.office.name", "client.display_name()"]


@pytest.mark.committing  # a second session or thread sees only what is committed
def test_a_late_bring_forward_never_hides_a_change(app, db_session, world, supervised):
    """A plan that brings a mark forward, committed after another export has marked the record again,
    touches a mark that is no longer the last: the record's later changes are still pending."""
    pk_a = who(db_session, "pk_a", world)
    drain(db_session, pk_a)
    ids = supervised()
    drain(db_session, pk_a)
    entry = db_session.get(ProgressEntry, ids["kegiatan"])
    entry.follow_up = "Hanya catatan"
    db_session.commit()
    from app.extensions import db

    with Session(db.engine) as other:
        stale_plan = pending(other, pk_a)
        other.rollback()
        assert len(stale_plan.refresh) == 1
        entry.result = "Berubah"
        db_session.commit()
        export.export(db_session, pk_a, "json")
        with pytest.raises(export.NothingPending):
            export.claim(other, pk_a, "json", stale_plan)
    db_session.expire_all()
    assert keys(pending(db_session, pk_a)) == set()
    entry = db_session.get(ProgressEntry, ids["kegiatan"])
    entry.result = "Baik"  # back to the value of the first export, not of the last
    db_session.commit()
    assert keys(pending(db_session, pk_a)) == {("kegiatan", entry.id, "ubah")}


def test_marks_made_before_markers_are_hashed_once(db_session, world, supervised):
    pk_a = who(db_session, "pk_a", world)
    drain(db_session, pk_a)
    ids = supervised()
    drain(db_session, pk_a)
    for kind in CLIENT_KINDS:
        db_session.execute(update(SdpMark).where(SdpMark.kind == kind, SdpMark.entity_id == ids[kind])
                           .values(marker=None))
    db_session.commit()
    plan = pending(db_session, pk_a)
    assert keys(plan) == set() and plan.hashed == len(CLIENT_KINDS)
    drain(db_session, pk_a)
    assert pending(db_session, pk_a).hashed == 0


def test_what_a_record_reads_from_other_rows_makes_it_pending(db_session, world, supervised):
    """The marker covers every row a record's values come from: the client's registration number, the
    officer's name and NIP, the supervision kind's code, the termination, the TPP session's date."""
    pk_a = who(db_session, "pk_a", world)
    drain(db_session, pk_a)
    ids = supervised()
    drain(db_session, pk_a)
    officer = db_session.get(Staff, world.users["pk_a"])
    first_name, nip = officer.first_name, officer.nip
    try:
        officer.first_name = first_name + " Baru"
        db_session.commit()
        waiting = keys(pending(db_session, pk_a))  # the officer's other records too
        assert {(kind, ids[kind], "ubah") for kind in ("klien", "kegiatan", "apel", "asesmen")} <= waiting
        assert {kind for kind, _, _ in waiting} == {"klien", "kegiatan", "apel", "asesmen"}
        drain(db_session, pk_a)
        officer.nip = "199001012020011999"
        db_session.commit()
        waiting = keys(pending(db_session, pk_a))
        assert ("klien", ids["klien"], "ubah") in waiting and {kind for kind, _, _ in waiting} == {"klien"}
    finally:
        officer.first_name, officer.nip = first_name, nip
        db_session.commit()
    drain(db_session, pk_a)

    client = ids["client"]
    client.registration_number = client.registration_number + "-X"
    db_session.commit()
    assert keys(pending(db_session, pk_a)) == {(kind, ids[kind], "ubah") for kind in CLIENT_KINDS}
    drain(db_session, pk_a)

    session = db_session.get(TppItem, ids["tpp"]).session
    session.held_on -= timedelta(days=1)
    db_session.add(Termination(client_id=client.id, reason="selesai", end_date=TODAY, decision_number="SK-1",
                               decision_date=TODAY))
    db_session.commit()
    assert keys(pending(db_session, pk_a)) == {("tpp", ids["tpp"], "ubah"), ("klien", ids["klien"], "ubah")}
    drain(db_session, pk_a)

    kind = db_session.get(SupervisionKind, client.supervision_kind_id)
    code = kind.code
    try:
        kind.code = code + "X"
        db_session.commit()
        assert ("klien", ids["klien"], "ubah") in keys(pending(db_session, pk_a))
    finally:
        kind.code = code
        db_session.commit()


def _csv_files(content: bytes) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
                for name in archive.namelist()}


def test_csv_parses_and_matches_the_json_and_carries_nothing_confidential(as_user, db_session, world, supervised):
    drain(db_session, who(db_session, "pk_a", world))
    ids = supervised()
    response = exported(as_user("pk_a"), "csv")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["Cache-Control"] == "private, no-store"
    files = _csv_files(response.data)
    batch = db_session.scalars(select(SdpBatch).order_by(SdpBatch.id.desc())).first()
    again = as_user("pk_a").get(f"/sdp/batch/{batch.id}?format=json")
    assert again.status_code == 200
    records = again.json["records"]
    assert set(files) == {f"{kind}.csv" for kind in CLIENT_KINDS}
    assert set(records) == set(BY_CODE) and not records[TRANSFER_OUT.code] and not records[TRANSFER_IN.code]
    for kind, rows in records.items():
        if not rows:
            continue  # the zip holds a file only for a kind that has rows
        header, *lines = files[f"{kind}.csv"]
        assert header == [f.name for f in ENVELOPE] + [f.name for f in BY_CODE[kind].fields]
        assert lines == [[export.cell(row[c]) for c in header] for row in rows]
    client = records["klien"][0]
    assert (client["nik"], client["jenis_kelamin"], client["nomor_putusan"], client["tahap"], client["status"],
            client["nip_pk"]) == ("3201010101100001", "L", "12/Pid.Sus-Anak/2025/PN", "lanjutan", "aktif",
                                  db_session.get(Staff, world.users["pk_a"]).nip)
    assert records["kegiatan"][0]["hadir"] is True and files["kegiatan.csv"][1][7] == "ya"
    assert records["tpp"][0]["id_sibika"] == ids["tpp"]
    for secret in (b"Diagnosa-rahasia", b"Rumah-rahasia", b"Aman-rahasia", b"Ibu Wali Rahasia",
                   b"Kebutuhan rahasia", b"Catatan sidang rahasia"):
        assert secret not in again.data and secret not in b"".join(
            zipfile.ZipFile(io.BytesIO(response.data)).read(n) for n in files)


def test_each_role_exports_its_own_scope_only(db_session, world, supervised):
    for username in ("pk_a", "pk_a2", "kepala", "pk_b", "kepala_b"):
        drain(db_session, who(db_session, username, world))
    mine, colleague, other_office = supervised("pk_a"), supervised("pk_a2"), supervised("pk_b", "b")

    def clients(username):
        return {p.entity_id for p in pending(db_session, who(db_session, username, world))["klien"]}

    assert clients("pk_a") == {mine["klien"]}
    assert clients("pk_a2") == {colleague["klien"]}
    assert clients("kepala") == {mine["klien"], colleague["klien"]}
    assert clients("pk_b") == clients("kepala_b") == {other_office["klien"]}
    assert clients("registrasi") == clients("tpp") == clients("pengaduan") == set()
    with pytest.raises(export.NothingPending):
        export.export(db_session, who(db_session, "registrasi", world), "json")
    # A PK's export leaves the colleague's records waiting for the Kepala.
    export.export(db_session, who(db_session, "pk_a", world), "json")
    assert clients("kepala") == {colleague["klien"]}


def test_batches_are_listed_and_downloaded_again_only_in_scope(as_user, db_session, world, supervised, make_client):
    pk_a = who(db_session, "pk_a", world)
    drain(db_session, pk_a)
    ids = supervised()
    batch = export.export(db_session, pk_a, "json")
    url = f"/sdp/batch/{batch.id}?format=json"
    for username, status in (("pk_a", 200), ("kepala", 200), ("admin", 200), ("pk_a2", 404), ("kepala_b", 404),
                             ("pk_b", 404)):
        assert as_user(username).get(url).status_code == status, username
    assert as_user("registrasi").get(url).status_code != 200
    assert f'/sdp/batch/{batch.id}?format=csv' in as_user("kepala").get("/sdp/").get_data(as_text=True)
    assert f'/sdp/batch/{batch.id}?format=csv' not in as_user("pk_a2").get("/sdp/").get_data(as_text=True)
    # The client moves to pk_a2: pk_a's own past batch no longer shows that client's rows.
    from app.clients import assignments
    from models import PKAssignment

    moved = PKAssignment(client_id=ids["klien"], pk_id=world.users["pk_a2"], start_date=TODAY, reason="Mutasi")
    assignments.apply(db_session, moved, None)
    db_session.add(moved)
    db_session.commit()
    assert as_user("pk_a").get(url).json["records"]["klien"] == []
    assert len(as_user("kepala").get(url).json["records"]["klien"]) == 1
    actions = db_session.scalars(select(AuditLog.action).where(AuditLog.table_name == "sdp_batch",
                                                               AuditLog.record_id == batch.id)).all()
    assert actions.count("sdp_export") == 1 and actions.count("sdp_download") >= 4
    logged = " ".join(filter(None, db_session.scalars(select(AuditLog.changes).where(
        AuditLog.table_name == "sdp_batch", AuditLog.record_id == batch.id))))
    assert ids["client"].full_name not in logged and ids["client"].registration_number not in logged


@pytest.mark.committing  # a second session or thread sees only what is committed
def test_two_exports_at_once_never_claim_the_same_record(app, db_session, world, supervised):
    """Interleaved deterministically: the Kepala's export planned before pk_a's committed loses the race
    (nothing of it is written) and, retried, takes only what is still pending."""
    pk_a, kepala = who(db_session, "pk_a", world), who(db_session, "kepala", world)
    drain(db_session, kepala)
    mine, colleague = supervised("pk_a"), supervised("pk_a2")
    from app.extensions import db

    with Session(db.engine) as other:
        stale_plan = pending(other, kepala)
        other.rollback()
        first = export.export(db_session, pk_a, "json")
        batches_before = db_session.scalar(select(func.count(SdpBatch.id)))
        with pytest.raises(export.ExportConflict):
            export.claim(other, kepala, "json", stale_plan)
        assert db_session.scalar(select(func.count(SdpBatch.id))) == batches_before
        retried = json.loads(export.export(other, kepala, "json").payload)
    assert {r["client_id"] for r in json.loads(first.payload)} == {mine["klien"]}
    assert {r["client_id"] for r in retried} == {colleague["klien"]}


@pytest.mark.committing  # a second session or thread sees only what is committed
def test_two_exports_racing_in_threads_claim_each_record_once(app, db_session, world, supervised):
    kepala = who(db_session, "kepala", world)
    drain(db_session, kepala)
    supervised("pk_a")
    from app.extensions import db

    engine = db.engine  # threads have no app context of their own
    planned = threading.Barrier(2)
    outcomes: list[str] = []

    def run():
        with Session(engine) as session:
            plan = pending(session, kepala)
            session.rollback()
            planned.wait(timeout=10)
            try:
                export.claim(session, kepala, "json", plan)
                outcomes.append("exported")
            except export.ExportConflict:
                outcomes.append("conflict")

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["conflict", "exported"]
    duplicates = db_session.execute(select(SdpMark.kind, SdpMark.entity_id, SdpMark.seq, func.count())
                                    .group_by(SdpMark.kind, SdpMark.entity_id, SdpMark.seq)
                                    .having(func.count() > 1)).all()
    assert duplicates == []
    assert keys(pending(db_session, kepala)) == set()


@pytest.mark.parametrize("data", [{"format": "xml"}, {}, {"format": ""}])
def test_an_unknown_format_is_refused_with_nothing_written(as_user, db_session, world, supervised, data):
    drain(db_session, who(db_session, "pk_a", world))
    supervised()
    before = db_session.scalar(select(func.count(SdpBatch.id)))
    response = as_user("pk_a").post("/sdp/ekspor", data=data)
    assert response.status_code == 400
    assert "Format ekspor tidak dikenal" in response.get_data(as_text=True)
    assert db_session.scalar(select(func.count(SdpBatch.id))) == before
    batch = export.export(db_session, who(db_session, "pk_a", world), "json")
    assert as_user("pk_a").get(f"/sdp/batch/{batch.id}?format=xml").status_code == 400
    assert as_user("pk_a").get("/sdp/batch/999999?format=json").status_code == 404


def test_nothing_to_export_is_said_plainly(as_user, db_session, world):
    drain(db_session, who(db_session, "pk_a2", world))
    before = db_session.scalar(select(func.count(SdpBatch.id)))
    started = as_user("pk_a2").post("/sdp/ekspor", data={"format": "csv"})
    assert started.status_code == 302 and "/pekerjaan/" in started.location
    run_queued()
    page = as_user("pk_a2").get(started.location)
    assert "Gagal" in page.get_data(as_text=True) and "Tidak ada yang menunggu" in page.get_data(as_text=True)
    assert db_session.scalar(select(func.count(SdpBatch.id))) == before


def test_the_sdp_page_lists_what_is_not_yet_in_sdp(as_user, db_session, world, supervised):
    drain(db_session, who(db_session, "pk_a", world))
    ids = supervised()
    client = ids["client"]
    client.decision_number = None
    db_session.commit()
    body = as_user("pk_a").get("/sdp/").get_data(as_text=True)
    assert client.registration_number in body and "Belum ada di SDP" in body
    assert "nomor_putusan" in body  # a value SDP requires is missing
    assert client.registration_number not in as_user("pk_a2").get("/sdp/").get_data(as_text=True)


@pytest.mark.parametrize("username,allowed", [("admin", True), ("kepala", True), ("pk_a", True), ("pk_b", True),
                                              ("registrasi", False), ("tpp", False), ("pengaduan", False)])
def test_the_mapping_page_is_for_those_who_export(as_user, username, allowed):
    response = as_user(username).get("/sdp/pemetaan")
    assert (response.status_code == 200) == allowed
    if allowed:
        body = response.get_data(as_text=True)
        assert "nomor_registrasi" in body and "Wajib di SDP" in body and "client.registration_number" in body


def test_the_committed_mapping_document_is_what_the_mapping_generates(app):
    from pathlib import Path

    from app.sdp import doc

    committed = (Path(app.root_path).parent / doc.DOC_PATH).read_text(encoding="utf-8")
    assert committed == doc.markdown(), "run: flask sibika sdp-mapping"
    result = app.test_cli_runner().invoke(args=["sibika", "sdp-mapping", "--check"])
    assert result.exit_code == 0, result.output
