"""Flask-Mailman's backend for a machine without SMTP: each message as an .eml file in OUTBOX_DIR
(MAIL_BACKEND = "app.jobs.outbox"; Flask-Mailman looks for the class named EmailBackend)."""
from __future__ import annotations

import time
from itertools import count
from pathlib import Path

from flask import current_app
from flask_mailman.backends.base import BaseEmailBackend

_serial = count(1)


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        folder = Path(current_app.config["OUTBOX_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for msg in email_messages:
            (folder / f"{stamp}-{next(_serial):05d}.eml").write_bytes(msg.message().as_bytes())
        return len(email_messages)
