from __future__ import annotations

from flask_appbuilder import Model
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.office import Office
from models.versioned import Versioned


class Partner(Versioned, Model):
    """A mitra: school, training centre, religious body, NGO, employer, health service."""

    __tablename__ = "partner"

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    office: Mapped[Office] = relationship(Office)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    contact_person: Mapped[str | None] = mapped_column(String(150))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(120))
    address: Mapped[str | None] = mapped_column(Text)
    services: Mapped[str | None] = mapped_column(Text)

    def __repr__(self) -> str:
        return self.name
