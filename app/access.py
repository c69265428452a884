"""The one access layer: which rows of client-linked data a user may see.

Permissions (app.platform.roles) say what kind of record a role may touch; this module
says which records. Rules:

* Admin sees every office. Everyone else sees only their own office.
* Kepala Bapas, Petugas Registrasi and Anggota TPP see every client of their
  office; a PK (without one of those roles) sees only the clients currently
  assigned to them; Unit Pengaduan sees no client.
* Sensitive matters (ClientConfidential) are visible only to the assigned PK,
  the Kepala Bapas of the office, and Admin.
* A registration is checked against every office's clients (``match_pool_clause``); an earlier
  file of another office is read (never changed) only through its Kepala Bapas's grant
  (``granted_file_clause``), by those who supervise the linked new registration.

Every view, action, API and custom route asks here; nothing else filters.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_appbuilder.models.filters import BaseFilter
from flask_babel import lazy_gettext as _
from flask_login import current_user
from sqlalchemy import false, or_, select, true
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from app.errors import Invalid, NotFoundOrForbidden
from app.platform import roles
from models import (
    Assessment,
    Attachment,
    Client,
    ClientConfidential,
    ClientLink,
    Complaint,
    EarlierFileGrant,
    GeneratedDocument,
    Office,
    Programme,
    ProgrammeItem,
    ProgressEntry,
    SdpBatch,
    TppItem,
    TppSession,
    Transfer,
)
from models.choices import UNDER_SUPERVISION, ClientStatus

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


def in_own_office(office_id: int | None, who: Principal) -> bool:
    """A record may be written for this office: the user's own (any office for Admin)."""
    return who.is_admin or (office_id is not None and office_id == who.office_id)


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


def event_office_clause(office_column, who: Principal) -> ColumnElement[bool]:
    """Events counted where they happened (a handover stays with the office that received the child, after
    a transfer too): the office's own for office-wide roles, the caseload's for a PK. Only counts are read
    this way, never a row's contents."""
    if who.role_names & OFFICE_WIDE_CLIENT_ROLES and not who.is_admin:
        return office_clause(office_column, who)
    return client_clause(who)


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


def sdp_transfers_out_clause(who: Principal) -> ColumnElement[bool]:
    """Accepted transfers the user reports to SDP as departures: the Kepala Bapas those of the office (the
    client is no longer anyone's there), Admin every office."""
    accepted = Transfer.status == "diterima"
    if who.is_admin:
        return accepted
    if not who.is_kepala or who.office_id is None:
        return false()
    return accepted & (Transfer.from_office_id == who.office_id)


def sdp_transfers_in_clause(who: Principal) -> ColumnElement[bool]:
    """Accepted transfers the user reports to SDP as arrivals: those of clients the user exports (the new
    PK, the receiving Kepala Bapas), received by the user's office."""
    accepted = (Transfer.status == "diterima") & Transfer.client_id.in_(select(Client.id).where(sdp_clause(who)))
    return accepted if who.is_admin else accepted & (Transfer.to_office_id == who.office_id)


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


def client_linked_clause(model, who: Principal) -> ColumnElement[bool]:
    """Rows (with a client_id) of clients the user may see at all: guardians,
    handovers, assignments, TPP agenda items."""
    return model.client_id.in_(visible_client_ids(who))


def progress_clause(model, who: Principal) -> ColumnElement[bool]:
    """The progress book: a PK sees the current version of each entry; the Kepala
    Bapas and Admin also the originals a correction replaced."""
    return supervised_clause(model, who) & (true() if who.is_admin or who.is_kepala
                                            else model.superseded.is_(False))


def sees_tpp_sessions(who: Principal) -> bool:
    """The minutes of a TPP session are for the Kepala Bapas, the TPP and Admin."""
    return who.is_admin or bool(who.role_names & {roles.KEPALA, roles.TPP})


def tpp_minutes_clause(model, who: Principal) -> ColumnElement[bool]:
    """TPP sessions whose minutes the user may issue and read: their office's, for
    the Kepala Bapas and the TPP; every office's for Admin."""
    return office_clause(model.office_id, who) if sees_tpp_sessions(who) else false()


def document_clause(model, who: Principal) -> ColumnElement[bool]:
    """A client's documents for those who supervise the client; a complaint's letters for those
    who may see the complaint; a TPP session's minutes for the Kepala Bapas and the TPP."""
    return or_(supervised_clause(model, who),
               model.complaint_id.in_(select(Complaint.id).where(complaint_clause(Complaint, who))),
               model.tpp_session_id.is_not(None) & tpp_minutes_clause(model, who))


