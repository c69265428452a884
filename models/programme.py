"""Guidance programmes (program bimbingan) and the TPP sessions that decide them."""
from __future__ import annotations

from datetime import date, datetime

from flask_appbuilder import Model
from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, String, Table, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.platform.crypto import EncryptedText
from app.platform.dates import long_date
from models.choices import STAGE, label
from models.client import Client
from models.office import Office
from models.partner import Partner
from models.staff import Staff
from models.versioned import Versioned


class Programme(Versioned, Model):
    """The programme of one stage. Only a draft changes; a revision is a new version."""

    __tablename__ = "programme"
    __audited__ = True
    __table_args__ = (Index("ix_programme_client_stage", "client_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    client: Mapped[Client] = relationship(Client)
    stage: Mapped[str] = mapped_column(String(20))  # awal, lanjutan, akhir
    version_no: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id"))
    # Encrypted at rest (app.platform.crypto): what the programme says about the child.
    interests_talents: Mapped[str | None] = mapped_column(EncryptedText)
    notes: Mapped[str | None] = mapped_column(EncryptedText)
    tpp_note: Mapped[str | None] = mapped_column(EncryptedText)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    items: Mapped[list["ProgrammeItem"]] = relationship(back_populates="programme", cascade="all, delete-orphan",
                                                        order_by="ProgrammeItem.id")

    def __repr__(self) -> str:
        return f"{label(STAGE, self.stage)} (v{self.version_no})"


class ProgrammeItem(Versioned, Model):
    __tablename__ = "programme_item"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"), index=True)
    programme: Mapped[Programme] = relationship(back_populates="items")
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    client: Mapped[Client] = relationship(Client, viewonly=True)  # read side: the lists show whose item it is
    kind: Mapped[str] = mapped_column(String(20))  # kepribadian, kemandirian
    activity_kind: Mapped[str] = mapped_column(String(30))  # as progress entries: konseling, kunjungan_rumah, ...
    activity: Mapped[str] = mapped_column(EncryptedText)
    need: Mapped[str | None] = mapped_column(EncryptedText)
    target: Mapped[str | None] = mapped_column(EncryptedText)
    frequency: Mapped[str | None] = mapped_column(String(100))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"))
    partner: Mapped[Partner | None] = relationship(Partner)

    def __repr__(self) -> str:
        return self.activity[:60]


tpp_present = Table(
    "tpp_present",
    Model.metadata,
    Column("session_id", ForeignKey("tpp_session.id", ondelete="CASCADE"), primary_key=True),
    Column("staff_id", ForeignKey("ab_user.id"), primary_key=True),
)


class TppSession(Versioned, Model):
    """Sidang TPP: quorum is more than two thirds of the members."""

    __tablename__ = "tpp_session"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    office: Mapped[Office] = relationship(Office)
    held_on: Mapped[date] = mapped_column(Date)
    time_text: Mapped[str | None] = mapped_column(String(60))
    place: Mapped[str | None] = mapped_column(String(150))
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    chair: Mapped[Staff | None] = relationship(Staff, foreign_keys=[chair_id])
    secretary_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    secretary: Mapped[Staff | None] = relationship(Staff, foreign_keys=[secretary_id])
    members_total: Mapped[int] = mapped_column(Integer)
    present: Mapped[list[Staff]] = relationship(secondary=tpp_present)
    notes: Mapped[str | None] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"TPP {long_date(self.held_on)}"


class TppItem(Versioned, Model):
    """One matter on a session's agenda and its decision."""

    __tablename__ = "tpp_item"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("tpp_session.id", ondelete="CASCADE"), index=True)
    session: Mapped[TppSession] = relationship(TppSession)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    client: Mapped[Client] = relationship(Client)
    matter: Mapped[str] = mapped_column(String(30))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id"))
    programme: Mapped[Programme | None] = relationship(Programme)
    pk_recommendation: Mapped[str | None] = mapped_column(Text)
    decision: Mapped[str | None] = mapped_column(String(20))
    consensus: Mapped[bool | None] = mapped_column(Boolean)
    votes_for: Mapped[int | None] = mapped_column(Integer)
    votes_against: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
