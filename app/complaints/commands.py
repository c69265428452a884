"""Every write of a complaint by staff: scope → permission → check → run.

Screens and API call the same function; each raises a translatable DomainError
(``Invalid`` where a form field can show it) and writes nothing when it refuses.
The caller commits. (The public form's ``intake.receive`` is its own command.)"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from app import access
from app.complaints import intake, workflow
from app.errors import Invalid, NotFoundOrForbidden
from app.platform import roles
from models import Client, Complaint


def check_registration(session, complaint: Complaint, who: access.Principal) -> None:
    """A complaint the unit types in: for its own office, a valid submission, and the
    PK it concerns a PK of that office."""
    office = complaint.office
    if office is None or not access.in_own_office(office.id, who):
        raise Invalid({"office": [str(access.OFFICE_REFUSED)]})
    with session.no_autoflush:
        found = intake.problems(session, intake.Submission(
            office_id=office.id, category_id=complaint.category.id if complaint.category else None,
            text=complaint.text, channel=complaint.channel, name=complaint.name, contact=complaint.contact,
            consent_contact=bool(complaint.consent_contact)))
    pk_staff = complaint.concerns_pk
    if pk_staff is not None and (pk_staff.office_id != office.id
                                 or roles.PK not in {r.name for r in pk_staff.roles}):
        found["concerns_pk"] = [_("Choose a PK of this office.")]
    if found:
        raise Invalid(found)


def register(session, complaint: Complaint, who: access.Principal, today: date) -> None:
    check_registration(session, complaint, who)
    intake.register(session, complaint, who.user_id, today)


def linkable_clients(session, complaint: Complaint, who: access.Principal) -> list[Client]:
    """The clients the Kepala Bapas may link a complaint to while giving directions."""
    return list(session.scalars(select(Client).where(access.complaint_link_clause(complaint, who))
                                .order_by(Client.registration_number)))


def check_link(session, complaint: Complaint, step_name: str, client_id: int | None,
               who: access.Principal) -> None:
    """The one rule of the complaint → client link: only with the directions, and only
    to a client of the complaint's office the user may see (the link stays internal)."""
    if not client_id:
        return
    if step_name != "arahan" or not access.may_link_client(session, complaint, client_id, who):
        raise Invalid({"concerns_client": [str(access.CLIENT_REFUSED)]})


def take_step(session, complaint_id: int, step_name: str, data: workflow.StepInput, client_id: int | None,
              who: access.Principal) -> Complaint:
    """One step of the handling, by its role only, with the optional client link."""
    complaint = access.get(session, Complaint, complaint_id, who)
    step = workflow.STEPS.get(step_name)
    if step is None:
        raise NotFoundOrForbidden()
    check_link(session, complaint, step_name, client_id, who)
    workflow.run(session, step, complaint, data)
    if client_id:
        complaint.concerns_client_id = client_id
    return complaint
