"""The product's e-mail through Flask-Mailman: over SMTP when SIBIKA_SMTP_URL is set, else written as
.eml files to instance/outbox/ (a machine without a mail server loses nothing and shows what would go)."""
from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from flask import Flask
from flask_mailman import EmailMessage, Mail

mail = Mail()


def smtp_settings(url: str) -> dict:
    """smtp://user:password@host:port, smtps://… for TLS from the start, ?starttls=1 for STARTTLS."""
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"}:
        raise ValueError("SIBIKA_SMTP_URL must start with smtp:// or smtps://")
    return {"MAIL_BACKEND": "smtp", "MAIL_SERVER": parts.hostname or "127.0.0.1",
            "MAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 25),
            "MAIL_USERNAME": unquote(parts.username) if parts.username else None,
            "MAIL_PASSWORD": unquote(parts.password) if parts.password else None,
            "MAIL_USE_SSL": parts.scheme == "smtps",
            "MAIL_USE_TLS": parse_qs(parts.query).get("starttls") == ["1"], "MAIL_TIMEOUT": 30}


def init_app(app: Flask) -> None:
    url = app.config.get("SIBIKA_SMTP_URL")
    settings = smtp_settings(url) if url else {"MAIL_BACKEND": "app.jobs.outbox"}
    for key, value in settings.items():
        app.config.setdefault(key, value)
    app.config.setdefault("MAIL_DEFAULT_SENDER", app.config["MAIL_FROM"])
    mail.init_app(app)


def send(messages: list[tuple[str, str, str]]) -> int:
    """(to, subject, body) each, over one connection; the number sent."""
    if not messages:
        return 0
    with mail.get_connection() as connection:
        return connection.send_messages([EmailMessage(subject, body, to=[to], connection=connection)
                                         for to, subject, body in messages])
