"""A transfer between offices (pindah wilayah bimbingan): one row per proposal, kept for ever.

The row is also the sending office's read-only record once the client has moved: the dates, the
receiving office, the register number the client had there and the numbers of the letters. It holds no
identity of the child beyond that register number; the new address is free text (never in the trail)."""
from __future__ import annotations

from datetime import date

from flask_appbuilder import Model
from sqlalchemy import Date, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.client import Client
from models.office import Office
from models.staff import Staff
from models.versioned import Versioned

# The steps of a transfer (app.supervision.transfers.rules holds the state machine).
OPEN_WHERE = "status IN ('diajukan', 'disetujui')"


class Transfer(Versioned, Model):
    __tablename__ = "transfer"
    __audited__ = True
    __audit_redacted__ = ("new_address",)
    __table_args__ = (
        # At most one open transfer per client, held by the database (two proposals at once: one wins).
        Index("uq_transfer_open_client", "client_id", unique=True,
              sqlite_where=text(OPEN_WHERE), postgresql_where=text(OPEN_WHERE)),
        Index("ix_transfer_from_office", "from_office_id", "status"),
        Index("ix_transfer_to_office", "to_office_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    client: Mapped[Client] = relationship(Client)
    from_office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    from_office: Mapped[Office] = relationship(Office, foreign_keys=[from_office_id])
    to_office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    to_office: Mapped[Office] = relationship(Office, foreign_keys=[to_office_id])
    status: Mapped[str] = mapped_column(String(20), default="diajukan")
    new_address: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    # The register numbers at both ends (the receiving office registers the client under its own).
    from_registration_number: Mapped[str] = mapped_column(String(60))
    to_registration_number: Mapped[str | None] = mapped_column(String(60))
    from_pk_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    from_pk: Mapped[Staff | None] = relationship(Staff, foreign_keys=[from_pk_id])
    new_pk_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    new_pk: Mapped[Staff | None] = relationship(Staff, foreign_keys=[new_pk_id])
    proposed_on: Mapped[date] = mapped_column(Date)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    proposed_by: Mapped[Staff | None] = relationship(Staff, foreign_keys=[proposed_by_id])
    approved_on: Mapped[date | None] = mapped_column(Date)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    approved_by: Mapped[Staff | None] = relationship(Staff, foreign_keys=[approved_by_id])
    # Accepted (diterima), refused (ditolak) or withdrawn (dibatalkan): when, by whom, and why not.
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    decided_by: Mapped[Staff | None] = relationship(Staff, foreign_keys=[decided_by_id])
    refusal_reason: Mapped[str | None] = mapped_column(Text)
    # The letters: surat pengantar pindah (sending office), berita acara serah terima antar-Bapas (receiving).
    letter_number: Mapped[str | None] = mapped_column(String(120))
    handover_letter_number: Mapped[str | None] = mapped_column(String(120))

    def __repr__(self) -> str:
        return f"{self.from_registration_number} → {self.to_office}"
