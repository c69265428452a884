"""Generated documents (the archive) and their letter numbers."""
from __future__ import annotations

from datetime import datetime

from flask_appbuilder import Model
from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.choices import LIVE_DOCUMENT, DocumentStatus
from models.client import Client
from models.office import Office
from models.staff import Staff
from models.versioned import Versioned


class LetterCounter(Model):
    """Last number used per office, document type and year (locked while taken)."""

    __tablename__ = "letter_counter"

    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(40), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class LetterPattern(Versioned, Model):
    """An office's numbering pattern for one document type, e.g.
    ``W.13.PAS.PAS.10-PK.01.05.02-{seq}/{year}``."""

    __tablename__ = "letter_pattern"

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    office: Mapped[Office] = relationship(Office)
    doc_type: Mapped[str] = mapped_column(String(40))
    pattern: Mapped[str] = mapped_column(String(120))


LIVE_WHERE = "status IN ({})".format(", ".join(f"'{code}'" for code in LIVE_DOCUMENT))


def matter_key(doc_type: str, client_id: int | None = None, complaint_id: int | None = None,
               tpp_session_id: int | None = None, period: str | None = None) -> str:
    """What a letter is about: its kind, whom or what it concerns, and the month or event it is for.
    Of one matter at most one letter is live; issuing again is a replacement."""
    if client_id is not None:
        about = f"klien:{client_id}"
    elif complaint_id is not None:
        about = f"pengaduan:{complaint_id}"
    elif tpp_session_id is not None:
        about = f"tpp:{tpp_session_id}"
    else:
        about = "-"
    return f"{doc_type}|{about}|{period or '-'}"


def _matter_of_insert(context) -> str:
    row = context.get_current_parameters()
    return matter_key(row["doc_type"], row.get("client_id"), row.get("complaint_id"), row.get("tpp_session_id"),
                      row.get("period"))


class GeneratedDocument(Model):
    """A document as issued: kept byte for byte, with its checksum and the token
    its verification page answers to."""

    __tablename__ = "generated_document"
    __audited__ = True
    __table_args__ = (
        Index("ix_document_client_type", "client_id", "doc_type"),
        # One live letter per matter, held by the database itself: two issuers at once cannot both win.
        Index("uq_document_live_matter", "matter", unique=True,
              sqlite_where=text(LIVE_WHERE), postgresql_where=text(LIVE_WHERE)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    office: Mapped[Office] = relationship(Office)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    client: Mapped[Client | None] = relationship(Client)
    # A letter about a complaint or a TPP session rather than one client:
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaint.id", ondelete="CASCADE"), index=True)
    tpp_session_id: Mapped[int | None] = mapped_column(ForeignKey("tpp_session.id", ondelete="CASCADE"), index=True)
    doc_type: Mapped[str] = mapped_column(String(40))
    period: Mapped[str | None] = mapped_column(String(40))
    letter_number: Mapped[str] = mapped_column(String(120), unique=True)
    template_version: Mapped[str] = mapped_column(String(64))
    generated_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    generated_by: Mapped[Staff | None] = relationship(Staff, foreign_keys=[generated_by_id])
    generated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    stored_name: Mapped[str] = mapped_column(String(80))
    sha256: Mapped[str] = mapped_column(String(64))
    token: Mapped[str] = mapped_column(String(40), unique=True)
    # What the letter is about (app.documents.matters.key): doc type, client/complaint/session, period.
    matter: Mapped[str] = mapped_column(String(120), default=_matter_of_insert)
    status: Mapped[str] = mapped_column(String(20), default=DocumentStatus.BERLAKU)  # models.choices.DocumentStatus
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("generated_document.id"))
    replaced_by: Mapped[GeneratedDocument | None] = relationship(remote_side="GeneratedDocument.id")
    # Why it was replaced or cancelled, by whom, when (free text: the audit trail keeps only that it changed).
    status_reason: Mapped[str | None] = mapped_column(Text)
    status_changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    status_changed_at: Mapped[datetime | None] = mapped_column(DateTime)
    signed_name: Mapped[str | None] = mapped_column(String(80))
    signed_mime: Mapped[str | None] = mapped_column(String(60))
    signed_sha256: Mapped[str | None] = mapped_column(String(64))

    def __repr__(self) -> str:
        return self.letter_number


class DocumentTemplate(Model):
    """A template version uploaded by an Admin; the newest active one of a type is used,
    the shipped file in doc_templates/ when there is none. Earlier versions are kept."""

    __tablename__ = "document_template"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(40), index=True)
    original_name: Mapped[str] = mapped_column(String(200))
    stored_name: Mapped[str] = mapped_column(String(80))
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    uploaded_by: Mapped[Staff | None] = relationship(Staff)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    active: Mapped[bool] = mapped_column(default=True)
    # Why the start-up re-check took this version out of use (None: never refused); shown on the list.
    refused_reason: Mapped[str | None] = mapped_column(String(1000))
