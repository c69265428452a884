from __future__ import annotations

from datetime import date, datetime

from flask_appbuilder import Model
from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, func
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.platform.crypto import EncryptedText
from models.office import Office
from models.reference import SupervisionKind
from models.staff import Staff
from models.versioned import Versioned


class Client(Model):
    """A child client (klien anak) with what the register books need.

    Sensitive matters (health, household, safety, programme notes) are not here
    but in :class:`ClientConfidential`, so that no ordinary query or screen can
    carry them by accident.
    """

    __tablename__ = "client"
    __audited__ = True
    # Identity: the audit trail records that these changed, never their values.
    __audit_redacted__ = ("full_name", "alias", "nik", "birth_place", "birth_date", "address", "photo")
    __table_args__ = (
        UniqueConstraint("office_id", "registration_number", name="uq_client_office_regno"),
        Index("ix_client_office_status", "office_id", "status"),
        Index("ix_client_office_name", "office_id", "full_name"),
        # The client list's date filters and sorts, within the office every non-Admin list is scoped to.
        Index("ix_client_office_start", "office_id", "supervision_start"),
        Index("ix_client_office_expiry", "office_id", "supervision_expiry"),
        # A new registration is checked against every office's clients by NIK and by birth date (app.returning).
        Index("ix_client_nik", "nik"),
        Index("ix_client_birth_date", "birth_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    office: Mapped[Office] = relationship(Office)
    registration_number: Mapped[str] = mapped_column(String(60))
    full_name: Mapped[str] = mapped_column(String(150))
    alias: Mapped[str | None] = mapped_column(String(100))
    sex: Mapped[str] = mapped_column(String(1))
    birth_place: Mapped[str | None] = mapped_column(String(100))
    birth_date: Mapped[date] = mapped_column(Date)
    nik: Mapped[str | None] = mapped_column(String(16))
    religion: Mapped[str | None] = mapped_column(String(20))
    education: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(Text)

    # Perkara (the case)
    offence_date: Mapped[date] = mapped_column(Date)
    offence_article: Mapped[str | None] = mapped_column(String(200))
    decision_number: Mapped[str | None] = mapped_column(String(120))
    decision_date: Mapped[date | None] = mapped_column(Date)
    sentence: Mapped[str | None] = mapped_column(Text)

    # The supervision
    supervision_kind_id: Mapped[int] = mapped_column(ForeignKey("supervision_kind.id"))
    supervision_kind: Mapped[SupervisionKind] = relationship(SupervisionKind)
    basis_document: Mapped[str | None] = mapped_column(String(150))
    origin: Mapped[str] = mapped_column(String(20))
    supervision_start: Mapped[date | None] = mapped_column(Date)
    supervision_expiry: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="terdaftar", index=True)
    # Current stage (awal / lanjutan / akhir) while supervised; kept after the end.
    stage: Mapped[str | None] = mapped_column(String(20))
    stage_started_on: Mapped[date | None] = mapped_column(Date)
    # Wajib lapor: the client reports at least once in every period of this many days.
    reporting_interval_days: Mapped[int] = mapped_column(Integer, default=30, server_default="30")

    # Denormalised from PKAssignment (written only by app.clients.assignments) so that
    # caseload scoping is one indexed comparison.
    current_pk_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"), index=True)
    current_pk: Mapped[Staff | None] = relationship(Staff, foreign_keys=[current_pk_id])

    photo: Mapped[str | None] = mapped_column(String(80))
    # Set when the retention period passed and the identity was replaced (app.clients.retention).
    anonymised_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    version: Mapped[int] = mapped_column(Integer, default=1)

    guardians: Mapped[list["Guardian"]] = relationship(back_populates="client", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"{self.registration_number} {self.full_name}"


class Guardian(Versioned, Model):
    """A parent or guardian (orang tua / wali) of a client."""

    __tablename__ = "guardian"
    __audited__ = True
    __audit_redacted__ = ("name", "occupation", "address", "phone", "birth_date", "religion", "deceased")

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    client: Mapped[Client] = relationship(back_populates="guardians")
    relation: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(150))
    occupation: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(40))
    # What the litmas says of a parent: age (from the birth date), religion, or "telah meninggal".
    birth_date: Mapped[date | None] = mapped_column(Date)
    religion: Mapped[str | None] = mapped_column(String(20))
    deceased: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())

    def __repr__(self) -> str:
        return self.name


class ClientConfidential(Versioned, Model):
    """The client's private matters that the standard's security guarantee names:
    household condition, health, safety, and the guidance programme. Visible only
    to the assigned PK, the Kepala Bapas and Admin (see app.access)."""

    __tablename__ = "client_confidential"
    __audited__ = True
    __audit_redacted__ = ("health", "household", "safety", "programme_notes")

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), unique=True)
    client: Mapped[Client] = relationship(Client)
    health: Mapped[str | None] = mapped_column(EncryptedText)
    household: Mapped[str | None] = mapped_column(EncryptedText)
    safety: Mapped[str | None] = mapped_column(EncryptedText)
    programme_notes: Mapped[str | None] = mapped_column(EncryptedText)
