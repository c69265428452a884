"""Retention: a closed case's identity is anonymised once the retention period
(RETENTION_YEARS, default 5) has passed since the end of supervision.

Two steps, never one: a proposal lists the cases due (made on the screen or by
`flask sibika retention propose`), and only the Kepala Bapas of the office
approves it. Anonymising replaces the child's name, NIK, address, place of
birth, guardians, photo, confidential matters and every free-text note with
neutral values and deletes the stored letters and scans (they carry the name);
what statistics need stays: sex, birth year, kind of supervision, dates,
stages, statuses, counts of records. Every change is audit-logged (values of
identity never are, see app.platform.audit).
"""
from __future__ import annotations

import os
from datetime import date, datetime, timezone

from flask_appbuilder import Model
from flask_babel import gettext as _
from sqlalchemy import Text, and_, exists, inspect, select
from sqlalchemy.orm import Session

from app.platform import roles
from app.access import Principal, office_clause
from app.errors import DomainError, Forbidden
from models import (Attachment, Client, ClientConfidential, GeneratedDocument, Guardian, LitmasNarrative,
                    RetentionProposal, Termination)
from models.litmas import NARRATIVE_COLUMNS

DEFAULT_YEARS = 5
CLOSED = ("selesai", "dicabut", "dipindahkan", "meninggal", "diakhiri_awal")
PROPOSED, APPROVED, REJECTED = "diusulkan", "disetujui", "ditolak"
NEUTRAL = "[dianonimkan]"
# Free text that is a number, not words about the child: statistics keep it.
KEPT_TEXT = {("assessment", "domain_scores")}


def cutoff(today: date, years: int) -> date:
    """The last end-of-supervision date whose retention period has passed by ``today``."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def due_clause(today: date, years: int):
    open_proposal = exists().where(RetentionProposal.client_id == Client.id,
                                   RetentionProposal.status == PROPOSED)
    return and_(Client.status.in_(CLOSED), Client.anonymised_at.is_(None), ~open_proposal,
                Client.id.in_(select(Termination.client_id).where(Termination.end_date <= cutoff(today, years))))


def due(session: Session, who: Principal, today: date, years: int) -> list[Client]:
    """Closed cases of the user's office (all offices for Admin) past their retention period."""
    return list(session.scalars(select(Client).where(due_clause(today, years), office_clause(Client.office_id, who))
                                .order_by(Client.office_id, Client.id)))


def propose(session: Session, who: Principal, today: date, years: int, now: datetime | None = None) -> int:
    """Step one: list the cases due for the Kepala Bapas to decide. Nothing changes in them."""
    now = now or _now()
    found = due(session, who, today, years)
    for client in found:
        session.add(RetentionProposal(client_id=client.id, office_id=client.office_id, status=PROPOSED,
                                      proposed_by_id=who.user_id, proposed_at=now))
    return len(found)


def pending(session: Session, who: Principal) -> list[RetentionProposal]:
    return list(session.scalars(select(RetentionProposal).where(
        RetentionProposal.status == PROPOSED, office_clause(RetentionProposal.office_id, who))
        .order_by(RetentionProposal.id)))


def _decidable(session: Session, who: Principal, proposal_ids: list[int]) -> list[RetentionProposal]:
    if not proposal_ids:
        raise DomainError(_("Choose at least one proposed case."))
    if roles.KEPALA not in who.role_names:
        raise Forbidden(_("Only the Kepala Bapas approves an anonymisation."))
    found = list(session.scalars(select(RetentionProposal).where(
        RetentionProposal.id.in_(proposal_ids), RetentionProposal.office_id == who.office_id)))
    if len(found) != len(set(proposal_ids)):
        raise DomainError(_("A chosen proposal is not one of your office's."))
    if any(p.status != PROPOSED for p in found):
        raise DomainError(_("A chosen proposal was decided already."))
    return found


