from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_appbuilder.security.sqla.models import User
from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.office import Office

if TYPE_CHECKING:
    from models.login_session import LoginSession


class Staff(User):
    """FAB's user extended with what letters and scoping need (same table)."""

    __tablename__ = "ab_user"

    nip: Mapped[str | None] = mapped_column(String(18), unique=True)
    jabatan: Mapped[str | None] = mapped_column(String(150))
    pangkat: Mapped[str | None] = mapped_column(String(100))
    office_id: Mapped[int | None] = mapped_column(ForeignKey("office.id"), index=True)
    office: Mapped[Office | None] = relationship(Office)
    # Refused logins until then, after too many failures in a row (app.platform.lockout).
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)

    # Deleting a user deletes their sessions also where the database enforces no foreign keys (SQLite).
    login_sessions: Mapped[list["LoginSession"]] = relationship("LoginSession", cascade="all, delete-orphan")

    @property
    def role_names(self) -> set[str]:
        return {r.name for r in self.roles}

    def __repr__(self) -> str:
        return self.get_full_name()
