"""Every write of a litmas: scope → permission → check → run.

The screen (and any API) calls these; each raises a translatable DomainError and
writes nothing when it refuses. The caller commits.

* Only the assigned PK, the Kepala Bapas of the office and Admin read or write a
  litmas (it holds the child's history): anyone else gets the same 404 as for a
  client who does not exist.
* A draft is saved as often as the PK likes, empty parts and all.
* Issuing refuses while a required part is empty, naming every one of them.
* Once issued the text is the letter's: a save or a second issue is refused.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from app import access
from app.documents import issue as documents
from app.errors import DomainError, Invalid, NotFoundOrForbidden
from app.litmas import parts
from app.platform import locking
from models import Client, GeneratedDocument, LitmasNarrative
from models.choices import UNDER_SUPERVISION

FINAL_STAGE = "akhir"


def client_for_litmas(session, client_id, who: access.Principal) -> Client:
    """The client whose litmas this user may read and write, else a 404."""
    client = access.get(session, Client, client_id, who)
    if not access.can_see_confidential(client, who):
        raise NotFoundOrForbidden()
    return client


def narrative_of(session, client: Client, stage: str = FINAL_STAGE) -> LitmasNarrative | None:
    """The narrative of a client already checked by ``client_for_litmas``."""
    return session.scalars(select(LitmasNarrative).where(LitmasNarrative.client_id == client.id,
                                                         LitmasNarrative.stage == stage)).first()


def open_litmas(session, client_id, who: access.Principal,
                stage: str = FINAL_STAGE) -> tuple[Client, LitmasNarrative | None]:
    client = client_for_litmas(session, client_id, who)
    return client, narrative_of(session, client, stage)


def require_open(narrative: LitmasNarrative | None) -> None:
    """The one lock: an issued litmas does not change."""
    if narrative is not None and narrative.document_id is not None:
        number = narrative.document.letter_number if narrative.document else ""
        raise DomainError(_("The litmas was issued (Nomor %(number)s); its text can no longer be changed.",
                            number=number))


def save_draft(session, client_id, values: dict, who: access.Principal, version=None,
               stage: str = FINAL_STAGE) -> LitmasNarrative:
    """Store what the PK wrote so far; only the known parts are taken from ``values``."""
    client, narrative = open_litmas(session, client_id, who, stage)
    require_open(narrative)
    if client.status not in UNDER_SUPERVISION:
        raise DomainError(_("The client is not under supervision now."))
    too_long = {code: [_("At most %(n)d characters.", n=parts.MAX_LENGTH)] for code in parts.CODES
                if len(values.get(code) or "") > parts.MAX_LENGTH}
    if too_long:
        raise Invalid(too_long)
    if narrative is None:
        narrative = LitmasNarrative(client_id=client.id, stage=stage)
        session.add(narrative)
    else:
        locking.check(session, narrative, version)
    for code in parts.CODES:
        if code in values:
            setattr(narrative, code, parts.text_of(values[code]) or None)
    narrative.updated_by_id = who.user_id
    session.flush()
    return narrative


def empty_messages(narrative: LitmasNarrative | None) -> list[str]:
    """What stops the issue, one message per empty required part, under its heading."""
    empty = parts.empty_parts(narrative) if narrative is not None else [p for p in parts.PARTS if p.required]
    if not empty:
        return []
    return [_("The litmas cannot be issued while parts of it are empty:")] + [
        f"{part.heading} — {part.label}" for part in empty]


def issue(session, client_id, who: access.Principal, upload_dir: str, verify_base: str, issued_on: date,
          stage: str = FINAL_STAGE) -> GeneratedDocument:
    """Issue the litmas from the records and the narrative, then lock the narrative."""
    client, narrative = open_litmas(session, client_id, who, stage)
    require_open(narrative)
    empty = empty_messages(narrative)
    if empty:
        raise DomainError(*empty)
    document = documents.issue_litmas(session, client, narrative, who.user_id, upload_dir, verify_base, issued_on)
    narrative.document_id, narrative.issued_on = document.id, issued_on
    session.flush()
    return document
