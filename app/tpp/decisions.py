"""Sidang TPP: quorum, majority, and what each decision opens.

Quorum is more than two thirds of the members; without consensus, a majority
(more than half of those present) decides (domain brief, "Sidang TPP")."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from flask_babel import gettext as _
from sqlalchemy import select

from app.errors import DomainError, Invalid
from app.guidance import programme as programmes
from app.platform.dates import long_date
from app.supervision.lifecycle import gates
from models import GateRecord, Revocation, TppItem

STAGE_OF_MATTER = {"rencana_awal": "awal", "rencana_lanjutan": "lanjutan", "rencana_akhir": "akhir"}
DECISIONS = ("setuju", "setuju_catatan", "tolak", "ditunda")


def has_quorum(present: int, members: int) -> bool:
    return members > 0 and 3 * present > 2 * members


def majority_carries(votes_for: int, present: int) -> bool:
    return 2 * votes_for > present


@dataclass
class Decision:
    decision: str | None
    consensus: bool
    votes_for: int | None = None
    votes_against: int | None = None
    notes: str | None = None
    by_id: int | None = None


def decision_problems(item: TppItem, d: Decision) -> list[str]:
    session = item.session
    present = len(session.present)
    problems = []
    if item.decision is not None and item.decision != "ditunda":
        problems.append(_("This item has already been decided."))
    if not has_quorum(present, session.members_total):
        problems.append(_("No quorum: %(present)d of %(members)d members present; more than two thirds are needed.",
                          present=present, members=session.members_total))
    if d.decision not in DECISIONS:
        problems.append(_("Choose a decision."))
    elif not d.consensus and d.decision != "ditunda":
        if d.votes_for is None or d.votes_against is None:
            problems.append(_("Without consensus, record the votes for and against."))
        elif d.votes_for + d.votes_against > present:
            problems.append(_("More votes than members present."))
        elif majority_carries(d.votes_for, present) != (d.decision in ("setuju", "setuju_catatan")):
            problems.append(_("The vote (%(yes)d for, %(present)d present) does not carry this decision.",
                              yes=d.votes_for, present=present))
    if d.decision == "setuju_catatan" and not (d.notes or "").strip():
        problems.append(_("Write the notes of an approval with notes."))
    if item.matter in STAGE_OF_MATTER and item.programme is None:
        problems.append(_("A plan on the agenda needs its programme."))
    return problems


def decide(db_session, item: TppItem, d: Decision) -> None:
    problems = decision_problems(item, d)
    if problems:
        raise DomainError(*problems)
    item.decision, item.consensus = d.decision, d.consensus
    item.votes_for, item.votes_against, item.notes = d.votes_for, d.votes_against, d.notes
    item.decided_at = datetime.now(timezone.utc).replace(tzinfo=None)
    item.decided_by_id = d.by_id
    if d.decision == "ditunda":
        return
    # What the stage page and the letters print: the session by its day, never an internal id.
    reference = _("Sidang TPP of %(date)s", date=long_date(item.session.held_on))
    approved = d.decision in ("setuju", "setuju_catatan")
    if item.matter in STAGE_OF_MATTER:
        programmes.decide(db_session, item.programme, d.decision, d.notes, item.session.held_on, reference)
    elif item.matter == "evaluasi_akhir" and approved:
        db_session.add(GateRecord(client_id=item.client_id, gate=gates.TPP_FINAL_EVALUATION,
                                  met_on=item.session.held_on, reference=reference))
    elif item.matter == "pencabutan" and approved:
        revocation = db_session.scalars(select(Revocation).where(Revocation.client_id == item.client_id)).first()
        if revocation is None:
            raise DomainError(_("No revocation is recorded for this client."))
        revocation.tpp_on, revocation.tpp_reference = item.session.held_on, reference


def check_agenda_programme(client, matter: str | None, programme) -> None:
    """A plan on the agenda names the client's submitted programme of that stage."""
    if matter not in STAGE_OF_MATTER:
        return
    if programme is None:
        problem = _("A plan on the agenda needs its programme.")
    elif programme.client_id != getattr(client, "id", None):
        problem = _("The programme belongs to another client.")
    elif programme.stage != STAGE_OF_MATTER[matter]:
        problem = _("The programme is for another stage.")
    elif programme.status != "diajukan":
        problem = _("Only a programme submitted to the TPP can be on the agenda.")
    else:
        return
    raise Invalid({"programme": [problem]})
