"""The daily digest by e-mail: through a real SMTP server on loopback (aiosmtpd), or into the outbox
without one. Subjects carry counts, never a name; each PK's body names only their own clients; the
Kepala's names the office's; every mail is a recorded read; one run per day."""
from __future__ import annotations

from datetime import date, timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from app.jobs import digest, mail
from models import AuditLog, Staff
from tests.conftest import free_port
from tests.factories import active_client

ON = date.today()


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp(app):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    saved = {key: app.config.get(key) for key in ("MAIL_BACKEND", "MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS",
                                                  "MAIL_USE_SSL", "MAIL_USERNAME", "MAIL_PASSWORD")}
    app.config.update(mail.smtp_settings(f"smtp://127.0.0.1:{port}"))
    mail.mail.init_app(app)
    try:
        yield inbox
    finally:
        controller.stop()
        app.config.update(saved)
        mail.mail.init_app(app)


def _by_recipient(inbox) -> dict[str, object]:
    return {m["To"]: m for m in inbox.messages}


def test_each_pk_gets_their_own_clients_and_the_kepala_the_office(app, db_session, world, make_client, smtp):
    mine = active_client(make_client, full_name="Praba Wicaksana", pk="pk_a")
    theirs = active_client(make_client, full_name="Sekar Ayuningtyas", pk="pk_a2")
    elsewhere = active_client(make_client, full_name="Dimas Anggara", office="b", pk="pk_b")
    sent = digest.send_all(on=ON, once=False)
    got = _by_recipient(smtp)
    assert sent == len(smtp.messages) >= 3
    pk_mail, pk2_mail, kepala_mail = got["pk_a@example.test"], got["pk_a2@example.test"], got["kepala@example.test"]
    for msg in smtp.messages:
        subject = msg["Subject"]
        assert subject.startswith("SIBIKA ") and "terlambat" in subject and "jatuh tempo minggu ini" in subject
        for name in ("Praba", "Sekar", "Dimas", "Wicaksana"):
            assert name not in subject
    body = pk_mail.get_content()
    assert "Praba Wicaksana" in body and "Sekar" not in body and "Dimas" not in body
    assert "Sekar Ayuningtyas" in pk2_mail.get_content() and "Praba" not in pk2_mail.get_content()
    office = kepala_mail.get_content()
    assert "Praba Wicaksana" in office and "Sekar Ayuningtyas" in office and "Dimas" not in office
    assert "Dimas Anggara" in got["kepala_b@example.test"].get_content()
    assert "jangan diteruskan" in body  # Indonesian, and says it is confidential
    # Each mail is a read of the children it names, by its recipient.
    reads = db_session.scalars(select(AuditLog).where(AuditLog.action == "view",
                                                      AuditLog.changes.contains("daily_digest"))).all()
    seen = {(row.user_id, row.client_id) for row in reads}
    assert (world.users["pk_a"], mine.id) in seen and (world.users["kepala"], theirs.id) in seen
    assert (world.users["pk_a"], theirs.id) not in seen and (world.users["kepala_b"], elsewhere.id) in seen


def test_one_digest_a_day_whoever_runs_it(app, db_session, make_client, smtp):
    active_client(make_client, full_name="Praba Wicaksana")
    day = ON + timedelta(days=4000)  # a day no other test marks
    first = digest.send_all(on=day)
    assert first > 0 and digest.send_all(on=day) == 0
    assert len(smtp.messages) == first


def test_without_smtp_the_messages_wait_in_the_outbox(app, db_session, make_client, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "OUTBOX_DIR", str(tmp_path))
    active_client(make_client, full_name="Praba Wicaksana")
    sent = digest.send_all(on=ON, once=False)
    files = sorted(tmp_path.glob("*.eml"))
    assert sent == len(files) > 0
    first = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert first["Subject"].startswith("SIBIKA ") and "Praba" not in first["Subject"]


def test_nobody_without_an_address_or_anything_due_gets_mail(app, db_session, world, smtp):
    pk = db_session.get(Staff, world.users["pk_a2"])
    pk.email = ""
    db_session.commit()
    digest.send_all(on=ON, once=False)
    assert "pk_a2@example.test" not in _by_recipient(smtp)
    assert all(m["To"] for m in smtp.messages)


def test_smtp_urls_are_read_plainly():
    assert mail.smtp_settings("smtps://u%40x:p%3Aw@mail.example:2465")["MAIL_USERNAME"] == "u@x"
    settings = mail.smtp_settings("smtp://mail.example?starttls=1")
    assert settings["MAIL_PORT"] == 25 and settings["MAIL_USE_TLS"] and not settings["MAIL_USE_SSL"]
    with pytest.raises(ValueError):
        mail.smtp_settings("http://mail.example")
