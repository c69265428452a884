"""One live letter per matter: the check before a number is taken, the guard at the insert, and
the step that takes a letter out of force (diganti, dibatalkan).

The database holds the rule too (unique partial index ``uq_document_live_matter``): of two
issuers at once, the second one's insert fails and is told the same as if it had checked later."""
from __future__ import annotations

from datetime import datetime, timezone

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.documents.formatting import tanggal
from app.errors import DomainError
from models import GeneratedDocument
from models.choices import LIVE_DOCUMENT, DocumentStatus


def live_letter(session, matter: str) -> GeneratedDocument | None:
    return session.scalars(select(GeneratedDocument).where(GeneratedDocument.matter == matter,
                                                           GeneratedDocument.status.in_(LIVE_DOCUMENT))).first()


def already_live(document: GeneratedDocument) -> DomainError:
    return DomainError(_("A valid letter for this already exists: number %(number)s of %(date)s. Issuing again "
                         "needs an explicit replacement: use “Replace” in the document archive and give the "
                         "reason.", number=document.letter_number, date=tanggal(document.generated_at.date())))


def check_free(session, matter: str) -> None:
    """Refuse before a letter number is used up when the matter already has a live letter."""
    found = live_letter(session, matter)
    if found is not None:
        raise already_live(found)


def insert(session, document: GeneratedDocument) -> None:
    """Add the new letter; a live letter of the same matter committed meanwhile refuses it."""
    try:
        with session.begin_nested():
            session.add(document)
            session.flush()
    except IntegrityError:
        found = live_letter(session, document.matter)
        if found is None:
            raise
        raise already_live(found) from None


def retire(session, document: GeneratedDocument, status: DocumentStatus, reason: str, by_id: int | None) -> None:
    """Take a live letter out of force. The conditional UPDATE is the guard (two people replacing or
    cancelling the same letter at once: one of them finds it no longer live); the ORM change after
    it is what the audit trail records."""
    taken = session.execute(
        update(GeneratedDocument)
        .where(GeneratedDocument.id == document.id, GeneratedDocument.status.in_(LIVE_DOCUMENT))
        .values(status=status).execution_options(synchronize_session=False))
    if taken.rowcount != 1:
        session.refresh(document)
        raise DomainError(_("Letter %(number)s is no longer valid (%(status)s); nothing was changed.",
                            number=document.letter_number, status=DocumentStatus(document.status).label))
    document.status = status
    document.status_reason = reason
    document.status_changed_by_id = by_id
    document.status_changed_at = datetime.now(timezone.utc).replace(tzinfo=None)
    session.flush()
