"""Assessment instruments (as data) and the assessments of clients."""
from __future__ import annotations

from datetime import date, datetime

from flask_appbuilder import Model
from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.platform.dates import long_date
from models.choices import ASSESSMENT_KIND, label
from models.client import Client
from models.staff import Staff
from models.versioned import Versioned


class Instrument(Model):
    """A risk or needs instrument: domains, items with scored options, cut-offs."""

    __tablename__ = "instrument"
    __table_args__ = (UniqueConstraint("name", "version", name="uq_instrument_name_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(150))
    version: Mapped[str] = mapped_column(String(30))
    kind: Mapped[str] = mapped_column(String(20))  # risiko, kebutuhan, risiko_kebutuhan
    valid_from: Mapped[date] = mapped_column(Date)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    loaded_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    domains: Mapped[list["InstrumentDomain"]] = relationship(
        back_populates="instrument", order_by="InstrumentDomain.position", cascade="all, delete-orphan")
    cutoffs: Mapped[list["CutOff"]] = relationship(order_by="CutOff.min_score", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"{self.name} {self.version}"


class InstrumentDomain(Model):
    __tablename__ = "instrument_domain"

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(ForeignKey("instrument.id", ondelete="CASCADE"), index=True)
    instrument: Mapped[Instrument] = relationship(back_populates="domains")
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(150))
    position: Mapped[int] = mapped_column(Integer)
    items: Mapped[list["InstrumentItem"]] = relationship(
        back_populates="domain", order_by="InstrumentItem.position", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return self.name


class InstrumentItem(Model):
    __tablename__ = "instrument_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("instrument_domain.id", ondelete="CASCADE"), index=True)
    domain: Mapped[InstrumentDomain] = relationship(back_populates="items")
    code: Mapped[str] = mapped_column(String(40))
    question: Mapped[str] = mapped_column(Text)
    protective: Mapped[bool] = mapped_column(Boolean, default=False)  # a protective factor lowers the total
    position: Mapped[int] = mapped_column(Integer)
    options: Mapped[list["ItemOption"]] = relationship(order_by="ItemOption.position", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return self.code


class ItemOption(Model):
    __tablename__ = "item_option"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("instrument_item.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(200))
    score: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)

    def __repr__(self) -> str:
        return self.label


class CutOff(Model):
    __tablename__ = "instrument_cutoff"

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(ForeignKey("instrument.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(20))  # rendah, sedang, tinggi
    min_score: Mapped[int] = mapped_column(Integer)
    max_score: Mapped[int] = mapped_column(Integer)


class Assessment(Versioned, Model):
    """One assessment of a client. Final ones are locked; a correction is a new
    version that points at the one it replaces, which stays readable."""

    __tablename__ = "assessment"
    __audited__ = True
    __table_args__ = (Index("ix_assessment_client_date", "client_id", "assessed_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    client: Mapped[Client] = relationship(Client)
    instrument_id: Mapped[int] = mapped_column(ForeignKey("instrument.id"))
    instrument: Mapped[Instrument] = relationship(Instrument)
    kind: Mapped[str] = mapped_column(String(20))  # awal, reasesmen_akhir, tahunan, insidental
    assessed_on: Mapped[date] = mapped_column(Date)
    assessor_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id"))
    assessor: Mapped[Staff] = relationship(Staff)
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_note: Mapped[str | None] = mapped_column(Text)
    needs: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft, final, replaced
    total_score: Mapped[int | None] = mapped_column(Integer)
    category: Mapped[str | None] = mapped_column(String(20))
    domain_scores: Mapped[str | None] = mapped_column(Text)  # JSON {domain code: score}
    finalised_at: Mapped[datetime | None] = mapped_column(DateTime)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id"))
    answers: Mapped[list["AssessmentAnswer"]] = relationship(cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"{label(ASSESSMENT_KIND, self.kind)}, {long_date(self.assessed_on)}"


class AssessmentAnswer(Model):
    __tablename__ = "assessment_answer"
    __table_args__ = (UniqueConstraint("assessment_id", "item_id", name="uq_answer_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("instrument_item.id"))
    option_id: Mapped[int] = mapped_column(ForeignKey("item_option.id"))
