"""Transition commands. ``check()`` returns every reason the transition cannot
run (empty when it can); ``run()`` writes and never half-writes (the caller
commits once, or rolls back on any error)."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.errors import DomainError
from app.platform.dates import long_date
from app.supervision.lifecycle import books, gates
from app.supervision.stages import Stage, plan
from models import Client, Revocation, Termination
from models.choices import ClientStatus, EndReason

ACTIVE = ClientStatus.AKTIF
END_REASONS = tuple(EndReason)


@dataclass
class TransitionInput:
    on: date | None
    reason: str | None = None
    by_id: int | None = None
    today: date = field(default_factory=date.today)
    # for the end of supervision
    end_reason: str | None = None
    decision_number: str | None = None
    decision_date: date | None = None
    notes: str | None = None


class Transition(ABC):
    name: str
    label = _l("Transition")
    from_stage: str | None
    to_stage: str | None

    def gates(self, client: Client) -> list[gates.Gate]:
        return []

    def computed_date(self, client: Client) -> date | None:
        return None

    def allowed_from(self, client: Client) -> bool:
        return client.status == ACTIVE and client.stage == self.from_stage

    def wrong_state(self, client: Client) -> str:
        return _("This step is not possible now: the supervision is at \"%(state)s\".", state=state_label(client))

    def check(self, session, client: Client, data: TransitionInput) -> None:
        """Raise DomainError with every problem at once; nothing is written."""
        problems = self.problems(session, client, data)
        if problems:
            raise DomainError(*problems)

    def problems(self, session, client: Client, data: TransitionInput) -> list[str]:
        if not self.allowed_from(client):
            return [self.wrong_state(client)]
        problems = gates.unmet(session, client, self.gates(client))
        problems += self.date_problems(client, data)
        return problems

    def date_problems(self, client: Client, data: TransitionInput) -> list[str]:
        return date_rules(client, data, self.computed_date(client))

    @abstractmethod
    def run(self, session, client: Client, data: TransitionInput) -> None:
        """Write the transition (the caller commits)."""


def date_rules(client: Client, data: TransitionInput, computed: date | None) -> list[str]:
    """An actual date: given, not in the future, not before the current stage began,
    and equal to the computed date unless a reason is written."""
    if data.on is None:
            return [_("Fill in the date.")]
    out = []
    if data.on > data.today:
        out.append(_("The date cannot be in the future."))
    if client.stage_started_on and data.on < client.stage_started_on:
        out.append(_("The date is before the start of the current stage (%(date)s).",
                     date=long_date(client.stage_started_on)))
    if computed and data.on != computed and not (data.reason or "").strip():
        out.append(_("The computed date is %(date)s; write the reason for a different date.",
                     date=long_date(computed)))
    return out


class StartSupervision(Transition):
    name = "mulai"
    label = _l("Start supervision (tahap awal)")
    from_stage, to_stage = None, Stage.AWAL.value

    def allowed_from(self, client):
        return client.status == ClientStatus.TERDAFTAR and client.stage is None

    def gates(self, client):
        return [gates.HANDOVER, gates.DATES, gates.PK_ASSIGNED]

    def computed_date(self, client):
        return client.supervision_start

    def date_problems(self, client, data):
        if not (client.supervision_start and client.supervision_expiry):
            return []  # the DATES gate already says so
        out = super().date_problems(client, data)
        if data.on and data.on > client.supervision_expiry:
            out.append(_("The date is after the expiry of the supervision."))
        return out

    def run(self, session, client, data):
        client.status, client.stage, client.stage_started_on = ACTIVE, self.to_stage, data.on
        books.write_plan(session, client, data.by_id, data.reason)
        books.write(session, client, Stage.AWAL.value, books.ACTUAL, data.on, data.by_id, data.reason)


class _NextStage(Transition):
    """awal -> lanjutan and lanjutan -> akhir: strike the previous stage's lines,
    write the actual start."""

    def computed_date(self, client):
        if not (client.supervision_start and client.supervision_expiry):
            return None
        return plan(client.supervision_start, client.supervision_expiry).starts(Stage(self.to_stage))

    def gates(self, client):
        return [gates.recorded(gates.TPP_PROGRAMME[self.to_stage])]

    def run(self, session, client, data):
        previous = books.open_entries(session, client.id, event=self.from_stage)
        planned = books.open_entries(session, client.id, event=self.to_stage, kind=books.PLANNED)
        actual = books.write(session, client, self.to_stage, books.ACTUAL, data.on, data.by_id, data.reason)
        books.strike(previous + planned, actual, _("Stage %(stage)s began on %(date)s.",
                                                   stage=self.to_stage, date=long_date(data.on)))
        client.stage, client.stage_started_on = self.to_stage, data.on


class StartLanjutan(_NextStage):
    name = "lanjutan"
    label = _l("Start tahap lanjutan")
    from_stage, to_stage = Stage.AWAL.value, Stage.LANJUTAN.value


class StartAkhir(_NextStage):
    name = "akhir"
    label = _l("Start tahap akhir")
    from_stage, to_stage = Stage.LANJUTAN.value, Stage.AKHIR.value

    def gates(self, client):
        return [gates.recorded(gates.REASSESSMENT_FINAL), *super().gates(client)]


class EndSupervision(Transition):
    name = "akhiri"
    label = _l("End supervision")
    from_stage, to_stage = None, None

    def allowed_from(self, client):
        return client.status == ACTIVE

    def computed_date(self, client):
        return client.supervision_expiry

    def problems(self, session, client, data):
        if not self.allowed_from(client):
            return [self.wrong_state(client)]
        if data.end_reason not in END_REASONS:
            return [_("Choose how the supervision ended.")]
        refusal = open_transfer_problem(session, client)
        if refusal:
            return [refusal]
        problems = []
        if data.end_reason == EndReason.SELESAI:
            if client.stage != Stage.AKHIR.value:
                problems.append(_("A supervision is completed only from tahap akhir."))
            problems += gates.unmet(session, client, [gates.recorded(gates.TPP_FINAL_EVALUATION),
                                                      gates.recorded(gates.TERMINATION_DOCUMENTS)])
        computed = client.supervision_expiry if data.end_reason == EndReason.SELESAI else None
        problems += date_rules(client, data, computed)
        problems += end_date_problems(client, data)
        if data.end_reason == EndReason.DICABUT:
            revocation = session.scalars(select(Revocation).where(Revocation.client_id == client.id)).first()
            if revocation is None or revocation.provisional_on is None:
                problems.append(_("A revocation needs its recorded steps, up to the provisional revocation by "
                                  "the Kepala Bapas."))
        if not (data.decision_number or "").strip() or data.decision_date is None:
            problems.append(_("Fill in the number and date of the decision that ends the supervision."))
        return problems

    def run(self, session, client, data):
        termination = Termination(client_id=client.id, reason=data.end_reason, end_date=data.on,
                                  decision_number=data.decision_number.strip(), decision_date=data.decision_date,
                                  notes=data.notes, recorded_by_id=data.by_id)
        session.add(termination)
        entry = books.write(session, client, books.TERMINATION, books.ACTUAL, data.on, data.by_id,
                            data.reason or data.notes)
        books.strike(books.open_entries(session, client.id, kind=books.PLANNED), entry,
                     _("The supervision ended on %(date)s.", date=long_date(data.on)))
        client.status = data.end_reason


def open_transfer_problem(session, client: Client) -> str | None:
    """No supervision ends, for any reason, while a transfer between offices is open: the receiving office
    would be left with a transfer to decide of a child no longer supervised. Ending as "transferred"
    (dipindahkan) stays for a move to an office outside SIBIKA, when no transfer is open."""
    from app.supervision.transfers.commands import open_transfer  # the transfers' commands import this package

    found = open_transfer(session, client.id)
    if found is None:
        return None
    return _("This client is being transferred to %(office)s (proposed on %(date)s): finish or withdraw the "
             "transfer first. Ending the supervision as \"transferred\" is only for a move to an office outside "
             "SIBIKA.", office=found.to_office.name, date=long_date(found.proposed_on))


def end_date_problems(client: Client, data: TransitionInput) -> list[str]:
    """The end's date agrees with how it ended: completion at the end of the period is on or
    after the expiry date; an earlier end is one of the other reasons (an early end by a
    decision taken on or before the end)."""
    expiry = client.supervision_expiry
    if data.on is None or expiry is None:
        return []
    if data.end_reason == EndReason.SELESAI and data.on < expiry:
        return [_("A supervision is completed at the end of its period only on or after the expiry date "
                  "(%(date)s). An earlier end needs another reason: revoked, transferred, deceased, or ended "
                  "early by a decision (with its number and date).", date=long_date(expiry))]
    if data.end_reason == EndReason.DIAKHIRI_AWAL:
        if data.on >= expiry:
            return [_("An early end is before the expiry date (%(date)s); from that date on the supervision is "
                      "completed at the end of its period.", date=long_date(expiry))]
        if data.decision_date and data.decision_date > data.on:
            return [_("The decision that ends the supervision early is dated after the end (%(date)s).",
                      date=long_date(data.on))]
    return []


TRANSITIONS: dict[str, Transition] = {t.name: t for t in (StartSupervision(), StartLanjutan(), StartAkhir(),
                                                          EndSupervision())}


def state_label(client: Client) -> str:
    from models.choices import STAGE, STATUS, label

    if client.status == ACTIVE and client.stage:
        return label(STAGE, client.stage)
    return label(STATUS, client.status)


def available(client: Client) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if t.allowed_from(client)]
