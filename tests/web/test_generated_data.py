"""The benchmark data generator (app/demo/generator/generate.py, `flask sibika generate`):
what it writes obeys the rules the screens and commands enforce, the pages
render on it, and the benchmark's statement-count checks pass on it (a small
smoke run of bench/run.py; times are never asserted)."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.conftest import fresh_app

PASSWORD = "Bench-Sandi-2026!"
TODAY = date.today()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def generated(request, tmp_path_factory):
    """A fresh database per backend (a copy of the migrated template), filled through the CLI command with a
    few clients; dropped afterwards."""
    with fresh_app(request.param, tmp_path_factory.mktemp(f"generated_{request.param}")) as app:
        result = app.test_cli_runner().invoke(args=["sibika", "generate", "--scale", "small", "--clients", "60",
                                                    "--password", PASSWORD])
        assert result.exit_code == 0, result.output
        assert "Generated (small, seed 2026)" in result.output
        yield app, result.output


@pytest.fixture
def gen_app(generated):
    app = generated[0]
    with app.app_context():
        yield app
        from app.extensions import db

        db.session.rollback()


def _clients(status=None):
    from app.extensions import db
    from models import Client

    query = select(Client).order_by(Client.id)
    if status:
        query = query.where(Client.status == status)
    return db.session.scalars(query).all()


def test_every_status_is_generated_and_printed(generated, gen_app):
    statuses = {c.status for c in _clients()}
    assert {"aktif", "selesai", "terdaftar"} <= statuses
    assert "client" in generated[1] and "progress_entry" in generated[1]


def test_registration_data_passes_the_forms_rules(gen_app):
    """The checks of the client form (age at the offence, dates in order, unique numbers)."""
    from app.clients import rules as clients
    from app.extensions import db

    for client in _clients():
        facts = clients.ClientFacts(client.office_id, client.registration_number, client.birth_date,
                                    client.offence_date, client.nik, client.supervision_start,
                                    client.supervision_expiry, client.decision_date, client.id)
        assert clients.problems(db.session, facts, TODAY) == {}, client.registration_number


def test_stage_dates_and_books_follow_the_stage_engine(gen_app):
    """The current stage began on the date app.supervision.stages computes; open planned lines are
    the plan's dates; a struck line names the line that replaced it."""
    from app.extensions import db
    from app.supervision.lifecycle import books
    from app.supervision.stages import Stage, plan
    from models import BookEntry, PKAssignment

    for client in _clients("aktif"):
        stage_plan = plan(client.supervision_start, client.supervision_expiry)
        assert client.stage_started_on == stage_plan.starts(Stage(client.stage))
        open_planned = {(e.event, e.entry_date) for e in books.open_entries(db.session, client.id, kind=books.PLANNED)}
        order = [Stage.AWAL, Stage.LANJUTAN, Stage.AKHIR]
        # "mulai" writes the whole plan and the actual start of awal without striking awal's planned line
        # (starting lanjutan strikes both): a client still in awal keeps it open, as the real command leaves it.
        current = Stage(client.stage)
        expected = {(s.value, stage_plan.starts(s))
                    for s in order[order.index(current) + (0 if current is Stage.AWAL else 1):]}
        assert open_planned == expected | {(books.EXPIRY, client.supervision_expiry)}
        open_assignment = db.session.scalars(select(PKAssignment).where(
            PKAssignment.client_id == client.id, PKAssignment.end_date.is_(None))).one()
        assert open_assignment.pk_id == client.current_pk_id
    struck = db.session.scalars(select(BookEntry).where(BookEntry.superseded_at.is_not(None))).all()
    assert struck
    for entry in struck:
        assert db.session.get(BookEntry, entry.superseded_by_id).client_id == entry.client_id


def test_each_transition_had_its_gate(gen_app):
    from app.extensions import db
    from app.supervision.lifecycle import gates
    from models import GateRecord, Termination

    def met(client_id):
        return set(db.session.scalars(select(GateRecord.gate).where(GateRecord.client_id == client_id)))

    for client in _clients("aktif"):
        needed = {gates.TPP_PROGRAMME["awal"]}
        if client.stage in ("lanjutan", "akhir"):
            needed.add(gates.TPP_PROGRAMME["lanjutan"])
        if client.stage == "akhir":
            needed |= {gates.TPP_PROGRAMME["akhir"], gates.REASSESSMENT_FINAL}
        assert needed <= met(client.id)
    for client in _clients("selesai"):
        assert client.stage == "akhir"
        assert {gates.TPP_FINAL_EVALUATION, gates.TERMINATION_DOCUMENTS} <= met(client.id)
        termination = db.session.scalars(select(Termination).where(Termination.client_id == client.id)).one()
        assert termination.reason == "selesai" and termination.end_date == client.supervision_expiry


