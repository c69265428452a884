"""Survei Kepuasan Masyarakat: anonymous answers, one-time codes and published quarters.

Nothing here names a person: an answer knows its office, its quarter and, when a one-time code was used,
the kind of service the code was printed on. The code row alone keeps which letter it was printed on
(for the letters to print the same code again), and no screen follows that link."""
from __future__ import annotations

from datetime import datetime

from flask_appbuilder import Model
from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.survey.elements import KEYS
from models.office import Office


class SurveyCode(Model):
    """A one-time code printed on a monthly report or a card: used by at most one answer."""

    __tablename__ = "survey_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    service: Mapped[str] = mapped_column(String(40))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("generated_document.id", ondelete="SET NULL"),
                                                    unique=True)
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class SurveyResponse(Model):
    """One respondent's answers (1-4 per element), an optional suggestion and profile."""

    __tablename__ = "survey_response"
    __table_args__ = (
        *(CheckConstraint(f"{key} BETWEEN 1 AND 4", name=f"ck_survey_response_{key}") for key in KEYS),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="ck_survey_response_quarter"),
        Index("ix_survey_response_period", "office_id", "year", "quarter"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    office: Mapped[Office] = relationship(Office)
    submitted_at: Mapped[datetime] = mapped_column(DateTime)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(SmallInteger)
    # A code is used once: the database refuses a second answer with it, whatever the race.
    code_id: Mapped[int | None] = mapped_column(ForeignKey("survey_code.id"), unique=True)
    service: Mapped[str | None] = mapped_column(String(40))
    persyaratan: Mapped[int] = mapped_column(SmallInteger)
    prosedur: Mapped[int] = mapped_column(SmallInteger)
    waktu: Mapped[int] = mapped_column(SmallInteger)
    biaya: Mapped[int] = mapped_column(SmallInteger)
    produk: Mapped[int] = mapped_column(SmallInteger)
    kompetensi: Mapped[int] = mapped_column(SmallInteger)
    perilaku: Mapped[int] = mapped_column(SmallInteger)
    pengaduan: Mapped[int] = mapped_column(SmallInteger)
    sarana: Mapped[int] = mapped_column(SmallInteger)
    suggestion: Mapped[str | None] = mapped_column(Text)
    age_range: Mapped[str | None] = mapped_column(String(10))
    sex: Mapped[str | None] = mapped_column(String(1))
    education: Mapped[str | None] = mapped_column(String(10))
    occupation: Mapped[str | None] = mapped_column(String(20))


class SurveyPublication(Model):
    """A quarter's IKM as the Kepala Bapas made it public: the figures as they stood then."""

    __tablename__ = "survey_publication"
    __audited__ = True
    __table_args__ = (UniqueConstraint("office_id", "year", "quarter", name="uq_survey_publication_quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    office: Mapped[Office] = relationship(Office)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(SmallInteger)
    respondents: Mapped[int] = mapped_column(Integer)
    ikm: Mapped[float] = mapped_column(Numeric(5, 2))
    grade: Mapped[str] = mapped_column(String(1))
    # {element key: its index on the 25-100 scale, as a string "87.50"}
    elements: Mapped[dict] = mapped_column(JSON)
    published_at: Mapped[datetime] = mapped_column(DateTime)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
