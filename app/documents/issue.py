"""Issuing a document: check, number, render, archive, verify."""
from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, timezone
from pathlib import Path

from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_babel.speaklater import LazyString
from sqlalchemy import select

from app.documents import (
    berita_acara,
    client_card,
    contract,
    end_certificate,
    handover_record,
    letterhead,
    litmas,
    live,
    monthly_report,
    numbering,
    office_letters,
    render,
    templates,
    termination_record,
)
from app.errors import DomainError
from app.supervision.lifecycle import gates
from models import Client, GateRecord, GeneratedDocument
from models.choices import DocumentStatus, Stage
from models.document import matter_key

QR_MM = {client_card.DOC_TYPE: 14}  # the card is 54 mm high; a letter's QR is 22 mm


def _store(upload_dir: str, data: bytes) -> str:
    folder = Path(upload_dir) / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    name = secrets.token_hex(16) + ".docx"
    (folder / name).write_bytes(data)
    return name


def built(build, *args) -> tuple[dict, list[str]]:
    """The one place a letter's context is built: (context, missing).

    A letter is always Indonesian, whatever the issuing user's screen language: the context is
    built under the Indonesian locale. What is missing is told to the user in their own language:
    built once more, in that language, only when something is missing (a refusal, not a letter)."""
    with force_locale("id"):
        context, missing = build(*args)
        context = _resolved(context)
    if missing and str(get_locale()) != "id":
        return build(*args)
    return context, missing


