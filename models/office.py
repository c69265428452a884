from __future__ import annotations

from flask_appbuilder import Model
from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.registration import DEFAULT_PATTERN
from models.versioned import Versioned


class Office(Versioned, Model):
    """A Bapas (Balai Pemasyarakatan). Every client-facing record belongs to one."""

    __tablename__ = "office"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    regional_office: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(50))
    email: Mapped[str | None] = mapped_column(String(120))
    head_name: Mapped[str | None] = mapped_column(String(150))
    head_nip: Mapped[str | None] = mapped_column(String(18))
    registration_pattern: Mapped[str] = mapped_column(String(80), default=DEFAULT_PATTERN)
    # Public contacts shown on the public home page (issue 18).
    public_whatsapp: Mapped[str | None] = mapped_column(String(50))
    public_hours: Mapped[str | None] = mapped_column(String(200))

    def __repr__(self) -> str:
        return self.name