def complaint_link_clause(complaint, who: Principal) -> ColumnElement[bool]:
    """Clients a complaint may be linked to (the link stays internal): those of the
    complaint's office the user may see."""
    return client_clause(who) & (Client.office_id == complaint.office_id)


def may_link_client(session, complaint, client_id: int, who: Principal) -> bool:
    """Whether this client is one the complaint may be linked to."""
    return session.scalar(select(Client.id).where(Client.id == client_id,
                                                  complaint_link_clause(complaint, who))) is not None


def supervised_clients_clause(who: Principal) -> ColumnElement[bool]:
    """Clients the user supervises and who are under supervision now (registered or
    active): the ones a new assessment, programme or letter is written for."""
    return confidential_clause(who) & Client.status.in_(UNDER_SUPERVISION)


def draft_programme_clause(model, who: Principal) -> ColumnElement[bool]:
    """Programmes an item may be added to: the drafts of clients the user supervises."""
    return (model.status == "draft") & supervised_clause(model, who)


def submitted_programme_clause(model, who: Principal) -> ColumnElement[bool]:
    """Programmes that may be put on a TPP agenda: submitted, of a client the user sees."""
    return (model.status == "diajukan") & client_linked_clause(model, who)


def tpp_member_clause(model, who: Principal) -> ColumnElement[bool]:
    """Staff offered as present at a TPP session: the TPP members of the user's office."""
    return office_clause(model.office_id, who) & model.roles.any(name=roles.TPP)


def survey_clause(model, who: Principal) -> ColumnElement[bool]:
    """Survey answers and publications (anonymous, but an office's own figures): the Kepala Bapas of the
    office and Admin read them; nobody else, whatever the office."""
    if who.is_admin:
        return true()
    if who.is_kepala:
        return office_clause(model.office_id, who)
    return false()


def survey_office_clause(office_model, who: Principal) -> ColumnElement[bool]:
    """Offices whose survey figures the user reads (the same readers as ``survey_clause``)."""
    if who.is_admin:
        return true()
    if who.is_kepala:
        return office_clause(office_model.id, who)
    return false()


def is_kepala_of(office_id: int | None, who: Principal) -> bool:
    """The Kepala Bapas of exactly this office (an Admin who is not its Kepala is not): who decides for an
    office — a transfer's steps, opening an earlier file to another office."""
    return who.is_kepala and office_id is not None and who.office_id == office_id


def may_publish_survey(office_id: int | None, who: Principal) -> bool:
    """Who makes a quarter's IKM public: the Kepala Bapas of the office, or Admin."""
    return who.is_admin or (who.is_kepala and in_own_office(office_id, who))


# -- returning clients (app.clients.returning) -------------------------------------------

def match_pool_clause(client_id: int) -> ColumnElement[bool]:
    """The registrations a new one is checked against: every office's (a child supervised before may come
    back anywhere), never the new one itself, never an anonymised one. Only columns for the score are read
    from them, and a match list shows no more than app.clients.returning.candidates names."""
    return (Client.id != client_id) & Client.anonymised_at.is_(None)


def granted_file_clause(who: Principal) -> ColumnElement[bool]:
    """Earlier files of another office whose contents the user may read: those whose Kepala Bapas granted
    them (not revoked) to the new registration linked to them, for the people who supervise that one in
    the office the grant was given to (a transfer on to a third office does not take the grant along)."""
    linked = aliased(Client)
    return Client.id.in_(
        select(EarlierFileGrant.client_id).join(ClientLink, EarlierFileGrant.link_id == ClientLink.id)
        .join(linked, linked.id == ClientLink.client_id)
        .where(EarlierFileGrant.revoked_at.is_(None), linked.office_id == EarlierFileGrant.office_id,
               ClientLink.client_id.in_(select(Client.id).where(confidential_clause(who)))))


def may_grant_earlier_file(earlier: Client, who: Principal) -> bool:
    """Only the Kepala Bapas of the office that holds the earlier file opens it to another office (not an
    Admin who is not that office's Kepala)."""
    return is_kepala_of(earlier.office_id, who)


def get_granted_file(session, client_id, who: Principal | None = None) -> Client:
    """An earlier file opened through a grant (read only), else NotFoundOrForbidden (a 404)."""
    return _one(session, Client, client_id, granted_file_clause(who or principal()))
