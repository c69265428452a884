"""Running a transition for a user: scope, permission, check, run, one commit."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app import access
from app.errors import DomainError, Forbidden, NotFoundOrForbidden
from app.supervision.lifecycle.commands import TRANSITIONS, TransitionInput
from models import Client


def concurrent_change() -> DomainError:
    return DomainError(_("Someone else changed this client just now; reload the page and try again."))


def refusal(client: Client, who: access.Principal) -> str | None:
    """Why this user may not steer the client's supervision (None: they may). The
    screens ask it before showing a step's form; every command asks it again."""
    if access.can_supervise(client, who):
        return None
    return _("Only the client's PK or the Kepala Bapas can do this.")


def fire(session, client_id: int, name: str, data: TransitionInput, who: access.Principal) -> Client:
    client = access.get_client(session, client_id, who)
    refused = refusal(client, who)
    if refused:
        raise Forbidden(refused)
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise NotFoundOrForbidden()
    try:
        transition.check(session, client, data)
    except DomainError:
        session.rollback()
        raise
    try:
        transition.run(session, client, data)
        session.commit()
    except (StaleDataError, IntegrityError):
        # Two tabs fired the same step: the version column (or a unique row)
        # lets exactly one through; nothing of the second is kept.
        session.rollback()
        raise concurrent_change() from None
    return client
