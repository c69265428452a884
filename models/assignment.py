from __future__ import annotations

from datetime import date

from flask_appbuilder import Model
from sqlalchemy import Date, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.client import Client
from models.staff import Staff


class PKAssignment(Model):
    """Who supervised a client when. An open row (no end date) is the current PK."""

    __tablename__ = "pk_assignment"
    __audited__ = True
    __table_args__ = (Index("ix_pk_assignment_client_start", "client_id", "start_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    client: Mapped[Client] = relationship(Client)
    pk_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id"), index=True)
    pk: Mapped[Staff] = relationship(Staff, foreign_keys=[pk_id])
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    assigned_by: Mapped[Staff | None] = relationship(Staff, foreign_keys=[assigned_by_id])
