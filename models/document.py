"""Generated documents (the archive) and their letter numbers."""
from __future__ import annotations

from datetime import datetime

from flask_appbuilder import Model
from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

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


class GeneratedDocument(Model):
    """A document as issued: kept byte for byte, with its checksum and the token
    its verification page answers to."""

    __tablename__ = "generated_document"
    __audited__ = True
    __table_args__ = (Index("ix_document_client_type", "client_id", "doc_type"),)

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
    generated_by: Mapped[Staff | None] = relationship(Staff)
    generated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    stored_name: Mapped[str] = mapped_column(String(80))
    sha256: Mapped[str] = mapped_column(String(64))
    token: Mapped[str] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft, ditandatangani
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
