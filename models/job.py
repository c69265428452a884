"""A background job (app.jobs): who started what, how it ended and where its result is.

Progress while it runs (done / total, the current step) lives in the queue's own store, not here:
the job's work may hold the database's write lock for its whole transaction."""
from __future__ import annotations

from datetime import datetime

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _
from sqlalchemy import DateTime, ForeignKey, Index, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.choices import Coded
from models.staff import Staff


class JobStatus(Coded):
    QUEUED = "antre", _("Waiting to start")
    RUNNING = "berjalan", _("Running")
    DONE = "selesai", _("Finished")
    FAILED = "gagal", _("Failed")


class Job(Model):
    __tablename__ = "job"
    __table_args__ = (Index("ix_job_owner_created", "owner_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"))
    owner: Mapped[Staff] = relationship(Staff)
    office_id: Mapped[int | None] = mapped_column(ForeignKey("office.id"))
    # What the job was asked to do: plain parameters (a month, a format), never a child's data.
    params: Mapped[str] = mapped_column(Text, default="{}")
    status: Mapped[str] = mapped_column(String(12), default=JobStatus.QUEUED)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The result: a file kept under JOB_DIR, or a page of the product that shows it.
    result_name: Mapped[str | None] = mapped_column(String(120))
    result_path: Mapped[str | None] = mapped_column(String(200))
    result_mime: Mapped[str | None] = mapped_column(String(80))
    result_url: Mapped[str | None] = mapped_column(String(200))
    # Client ids the result file carries: its download is audited as a read of each.
    result_clients: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)  # translated sentence(s) for the owner
    error: Mapped[str | None] = mapped_column(Text)  # translated message, never a traceback

    def __repr__(self) -> str:
        return f"job {self.id} ({self.kind})"
