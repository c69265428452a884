"""Guidance programme per stage: draft -> submitted to the TPP -> approved /
approved with notes / rejected; a revision is a new version. Only an approved
programme opens the stage's gate in the lifecycle."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.errors import DomainError, Invalid
from app.guidance.consent import home_visits_allowed
from app.supervision.lifecycle import gates
from models import Classification, GateRecord, Programme, ProgrammeItem, TppItem, TppSession

EDITABLE = "draft"
APPROVED = ("disetujui", "disetujui_catatan")
OPEN = ("draft", "diajukan", "disetujui", "disetujui_catatan")


def check_one_per_stage(session, client, stage: str | None) -> None:
    """A stage has one programme at a time; a changed one is a revision, not a second programme."""
    if client is not None and stage and session.scalar(select(Programme.id).where(
            Programme.client_id == client.id, Programme.stage == stage, Programme.status.in_(OPEN))):
        raise Invalid({"stage": [_("This stage already has a programme; revise it instead.")]})


def start(programme: Programme, by_id: int | None, session) -> None:
    """A new programme is a draft by its author, prefilled for the final stage."""
    programme.created_by_id = by_id
    programme.status = EDITABLE
    prefill_from_classification(session, programme)


def check_home_visit(session, programme: Programme | None, activity_kind: str | None) -> None:
    """A home visit of the follow-up stage needs the client's recorded consent."""
    if (programme is not None and activity_kind == "kunjungan_rumah" and programme.stage == "lanjutan"
            and not home_visits_allowed(session, programme.client_id)):
        raise Invalid({"activity_kind": [_("A home visit cannot be planned without the client's recorded consent.")]})


def submit(session, programme: Programme) -> None:
    if programme.status != EDITABLE:
        raise DomainError(_("Only a draft programme can be submitted."))
    problems = []
    if not programme.items:
        problems.append(_("The programme has no items."))
    if any(i.kind == "kemandirian" for i in programme.items) and not (programme.interests_talents or "").strip():
        problems.append(_("Independence guidance is chosen by the client's interests and talents: fill them in."))
    if (programme.stage == "lanjutan" and any(i.activity_kind == "kunjungan_rumah" for i in programme.items)
            and not home_visits_allowed(session, programme.client_id)):
        problems.append(_("A home visit cannot be planned without the client's recorded consent."))
    if programme.stage == "akhir" and latest_classification(session, programme.client_id) is None:
        problems.append(_("The final-stage programme follows the final-stage classification: set it first."))
    if problems:
        raise DomainError(*problems)
    programme.status = "diajukan"


def approved_on(session, programme_id: int):
    """The day of the TPP session that approved the programme (None when no agenda item records it)."""
    return session.scalar(select(TppSession.held_on).join(TppItem, TppItem.session_id == TppSession.id)
                          .where(TppItem.programme_id == programme_id,
                                 TppItem.decision.in_(("setuju", "setuju_catatan")))
                          .order_by(TppSession.held_on))


def latest_classification(session, client_id: int) -> Classification | None:
    return session.scalars(select(Classification).where(Classification.client_id == client_id)
                           .order_by(Classification.set_on.desc(), Classification.id.desc())).first()


def prefill_from_classification(session, programme: Programme) -> None:
    """A new final-stage programme starts from the needs the classification set."""
    if programme.stage != "akhir" or (programme.notes or "").strip():
        return
    found = latest_classification(session, programme.client_id)
    if found is not None:
        programme.notes = _("Needs from the final-stage classification: %(needs)s", needs=found.needs)


def decide(session, programme: Programme, decision: str, note: str | None, on, reference: str) -> None:
    """Apply a TPP decision (setuju, setuju_catatan, tolak, ditunda)."""
    if programme.status != "diajukan":
        raise DomainError(_("The programme is not waiting for a TPP decision."))
    if decision == "ditunda":
        return
    programme.status = {"setuju": "disetujui", "setuju_catatan": "disetujui_catatan", "tolak": "ditolak"}[decision]
    programme.tpp_note = note
    if programme.status in APPROVED:
        session.add(GateRecord(client_id=programme.client_id, gate=gates.TPP_PROGRAMME[programme.stage],
                               met_on=on, reference=reference))


def revise(session, programme: Programme, by_id: int | None) -> Programme:
    """A new draft version with the items copied; the original stays as decided."""
    if programme.status not in ("ditolak", "disetujui_catatan"):
        raise DomainError(_("Only a rejected programme or one approved with notes is revised."))
    newer = session.scalar(select(func.count(Programme.id)).where(Programme.supersedes_id == programme.id))
    if newer:
        raise DomainError(_("This programme has already been revised."))
    copy = Programme(client_id=programme.client_id, stage=programme.stage, version_no=programme.version_no + 1,
                     status=EDITABLE, supersedes_id=programme.id, interests_talents=programme.interests_talents,
                     notes=programme.notes, created_by_id=by_id)
    copy.items = [ProgrammeItem(client_id=i.client_id, kind=i.kind, activity_kind=i.activity_kind,
                                activity=i.activity, need=i.need, target=i.target, frequency=i.frequency,
                                partner_id=i.partner_id) for i in programme.items]
    session.add(copy)
    session.flush()
    return copy
