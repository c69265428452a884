"""The one access layer: which rows of client-linked data a user may see.

Permissions (app.roles) say what kind of record a role may touch; this module
says which records. Rules:

* Admin sees every office. Everyone else sees only their own office.
* Kepala Bapas, Petugas Registrasi and Anggota TPP see every client of their
  office; a PK (without one of those roles) sees only the clients currently
  assigned to them; Unit Pengaduan sees no client.
* Sensitive matters (ClientConfidential) are visible only to the assigned PK,
  the Kepala Bapas of the office, and Admin.

Every view, action, API and custom route asks here; nothing else filters.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_appbuilder.models.filters import BaseFilter
from flask_babel import lazy_gettext as _
from flask_login import current_user
from sqlalchemy import false, select, true
from sqlalchemy.sql.elements import ColumnElement

from app import roles
from app.errors import NotFoundOrForbidden
from models import Client, ClientConfidential

OFFICE_WIDE_CLIENT_ROLES = {roles.KEPALA, roles.REGISTRASI, roles.TPP}

CLIENT_REFUSED = _("No such client in your caseload.")
OFFICE_REFUSED = _("You can only record data for your own office.")


@dataclass(frozen=True)
class Principal:
    user_id: int | None
    office_id: int | None
    role_names: frozenset[str]

    @classmethod
    def of(cls, user) -> "Principal":
        if user is None or not getattr(user, "is_authenticated", False):
            return cls(None, None, frozenset())
        return cls(user.id, user.office_id, frozenset(r.name for r in user.roles))

    @property
    def is_admin(self) -> bool:
        return roles.ADMIN in self.role_names

    @property
    def is_kepala(self) -> bool:
        return roles.KEPALA in self.role_names


def principal() -> Principal:
    return Principal.of(current_user)


def office_clause(column, who: Principal) -> ColumnElement[bool]:
    """Rows of the user's office (all rows for Admin, none without an office)."""
    if who.is_admin:
        return true()
    if who.office_id is None:
        return false()
    return column == who.office_id


def client_clause(who: Principal) -> ColumnElement[bool]:
    """Clients the user may see at all."""
    if who.is_admin:
        return true()
    if who.office_id is None:
        return false()
    in_office = Client.office_id == who.office_id
    if who.role_names & OFFICE_WIDE_CLIENT_ROLES:
        return in_office
    if roles.PK in who.role_names:
        return in_office & (Client.current_pk_id == who.user_id)
    return false()


def confidential_clause(who: Principal) -> ColumnElement[bool]:
    """Clients whose sensitive matters the user may see."""
    if who.is_admin:
        return true()
    if who.office_id is None:
        return false()
    in_office = Client.office_id == who.office_id
    if who.is_kepala:
        return in_office
    if roles.PK in who.role_names:
        return in_office & (Client.current_pk_id == who.user_id)
    return false()


COMPLAINT_UNIT_ROLES = {roles.PENGADUAN, roles.KEPALA}


def complaint_clause(model, who: Principal) -> ColumnElement[bool]:
    """Complaints: the unit and the Kepala Bapas see their office's; an official
    the ones they were named to act on; Admin all."""
    if who.is_admin:
        return true()
    if who.role_names & COMPLAINT_UNIT_ROLES:
        return office_clause(model.office_id, who)
    if who.user_id is None:
        return false()
    return model.assigned_to_id == who.user_id


def supervised_clause(model, who: Principal) -> ColumnElement[bool]:
    """Rows (with a client_id) of clients the user supervises: assessments,
    programmes, the progress book, documents."""
    return model.client_id.in_(select(Client.id).where(confidential_clause(who)))


def sdp_clause(who: Principal) -> ColumnElement[bool]:
    """Clients whose records the user exports to SDP: a PK their own caseload, the
    Kepala Bapas the office, Admin every office (the same people who supervise)."""
    return confidential_clause(who)


def sdp_batch_clause(model, who: Principal) -> ColumnElement[bool]:
    """SDP export batches the user may list and download again: a PK their own,
    the Kepala Bapas those of the office, Admin all. (Downloading again still
    leaves out the rows of clients the user no longer supervises.)"""
    if who.is_admin:
        return true()
    if who.user_id is None:
        return false()
    own = model.created_by_id == who.user_id
    if who.is_kepala and who.office_id is not None:
        return own | (model.office_id == who.office_id)
    return own


def visible_client_ids(who: Principal):
    return select(Client.id).where(client_clause(who))


def can_see_confidential(client: Client, who: Principal | None = None) -> bool:
    who = who or principal()
    if who.is_admin:
        return True
    if who.office_id != client.office_id:
        return False
    return who.is_kepala or (roles.PK in who.role_names and client.current_pk_id == who.user_id)


def can_supervise(client: Client, who: Principal) -> bool:
    """Steer a supervision (stages, period, termination): the assigned PK, the
    Kepala Bapas of the office, Admin."""
    return can_see_confidential(client, who)


def get_client(session, client_id: int, who: Principal | None = None) -> Client:
    """The client if this user may see it, else NotFoundOrForbidden (a 404)."""
    who = who or principal()
    client = session.scalars(
        select(Client).where(Client.id == client_id, client_clause(who))
    ).one_or_none()
    if client is None:
        raise NotFoundOrForbidden()
    return client


# -- FAB filters: the same clauses plugged into ModelView / ModelRestApi ------

def _scope(name: str, clause_of):
    """A FAB filter class applying ``clause_of(model, principal)`` to every query."""

    def apply(self, query, value):
        return query.filter(clause_of(self.datamodel.obj, principal()))

    return type(name, (BaseFilter,), {"name": name, "arg_name": None, "apply": apply})


def _pk_choices(model, who: Principal):
    from flask_appbuilder.security.sqla.models import Role

    return office_clause(model.office_id, who) & model.roles.any(Role.name == roles.PK) & model.active.is_(True)


# The Client model itself.
ClientScope = _scope("ClientScope", lambda model, who: client_clause(who))
# Clients under supervision now (forms of apel, monthly reports, revocations).
ActiveClientChoices = _scope("ActiveClientChoices", lambda model, who: client_clause(who) & (Client.status == "aktif"))
# Records of clients the user supervises (assessments, programmes, progress book).
SupervisedLinkedScope = _scope("SupervisedLinkedScope", supervised_clause)
SupervisedClientChoices = _scope("SupervisedClientChoices", lambda model, who: confidential_clause(who)
                                 & Client.status.in_(("terdaftar", "aktif")))
# Records with a client_id column (guardians, handovers, assignments, ...).
ClientLinkedScope = _scope("ClientLinkedScope", lambda model, who: model.client_id.in_(visible_client_ids(who)))
# Confidential matters, and the clients offered in their form.
ConfidentialScope = _scope("ConfidentialScope", lambda model, who: ClientConfidential.client_id.in_(
    select(Client.id).where(confidential_clause(who))))
ConfidentialClientChoices = _scope("ConfidentialClientChoices", lambda model, who: confidential_clause(who))
# Staff offered as PK: active holders of the PK role in the user's office.
PKChoices = _scope("PKChoices", _pk_choices)
# Records with an office_id column (partners, staff, audit rows).
OfficeScope = _scope("OfficeScope", lambda model, who: office_clause(model.office_id, who))
# The Office model: one's own office.
OwnOfficeScope = _scope("OwnOfficeScope", lambda model, who: office_clause(model.id, who))


def base_filter(filter_class) -> list[list]:
    """``base_filters`` / ``*_query_rel_fields`` entry for one of the scopes above."""
    return [["id", filter_class, None]]
