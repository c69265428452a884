"""A transfer's change of state, and the move of the whole file on acceptance.

The state changes by a conditional UPDATE: ``status`` must still be one the step starts from. Of two
people accepting (or one accepting while another refuses) at once, the database lets exactly one
through — on PostgreSQL the second waits for the first's row lock and then finds the state changed —
and the other is told what happened; the ORM change after it is what the audit trail records.

On acceptance only the rows that say where the client is change: the client's office, its register
number in the receiving office and its address, the PK assignment. Every other row of the file keeps its
id and values (stage and expiry dates continue); the rows with an office column of their own (book
lines, termination, reporting log, progress book) follow the client by the database's trigger
(migrations 0025 and 0026). Letters keep the office that issued them."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import update

from app import access
from app.clients import assignments
from app.clients import next_number
from app.errors import DomainError
from app.platform.dates import long_date
from app.supervision.transfers import rules
from app.supervision.transfers.rules import TransferStatus
from models import Office, PKAssignment, Staff, Transfer


def state_refusal(transfer: Transfer, step: str) -> DomainError:
    status = TransferStatus(transfer.status)
    if status == TransferStatus.DITERIMA:
        return DomainError(_("This transfer was already accepted on %(date)s; nothing was changed.",
                             date=long_date(transfer.decided_on)))
    if status == TransferStatus.DITOLAK:
        return DomainError(_("This transfer was already refused on %(date)s; nothing was changed.",
                             date=long_date(transfer.decided_on)))
    if status == TransferStatus.DIBATALKAN:
        return DomainError(_("This transfer was withdrawn on %(date)s; nothing was changed.",
                             date=long_date(transfer.decided_on)))
    if step in ("terima", "tolak"):
        return DomainError(_("The sending office's Kepala Bapas has not approved this transfer yet."))
    return DomainError(_("This step is not possible now: the transfer is \"%(state)s\".", state=status.label))


def check_state(transfer: Transfer, step: str) -> None:
    if not rules.allowed(step, transfer.status):
        raise state_refusal(transfer, step)


def take(session, transfer: Transfer, step: str, **values) -> None:
    """Move the transfer to the step's state if it is still in one the step starts from, else refuse."""
    check_state(transfer, step)
    to = rules.target(step)
    taken = session.execute(
        update(Transfer).where(Transfer.id == transfer.id, Transfer.status.in_(rules.STEPS[step][0]))
        .values(status=to).execution_options(synchronize_session=False))
    if taken.rowcount != 1:
        session.refresh(transfer)
        raise state_refusal(transfer, step)
    transfer.status = to
    for key, value in values.items():
        setattr(transfer, key, value)
    session.flush()


def accept(session, transfer: Transfer, pk: Staff, who: access.Principal, today: date) -> None:
    take(session, transfer, "terima", decided_on=today, decided_by_id=who.user_id, new_pk_id=pk.id)
    client = transfer.client
    office = session.get(Office, transfer.to_office_id)
    sending = transfer.from_office
    # The receiving register's number first: its query flushes, and the client must not reach the
    # receiving office still carrying a number of the sending office's register.
    number = next_number.next_number(session, office, today.year)
    client.office_id, client.office, client.registration_number = office.id, office, number
    client.address = transfer.new_address
    assignment = PKAssignment(client=client, client_id=client.id, pk=pk, pk_id=pk.id, start_date=today,
                              reason=_("Transfer from %(office)s", office=sending.name))
    assignments.apply(session, assignment, session.get(Staff, who.user_id) if who.user_id else None)
    session.add(assignment)
    transfer.to_registration_number = client.registration_number
    session.flush()