def approve(session: Session, who: Principal, proposal_ids: list[int], upload_dir: str, today: date,
            years: int, now: datetime | None = None) -> int:
    """Step two: the Kepala Bapas approves; each case is checked again, then anonymised."""
    now = now or _now()
    proposals = _decidable(session, who, proposal_ids)
    limit = cutoff(today, years)
    for proposal in proposals:
        client = proposal.client
        ended = session.scalar(select(Termination.end_date).where(Termination.client_id == client.id))
        if client.status not in CLOSED or client.anonymised_at is not None or ended is None or ended > limit:
            raise DomainError(_("%(number)s is no longer due for anonymisation; nothing was changed.",
                                number=client.registration_number))
    for proposal in proposals:
        anonymise(session, proposal.client, upload_dir, now)
        proposal.status, proposal.decided_by_id, proposal.decided_at = APPROVED, who.user_id, now
    return len(proposals)


def reject(session: Session, who: Principal, proposal_ids: list[int], now: datetime | None = None) -> int:
    now = now or _now()
    proposals = _decidable(session, who, proposal_ids)
    for proposal in proposals:
        proposal.status, proposal.decided_by_id, proposal.decided_at = REJECTED, who.user_id, now
    return len(proposals)


def anonymise(session: Session, client: Client, upload_dir: str, now: datetime) -> list[str]:
    """Replace one client's identity with neutral values; return the stored files removed."""
    client.full_name = f"Klien anonim {client.id}"  # stored data, the same in every language
    client.alias = client.nik = client.birth_place = client.address = None
    client.decision_number = None  # a court register number leads straight back to the child
    client.sentence = NEUTRAL if client.sentence else None
    client.birth_date = date(client.birth_date.year, 1, 1)  # the birth year is a statistic
    removed = []
    if client.photo:
        removed.append(os.path.join("photos", os.path.basename(client.photo)))
        client.photo = None
    for guardian in session.scalars(select(Guardian).where(Guardian.client_id == client.id)):
        guardian.name = NEUTRAL
        guardian.occupation = guardian.address = guardian.phone = guardian.birth_date = guardian.religion = None
    for confidential in session.scalars(select(ClientConfidential).where(ClientConfidential.client_id == client.id)):
        confidential.health = confidential.household = confidential.safety = confidential.programme_notes = None
    for narrative in session.scalars(select(LitmasNarrative).where(LitmasNarrative.client_id == client.id)):
        for column in NARRATIVE_COLUMNS:  # the child's history in the PK's words
            setattr(narrative, column, None)
    for model in _client_linked_models():
        _neutralise_text(session, model, client.id)
    for document in session.scalars(select(GeneratedDocument).where(GeneratedDocument.client_id == client.id)):
        removed += [os.path.join("documents", os.path.basename(n)) for n in (document.stored_name, document.signed_name)
                    if n]
    for attachment in session.scalars(select(Attachment).where(Attachment.client_id == client.id)):
        removed.append(os.path.join("attachments", os.path.basename(attachment.stored_name)))
        attachment.original_name = NEUTRAL
    client.anonymised_at = now
    session.flush()
    # Files go last: a refusal above leaves them where they were.
    for relative in removed:
        path = os.path.join(upload_dir, relative)
        if os.path.exists(path):
            os.remove(path)
    return removed


def _client_linked_models() -> list[type]:
    found = []
    for mapper in Model.registry.mappers:
        cls = mapper.class_
        if cls is not Client and "client_id" in mapper.columns and mapper.local_table.name != "audit_log":
            found.append(cls)
    return found


def _neutralise_text(session: Session, model, client_id: int) -> None:
    columns = [a.key for a in inspect(model).column_attrs
               if isinstance(a.columns[0].type, Text) and (model.__tablename__, a.key) not in KEPT_TEXT]
    if not columns:
        return
    for row in session.scalars(select(model).where(model.client_id == client_id)):
        for key in columns:
            if getattr(row, key) is not None:
                setattr(row, key, NEUTRAL)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
