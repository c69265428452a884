"""What has been handed to SDP Bimbingan Bapas: export batches and, per exported
record, a mark with the fingerprint of the values that went out."""
from __future__ import annotations

from datetime import datetime

from flask_appbuilder import Model
from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.office import Office
from models.staff import Staff


class SdpBatch(Model):
    """One export: who made it, when, for which office, and exactly what it held.

    ``payload`` keeps the exported rows (JSON) so a past batch can be downloaded
    again, in either format, without depending on today's data."""

    __tablename__ = "sdp_batch"
    __table_args__ = (Index("ix_sdp_batch_office_at", "office_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id", name="fk_sdp_batch_created_by"),
                                                      index=True)
    created_by: Mapped[Staff | None] = relationship(Staff)
    # The exporting user's office (none for an Admin export across offices).
    office_id: Mapped[int | None] = mapped_column(ForeignKey("office.id", name="fk_sdp_batch_office"))
    office: Mapped[Office | None] = relationship(Office)
    format: Mapped[str] = mapped_column(String(10))
    counts: Mapped[str] = mapped_column(Text)  # JSON {kind: number of rows}
    total: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)


class SdpMark(Model):
    """Record ``entity_id`` of ``kind`` went to SDP in ``batch_id`` with these values.

    ``seq`` counts the exports of one record (1, 2, ...). The unique constraint
    is the concurrency guard: two exports that both saw a record pending both
    try to write the same next ``seq``, and only the first to commit succeeds.

    ``marker`` names a state of the record (its versions and those of what it
    reads, see app.sdp.records) whose values have this ``fingerprint``. Finding
    what is pending compares markers in SQL and hashes only the records whose
    marker moved on; a marker that moved on without a change SDP sees (a note,
    A→B→A) is brought forward in place by the next export. None (marks made
    before markers existed) never matches, so such a record is hashed once."""

    __tablename__ = "sdp_mark"
    __table_args__ = (UniqueConstraint("kind", "entity_id", "seq", name="uq_sdp_mark_entity_seq"),
                      Index("ix_sdp_mark_batch", "batch_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int] = mapped_column(Integer)  # no foreign key: the mark outlives a deleted record
    seq: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(64))
    marker: Mapped[str | None] = mapped_column(Text)
    batch_id: Mapped[int] = mapped_column(ForeignKey("sdp_batch.id", name="fk_sdp_mark_batch",
                                                     ondelete="CASCADE"))