def transfer_clause(model, who: Principal) -> ColumnElement[bool]:
    """Transfers between offices: the office-wide roles see those from and to their office (the sending
    office keeps the record after the client left); a PK those of the clients in their caseload now.
    What of a transfer a reader sees beyond the record itself follows the client (app.supervision.transfers.queries)."""
    if who.is_admin:
        return true()
    if who.office_id is None:
        return false()
    if who.role_names & OFFICE_WIDE_CLIENT_ROLES:
        return (model.from_office_id == who.office_id) | (model.to_office_id == who.office_id)
    if roles.PK in who.role_names:
        return model.client_id.in_(visible_client_ids(who))
    return false()


def transfer_side_clause(model, who: Principal, incoming: bool) -> ColumnElement[bool]:
    """Transfers the user sees that come to (``incoming``) or leave from their office (Admin: every office)."""
    seen = transfer_clause(model, who)
    if who.is_admin:
        return seen
    return seen & ((model.to_office_id if incoming else model.from_office_id) == who.office_id)


def sent_by_own_office(transfer, who: Principal) -> bool:
    """A transfer read from the sending side (Admin reads every transfer so)."""
    return who.is_admin or transfer.from_office_id == who.office_id


def visible_client_of(model, who: Principal) -> ColumnElement[bool]:
    """Join condition: the row's client, when the user may see that client (a transfer whose client left
    the reader's office joins no client, so no name)."""
    return (Client.id == model.client_id) & client_clause(who)


def may_see_client(session, client_id: int | None, who: Principal) -> bool:
    """Whether the user may see this client now (without loading, and so without reading, the client)."""
    return client_id is not None and session.scalar(
        select(Client.id).where(Client.id == client_id, client_clause(who))) is not None


# -- one record by id ----------------------------------------------------------

# Which rows of a model the user may open by id. A model not listed cannot be
# opened through ``get``: add its clause here rather than filtering in a view.
GET_CLAUSES = {
    Client: lambda model, who: client_clause(who),
    Assessment: supervised_clause,
    Programme: supervised_clause,
    ProgrammeItem: supervised_clause,
    ProgressEntry: supervised_clause,  # a correction's original is still opened by those who supervise
    Attachment: supervised_clause,
    TppItem: client_linked_clause,
    TppSession: tpp_minutes_clause,
    Complaint: complaint_clause,
    GeneratedDocument: document_clause,
    SdpBatch: sdp_batch_clause,
    Transfer: transfer_clause,
    Office: lambda model, who: office_clause(model.id, who),
}

MAX_ID = 2**31 - 1  # the largest INTEGER key PostgreSQL compares without an error


def get(session, model, record_id, who: Principal | None = None):
    """The record if this user may see it, else NotFoundOrForbidden (a 404):
    missing and not-yours answer the same, so an id typed into a URL tells nothing."""
    who = who or principal()
    return _one(session, model, record_id, GET_CLAUSES[model](model, who))


def _one(session, model, record_id, clause):
    try:
        record_id = int(record_id)
    except (TypeError, ValueError):
        raise NotFoundOrForbidden() from None
    if not 0 < record_id <= MAX_ID:
        raise NotFoundOrForbidden()
    found = session.scalars(select(model).where(model.id == record_id, clause)).first()
    if found is None:
        raise NotFoundOrForbidden()
    return found


def supervised_active_clients(session, who: Principal) -> list[Client]:
    """The active clients of the user's caseload (a month's reports in one batch)."""
    return list(session.scalars(select(Client).where(confidential_clause(who), Client.status == ClientStatus.AKTIF)
                                .order_by(Client.registration_number)))


def can_see_confidential(client: Client, who: Principal | None = None) -> bool:
    who = who or principal()
    if who.is_admin:
        return True
    if who.office_id != client.office_id:
        return False
    return who.is_kepala or (roles.PK in who.role_names and client.current_pk_id == who.user_id)


def require_supervised(client: Client | None, who: Principal, field: str = "client") -> None:
    """Records holding sensitive matters (assessments, programmes) are written only
    for a client the user supervises; refused on the form's ``field``."""
    if client is None or not can_see_confidential(client, who):
        raise Invalid({field: [str(CLIENT_REFUSED)]})


FIXED_CLIENT_REFUSED = _("This form was opened for another client: the record was not saved.")


def require_fixed_client(client: Client | None, fixed_client_id: int | None, field: str = "client") -> None:
    """A form opened from a client's file writes for that client only (a changed
    or tampered client field is refused, never saved on another child)."""
    if fixed_client_id is not None and getattr(client, "id", None) != fixed_client_id:
        raise Invalid({field: [str(FIXED_CLIENT_REFUSED)]})


