from __future__ import annotations

from datetime import datetime

from flask_appbuilder import Model
from sqlalchemy import DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.client import Client
from models.staff import Staff


class RetentionProposal(Model):
    """A closed case proposed for anonymisation once its retention period has
    passed. Nothing is anonymised until the Kepala Bapas approves (app.clients.retention)."""

    __tablename__ = "retention_proposal"
    __audited__ = True
    __table_args__ = (Index("ix_retention_office_status", "office_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    client: Mapped[Client] = relationship(Client)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    status: Mapped[str] = mapped_column(String(20), default="diusulkan")  # diusulkan / disetujui / ditolak
    # None: proposed by the scheduled `flask sibika retention propose`.
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    proposed_by: Mapped[Staff | None] = relationship(Staff, foreign_keys=[proposed_by_id])
    proposed_at: Mapped[datetime] = mapped_column(DateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    decided_by: Mapped[Staff | None] = relationship(Staff, foreign_keys=[decided_by_id])
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
