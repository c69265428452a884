from __future__ import annotations

from datetime import datetime

from flask_appbuilder import Model
from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column


class AuditLog(Model):
    """Who did what to which record, when. Append-only: no screen edits or deletes
    rows. Plain integers rather than foreign keys so the trail outlives the record."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_client_at", "client_id", "at"),
        Index("ix_audit_user_at", "user_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(100))
    office_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(20))
    table_name: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[int | None] = mapped_column(Integer)
    client_id: Mapped[int | None] = mapped_column(Integer)
    changes: Mapped[str | None] = mapped_column(Text)
