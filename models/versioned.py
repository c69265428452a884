"""Optimistic locking for records that people edit (see app.platform.locking)."""
from __future__ import annotations

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, declared_attr, mapped_column


class Versioned:
    """A ``version`` raised by every UPDATE; an UPDATE of a version someone else has
    already replaced matches no row and fails instead of overwriting their change."""

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}
