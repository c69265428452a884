"""Complaints (pengaduan): the public's channel and the four-step handling."""
from __future__ import annotations

from datetime import date, datetime

from flask_appbuilder import Model
from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.client import Client
from models.office import Office
from models.staff import Staff
from models.versioned import Versioned


class ComplaintCategory(Versioned, Model):
    """A kind of complaint and its response time in working days (2, 5, 14, up to 60)."""

    __tablename__ = "complaint_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    response_days: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def __repr__(self) -> str:
        return self.name


class Holiday(Versioned, Model):
    """A public holiday or collective leave day (the Admin keeps this table)."""

    __tablename__ = "holiday"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    name: Mapped[str] = mapped_column(String(150))


class Complaint(Model):
    __tablename__ = "complaint"
    __audited__ = True
    __table_args__ = (Index("ix_complaint_office_status", "office_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    office: Mapped[Office] = relationship(Office)
    tracking_number: Mapped[str] = mapped_column(String(40), unique=True)
    channel: Mapped[str] = mapped_column(String(20))
    category_id: Mapped[int] = mapped_column(ForeignKey("complaint_category.id"))
    category: Mapped[ComplaintCategory] = relationship(ComplaintCategory)
    text: Mapped[str] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(String(150))
    contact: Mapped[str | None] = mapped_column(String(150))
    consent_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    received_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(30), default="diterima", index=True)
    public_reply: Mapped[str | None] = mapped_column(Text)
    concerns_pk_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    concerns_pk: Mapped[Staff | None] = relationship(Staff, foreign_keys=[concerns_pk_id])
    concerns_client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id"))
    concerns_client: Mapped[Client | None] = relationship(Client)
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"), index=True)
    assigned_to: Mapped[Staff | None] = relationship(Staff, foreign_keys=[assigned_to_id])
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    attachment_name: Mapped[str | None] = mapped_column(String(80))
    attachment_mime: Mapped[str | None] = mapped_column(String(60))
    attachment_sha256: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    steps: Mapped[list["ComplaintStep"]] = relationship(back_populates="complaint", order_by="ComplaintStep.id")

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return self.tracking_number


class ComplaintStep(Model):
    """One step of the handling, kept for the timeline (never changed)."""

    __tablename__ = "complaint_step"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id", ondelete="CASCADE"), index=True)
    complaint: Mapped[Complaint] = relationship(back_populates="steps")
    status: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime] = mapped_column(DateTime)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    by: Mapped[Staff | None] = relationship(Staff, foreign_keys=[by_id])
    text: Mapped[str | None] = mapped_column(Text)
    action_kind: Mapped[str | None] = mapped_column(String(30))
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
