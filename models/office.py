from __future__ import annotations

from flask_appbuilder import Model
from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.clients.register_numbers import DEFAULT_PATTERN
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
    # Letters: paper and kop (shared/documents.md, "How the letters should look").
    paper_size: Mapped[str] = mapped_column(String(2), default="A4", server_default="A4")  # A4 or F4 (folio)
    logo: Mapped[str | None] = mapped_column(String(80))  # stored name of the re-encoded PNG (app.offices.logo)
    website: Mapped[str | None] = mapped_column(String(120))  # "Laman" in the kop
    head_rank: Mapped[str | None] = mapped_column(String(80))  # pangkat/golongan, e.g. "Pembina (IV/a)"
    acting_role: Mapped[str | None] = mapped_column(String(4))  # "Plh." or "Plt." while the head is away
    acting_name: Mapped[str | None] = mapped_column(String(150))
    acting_nip: Mapped[str | None] = mapped_column(String(18))
    acting_rank: Mapped[str | None] = mapped_column(String(80))
    # Public contacts shown on the public home page (issue 18).
    public_whatsapp: Mapped[str | None] = mapped_column(String(50))
    public_hours: Mapped[str | None] = mapped_column(String(200))

    def __repr__(self) -> str:
        return self.name
