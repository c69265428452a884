"""Every write of the progress book, consent to home visits, referrals and the
final-stage classification: scope → permission → check → run.

Screens and API call the same function; each raises a translatable DomainError
(``Invalid`` where a form field can show it). The caller commits."""
from __future__ import annotations

from datetime import date

from app import access
from app.documents import attachments
from app.guidance import progress
from models import Attachment, Classification, Consent, ProgressEntry, Referral

HOME_VISIT = "kunjungan_rumah"


def check_entry(session, entry: ProgressEntry, today: date) -> None:
    with session.no_autoflush:  # the entry being written may not be flushed before it is checked
        progress.check_entry(session, entry.client, entry.happened_on, entry.kind, entry.attended,
                             entry.absence_reason, entry.programme_item, today)


def record_entry(session, entry: ProgressEntry, who: access.Principal, today: date,
                 fixed_client_id: int | None = None) -> None:
    """A new entry of a supervised client's book, by the user (for ``fixed_client_id``
    only when the form was opened from that client's file)."""
    access.require_fixed_client(entry.client, fixed_client_id)
    access.require_supervised(entry.client, who)
    check_entry(session, entry, today)
    entry.office_id = entry.client.office_id
    entry.written_by_id = who.user_id


def correct_entry(session, entry: ProgressEntry, who: access.Principal, today: date) -> None:
    """A correction: the original is kept as a superseded version (app.guidance.progress)."""
    access.require_supervised(entry.client, who)
    check_entry(session, entry, today)
    progress.before_correction(session, entry, who.user_id)


def record_consent(session, consent: Consent, who: access.Principal, today: date,
                   fixed_client_id: int | None = None) -> None:
    """A new answer about home visits is a new record; the latest decides."""
    access.require_fixed_client(consent.client, fixed_client_id)
    access.require_supervised(consent.client, who)
    progress.check_consent(consent.recorded_on, today)
    consent.subject = HOME_VISIT
    consent.recorded_by_id = who.user_id


def save_referral(session, referral: Referral, who: access.Principal, today: date,
                  fixed_client_id: int | None = None) -> None:
    access.require_fixed_client(referral.client, fixed_client_id)
    access.require_supervised(referral.client, who)
    progress.check_referral(referral.client, referral.partner, referral.referred_on, referral.reported_on, today)


def check_classification(session, classification: Classification, who: access.Principal) -> None:
    access.require_supervised(classification.client, who)
    progress.check_classification(classification.client, classification.assessment, session, classification.id)


def set_classification(session, classification: Classification, who: access.Principal,
                       fixed_client_id: int | None = None) -> None:
    """The final-stage classification, set by the user from a finished reassessment."""
    access.require_fixed_client(classification.client, fixed_client_id)
    check_classification(session, classification, who)
    classification.set_by_id = who.user_id


def attach(session, entry_id: int, filename: str, data: bytes, upload_dir: str, who: access.Principal) -> Attachment:
    """A scan or photo of an activity: checked (kind, size), stored outside the database
    with its checksum, linked to the entry of a supervised client."""
    entry = access.get(session, ProgressEntry, entry_id, who)
    checked = attachments.check(filename, data)  # images re-encoded: what is stored is the checked copy
    stored, digest = attachments.store(upload_dir, checked)
    found = Attachment(entry_id=entry.id, client_id=entry.client_id, original_name=(filename or "")[:200],
                       stored_name=stored, mime=checked.mime, size=len(checked.data), sha256=digest,
                       uploaded_by_id=who.user_id)
    session.add(found)
    return found
