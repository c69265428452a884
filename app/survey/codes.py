"""One-time survey codes, printed on a monthly report or a card.

Hook for the letters: ``code_for_document(session, document)`` gives the code of an issued letter (the
same code every time the letter is printed again) and ``code.code`` is what the letter prints, with the
survey's address ``/survei/<office code>/?kode=<code>``. A code names neither the child nor the letter on
the public side; it only lets one answer count as coming from that kind of service, once."""
from __future__ import annotations

import secrets
from datetime import datetime, timezone

from sqlalchemy import select

from models import GeneratedDocument, SurveyCode

# Crockford's base32: no I, L, O, U, so a code read from paper is typed right.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP_LENGTH = 2, 5  # 50 random bits: SKM-XXXXX-XXXXX
PREFIX = "SKM-"
TYPED_AS = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def new_code() -> str:
    groups = ("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS))
    return PREFIX + "-".join(groups)


def normalise(typed: str | None) -> str:
    """What a person typed, as stored: case, spaces, dashes and look-alike letters forgiven."""
    raw = "".join(c for c in (typed or "").upper() if c.isalnum())
    if raw.startswith("SKM"):
        raw = raw[3:]
    raw = raw.translate(TYPED_AS)
    if len(raw) != GROUPS * GROUP_LENGTH:
        return ""
    return PREFIX + "-".join(raw[i:i + GROUP_LENGTH] for i in range(0, len(raw), GROUP_LENGTH))


def issue(session, office_id: int, service: str, document_id: int | None = None) -> SurveyCode:
    code = SurveyCode(office_id=office_id, code=new_code(), service=service, document_id=document_id,
                      issued_at=datetime.now(timezone.utc).replace(tzinfo=None))
    session.add(code)
    session.flush()
    return code


def code_for_document(session, document: GeneratedDocument) -> SurveyCode:
    """The code printed on this letter: made the first time, the same one afterwards."""
    found = session.scalars(select(SurveyCode).where(SurveyCode.document_id == document.id)).first()
    return found or issue(session, document.office_id, document.doc_type, document.id)