def can_supervise(client: Client, who: Principal) -> bool:
    """Steer a supervision (stages, period, termination): the assigned PK, the
    Kepala Bapas of the office, Admin."""
    return can_see_confidential(client, who)


def get_client(session, client_id: int, who: Principal | None = None) -> Client:
    """The client if this user may see it, else NotFoundOrForbidden (a 404)."""
    return get(session, Client, client_id, who)


# -- FAB filters: the same clauses plugged into ModelView / ModelRestApi ------

def scope(name: str, clause_of):
    """A FAB filter class applying ``clause_of(model, principal)`` to every query.
    Only this module builds one (tests/unit/test_access_layer.py)."""

    def apply(self, query, value):
        return query.filter(clause_of(self.datamodel.obj, principal()))

    return type(name, (BaseFilter,), {"name": name, "arg_name": None, "apply": apply})


def narrowing(name: str, label, arg_name: str, clause_of):
    """A FAB search filter narrowing a list by what its reader typed or ticked: ``clause_of(model, value)``, or
    None to leave the list as it is (the client's name on the lists of a client's records, an incomplete
    register entry on the client list). It never widens a list: the view's scope (its base_filters) still
    applies. Only this module builds FAB filters (tests/unit/test_access_layer.py)."""

    def apply(self, query, value):
        clause = clause_of(self.datamodel.obj, value)
        return query if clause is None else query.filter(clause)

    return type(name, (BaseFilter,), {"name": label, "arg_name": arg_name, "apply": apply})


def pk_choices_clause(model, who: Principal):
    """Staff offered as PK: active holders of the PK role in the user's office."""
    from flask_appbuilder.security.sqla.models import Role

    return office_clause(model.office_id, who) & model.roles.any(Role.name == roles.PK) & model.active.is_(True)


def offered_pks(session, who: Principal, pk_id: int | None = None) -> list:
    """The PKs a register or the due list may be filtered by (only ``pk_id`` when given)."""
    from models import Staff

    query = select(Staff).where(pk_choices_clause(Staff, who))
    if pk_id is not None:
        query = query.where(Staff.id == pk_id)
    return list(session.scalars(query.order_by(Staff.first_name)))


# The Client model itself.
ClientScope = scope("ClientScope", lambda model, who: client_clause(who))
# Clients under supervision now (forms of apel, monthly reports, revocations).
ActiveClientChoices = scope("ActiveClientChoices", lambda model, who: client_clause(who) & (Client.status == ClientStatus.AKTIF))
# Records of clients the user supervises (assessments, programmes, progress book).
SupervisedLinkedScope = scope("SupervisedLinkedScope", supervised_clause)
SupervisedClientChoices = scope("SupervisedClientChoices", lambda model, who: supervised_clients_clause(who))
# Records with a client_id column (guardians, handovers, assignments, ...).
ClientLinkedScope = scope("ClientLinkedScope", client_linked_clause)
# Confidential matters, and the clients offered in their form.
ConfidentialScope = scope("ConfidentialScope", lambda model, who: ClientConfidential.client_id.in_(
    select(Client.id).where(confidential_clause(who))))
ConfidentialClientChoices = scope("ConfidentialClientChoices", lambda model, who: confidential_clause(who))
# Staff offered as PK: active holders of the PK role in the user's office.
PKChoices = scope("PKChoices", pk_choices_clause)
# Records with an office_id column (partners, staff, audit rows).
OfficeScope = scope("OfficeScope", lambda model, who: office_clause(model.office_id, who))
# The Office model: one's own office.
OwnOfficeScope = scope("OwnOfficeScope", lambda model, who: office_clause(model.id, who))
# The progress book (originals of corrections for the Kepala Bapas and Admin only).
ProgressScope = scope("ProgressScope", progress_clause)
# Complaints, and the archive of generated documents.
ComplaintScope = scope("ComplaintScope", complaint_clause)
DocumentScope = scope("DocumentScope", document_clause)
# Programmes an item may be added to; programmes a TPP agenda item may name; TPP members.
DraftProgrammeChoices = scope("DraftProgrammeChoices", draft_programme_clause)
SubmittedProgrammes = scope("SubmittedProgrammes", submitted_programme_clause)
TppMembers = scope("TppMembers", tpp_member_clause)


def base_filter(filter_class) -> list[list]:
    """``base_filters`` / ``*_query_rel_fields`` entry for one of the scopes above."""
    return [["id", filter_class, None]]
