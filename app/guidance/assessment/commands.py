"""Assessments of a client: draft, answers, finalise (lock), correct (new version), compare."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone

from flask_babel import gettext as _
from sqlalchemy import select

from app import access
from app.errors import DomainError, problems_of, refuse
from app.guidance.assessment.scoring import ItemScore, score
from app.platform import locking, roles
from app.platform.dates import long_date
from app.supervision.lifecycle import gates
from models import Assessment, AssessmentAnswer, GateRecord, Instrument, InstrumentItem, ItemOption
from models.choices import UNDER_SUPERVISION

KINDS = ("awal", "reasesmen_akhir", "tahunan", "insidental")


def check_draft(client, instrument: Instrument | None, kind: str | None, assessed_on: date | None,
                who: access.Principal, today: date, stored: Assessment | None = None) -> None:
    """The header of a draft (the user assesses, so must be a PK); ``stored``, when
    editing, must still be a draft. Every problem at once, on its field (the
    assessor and the lock on ``assessor`` and ``status``: the forms place them)."""
    out: dict[str, list[str]] = {}
    if roles.PK not in who.role_names:
        out["assessor"] = [_("The assessor must be a PK.")]
    if kind and kind not in KINDS:
        out["kind"] = [_("Unknown kind of assessment.")]
    if assessed_on and assessed_on > today:
        out["assessed_on"] = [_("The date cannot be in the future.")]
    elif assessed_on and instrument is not None and assessed_on < instrument.valid_from:
        out["assessed_on"] = [_("The instrument is valid only from %(date)s.", date=instrument.valid_from.isoformat())]
    if client is not None and client.status not in UNDER_SUPERVISION:
        out["client"] = [_("The client is not under supervision now.")]
    if stored is not None:
        out.update(problems_of(require_draft, stored, default_field="status"))
    refuse(out)


def require_draft(assessment: Assessment) -> None:
    """The one rule: a finished assessment is locked; it changes only by a correction."""
    if assessment.status != "draft":
        raise DomainError(_("A finished assessment is locked; make a correction instead."))


def start(session, assessment: Assessment, who: access.Principal, today: date) -> None:
    """A new draft, by the user (a PK) for a client they supervise."""
    access.require_supervised(assessment.client, who)
    check_draft(assessment.client, assessment.instrument, assessment.kind, assessment.assessed_on, who, today)
    assessment.assessor_id = who.user_id
    assessment.status = "draft"


def update(session, assessment: Assessment, who: access.Principal, today: date) -> None:
    """The header of a draft (answers go through ``save_answers``)."""
    access.require_supervised(assessment.client, who)
    check_draft(assessment.client, assessment.instrument, assessment.kind, assessment.assessed_on, who, today,
                stored=assessment)


def save_answers(session, assessment: Assessment, chosen: dict[int, int]) -> None:
    """Store answers {item id: option id}; unknown pairs are refused whole."""
    require_draft(assessment)
    valid = {(item_id, option_id) for item_id, option_id in session.execute(
        select(ItemOption.item_id, ItemOption.id).join(InstrumentItem, InstrumentItem.id == ItemOption.item_id)
        .where(InstrumentItem.domain.has(instrument_id=assessment.instrument_id)))}
    if any((item, option) not in valid for item, option in chosen.items()):
        raise DomainError(_("An answer does not belong to this instrument."))
    existing = {a.item_id: a for a in assessment.answers}
    changed = False
    for item_id, option_id in chosen.items():
        if item_id in existing:
            changed |= existing[item_id].option_id != option_id
            existing[item_id].option_id = option_id
        else:
            assessment.answers.append(AssessmentAnswer(item_id=item_id, option_id=option_id))
            changed = True
    if changed:
        locking.touch(assessment)


def _items(session, assessment: Assessment) -> list[InstrumentItem]:
    return list(session.scalars(select(InstrumentItem).join(InstrumentItem.domain)
                                .where(InstrumentItem.domain.has(instrument_id=assessment.instrument_id))))


def finalise(session, assessment: Assessment, now: datetime | None = None) -> None:
    """Check completeness and consent, compute the scores, lock; a final
    reassessment opens the lifecycle's gate to tahap akhir."""
    require_draft(assessment)
    items = _items(session, assessment)
    answered = {a.item_id: a.option_id for a in assessment.answers}
    missing = [i.code for i in items if i.id not in answered]
    problems = []
    if missing:
        problems.append(_("Unanswered items: %(codes)s. The assessment stays a draft.", codes=", ".join(missing)))
    if not assessment.consent:
        problems.append(_("The client's consent to the assessment is not recorded."))
    if problems:
        raise DomainError(*problems)
    options = {o.id: o for o in session.scalars(select(ItemOption).where(ItemOption.id.in_(answered.values())))}
    result = score([ItemScore(i.domain.code, i.protective, options[answered[i.id]].score) for i in items],
                   [(c.category, c.min_score, c.max_score) for c in assessment.instrument.cutoffs])
    assessment.total_score, assessment.category = result.total, result.category
    assessment.domain_scores = json.dumps(result.domains, sort_keys=True)
    assessment.status = "final"
    assessment.finalised_at = (now or datetime.now(timezone.utc)).replace(tzinfo=None)
    if assessment.supersedes_id:
        replaced = session.get(Assessment, assessment.supersedes_id)
        replaced.status = "replaced"
    if assessment.kind == "reasesmen_akhir":
        session.add(GateRecord(client_id=assessment.client_id, gate=gates.REASSESSMENT_FINAL,
                               met_on=assessment.assessed_on,
                               reference=_("Reassessment of %(date)s", date=long_date(assessment.assessed_on))))


def correct(session, assessment: Assessment, by_id: int) -> Assessment:
    """A new draft version with the same answers; the original stays as it is until
    the correction is finalised, then it is marked replaced (never deleted)."""
    if assessment.status != "final":
        raise DomainError(_("Only a finished assessment can be corrected."))
    pending = session.scalar(select(Assessment.id).where(Assessment.supersedes_id == assessment.id,
                                                         Assessment.status == "draft"))
    if pending:
        raise DomainError(_("A correction of this assessment is already in progress."))
    copy = Assessment(client_id=assessment.client_id, instrument_id=assessment.instrument_id, kind=assessment.kind,
                      assessed_on=assessment.assessed_on, assessor_id=by_id, consent=assessment.consent,
                      consent_note=assessment.consent_note, needs=assessment.needs, status="draft",
                      supersedes_id=assessment.id)
    copy.answers = [AssessmentAnswer(item_id=a.item_id, option_id=a.option_id) for a in assessment.answers]
    session.add(copy)
    session.flush()
    return copy


@dataclass(frozen=True)
class DomainRow:
    code: str
    name: str
    first: int | None
    second: int | None

    @property
    def change(self) -> int | None:
        return None if self.first is None or self.second is None else self.second - self.first


def compare(first: Assessment, second: Assessment) -> list[DomainRow]:
    """Domain by domain, in the order of the second assessment's instrument."""
    a = json.loads(first.domain_scores or "{}")
    b = json.loads(second.domain_scores or "{}")
    rows = [DomainRow(d.code, d.name, a.get(d.code), b.get(d.code)) for d in second.instrument.domains]
    seen = {r.code for r in rows}
    rows += [DomainRow(code, code, value, None) for code, value in a.items() if code not in seen]
    return rows
