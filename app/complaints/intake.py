"""Receiving a complaint: from the public form or registered by the complaints unit."""
from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timezone

from flask_babel import gettext as _
from sqlalchemy import select

from app.complaints.deadlines import add_working_days
from app.documents import attachments
from app.errors import DomainError, Invalid
from models import Complaint, ComplaintCategory, ComplaintStep, Holiday, Office

CHANNELS = ("web", "langsung", "telepon", "surat", "sms_wa", "email")
MAX_TEXT = 5000
MAX_FIELD = 150
ATTACHMENT_BYTES = 2 * 1024 * 1024


def tracking_number() -> str:
    """80 random bits as ADU-XXXX-XXXX-XXXX-XXXX (base32, no look-alike padding)."""
    raw = base64.b32encode(secrets.token_bytes(10)).decode()
    return "ADU-" + "-".join(raw[i:i + 4] for i in range(0, 16, 4))


@dataclass
class Submission:
    office_id: int | None
    category_id: int | None
    text: str | None
    channel: str = "web"
    name: str | None = None
    contact: str | None = None
    consent_contact: bool = False
    attachment: tuple[str, bytes] | None = None  # (file name, content)
    recorded_by_id: int | None = None


def problems(session, s: Submission) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if s.office_id is None or session.get(Office, s.office_id) is None:
        out["office"] = [_("Choose the Bapas office the complaint is for.")]
    text = (s.text or "").strip()
    if not text:
        out["text"] = [_("Write what the complaint is about.")]
    elif len(text) > MAX_TEXT:
        out["text"] = [_("The text is longer than %(n)d characters.", n=MAX_TEXT)]
    for field in ("name", "contact"):
        if len((getattr(s, field) or "").strip()) > MAX_FIELD:
            out[field] = [_("At most %(n)d characters.", n=MAX_FIELD)]
    category = session.get(ComplaintCategory, s.category_id) if s.category_id else None
    if category is None or not category.active:
        out["category"] = [_("Choose a category.")]
    if s.channel not in CHANNELS:
        out["channel"] = [_("Choose the channel the complaint came through.")]
    if s.consent_contact and not (s.contact or "").strip():
        out["contact"] = [_("Give a contact if you agree to be contacted.")]
    if s.attachment:
        try:
            attachments.check(s.attachment[0], s.attachment[1], ATTACHMENT_BYTES)
        except DomainError as exc:
            out["attachment"] = exc.messages
    return out


def receive(session, s: Submission, upload_dir: str, today: date | None = None) -> Complaint:
    found = problems(session, s)
    if found:
        raise Invalid(found)
    today = today or date.today()
    category = session.get(ComplaintCategory, s.category_id)
    holidays = set(session.scalars(select(Holiday.day).where(Holiday.day >= today)))
    complaint = Complaint(office_id=s.office_id, tracking_number=tracking_number(), channel=s.channel,
                          category_id=category.id, text=s.text.strip(), name=(s.name or "").strip() or None,
                          contact=(s.contact or "").strip() or None, consent_contact=s.consent_contact,
                          due_on=add_working_days(today, category.response_days, holidays), status="diterima",
                          recorded_by_id=s.recorded_by_id, received_at=datetime.now(timezone.utc).replace(tzinfo=None))
    if s.attachment:
        name, data = s.attachment
        checked = attachments.check(name, data, ATTACHMENT_BYTES)
        complaint.attachment_mime = checked.mime
        complaint.attachment_name, complaint.attachment_sha256 = attachments.store(upload_dir, checked)
    session.add(complaint)
    session.flush()
    session.add(ComplaintStep(complaint_id=complaint.id, status="diterima", at=complaint.received_at,
                              by_id=s.recorded_by_id, text=None))
    return complaint


def register(session, complaint: Complaint, by_id: int | None, today: date) -> None:
    """A complaint the unit typed in (from another channel than the web form), checked
    by ``problems``: numbered, given its due date, and its first step recorded."""
    holidays = set(session.scalars(select(Holiday.day).where(Holiday.day >= today)))
    complaint.tracking_number = tracking_number()
    complaint.due_on = add_working_days(today, complaint.category.response_days, holidays)
    complaint.status = "diterima"
    complaint.recorded_by_id = by_id
    complaint.text = complaint.text.strip()
    complaint.received_at = datetime.now(timezone.utc).replace(tzinfo=None)
    session.add(complaint)
    session.flush()
    session.add(ComplaintStep(complaint_id=complaint.id, status="diterima", at=complaint.received_at, by_id=by_id))


def ensure_defaults(session) -> None:
    from app.complaints.deadlines import DEFAULT_CATEGORIES

    known = set(session.scalars(select(ComplaintCategory.code)))
    for code, name, days in DEFAULT_CATEGORIES:
        if code not in known:
            session.add(ComplaintCategory(code=code, name=name, response_days=days, active=True))
    session.commit()


def seed_holidays(session, year: int) -> int:
    """Copy Indonesia's public holidays of a year from the `holidays` package into
    the table the Admin maintains (the table stays the source of truth)."""
    import holidays as holiday_data

    known = set(session.scalars(select(Holiday.day)))
    added = 0
    for day, name in sorted(holiday_data.country_holidays("ID", years=year, language="id").items()):
        if day not in known:
            session.add(Holiday(day=day, name=name))
            added += 1
    session.commit()
    return added
