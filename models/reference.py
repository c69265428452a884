from __future__ import annotations

from flask_appbuilder import Model
from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.versioned import Versioned


class SupervisionKind(Versioned, Model):
    """Legal basis of supervision (jenis bimbingan): PB, CB, CMB, asimilasi, ..."""

    __tablename__ = "supervision_kind"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def __repr__(self) -> str:
        return self.name


class HandoverDocumentType(Versioned, Model):
    """A document that may be handed over with a client (checklist item)."""

    __tablename__ = "handover_document_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), unique=True)
    required: Mapped[bool] = mapped_column(Boolean, default=False)

    def __repr__(self) -> str:
        return self.name
