"""The supervision's books and events: stage and expiry books, gates, apel,
monthly reports, termination and revocation."""
from __future__ import annotations

from datetime import date, datetime

from flask_appbuilder import Model
from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.client import Client
from models.staff import Staff
from models.versioned import Versioned


class BookEntry(Model):
    """One line of the buku tahapan bimbingan / buku ekspirasi (one ledger, two views).

    Append-only: a line is never changed or deleted; when it no longer holds it
    is struck out (``superseded_*`` set once) and the new line is written after
    it, exactly as the PK strikes a date in the paper book."""

    __tablename__ = "book_entry"
    __audited__ = True
    __table_args__ = (
        Index("ix_book_entry_client", "client_id", "id"),
        Index("ix_book_entry_office_date", "office_id", "entry_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    client: Mapped[Client] = relationship(Client)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    event: Mapped[str] = mapped_column(String(20))  # awal, lanjutan, akhir, ekspirasi, pengakhiran
    kind: Mapped[str] = mapped_column(String(20))  # rencana (planned) or pelaksanaan (actual)
    entry_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    written_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    written_by: Mapped[Staff | None] = relationship(Staff, foreign_keys=[written_by_id])
    superseded_at: Mapped[datetime | None] = mapped_column(DateTime)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("book_entry.id"))
    superseded_reason: Mapped[str | None] = mapped_column(Text)


class GateRecord(Model):
    """A condition a transition waits for, met on a date by a decision or document:
    the TPP's approval of a stage's programme, the final-stage reassessment, the
    TPP's final evaluation, the termination documents. Written by the commands of
    the TPP, assessment and documents areas."""

    __tablename__ = "gate_record"
    __audited__ = True
    __table_args__ = (Index("ix_gate_record_client_gate", "client_id", "gate"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    gate: Mapped[str] = mapped_column(String(40))
    met_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(200))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))


class ApelLog(Versioned, Model):
    """Catatan harian apel: one in-person (or, in urgent cases, remote) report."""

    __tablename__ = "apel_log"
    __audited__ = True
    __table_args__ = (
        Index("ix_apel_client_date", "client_id", "reported_on"),
        Index("ix_apel_office_date", "office_id", "reported_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    client: Mapped[Client] = relationship(Client)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    reported_on: Mapped[date] = mapped_column(Date)
    remote: Mapped[bool] = mapped_column(default=False)
    remote_reason: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    recorded_by: Mapped[Staff | None] = relationship(Staff)


class MonthlyReport(Versioned, Model):
    """Register of the monthly progress reports (laporan perkembangan) made."""

    __tablename__ = "monthly_report"
    __audited__ = True
    __table_args__ = (UniqueConstraint("client_id", "month", name="uq_monthly_report_client_month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    client: Mapped[Client] = relationship(Client)
    month: Mapped[date] = mapped_column(Date)  # the first day of the month reported on
    submitted_on: Mapped[date] = mapped_column(Date)
    summary: Mapped[str | None] = mapped_column(Text)
    pk_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    pk: Mapped[Staff | None] = relationship(Staff)
    programme_assessment: Mapped[str | None] = mapped_column(Text)  # should the programme change, in the PK's view


class Termination(Model):
    """Pengakhiran bimbingan: how and when a supervision ended."""

    __tablename__ = "termination"
    __audited__ = True
    # The Kepala's monthly flow reads an office's ends by month from this index (migration 0025).
    __table_args__ = (Index("ix_termination_office_end", "office_id", "end_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), unique=True)
    client: Mapped[Client] = relationship(Client)
    # The client's office, written by the database (migration 0025's triggers: on insert, and when the
    # client moves); never set by the code.
    office_id: Mapped[int | None] = mapped_column(ForeignKey("office.id"))
    reason: Mapped[str] = mapped_column(String(20))  # selesai, dicabut, dipindahkan, meninggal
    end_date: Mapped[date] = mapped_column(Date)
    decision_number: Mapped[str] = mapped_column(String(150))
    decision_date: Mapped[date] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    recorded_by: Mapped[Staff | None] = relationship(Staff)


class Revocation(Model):
    """Pencabutan of PB/CB/CMB: grounds and the steps before the Kepala Bapas
    revokes provisionally (report, examination record, the PK's examination,
    sidang TPP), then the decision that goes up."""

    __tablename__ = "revocation"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), unique=True)
    client: Mapped[Client] = relationship(Client)
    ground: Mapped[str] = mapped_column(String(30))
    ground_details: Mapped[str] = mapped_column(Text)
    report_on: Mapped[date | None] = mapped_column(Date)
    examination_record: Mapped[str | None] = mapped_column(String(150))
    examination_on: Mapped[date | None] = mapped_column(Date)
    pk_examined_on: Mapped[date | None] = mapped_column(Date)
    tpp_on: Mapped[date | None] = mapped_column(Date)
    tpp_reference: Mapped[str | None] = mapped_column(String(150))
    provisional_on: Mapped[date | None] = mapped_column(Date)
    provisional_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    sent_up_on: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
