from __future__ import annotations

from flask_appbuilder import Model
from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column


class RegistrationCounter(Model):
    """Last registration sequence used per office and year."""

    __tablename__ = "registration_counter"

    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last_seq: Mapped[int] = mapped_column(default=0)
