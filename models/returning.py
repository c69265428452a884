"""Returning clients: a new supervision linked to the earlier registration of the same child, and the
grants by which the earlier file's office lets the new supervisors read that file (app.returning)."""
from __future__ import annotations

from datetime import datetime

from flask_appbuilder import Model
from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.client import Client
from models.staff import Staff


class ClientLink(Model):
    """The new registration ``client`` is the same child as the earlier registration ``earlier_client``
    (of any office). Written by the registrar in one step from the possible matches."""

    __tablename__ = "client_link"
    __audited__ = True
    __table_args__ = (UniqueConstraint("client_id", "earlier_client_id", name="uq_client_link_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    client: Mapped[Client] = relationship(Client, foreign_keys=[client_id])
    earlier_client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    earlier_client: Mapped[Client] = relationship(Client, foreign_keys=[earlier_client_id])
    # What the match rested on (codes of app.returning.matching.REASONS) and its score, as the registrar saw it.
    matched_on: Mapped[str] = mapped_column(String(60))
    score: Mapped[int] = mapped_column(Integer)
    linked_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    linked_by: Mapped[Staff | None] = relationship(Staff, foreign_keys=[linked_by_id])
    linked_at: Mapped[datetime] = mapped_column(DateTime)

    def __repr__(self) -> str:
        return f"ClientLink({self.client_id} -> {self.earlier_client_id})"


class EarlierFileGrant(Model):
    """The Kepala Bapas of the earlier file's office lets those who supervise the linked new registration
    read the earlier file's contents, until revoked. ``client_id`` is the earlier file (its trail shows
    the grant and the revocation)."""

    __tablename__ = "earlier_file_grant"
    __audited__ = True
    # At most one open grant per link (two Kepala clicks at once make one).
    __table_args__ = (Index("uq_earlier_file_grant_open", "link_id", unique=True,
                            sqlite_where=text("revoked_at IS NULL"), postgresql_where=text("revoked_at IS NULL")),)

    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("client_link.id", ondelete="CASCADE"), index=True)
    link: Mapped[ClientLink] = relationship(ClientLink)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    # The office the file was opened to (the linked registration's when granted): the grant stays there
    # when that child is transferred on (app.access.granted_file_clause).
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    granted_by: Mapped[Staff | None] = relationship(Staff, foreign_keys=[granted_by_id])
    granted_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("ab_user.id"))
    revoked_by: Mapped[Staff | None] = relationship(Staff, foreign_keys=[revoked_by_id])
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)

    def __repr__(self) -> str:
        return f"EarlierFileGrant({self.link_id})"
