"""Link a new registration to the earlier one of the same child; open and close the earlier file to the new
supervisors. Each refuses with a translated DomainError; the caller commits."""
from __future__ import annotations

from datetime import datetime, timezone

from flask_babel import lazy_gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import access
from app.clients.returning import candidates
from app.clients.returning.queries import earlier_chain
from app.errors import DomainError, Forbidden, Invalid, NotFoundOrForbidden
from app.platform import roles
from models import ClientLink, EarlierFileGrant

FIELD = "earlier_client"
SELF_LINK = _("A registration cannot be linked to itself.")
NOT_A_MATCH = _("That registration is not a possible earlier registration of this child; only a client "
                "shown among the possible matches can be linked.")
LINKED_TWICE = _("These two registrations are already linked.")
CYCLE = _("That registration is itself a later supervision of this child; it cannot also be an earlier one.")
LATER = _("That supervision began after this one: link them from the later registration.")
NOT_THE_KEPALA = _("Only the Kepala Bapas of the office that holds the earlier file may open it to another "
                   "office or close it again.")
NOT_A_LINKER = _("Only the Petugas Registrasi or the Kepala Bapas links a registration to an earlier one of the "
                 "same child.")
LINKERS = frozenset((roles.REGISTRASI, roles.KEPALA, roles.ADMIN))
ALREADY_GRANTED = _("The earlier file is already open to the new supervisors.")
ALREADY_REVOKED = _("This access was already withdrawn.")


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def may_link(who: access.Principal) -> bool:
    """Who links a new registration to an earlier one: the registrar and the Kepala Bapas (and Admin) — not
    every user who may write a client (a PK)."""
    return bool(who.role_names & LINKERS)


def link(session, client_id, earlier_client_id, who: access.Principal) -> ClientLink:
    """One step: the new registration ``client_id`` (which the user must see) is the same child as the
    possible match ``earlier_client_id``; only a user ``may_link``."""
    client = access.get_client(session, client_id, who)
    if not may_link(who):
        raise Forbidden(NOT_A_LINKER)
    try:
        earlier_id = int(earlier_client_id)
    except (TypeError, ValueError):
        raise Invalid({FIELD: [str(NOT_A_MATCH)]}) from None
    if earlier_id == client.id:
        raise Invalid({FIELD: [str(SELF_LINK)]})
    found = {c.client_id: c for c in candidates.find(session, client)}
    if earlier_id in found and found[earlier_id].linked:
        raise Invalid({FIELD: [str(LINKED_TWICE)]})
    if earlier_id not in found:
        raise Invalid({FIELD: [str(NOT_A_MATCH)]})
    if client.id in earlier_chain(session, earlier_id):
        raise Invalid({FIELD: [str(CYCLE)]})
    earlier_start = found[earlier_id].start
    if earlier_start and client.supervision_start and earlier_start > client.supervision_start:
        raise Invalid({FIELD: [str(LATER)]})
    match = found[earlier_id].match
    made = ClientLink(client_id=client.id, earlier_client_id=earlier_id, matched_on=" ".join(match.reasons),
                      score=match.score, linked_by_id=who.user_id, linked_at=_now())
    if not _saved(session, made):  # the same link saved a moment ago by another request
        raise Invalid({FIELD: [str(LINKED_TWICE)]})
    return made


def _saved(session, record) -> bool:
    """Insert ``record`` in a savepoint; False when a unique constraint refuses it (a race lost)."""
    try:
        with session.begin_nested():
            session.add(record)
    except IntegrityError:
        return False
    return True


def _active_grant(session, link_id: int) -> EarlierFileGrant | None:
    return session.scalars(select(EarlierFileGrant).where(EarlierFileGrant.link_id == link_id,
                                                          EarlierFileGrant.revoked_at.is_(None))).first()


def _link_for_kepala(session, link_id, who: access.Principal) -> ClientLink:
    try:
        link_id = int(link_id)
    except (TypeError, ValueError):
        link_id = 0
    found = session.get(ClientLink, link_id) if 0 < link_id <= access.MAX_ID else None
    if found is None:
        raise NotFoundOrForbidden()
    if not access.may_grant_earlier_file(found.earlier_client, who):
        raise Forbidden(NOT_THE_KEPALA)
    return found


def grant(session, link_id, who: access.Principal) -> EarlierFileGrant:
    """The Kepala Bapas of the earlier file's office lets the people who supervise the linked new
    registration read the earlier file (audited as a record of its own)."""
    found = _link_for_kepala(session, link_id, who)
    if _active_grant(session, found.id) is not None:
        raise DomainError(ALREADY_GRANTED)
    made = EarlierFileGrant(link_id=found.id, client_id=found.earlier_client_id, office_id=found.client.office_id,
                            granted_by_id=who.user_id, granted_at=_now())
    if not _saved(session, made):
        raise DomainError(ALREADY_GRANTED)
    return made


def revoke(session, link_id, who: access.Principal) -> EarlierFileGrant:
    """Close the earlier file again: from now on only its office reads its contents."""
    found = _link_for_kepala(session, link_id, who)
    active = _active_grant(session, found.id)
    if active is None:
        raise DomainError(ALREADY_REVOKED)
    active.revoked_at, active.revoked_by_id = _now(), who.user_id
    session.flush()
    return active
