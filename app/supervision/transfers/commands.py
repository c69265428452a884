"""Every step of a transfer between offices: scope → permission → check → run.

Screens and API call the same functions; each raises a translatable DomainError (``Invalid`` where a
form field can show it) and writes nothing when it refuses. The caller commits. A step that changes the
state does so by a conditional UPDATE (``status`` still the one the step starts from), so of two people
deciding at once exactly one wins and the other is told what happened (app.supervision.transfers.move)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app import access
from app.errors import DomainError, Forbidden, Invalid
from app.platform import roles
from app.platform.dates import long_date
from app.supervision.lifecycle.service import concurrent_change
from app.supervision.transfers import move, rules
from app.supervision.transfers.rules import TransferStatus
from models import Client, Office, Staff, TppItem, TppSession, Transfer
from models.choices import UNDER_SUPERVISION


@dataclass(frozen=True)
class Proposal:
    to_office_id: int | None
    new_address: str | None
    reason: str | None


# -- who may do which step -----------------------------------------------------

def may_propose(client: Client, who: access.Principal) -> bool:
    """The assigned PK or the Kepala Bapas of the client's office (and Admin)."""
    return access.can_supervise(client, who)


def may_take(step: str, transfer: Transfer, who: access.Principal) -> bool:
    """Approve and withdraw: the sending Kepala Bapas; accept and refuse: the receiving one."""
    if step in ("setujui", "batalkan"):
        return access.is_kepala_of(transfer.from_office_id, who)
    return access.is_kepala_of(transfer.to_office_id, who)


def _require(step: str, transfer: Transfer, who: access.Principal) -> None:
    if not may_take(step, transfer, who):
        if step in ("setujui", "batalkan"):
            raise Forbidden(_("Only the Kepala Bapas of the sending office can do this."))
        raise Forbidden(_("Only the Kepala Bapas of the receiving office can do this."))


# -- checks ----------------------------------------------------------------------

def _text(value: str | None, field: str, missing: str, problems: dict) -> str:
    text = (value or "").strip()
    if not text:
        problems[field] = [missing]
    elif len(text) > rules.MAX_TEXT:
        problems[field] = [_("At most %(n)d characters.", n=rules.MAX_TEXT)]
    return text


def has_kepala(session, office_id: int) -> bool:
    """An office can receive a client only when someone there holds the Kepala Bapas role (and is active)."""
    from flask_appbuilder.security.sqla.models import Role

    return session.scalar(select(Staff.id).where(Staff.office_id == office_id, Staff.active.is_(True),
                                                 Staff.roles.any(Role.name == roles.KEPALA)).limit(1)) is not None


def open_transfer(session, client_id: int) -> Transfer | None:
    return session.scalars(select(Transfer).where(Transfer.client_id == client_id,
                                                  Transfer.status.in_(rules.OPEN))).first()


def already_in_transfer(found: Transfer) -> DomainError:
    return DomainError(_("This client is already being transferred to %(office)s (proposed on %(date)s); "
                         "that transfer must be accepted, refused or withdrawn first.",
                         office=found.to_office.name, date=long_date(found.proposed_on)))


def check_no_undecided_tpp(session, client: Client) -> None:
    """A client with an agenda item the TPP has not decided yet stays where that session is held: after the
    move the item would sit on another office's session, which no longer supervises the client."""
    held_on = session.scalar(select(TppSession.held_on).join(TppItem, TppItem.session_id == TppSession.id)
                             .where(TppItem.client_id == client.id, TppItem.decision.is_(None))
                             .order_by(TppSession.held_on).limit(1))
    if held_on is not None:
        raise DomainError(_("This client has an undecided item on the agenda of the Sidang TPP of %(date)s: the "
                            "sending office decides it or takes it off the agenda before the transfer is "
                            "accepted.", date=long_date(held_on)))


def check_proposal(session, client: Client, data: Proposal) -> Office:
    if client.status not in UNDER_SUPERVISION:
        raise DomainError(_("The supervision of this client has ended: an ended client is not transferred."))
    found = open_transfer(session, client.id)
    if found is not None:
        raise already_in_transfer(found)
    problems: dict[str, list[str]] = {}
    office = session.get(Office, data.to_office_id) if data.to_office_id else None
    if office is None:
        problems["to_office"] = [_("Choose the receiving office.")]
    elif office.id == client.office_id:
        problems["to_office"] = [_("The receiving office is the client's own office: a transfer goes to another "
                                   "office.")]
    elif not has_kepala(session, office.id):
        problems["to_office"] = [_("%(office)s has no Kepala Bapas in SIBIKA, so nobody there could accept the "
                                   "transfer; ask the Admin.", office=office.name)]
    _text(data.new_address, "new_address", _("Fill in the client's new address."), problems)
    _text(data.reason, "reason", _("Give the reason for the transfer."), problems)
    if problems:
        raise Invalid(problems)
    return office