def _resolved(value):
    """Lazy translations (labels of code lists) turned into text while the Indonesian locale holds,
    so the template does not translate them later in the screen's language."""
    if isinstance(value, dict):
        return {key: _resolved(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_resolved(item) for item in value]
    if isinstance(value, LazyString):
        return str(value)
    return value


def path_of(upload_dir: str, document: GeneratedDocument) -> Path:
    return Path(upload_dir) / "documents" / Path(document.stored_name).name


def _issue(session, client: Client, kind, context: dict, missing: list[str], period: str | None, by_id: int | None,
           upload_dir: str, verify_base: str, issued_on: date, images: dict | None = None) -> GeneratedDocument:
    return _issue_for(session, client.office, {"client_id": client.id}, kind.DOC_TYPE, context,
                      missing, period, by_id, upload_dir, verify_base, issued_on, images)


def _issue_for(session, office, links: dict, doc_type: str, context: dict, missing: list[str],
               period: str | None, by_id: int | None, upload_dir: str, verify_base: str,
               issued_on: date, images: dict | None = None) -> GeneratedDocument:
    """Check, number, render, store and archive one document of an office (linked to a client,
    a complaint or a TPP session)."""
    if missing:
        raise DomainError(*missing)
    matter = matter_key(doc_type, period=period, **links)
    live.check_free(session, matter)
    token = secrets.token_urlsafe(18)
    number = numbering.next_number(session, office, doc_type, issued_on.year)
    address = f"{verify_base}{token}"
    path = templates.active_path(session, doc_type, upload_dir)
    data = render.render(path, {**context, "nomor": number, "verifikasi": address},
                         {**letterhead.images(office, upload_dir), **(images or {}),
                          "qr": (render.qr_png(address), QR_MM.get(doc_type, 22))}, paper=office.paper_size)
    document = GeneratedDocument(office_id=office.id, doc_type=doc_type, period=period, letter_number=number,
                                 **links, template_version=render.template_version(path), generated_by_id=by_id,
                                 generated_at=datetime.now(timezone.utc).replace(tzinfo=None),
                                 stored_name=_store(upload_dir, data), sha256=hashlib.sha256(data).hexdigest(),
                                 token=token, matter=matter, status=DocumentStatus.BERLAKU)
    live.insert(session, document)
    return document


def issue_monthly_report(session, client, month: date, by_id, upload_dir, verify_base, issued_on: date):
    context, missing = built(monthly_report.build, session, client, month, issued_on)
    return _issue(session, client, monthly_report, context, missing, f"{month:%Y-%m}", by_id, upload_dir,
                  verify_base, issued_on)


def issue_handover_record(session, client, by_id, upload_dir, verify_base, issued_on: date):
    context, missing = built(handover_record.build, session, client, issued_on)
    return _issue(session, client, handover_record, context, missing, None, by_id, upload_dir, verify_base,
                  berita_acara.numbered_on(handover_record.event_day(session, client), issued_on))


def issue_client_card(session, client, by_id, upload_dir, verify_base, issued_on: date):
    context, missing = built(client_card.build, session, client, issued_on)
    photo = client_card.photo_bytes(client, upload_dir)
    if photo is None:
        missing.append(client_card.NO_PHOTO())
    return _issue(session, client, client_card, context, missing, None, by_id, upload_dir, verify_base, issued_on,
                  {"foto": (photo, client_card.PHOTO_MM)} if photo else None)


def issue_contract(session, client, by_id, upload_dir, verify_base, issued_on: date):
    context, missing = built(contract.build, session, client, issued_on)
    return _issue(session, client, contract, context, missing, None, by_id, upload_dir, verify_base, issued_on)


def issue_termination_record(session, client, by_id, upload_dir, verify_base, issued_on: date):
    context, missing = built(termination_record.build, session, client, issued_on)
    return _issue(session, client, termination_record, context, missing, None, by_id, upload_dir, verify_base,
                  berita_acara.numbered_on(termination_record.event_day(session, client), issued_on))


def issue_litmas(session, client, narrative, by_id, upload_dir, verify_base, issued_on: date):
    """The litmas of the final stage is the termination document the end of supervision waits for
    (the end-of-supervision certificate states the end, so it comes after it). Called by
    app.litmas.commands.issue, which checks and then locks the PK's narrative."""
    context, missing = built(litmas.build, session, client, narrative, issued_on)
    document = _issue(session, client, litmas, context, missing, None, by_id, upload_dir, verify_base, issued_on)
    if client.stage == Stage.AKHIR and not session.scalar(select(GateRecord.id).where(
            GateRecord.client_id == client.id, GateRecord.gate == gates.TERMINATION_DOCUMENTS)):
        session.add(GateRecord(client_id=client.id, gate=gates.TERMINATION_DOCUMENTS, met_on=issued_on,
                               reference=document.letter_number, recorded_by_id=by_id))
    return document


def issue_end_certificate(session, client, by_id, upload_dir, verify_base, issued_on: date):
    """Only after the end is recorded, once per supervision (end_certificate.build says why not)."""
    context, missing = built(end_certificate.build, session, client, issued_on)
    return _issue(session, client, end_certificate, context, missing, None, by_id, upload_dir, verify_base,
                  issued_on)


def attach_signed_scan(document: GeneratedDocument, name: str, data: bytes, upload_dir: str) -> None:
    """The scan of the signed paper: a valid (berlaku) letter becomes ditandatangani."""
    from app.documents import attachments

    if document.status == DocumentStatus.DITANDATANGANI:
        raise DomainError(_("The signed scan of this document is already stored."))
    if document.status != DocumentStatus.BERLAKU:
        raise DomainError(_("This letter was replaced or cancelled: a signed scan is stored only for a valid "
                            "letter."))
    checked = attachments.check(name, data)
    document.signed_mime = checked.mime
    document.signed_name, document.signed_sha256 = attachments.store(upload_dir, checked)
    document.status = DocumentStatus.DITANDATANGANI


def issue_complaint_reply(session, complaint, by_id, upload_dir, verify_base, issued_on: date):
    context, missing = built(office_letters.complaint_reply, complaint, issued_on)
    return _issue_for(session, complaint.office, {"complaint_id": complaint.id},
                      office_letters.REPLY_TYPE, context, missing, None, by_id, upload_dir, verify_base, issued_on)


def issue_tpp_minutes(session, tpp_session, by_id, upload_dir, verify_base, issued_on: date):
    context, missing = built(office_letters.tpp_minutes, session, tpp_session, issued_on)
    return _issue_for(session, tpp_session.office, {"tpp_session_id": tpp_session.id},
                      office_letters.MINUTES_TYPE, context, missing,
                      f"{tpp_session.held_on:%Y-%m-%d}", by_id, upload_dir, verify_base,
                      berita_acara.numbered_on(tpp_session.held_on, issued_on))
