"""The progress book (buku perkembangan bimbingan), consent to home visits,
attachments, referrals to partners and the final-stage classification."""
from __future__ import annotations

from datetime import date, datetime

from flask_appbuilder import Model
from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.platform.dates import long_date
from models.assessment import Assessment
from models.choices import ACTIVITY_KIND, label
from models.client import Client
from models.partner import Partner
from models.programme import ProgrammeItem
from models.staff import Staff
from models.versioned import Versioned


class ProgressEntry(Versioned, Model):
    """One guidance activity. A correction is a new version; the original stays."""

    __tablename__ = "progress_entry"
    __audited__ = True
    __table_args__ = (Index("ix_progress_client_date", "client_id", "happened_on"),
                      Index("ix_progress_office_date", "office_id", "happened_on"))

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    client: Mapped[Client] = relationship(Client)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    happened_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(30))
    place: Mapped[str | None] = mapped_column(String(200))
    programme_item_id: Mapped[int | None] = mapped_column(ForeignKey("programme_item.id"))
    programme_item: Mapped[ProgrammeItem | None] = relationship(ProgrammeItem)
    attended: Mapped[bool] = mapped_column(Boolean, default=True)
    absence_reason: Mapped[str | None] = mapped_column(Text)
    what_happened: Mapped[str] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)
    follow_up: Mapped[str | None] = mapped_column(Text)
    version_no: Mapped[int] = mapped_column(Integer, default=1)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("progress_entry.id"))
    superseded: Mapped[bool] = mapped_column(Boolean, default=False)
    written_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    written_by: Mapped[Staff | None] = relationship(Staff)
    written_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    attachments: Mapped[list["Attachment"]] = relationship(back_populates="entry")

    def __repr__(self) -> str:
        return f"{label(ACTIVITY_KIND, self.kind)}, {long_date(self.happened_on)}"


class Attachment(Model):
    """A scan or photo of an activity, stored outside the database with its checksum."""

    __tablename__ = "attachment"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("progress_entry.id", ondelete="CASCADE"), index=True)
    entry: Mapped[ProgressEntry] = relationship(back_populates="attachments")
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    original_name: Mapped[str] = mapped_column(String(200))
    stored_name: Mapped[str] = mapped_column(String(80))
    mime: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class Consent(Model):
    """Consent (or its refusal) of the client and guardian to home visits."""

    __tablename__ = "consent"
    __audited__ = True
    __table_args__ = (Index("ix_consent_client_date", "client_id", "recorded_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    client: Mapped[Client] = relationship(Client)
    subject: Mapped[str] = mapped_column(String(30), default="kunjungan_rumah")
    given: Mapped[bool] = mapped_column(Boolean)
    by_client: Mapped[bool] = mapped_column(Boolean, default=True)
    by_guardian: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_on: Mapped[date] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))


class Referral(Versioned, Model):
    """A client referred to a partner for a programme item, and the partner's report back."""

    __tablename__ = "referral"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    client: Mapped[Client] = relationship(Client)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"))
    partner: Mapped[Partner] = relationship(Partner)
    programme_item_id: Mapped[int | None] = mapped_column(ForeignKey("programme_item.id"))
    programme_item: Mapped[ProgrammeItem | None] = relationship(ProgrammeItem)
    referred_on: Mapped[date] = mapped_column(Date)
    purpose: Mapped[str] = mapped_column(Text)
    reported_on: Mapped[date | None] = mapped_column(Date)
    report_back: Mapped[str | None] = mapped_column(Text)


class Classification(Versioned, Model):
    """Klasifikasi tahap akhir, set by the PK after the final reassessment."""

    __tablename__ = "classification"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    client: Mapped[Client] = relationship(Client)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"))
    assessment: Mapped[Assessment] = relationship(Assessment)
    level: Mapped[str] = mapped_column(String(20))  # rendah, sedang, tinggi
    needs: Mapped[str] = mapped_column(Text)
    set_on: Mapped[date] = mapped_column(Date)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
