"""Rules of the progress book, referrals and the final-stage classification."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import inspect, select

from app.errors import DomainError, Invalid, refuse
from app.guidance.consent import home_visits_allowed
from app.guidance.programme import APPROVED, approved_on
from app.platform.dates import long_date
from models import Assessment, Classification, Client, ProgressEntry
from models.choices import ClientStatus

REPORTING = "wajib_lapor"  # a duty from the first day: it carries out no programme and needs no approval

VERSIONED = ("happened_on", "kind", "place", "programme_item_id", "attended", "absence_reason", "what_happened",
             "result", "follow_up")


def check_entry(session, client: Client | None, happened_on: date | None, kind: str | None, attended: bool,
                absence_reason: str | None, programme_item, today: date) -> None:
    """An entry of the book: every problem at once, on its field (``Invalid``)."""
    out: dict[str, list[str]] = {}

    def add(field, message):
        out.setdefault(field, []).append(message)

    if client is not None and client.status != ClientStatus.AKTIF:
        add("client", _("The client is not under supervision now."))
    if happened_on and happened_on > today:
        add("happened_on", _("The date cannot be in the future."))
    elif client is not None and happened_on and client.supervision_start and happened_on < client.supervision_start:
        add("happened_on", _("The date is before the start of supervision."))
    if not attended and not (absence_reason or "").strip():
        add("attended", _("Write why the client did not attend."))
    if programme_item is not None and client is not None and programme_item.client_id != client.id:
        add("programme_item", _("The programme item belongs to another client."))
    elif programme_item is not None and kind != REPORTING:
        problem = programme_not_approved(session, programme_item, happened_on)
        if problem:
            add("programme_item", problem)
    if kind == "kunjungan_rumah" and client is not None and not home_visits_allowed(session, client.id,
                                                                                    happened_on):
        add("kind", _("A home visit needs the client's consent recorded on or before the day of the visit."))
    refuse(out)


def programme_not_approved(session, programme_item, happened_on: date | None) -> str | None:
    """An activity that carries out a programme item is accepted only once the TPP
    has approved that item's programme, and not dated before the approval."""
    programme = programme_item.programme
    if programme is None or programme.status not in APPROVED:
        return _("The programme of this item is not approved by the TPP yet: its activities wait for the approval.")
    decided_on = approved_on(session, programme.id)
    if decided_on is not None and happened_on is not None and happened_on < decided_on:
        return _("The activity is dated before the TPP approved its programme (%(date)s).",
                 date=long_date(decided_on))
    return None


def keep_original(session, entry: ProgressEntry) -> ProgressEntry | None:
    """Before an entry is changed, keep what it said as a superseded version.

    The row being edited stays the current version (its id is what others link
    to); the copy holds the earlier text, visible to the Kepala Bapas."""
    state = inspect(entry)
    changed = {key: state.attrs[key].history for key in VERSIONED if state.attrs[key].history.has_changes()}
    if not changed:
        return None
    old = {key: (changed[key].deleted[0] if key in changed and changed[key].deleted else getattr(entry, key))
           for key in VERSIONED}
    original = ProgressEntry(client_id=entry.client_id, office_id=entry.office_id, version_no=entry.version_no,
                             supersedes_id=entry.supersedes_id, superseded=True, written_by_id=entry.written_by_id,
                             written_at=entry.written_at, **old)
    session.add(original)
    session.flush()
    entry.supersedes_id = original.id
    entry.version_no = (entry.version_no or 1) + 1
    return original


def before_correction(session, entry: ProgressEntry, by_id: int | None) -> None:
    """A correction keeps the original; an original that was corrected stays as it is."""
    if entry.superseded:
        raise DomainError(_("An original that was corrected cannot change."))
    keep_original(session, entry)
    entry.written_by_id = by_id


def check_consent(recorded_on: date | None, today: date) -> None:
    """A consent dated in the future would outrank every real answer until then."""
    if recorded_on and recorded_on > today:
        raise Invalid({"recorded_on": [_("The date cannot be in the future.")]})


def check_referral(client, partner, referred_on: date | None, reported_on: date | None, today: date) -> None:
    out: dict[str, list[str]] = {}
    if client is not None and partner is not None and partner.office_id != client.office_id:
        out["partner"] = [_("The partner belongs to another office.")]
    if referred_on and referred_on > today:
        out["referred_on"] = [_("The date cannot be in the future.")]
    if reported_on and referred_on and reported_on < referred_on:
        out["reported_on"] = [_("The report back cannot be dated before the referral.")]
    refuse(out)


def check_classification(client, assessment: Assessment | None, session=None,
                         record_id: int | None = None) -> None:
    """From the client's finished final reassessment; one per client (a change is
    a correction of the one set, whose earlier version the audit keeps)."""
    if client is None:
        return
    out: dict[str, list[str]] = {}
    if assessment is not None and (assessment.client_id != client.id or assessment.kind != "reasesmen_akhir"
                                   or assessment.status != "final"):
        out["assessment"] = [_("Choose the client's finished final-stage reassessment.")]
    if session is not None and client.id is not None:
        taken = select(Classification.id).where(Classification.client_id == client.id)
        if record_id is not None:
            taken = taken.where(Classification.id != record_id)
        with session.no_autoflush:
            if session.scalar(taken) is not None:
                out["client"] = [_("The final-stage classification of this client is already set; correct it "
                                   "instead of adding a second one.")]
    refuse(out)