# -- the steps -------------------------------------------------------------------

def propose(session, client_id: int, data: Proposal, who: access.Principal, today: date) -> Transfer:
    client = access.get_client(session, client_id, who)
    if not may_propose(client, who):
        raise Forbidden(_("Only the client's PK or the Kepala Bapas can propose a transfer."))
    office = check_proposal(session, client, data)
    transfer = Transfer(client_id=client.id, from_office_id=client.office_id, to_office_id=office.id,
                        status=TransferStatus.DIAJUKAN, new_address=data.new_address.strip(),
                        reason=data.reason.strip(), from_registration_number=client.registration_number,
                        from_pk_id=client.current_pk_id, proposed_on=today, proposed_by_id=who.user_id)
    try:
        with session.begin_nested():
            session.add(transfer)
            session.flush()
    except IntegrityError:
        found = open_transfer(session, client.id)
        if found is None:
            raise
        raise already_in_transfer(found) from None
    return transfer


def approve(session, transfer_id: int, who: access.Principal, today: date) -> Transfer:
    transfer = access.get(session, Transfer, transfer_id, who)
    _require("setujui", transfer, who)
    if not has_kepala(session, transfer.to_office_id):
        raise DomainError(_("%(office)s has no Kepala Bapas in SIBIKA, so nobody there could accept the transfer; "
                            "ask the Admin.", office=transfer.to_office.name))
    move.take(session, transfer, "setujui", approved_on=today, approved_by_id=who.user_id)
    return transfer


def new_pk_problems(session, transfer: Transfer, pk_id) -> Staff:
    pk = session.get(Staff, int(pk_id)) if str(pk_id or "").isdigit() else None
    if pk is None or not pk.active or pk.office_id != transfer.to_office_id \
            or roles.PK not in {r.name for r in pk.roles}:
        raise Invalid({"pk": [_("Choose the new PK among the PKs of your office.")]})
    return pk


def accept(session, transfer_id: int, pk_id, who: access.Principal, today: date) -> Transfer:
    """The whole file moves to the receiving office under its new PK (app.supervision.transfers.move.accept)."""
    transfer = access.get(session, Transfer, transfer_id, who)
    _require("terima", transfer, who)
    move.check_state(transfer, "terima")
    pk = new_pk_problems(session, transfer, pk_id)
    if transfer.client.status not in UNDER_SUPERVISION:
        raise DomainError(_("The supervision of this client has ended: an ended client is not transferred."))
    check_no_undecided_tpp(session, transfer.client)
    try:
        move.accept(session, transfer, pk, who, today)
    except StaleDataError:
        # The client's row was changed meanwhile (its version column): nothing of the move is kept.
        raise concurrent_change() from None
    return transfer


def refuse(session, transfer_id: int, reason: str | None, who: access.Principal, today: date) -> Transfer:
    transfer = access.get(session, Transfer, transfer_id, who)
    _require("tolak", transfer, who)
    move.check_state(transfer, "tolak")
    problems: dict[str, list[str]] = {}
    text = _text(reason, "refusal_reason", _("Give the reason for the refusal."), problems)
    if problems:
        raise Invalid(problems)
    move.take(session, transfer, "tolak", decided_on=today, decided_by_id=who.user_id, refusal_reason=text)
    return transfer


def withdraw(session, transfer_id: int, reason: str | None, who: access.Principal, today: date) -> Transfer:
    transfer = access.get(session, Transfer, transfer_id, who)
    _require("batalkan", transfer, who)
    move.check_state(transfer, "batalkan")
    problems: dict[str, list[str]] = {}
    text = _text(reason, "refusal_reason", _("Give the reason for withdrawing the transfer."), problems)
    if problems:
        raise Invalid(problems)
    move.take(session, transfer, "batalkan", decided_on=today, decided_by_id=who.user_id, refusal_reason=text)
    return transfer


STEP_COMMANDS = {"setujui": approve, "terima": accept, "tolak": refuse, "batalkan": withdraw}
