from __future__ import annotations

from datetime import date

from flask_appbuilder import Model
from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.versioned import Versioned


class StandardComponent(Versioned, Model):
    """One version of one component of an office's service standard (app.public.components lists the
    components). A new text is a new edition with the day it takes effect; the public reads the edition in
    force today, older editions stay as the record of what was published."""

    __tablename__ = "standard_component"
    __table_args__ = (UniqueConstraint("office_id", "component", "edition", name="uq_standard_component_edition"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    office = relationship("Office")
    component: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    effective_from: Mapped[date] = mapped_column(Date)
    edition: Mapped[int] = mapped_column(Integer, default=1)

    def __repr__(self) -> str:
        return f"{self.title} ({self.edition})"