def test_progress_entries_pass_the_progress_books_rules(gen_app):
    """As the PK would have written them: attendance explained, home visits only after consent."""
    from app.guidance import progress
    from app.extensions import db
    from models import ProgressEntry

    for client in _clients("aktif")[:10]:
        entries = db.session.scalars(select(ProgressEntry).where(ProgressEntry.client_id == client.id)).all()
        assert entries
        for entry in entries:
            progress.check_entry(db.session, client, entry.happened_on, entry.kind, entry.attended,
                                 entry.absence_reason, entry.programme_item, TODAY)  # raises on a problem


def test_sensitive_notes_are_stored_encrypted_and_readable(gen_app):
    """COPY (PostgreSQL) bypasses the column types: the generator encrypts those values
    itself. Before it did, every screen showing a programme item answered 500 there."""
    from app.platform import crypto
    from app.extensions import db
    from flask_appbuilder import Model
    from sqlalchemy import text

    stored = 0
    for table, columns in crypto.encrypted_columns(Model.metadata).items():
        for column in columns:
            values = db.session.execute(text(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL")).scalars()
            for value in values:
                assert crypto.is_token(value), f"{table}.{column} holds plain text"
                crypto.decrypt(value)
                stored += 1
    assert stored  # the generator writes programme items, so there is something to check


def test_new_numbers_and_rows_do_not_collide_with_generated_ones(gen_app):
    """Counters and (on PostgreSQL) id sequences were moved past the generated rows."""
    from app.clients import next_number
    from app.documents import numbering
    from app.extensions import db
    from models import Client, GeneratedDocument, Guardian, Office

    office = db.session.scalars(select(Office).where(Office.code == "GEN-001")).one()
    year = db.session.scalar(select(func.max(func.extract("year", Client.supervision_start))))
    number = next_number.next_number(db.session, office, int(year))
    assert db.session.scalar(select(Client.id).where(Client.office_id == office.id,
                                                     Client.registration_number == number)) is None
    issued = db.session.scalar(select(GeneratedDocument).where(GeneratedDocument.office_id == office.id).limit(1))
    letter = numbering.next_number(db.session, office, issued.doc_type, issued.generated_at.year)
    assert db.session.scalar(select(GeneratedDocument.id).where(GeneratedDocument.letter_number == letter)) is None
    guardian = Guardian(client_id=_clients()[0].id, relation="wali", name="Wali Baru")
    db.session.add(guardian)
    db.session.flush()
    assert guardian.id > 0


def test_generating_twice_is_refused(generated):
    app = generated[0]
    result = app.test_cli_runner().invoke(args=["sibika", "generate", "--clients", "5"])
    assert result.exit_code != 0
    assert "generated data already" in result.output


@pytest.mark.parametrize("user", ["o01.kepala", "o01.pk01"])
def test_the_screens_render_on_generated_data(generated, user):
    app = generated[0]
    browser = app.test_client()
    assert browser.post("/login/", data={"username": user, "password": PASSWORD}).status_code == 302
    with app.app_context():
        from app.extensions import db
        from models import Client, Staff

        me = db.session.scalars(select(Staff).where(Staff.username == user)).one()
        client_id = db.session.scalar(select(Client.id).where(Client.office_id == me.office_id,
                                                              Client.status == "aktif")
                                      .where((Client.current_pk_id == me.id) | (me.username == "o01.kepala"))
                                      .order_by(Client.id).limit(1))
    month = f"{TODAY:%Y-%m}"
    for url in ["/beranda/", "/clientview/list/", "/clientview/list/?_flt_3_status=aktif", f"/clientview/show/{client_id}",
                f"/bimbingan/{client_id}", "/progressentryview/list/", f"/progressentryview/list/?_flt_0_client={client_id}",
                "/jatuh-tempo/", f"/register/buku/tahapan?bulan={month}", "/register/klaper?huruf=A",
                "/assessmentview/list/", "/programmeview/list/", "/apellogview/list/",
                "/generateddocumentview/list/"]:
        assert browser.get(url).status_code == 200, url


def test_statement_counts_do_not_grow_with_page_size_or_caseload(generated):
    """The smoke run of bench/run.py's checks (statement counts only, no times)."""
    from app.extensions import db
    from bench import harness, run

    app = generated[0]
    with app.app_context():
        picked = run._pick(app)
        engine = db.engine
    picked["dashboard"] = "/beranda/"
    counter = harness.StatementCounter(engine)
    try:
        assert run.invariance_checks(app, picked, counter) == []
    finally:
        counter.close()
