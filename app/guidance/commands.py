"""Every write of a guidance programme and its items: scope → permission → check → run.

Screens and API call the same function; each raises a translatable DomainError
(``Invalid`` where a form field can show it) and writes nothing when it refuses.
The caller commits."""
from __future__ import annotations

from flask_babel import gettext as _

from app import access
from app.errors import DomainError, Invalid, problems_of
from app.guidance import programme as programmes
from models import Programme, ProgrammeItem
from models.choices import UNDER_SUPERVISION


def require_draft(programme: Programme | None) -> None:
    """The one rule: only a draft programme (and its items) changes; a decided one is revised."""
    if programme is not None and programme.status != programmes.EDITABLE:
        raise DomainError(_("Only a draft programme can be changed; make a revision."))


# -- programmes ----------------------------------------------------------------

def check_new_programme(session, client, stage: str | None, who: access.Principal) -> None:
    access.require_supervised(client, who)
    if client.status not in UNDER_SUPERVISION:
        raise Invalid({"client": [_("The client is not under supervision now.")]})
    with session.no_autoflush:
        programmes.check_one_per_stage(session, client, stage)


def start_programme(session, programme: Programme, who: access.Principal) -> None:
    """A new programme: a draft by its author, prefilled for the final stage."""
    check_new_programme(session, programme.client, programme.stage, who)
    programmes.start(programme, who.user_id, session)


def update_programme(session, programme: Programme, who: access.Principal) -> None:
    access.require_supervised(programme.client, who)
    require_draft(programme)


def submit_programme(session, programme_id: int, who: access.Principal) -> Programme:
    programme = access.get(session, Programme, programme_id, who)
    programmes.submit(session, programme)
    return programme


def revise_programme(session, programme_id: int, who: access.Principal) -> Programme:
    """A new draft version of a rejected programme or one approved with notes."""
    programme = access.get(session, Programme, programme_id, who)
    return programmes.revise(session, programme, who.user_id)


# -- programme items -----------------------------------------------------------

def check_item(session, programme: Programme | None, activity_kind: str | None, partner,
               who: access.Principal) -> None:
    """An item of a draft programme of a supervised client, with a partner of the
    client's office; a home visit needs consent. Every problem at once (on the
    fields ``programme``, ``activity_kind``, ``partner``)."""
    if programme is not None:
        access.require_supervised(programme.client, who, field="programme")
    found = problems_of(require_draft, programme, default_field="programme")
    with session.no_autoflush:  # the item being written is not in the session yet: nothing may flush it
        found.update(problems_of(programmes.check_home_visit, session, programme, activity_kind))
    if partner is not None and programme is not None and partner.office_id != programme.client.office_id:
        found["partner"] = [_("The partner belongs to another office.")]
    if found:
        raise Invalid(found)


def add_item(session, item: ProgrammeItem, who: access.Principal) -> None:
    check_item(session, item.programme, item.activity_kind, item.partner, who)
    item.client_id = item.programme.client_id


def update_item(session, item: ProgrammeItem, who: access.Principal) -> None:
    check_item(session, item.programme, item.activity_kind, item.partner, who)


def delete_item(session, item: ProgrammeItem, who: access.Principal) -> None:
    access.require_supervised(item.programme.client, who, field="programme")
    require_draft(item.programme)
