"""Every change of an issued letter's standing: replace (ganti) and cancel (batalkan), and the
monthly batch that respects one live letter per matter. Screens and API call these; each raises
a translatable DomainError (``Invalid`` on the reason field) and writes nothing when it refuses.
The caller commits. Issuing itself is app.documents.issue (which asks app.documents.live)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from app import access
from app.documents import issue, live, transfer_letters
from app.errors import DomainError, Forbidden, Invalid
from models import Client, Complaint, GeneratedDocument, LitmasNarrative, TppSession
from models.choices import DocumentStatus
from models.document import matter_key

MAX_REASON = 1000


@dataclass(frozen=True)
class Issuing:
    """Who issues, where files go, the public verification address, and the letter's date."""

    by_id: int | None
    upload_dir: str
    verify_base: str
    issued_on: date


def _reason(text: str | None) -> str:
    reason = (text or "").strip()
    if not reason:
        raise Invalid({"alasan": [_("Give the reason: it is kept with the letter.")]})
    if len(reason) > MAX_REASON:
        raise Invalid({"alasan": [_("The reason may be at most %(n)d characters.", n=MAX_REASON)]})
    return reason


def _month(period: str) -> date:
    return date.fromisoformat(f"{period}-01")


def _reissue(session, old: GeneratedDocument, how: Issuing) -> GeneratedDocument:
    """The same kind of letter for the same matter, built again from today's records."""
    common = (how.by_id, how.upload_dir, how.verify_base, how.issued_on)
    client = old.client
    kinds = {
        "laporan_perkembangan": lambda: issue.issue_monthly_report(session, client, _month(old.period), *common),
        "kartu_bimbingan": lambda: issue.issue_client_card(session, client, *common),
        "kontrak_bimbingan": lambda: issue.issue_contract(session, client, *common),
        "litmas": lambda: _reissue_litmas(session, old, common),
        "berita_acara_pengakhiran": lambda: issue.issue_termination_record(session, client, *common),
        "berita_acara_serah_terima": lambda: issue.issue_handover_record(session, client, *common),
        "surat_keterangan_akhir": lambda: issue.issue_end_certificate(session, client, *common),
        "surat_jawaban_pengaduan": lambda: issue.issue_complaint_reply(
            session, session.get(Complaint, old.complaint_id), *common),
        "berita_acara_sidang_tpp": lambda: issue.issue_tpp_minutes(
            session, session.get(TppSession, old.tpp_session_id), *common),
        transfer_letters.COVER_TYPE: lambda: transfer_letters.reissue(session, old, common),
        transfer_letters.HANDOVER_TYPE: lambda: transfer_letters.reissue(session, old, common),
    }
    make = kinds.get(old.doc_type)
    if make is None:
        raise DomainError(_("This kind of letter cannot be issued again here."))
    return make()


def _reissue_litmas(session, old: GeneratedDocument, common: tuple) -> GeneratedDocument:
    """The same litmas again from the PK's narrative it was issued from (locked since), which then belongs
    to the new letter; changing the narrative's text is not a replacement."""
    narrative = session.scalar(select(LitmasNarrative).where(LitmasNarrative.document_id == old.id))
    if narrative is None:
        raise DomainError(_("This litmas has no narrative to issue again from; issue it from the litmas form."))
    new = issue.issue_litmas(session, old.client, narrative, *common)
    narrative.document_id = new.id
    return new


def _replace(session, old: GeneratedDocument, reason: str, how: Issuing) -> GeneratedDocument:
    live.retire(session, old, DocumentStatus.DIGANTI, reason, how.by_id)
    new = _reissue(session, old, how)
    if new.matter != old.matter:  # a builder that numbered a different month or event: never a replacement
        raise DomainError(_("The new letter would be about something else; nothing was replaced."))
    old.replaced_by_id = new.id
    session.flush()
    return new


def replace(session, document_id: int, reason: str | None, who: access.Principal, how: Issuing) -> GeneratedDocument:
    """Ganti: a new letter with a new number for the same matter; the earlier one becomes
    *diganti* (pointing at the new one) with the reason. Those who may issue it may replace it."""
    old = access.get(session, GeneratedDocument, document_id, who)
    reason = _reason(reason)
    return _replace(session, old, reason, how)


def may_cancel(who: access.Principal) -> bool:
    return who.is_kepala


def check_may_cancel(who: access.Principal) -> None:
    if not may_cancel(who):
        raise Forbidden(_("Only the Kepala Bapas may cancel a letter."))


def cancel(session, document_id: int, reason: str | None, who: access.Principal) -> GeneratedDocument:
    """Batalkan: a wrong letter is withdrawn by the Kepala Bapas (of its office), with the reason."""
    document = access.get(session, GeneratedDocument, document_id, who)
    check_may_cancel(who)
    live.retire(session, document, DocumentStatus.DIBATALKAN, _reason(reason), who.user_id)
    return document


@dataclass
class BatchResult:
    issued: list[GeneratedDocument] = field(default_factory=list)
    replaced: list[GeneratedDocument] = field(default_factory=list)
    skipped: dict[Client, GeneratedDocument] = field(default_factory=dict)  # already had a live letter
    refused: dict[Client, list[str]] = field(default_factory=dict)

    @property
    def documents(self) -> list[GeneratedDocument]:
        return self.issued + self.replaced


def check_reason(text: str | None) -> str:
    """The reason a replacement must carry (refused when empty or too long)."""
    return _reason(text)


def monthly_batch(session, clients, month: date, how: Issuing, replace_reason: str | None = None,
                  report=None) -> BatchResult:
    """Monthly reports of many clients. A client whose month already has a live report is skipped,
    unless ``replace_reason`` is given: then that report is replaced, with the reason.
    ``report(done, total, step)`` hears of each client (a background job's bar)."""
    reason = _reason(replace_reason) if replace_reason is not None else None
    result = BatchResult()
    for done, client in enumerate(clients):
        if report:
            report(done, len(clients), client.registration_number)
        matter = matter_key(issue.monthly_report.DOC_TYPE, client_id=client.id, period=f"{month:%Y-%m}")
        existing = live.live_letter(session, matter)
        if existing is not None and reason is None:
            result.skipped[client] = existing
            continue
        try:
            with session.begin_nested():
                if existing is None:
                    result.issued.append(issue.issue_monthly_report(session, client, month, how.by_id,
                                                                    how.upload_dir, how.verify_base, how.issued_on))
                else:
                    result.replaced.append(_replace(session, existing, reason, how))
        except DomainError as exc:
            result.refused[client] = exc.messages
    return result


def verification_base(public_url: str | None) -> str:
    """Where a letter's QR code and verification link point: the configured public address
    (SIBIKA_PUBLIC_URL), never the host the issuing user happened to type."""
    base = (public_url or "").strip().rstrip("/")
    if not base.startswith(("https://", "http://")):
        raise DomainError(_("The public address of SIBIKA (SIBIKA_PUBLIC_URL) is not set, so a letter cannot "
                            "carry its verification address; ask the Admin."))
    return f"{base}/verifikasi/"
