"""The read side of transfers: the office's incoming and outgoing lists, a client's transfers, and how
much of one transfer a reader sees.

Every list starts from ``access.transfer_clause``. The record itself (dates, offices, the register number
the client had, the letters' numbers, the state) is the sending office's read-only record for ever; the
new address, the reason and the client's name are shown only to those who may see the client now, and
to the receiving office's Kepala Bapas once the sending Kepala approved the transfer, while it waits for
their decision (a proposal not yet approved, and perhaps never, is none of the receiving office's business)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app import access
from app.platform import roles
from app.supervision.transfers.rules import TransferStatus
from models import Client, Staff, Transfer


def incoming(session, who: access.Principal) -> list[Transfer]:
    """Transfers approved by their sending office, waiting for this office's decision."""
    query = select(Transfer).where(access.transfer_side_clause(Transfer, who, incoming=True),
                                   Transfer.status == TransferStatus.DISETUJUI)
    return list(session.scalars(query.order_by(Transfer.approved_on, Transfer.id)))


def outgoing(session, who: access.Principal) -> list[Transfer]:
    """Every transfer from this office, open and decided (the read-only record of those who left)."""
    query = select(Transfer).where(access.transfer_side_clause(Transfer, who, incoming=False))
    return list(session.scalars(query.order_by(Transfer.proposed_on.desc(), Transfer.id.desc())))


def received(session, who: access.Principal) -> list[Transfer]:
    """Transfers this office accepted or refused."""
    query = select(Transfer).where(access.transfer_side_clause(Transfer, who, incoming=True),
                                   Transfer.status.in_((TransferStatus.DITERIMA, TransferStatus.DITOLAK)))
    return list(session.scalars(query.order_by(Transfer.decided_on.desc(), Transfer.id.desc())))


def of_client(session, client: Client) -> list[Transfer]:
    """The client's transfers, newest first (the file shows them to whoever may open the file)."""
    return list(session.scalars(select(Transfer).where(Transfer.client_id == client.id)
                                .order_by(Transfer.proposed_on.desc(), Transfer.id.desc())))


def registration_number_at(session, client: Client, office_id: int, on: date) -> str | None:
    """The register number the client had at ``office_id`` on ``on``: its number now while that office
    supervises it, else the number it carried when it was transferred away from there (the first accepted
    transfer out of that office on or after ``on``; failing that, the latest one)."""
    if client.office_id == office_id:
        return client.registration_number
    left = (select(Transfer.from_registration_number)
            .where(Transfer.client_id == client.id, Transfer.from_office_id == office_id,
                   Transfer.status == TransferStatus.DITERIMA))
    number = session.scalar(left.where(Transfer.decided_on >= on)
                            .order_by(Transfer.decided_on, Transfer.id).limit(1))
    if number is None:
        number = session.scalar(left.order_by(Transfer.decided_on.desc(), Transfer.id.desc()).limit(1))
    return number or client.registration_number


def sees_client(session, transfer: Transfer, who: access.Principal) -> bool:
    return access.may_see_client(session, transfer.client_id, who)


def sees_details(session, transfer: Transfer, who: access.Principal) -> bool:
    """The new address, the reason and who the client is: for those who see the client, and for the
    receiving Kepala Bapas while the decision is theirs to take — only once the sending Kepala approved."""
    if sees_client(session, transfer, who):
        return True
    return transfer.status == TransferStatus.DISETUJUI and access.is_kepala_of(transfer.to_office_id, who)


def receiving_pks(session, transfer: Transfer) -> list[Staff]:
    """The PKs the receiving Kepala Bapas may choose as the new PK: active PKs of the receiving office."""
    from flask_appbuilder.security.sqla.models import Role

    return list(session.scalars(select(Staff).where(
        Staff.office_id == transfer.to_office_id, Staff.active.is_(True), Staff.roles.any(Role.name == roles.PK))
        .order_by(Staff.first_name, Staff.last_name)))
