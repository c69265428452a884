"""The handling of a complaint as explicit states and small commands.

diterima -> ditelaah (Unit Pengaduan recommends) -> arahan (Kepala Bapas directs
and names who acts) -> tindak_lanjut (that official fixes and/or clarifies) ->
dijawab (the reply to the complainant) -> selesai; and, before the direction is
carried out, ditolak / tidak_dapat_ditindaklanjuti with a reason. Each step by
its role only; every step is kept with its time.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.errors import DomainError
from app.platform import roles
from models import Complaint, ComplaintStep, Staff, choices

OPEN = ("diterima", "ditelaah", "arahan", "tindak_lanjut")
CLOSED = ("dijawab", "selesai", "ditolak", "tidak_dapat_ditindaklanjuti")
ANSWERED = choices.ANSWERED  # named once, in models/choices.py
ACTION_KINDS = ("perbaikan", "klarifikasi", "perbaikan_klarifikasi")
MAX_TEXT = 5000


@dataclass(frozen=True)
class Step:
    name: str
    label: object
    sources: tuple[str, ...]
    roles: tuple[str, ...]  # empty: the official the Kepala Bapas named
    text_label: object


STEPS = {
    "ditelaah": Step("ditelaah", _l("Review and recommend"), ("diterima",), (roles.PENGADUAN,),
                     _l("Recommendation to the Kepala Bapas")),
    "arahan": Step("arahan", _l("Give directions"), ("ditelaah",), (roles.KEPALA,), _l("Direction")),
    "tindak_lanjut": Step("tindak_lanjut", _l("Record the follow-up"), ("arahan",), (), _l("What was done")),
    "dijawab": Step("dijawab", _l("Reply to the complainant"), ("tindak_lanjut",), (roles.PENGADUAN,),
                    _l("Reply (shown to the complainant)")),
    "selesai": Step("selesai", _l("Close"), ("dijawab",), (roles.PENGADUAN,), _l("Note")),
    "ditolak": Step("ditolak", _l("Reject"), ("diterima", "ditelaah", "arahan"), (roles.PENGADUAN, roles.KEPALA),
                    _l("Reason (shown to the complainant)")),
    "tidak_dapat_ditindaklanjuti": Step(
        "tidak_dapat_ditindaklanjuti", _l("Cannot be followed up"), ("diterima", "ditelaah", "arahan"),
        (roles.PENGADUAN, roles.KEPALA), _l("Reason (shown to the complainant)")),
}


@dataclass
class StepInput:
    text: str | None
    by: Staff
    assigned_to: Staff | None = None
    action_kind: str | None = None


def may_act(step: Step, complaint: Complaint, user: Staff) -> bool:
    names = {r.name for r in user.roles}
    if roles.ADMIN in names:
        return True
    if user.office_id != complaint.office_id:
        return False
    if not step.roles:
        return complaint.assigned_to_id == user.id
    return bool(names & set(step.roles))


def who_acts(step: Step, complaint: Complaint) -> str:
    if step.roles:
        return " / ".join(step.roles)
    if complaint.assigned_to is not None:
        return str(complaint.assigned_to)
    return str(_("the official named by the Kepala Bapas"))


def refusal(step: Step, complaint: Complaint, user: Staff) -> str | None:
    """Why this user may not take the step (None: they may), naming who does."""
    if may_act(step, complaint, user):
        return None
    return _("This step is taken by %(who)s, not by you.", who=who_acts(step, complaint))


def available(complaint: Complaint, user: Staff) -> list[Step]:
    return [s for s in STEPS.values() if complaint.status in s.sources and may_act(s, complaint, user)]


def problems(step: Step, complaint: Complaint, data: StepInput) -> list[str]:
    if complaint.status not in step.sources:
        return [_("This step is not possible now: the complaint is at \"%(status)s\".", status=complaint.status)]
    out = []
    refused = refusal(step, complaint, data.by)
    if refused:
        out.append(refused)
    text = (data.text or "").strip()
    if not text:
        out.append(_("Fill in: %(what)s.", what=str(step.text_label)))
    elif len(text) > MAX_TEXT:
        out.append(_("The text is longer than %(n)d characters.", n=MAX_TEXT))
    if step.name == "arahan":
        if data.assigned_to is None:
            out.append(_("Name the official who must act."))
        elif data.assigned_to.office_id != complaint.office_id:
            out.append(_("The official must belong to this office."))
    if step.name == "tindak_lanjut" and data.action_kind not in ACTION_KINDS:
        out.append(_("Say whether the official fixed the matter, clarified it, or both."))
    return out


def run(session, step: Step, complaint: Complaint, data: StepInput) -> ComplaintStep:
    found = problems(step, complaint, data)
    if found:
        raise DomainError(*found)
    text = data.text.strip()
    record = ComplaintStep(complaint_id=complaint.id, status=step.name, text=text, by_id=data.by.id,
                           at=datetime.now(timezone.utc).replace(tzinfo=None),
                           action_kind=data.action_kind if step.name == "tindak_lanjut" else None,
                           assigned_to_id=data.assigned_to.id if step.name == "arahan" else None)
    session.add(record)
    complaint.status = step.name
    if step.name == "arahan":
        complaint.assigned_to_id = data.assigned_to.id
    if step.name in ANSWERED:
        complaint.public_reply = text
    return record
