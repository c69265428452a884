"""The litmas (penelitian kemasyarakatan) of a stage: the parts the PK writes.

What the records already hold (identity, parents, the case, the programme and its
activities, the assessments) is read from them when the letter is issued; this
record keeps only the PK's own text. Encrypted at rest, audited as a child's
identity is (every read and change), locked once the litmas is issued."""
from __future__ import annotations

from datetime import date, datetime

from flask_appbuilder import Model
from sqlalchemy import Date, DateTime, ForeignKey, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.platform.crypto import EncryptedText
from models.client import Client
from models.document import GeneratedDocument
from models.versioned import Versioned

# The PK's parts, in the order the letter prints them (app.litmas.parts names and labels them).
NARRATIVE_COLUMNS = (
    "ethnicity", "occupation", "guarantee",
    "basis", "purpose", "method",
    "childhood", "schooling", "health", "behaviour", "relations", "interests",
    "chronology", "motive", "victim",
    "response_client", "response_family", "response_community", "response_victim",
    "analysis", "conclusion", "recommendation",
)


class LitmasNarrative(Versioned, Model):
    __tablename__ = "litmas_narrative"
    __audited__ = True
    __audit_redacted__ = NARRATIVE_COLUMNS
    __table_args__ = (UniqueConstraint("client_id", "stage", name="uq_litmas_client_stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    client: Mapped[Client] = relationship(Client)
    stage: Mapped[str] = mapped_column(String(20), default="akhir")

    ethnicity: Mapped[str | None] = mapped_column(EncryptedText)
    occupation: Mapped[str | None] = mapped_column(EncryptedText)
    guarantee: Mapped[str | None] = mapped_column(EncryptedText)
    basis: Mapped[str | None] = mapped_column(EncryptedText)
    purpose: Mapped[str | None] = mapped_column(EncryptedText)
    method: Mapped[str | None] = mapped_column(EncryptedText)
    childhood: Mapped[str | None] = mapped_column(EncryptedText)
    schooling: Mapped[str | None] = mapped_column(EncryptedText)
    health: Mapped[str | None] = mapped_column(EncryptedText)
    behaviour: Mapped[str | None] = mapped_column(EncryptedText)
    relations: Mapped[str | None] = mapped_column(EncryptedText)
    interests: Mapped[str | None] = mapped_column(EncryptedText)
    chronology: Mapped[str | None] = mapped_column(EncryptedText)
    motive: Mapped[str | None] = mapped_column(EncryptedText)
    victim: Mapped[str | None] = mapped_column(EncryptedText)
    response_client: Mapped[str | None] = mapped_column(EncryptedText)
    response_family: Mapped[str | None] = mapped_column(EncryptedText)
    response_community: Mapped[str | None] = mapped_column(EncryptedText)
    response_victim: Mapped[str | None] = mapped_column(EncryptedText)
    analysis: Mapped[str | None] = mapped_column(EncryptedText)
    conclusion: Mapped[str | None] = mapped_column(EncryptedText)
    recommendation: Mapped[str | None] = mapped_column(EncryptedText)

    # Set when the litmas is issued: from then on the text is the letter's and does not change.
    document_id: Mapped[int | None] = mapped_column(ForeignKey("generated_document.id"))
    document: Mapped[GeneratedDocument | None] = relationship(GeneratedDocument)
    issued_on: Mapped[date | None] = mapped_column(Date)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now(), onupdate=func.now())

    def __repr__(self) -> str:
        return f"Litmas {self.stage}"
