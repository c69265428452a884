"""A database that stops answering (restart, killed connection) mid-request: the
user gets 503 with Retry-After and a translated page or message, never the SQL
error's text, and nothing of the request is written. The measured version, a real
PostgreSQL restart under load, is bench/load_faults.py."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from models import ProgressEntry

pytestmark = pytest.mark.both_databases  # SQL behaviour: run on PostgreSQL as well

TODAY = date.today()
DOWN = "server closed the connection unexpectedly"


@pytest.fixture
def database_down(app, monkeypatch):
    """Every statement fails as a lost connection does (the driver's OperationalError,
    wrapped by SQLAlchemy), until the test ends."""
    from app.extensions import db

    dialect = db.engine.dialect

    def refuse(*_args, **_kw):
        raise dialect.loaded_dbapi.OperationalError(DOWN)

    def start():
        monkeypatch.setattr(dialect, "do_execute", refuse)
        monkeypatch.setattr(dialect, "do_execute_no_params", refuse)

    yield start
    monkeypatch.undo()
    db.session.rollback()


def test_a_page_answers_503_with_a_translated_page(as_user, database_down):
    browser = as_user("pk_a")
    assert browser.get("/beranda/").status_code == 200
    database_down()
    response = browser.get("/clientview/list/")
    body = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert "Basis data tidak menjawab" in body and DOWN not in body and "SELECT" not in body


def test_the_next_request_works_again(as_user, database_down, monkeypatch):
    browser = as_user("pk_a")
    database_down()
    assert browser.get("/clientview/list/").status_code == 503
    monkeypatch.undo()
    assert browser.get("/clientview/list/").status_code == 200


def test_a_save_that_fails_shows_our_message_and_writes_nothing(as_user, make_client, db_session, monkeypatch):
    client = make_client(pk="pk_a", status="aktif", handover=True, supervision_start=TODAY - timedelta(days=200),
                         supervision_expiry=TODAY + timedelta(days=300))
    browser = as_user("pk_a")
    real_commit = type(db_session()).commit

    def lost_connection(session):
        # The save's commit is lost; the next statement gets a fresh connection (pool_pre_ping),
        # so the form shown again can be audited as a read (app.platform.read_audit) and handed out.
        monkeypatch.setattr(type(db_session()), "commit", real_commit)
        raise OperationalError("INSERT INTO progress_entry ...", {}, Exception(DOWN))

    monkeypatch.setattr(type(db_session()), "commit", lost_connection)
    response = browser.post("/progressentryview/add", data={
        "client": str(client.id), "happened_on": TODAY.isoformat(), "kind": "konseling", "place": "Kantor Bapas",
        "programme_item": "", "attended": "y", "absence_reason": "", "what_happened": "Konseling",
        "result": "", "follow_up": ""}, follow_redirects=True)
    monkeypatch.setattr(type(db_session()), "commit", real_commit)
    body = response.get_data(as_text=True)
    assert "Basis data tidak menjawab. Tidak ada yang tersimpan" in body
    assert "INSERT" not in body and DOWN not in body
    db_session.expire_all()
    assert db_session.scalars(select(ProgressEntry).where(ProgressEntry.client_id == client.id)).all() == []


def test_the_api_answers_503_in_json(as_user, make_client, db_session, database_down, monkeypatch):
    client = make_client(pk="pk_a", status="aktif", handover=True)
    browser = as_user("pk_a")
    body = {"client": client.id, "happened_on": TODAY.isoformat(), "kind": "konseling", "what_happened": "Konseling"}

    def lost_connection(session):
        raise OperationalError("INSERT INTO progress_entry ...", {}, Exception(DOWN))

    real_commit = type(db_session()).commit
    monkeypatch.setattr(type(db_session()), "commit", lost_connection)
    saved = browser.api("POST", "/api/v1/progress_entry/", json=body)
    monkeypatch.setattr(type(db_session()), "commit", real_commit)
    assert saved.status_code == 503 and saved.headers["Retry-After"] == "5"
    assert "Tidak ada yang tersimpan" in str(saved.json["message"]) and DOWN not in saved.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.scalars(select(ProgressEntry).where(ProgressEntry.client_id == client.id)).all() == []
    database_down()
    listed = browser.api("GET", "/api/v1/progress_entry/")
    assert listed.status_code == 503 and "Tidak ada yang tersimpan" in listed.json["message"]



class _Session:
    """A scoped session whose close fails ``failures`` times as on a dead connection."""

    def __init__(self, failures: int, error: Exception):
        self.failures, self.error, self.removed, self.cleared = failures, error, 0, False
        self.registry = self

    def remove(self):
        self.removed += 1
        if self.failures:
            self.failures -= 1
            raise self.error

    def clear(self):
        self.cleared = True


LOST = OperationalError("ROLLBACK", {}, Exception("terminating connection due to administrator command"))


@pytest.mark.parametrize("failures,cleared", [(0, False), (1, False), (2, True)])
def test_ending_a_request_on_a_dead_connection_keeps_the_answer(failures, cleared):
    """Teardown rolls back on the dead connection; that failure must not replace the
    page already made (gunicorn sent a bare 500, seen under bench/load_faults.py)."""
    from app.platform.health import end_session

    session = _Session(failures, LOST)
    end_session(session)
    assert session.removed == min(failures + 1, 2) and session.cleared is cleared


def test_other_errors_at_the_end_of_a_request_are_not_hidden():
    from app.platform.health import end_session

    with pytest.raises(RuntimeError):
        end_session(_Session(1, RuntimeError("a bug")))


def test_a_read_that_cannot_be_audited_is_not_handed_out(as_user, make_client, db_session, monkeypatch):
    """app.platform.read_audit fails closed: when the read's audit row cannot be written, the
    client's page is replaced by the 503 page."""
    client = make_client(pk="pk_a", full_name="Tak Tercatat Namanya")
    browser = as_user("pk_a")

    def lost_connection(session):
        raise OperationalError("INSERT INTO audit_log ...", {}, Exception(DOWN))

    monkeypatch.setattr(type(db_session()), "commit", lost_connection)
    response = browser.get(f"/clientview/show/{client.id}")
    monkeypatch.undo()
    body = response.get_data(as_text=True)
    assert response.status_code == 503 and "Tak Tercatat" not in body and "INSERT" not in body
