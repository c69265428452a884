from __future__ import annotations

from datetime import date

from flask_appbuilder import Model
from sqlalchemy import Column, Date, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.client import Client
from models.reference import HandoverDocumentType
from models.staff import Staff
from models.versioned import Versioned

handover_document = Table(
    "handover_document",
    Model.metadata,
    Column("handover_id", ForeignKey("handover.id", ondelete="CASCADE"), primary_key=True),
    Column("document_type_id", ForeignKey("handover_document_type.id"), primary_key=True),
)


class Handover(Versioned, Model):
    """Berita Acara Serah Terima klien: the record that lets a supervision start."""

    __tablename__ = "handover"
    __audited__ = True
    # The Kepala's monthly flow reads an office's handovers by office and date (migrations 0025, 0029).
    __table_args__ = (Index("ix_handover_client_date", "client_id", "handover_date"),
                      Index("ix_handover_office_date", "office_id", "handover_date"))

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    client: Mapped[Client] = relationship(Client)
    handover_date: Mapped[date] = mapped_column(Date)
    # The office the child was handed over to, written by the database on insert (migration 0029) and kept
    # when the client is later transferred: the handover happened there.
    office_id: Mapped[int | None] = mapped_column(ForeignKey("office.id"))
    handing_party: Mapped[str] = mapped_column(String(200))
    handing_officer: Mapped[str] = mapped_column(String(150))
    handing_officer_nip: Mapped[str | None] = mapped_column(String(18))
    receiving_officer_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id"))
    receiving_officer: Mapped[Staff] = relationship(Staff)
    documents: Mapped[list[HandoverDocumentType]] = relationship(secondary=handover_document)
    notes: Mapped[str | None] = mapped_column(Text)
