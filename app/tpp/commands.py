"""Every write of a TPP agenda item and its decision: scope → permission → check → run.

The pure rules (quorum, majority, what a decision opens) are in app/tpp/decisions.py. The caller commits."""
from __future__ import annotations

from flask_babel import gettext as _

from app import access
from app.errors import DomainError, Invalid, problems_of
from app.tpp import decisions as tpp
from models import TppItem


def require_undecided(item: TppItem | None) -> None:
    """The one rule: a decided agenda item cannot change (a postponed one can)."""
    if item is not None and item.decision not in (None, "ditunda"):
        raise DomainError(_("A decided agenda item cannot change."))


def held_by_the_clients_office(held, client) -> bool:
    """The one rule: a Sidang TPP takes up only clients its office supervises now (a transfer moves the client,
    not the sessions it was on). Unknown session or client: nothing to say yet."""
    return held is None or client is None or held.office_id == client.office_id


def require_session_of_the_clients_office(held, client) -> None:
    """An item goes on a Sidang TPP of the office that supervises the client: after a transfer, an item left on the
    sending office's session is not changed there; the receiving office may put it on one of its own sessions."""
    if not held_by_the_clients_office(held, client):
        raise DomainError(_("Choose a Sidang TPP of %(office)s: that office supervises the client now.",
                            office=client.office.name))


def check_agenda_item(client, matter: str | None, programme, stored: TppItem | None = None, held=None) -> None:
    """Every problem at once: the programme a plan names (on ``programme``), that the stored item is still
    undecided (on ``matter``) and that the session is of the client's office (on ``session``)."""
    found = problems_of(tpp.check_agenda_programme, client, matter, programme)
    found.update(problems_of(require_undecided, stored, default_field="matter"))
    found.update(problems_of(require_session_of_the_clients_office, held, client, default_field="session"))
    if found:
        raise Invalid(found)


def add_agenda_item(session, item: TppItem, who: access.Principal) -> None:
    check_agenda_item(item.client, item.matter, item.programme, held=item.session)


def update_agenda_item(session, item: TppItem, who: access.Principal) -> None:
    require_undecided(item)
    check_agenda_item(item.client, item.matter, item.programme, held=item.session)


def require_own_office(item: TppItem) -> None:
    """A session decides only on clients its office supervises now: after a transfer, an item left on the
    sending office's session is not decided there, nor by the receiving office."""
    if not held_by_the_clients_office(item.session, item.client):
        raise DomainError(_("This agenda item is on a Sidang TPP of %(office)s, which no longer supervises the "
                            "client: no decision can be recorded on it.", office=item.session.office.name))


def decide(session, item_id: int, decision: tpp.Decision, who: access.Principal, guard=None) -> TppItem:
    """Record the session's decision on an item of the user's scope; ``guard(item)``
    (the screen's edit-version check) runs first."""
    item = access.get(session, TppItem, item_id, who)
    if guard is not None:
        guard(item)
    require_own_office(item)
    tpp.decide(session, item, decision)
    return item
