"""The read side of the client file: what each section shows, for one client.

Every query starts from the client the access layer let through
(``access.get_client``) and each section of sensitive matters asks the same
layer again: the assigned PK, the Kepala Bapas and Admin see the assessments,
programme, progress book, consent and documents; registration and the TPP see
identity, handover, reporting and the agenda as on every other screen. Reads of
identity are audited by app.platform.read_audit (the ORM loads) like every screen."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from app import access
from app.clients.returning import queries as returning
from app.guidance.consent import home_visit_consent
from app.guidance.programme import APPROVED
from app.supervision import due
from app.supervision.apel import missed_in_a_row, revocation_alert
from app.supervision.stages import InvalidPeriod, plan
from app.supervision.transfers import queries as transfer_queries
from models import (
    ApelLog,
    Assessment,
    AuditLog,
    BookEntry,
    Classification,
    Client,
    ClientConfidential,
    Consent,
    GateRecord,
    GeneratedDocument,
    Guardian,
    Handover,
    MonthlyReport,
    PKAssignment,
    Programme,
    ProgrammeItem,
    ProgressEntry,
    Referral,
    Termination,
    TppItem,
)

RECENT_NOTES = 5


@dataclass
class Apel:
    count: int
    last: date | None
    missed: int
    alert: bool
    rows: list = field(default_factory=list)


@dataclass
class ItemProgress:
    item: ProgrammeItem
    done: int  # activities of the book that carry out the item
    last: date | None


@dataclass
class StageBar:
    """The supervision period as three windows, and where today falls."""
    windows: list  # (stage code, first day, last day, share of the period in %)
    done_percent: int
    days_left_in_stage: int | None
    days_left: int | None


@dataclass
class ClientFile:
    client: Client
    supervises: bool  # the sensitive sections (assigned PK, Kepala Bapas, Admin)
    sees_history: bool  # Riwayat (Kepala Bapas, Admin)
    bar: StageBar | None
    latest_assessment: Assessment | None
    initial_assessment: Assessment | None
    apel: Apel
    due: list
    overdue: list
    guardians: list = field(default_factory=list)
    confidential: ClientConfidential | None = None
    handovers: list = field(default_factory=list)
    assignments: list = field(default_factory=list)
    assessments: list = field(default_factory=list)
    programmes: list = field(default_factory=list)
    current_programme: Programme | None = None
    item_progress: list = field(default_factory=list)
    entries: list = field(default_factory=list)
    consents: list = field(default_factory=list)
    consent_now: Consent | None = None
    referrals: list = field(default_factory=list)
    classifications: list = field(default_factory=list)
    tpp_items: list = field(default_factory=list)
    books: list = field(default_factory=list)
    gates: dict = field(default_factory=dict)
    termination: Termination | None = None
    reports: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    history: list = field(default_factory=list)
    earlier: list = field(default_factory=list)  # the earlier supervisions' summary (app.clients.returning)
    later: list = field(default_factory=list)  # later registrations elsewhere (app.clients.returning)
    transfers: list = field(default_factory=list)  # between offices, newest first (app.supervision.transfers)

    @property
    def recent_entries(self) -> list:
        return self.entries[:RECENT_NOTES]

    @property
    def open_transfer(self):
        from app.supervision.transfers.rules import OPEN

        return next((t for t in self.transfers if t.status in OPEN), None)

    @property
    def risk(self) -> str | None:
        return self.latest_assessment.category if self.latest_assessment else None


def _all(session, query) -> list:
    return list(session.scalars(query))


def stage_bar(client: Client, today: date) -> StageBar | None:
    if not (client.supervision_start and client.supervision_expiry):
        return None
    try:
        found = plan(client.supervision_start, client.supervision_expiry)
    except InvalidPeriod:
        return None
    windows = [(w.stage.value, w.first_day, w.last_day, round(100 * w.days / found.days) if found.days else 0)
               for w in found.windows]
    elapsed = (min(max(today, found.start), found.expiry) - found.start).days + (1 if today >= found.start else 0)
    left_in_stage = None
    if client.stage:
        window = next((w for w in found.windows if w.stage.value == client.stage), None)
        if window is not None and today <= window.last_day:
            left_in_stage = (window.last_day - today).days + 1
    days_left = (found.expiry - today).days + 1 if today <= found.expiry else 0
    return StageBar(windows, min(100, round(100 * elapsed / found.days)) if found.days else 0, left_in_stage,
                    days_left)


def apel_record(session, client: Client, today: date, termination: Termination | None) -> Apel:
    rows = _all(session, select(ApelLog).where(ApelLog.client_id == client.id)
                .order_by(ApelLog.reported_on.desc(), ApelLog.id.desc()))
    reported = [r.reported_on for r in rows]
    missed = alert = 0
    if client.supervision_start and client.stage_started_on:
        until = termination.end_date if termination else None
        missed = missed_in_a_row(client.supervision_start, client.reporting_interval_days, today, reported, until)
        alert = revocation_alert(client.supervision_start, client.reporting_interval_days, today, reported, until)
    return Apel(len(rows), reported[0] if reported else None, missed, bool(alert), rows)


def programme_progress(session, programme: Programme | None) -> list[ItemProgress]:
    if programme is None:
        return []
    counts = {row.programme_item_id: (row.n, row.last) for row in session.execute(
        select(ProgressEntry.programme_item_id, func.count(ProgressEntry.id).label("n"),
               func.max(ProgressEntry.happened_on).label("last"))
        .where(ProgressEntry.client_id == programme.client_id, ProgressEntry.superseded.is_(False),
               ProgressEntry.programme_item_id.in_([i.id for i in programme.items]))
        .group_by(ProgressEntry.programme_item_id))}
    return [ItemProgress(i, *counts.get(i.id, (0, None))) for i in programme.items]


def current_programme(session, client: Client) -> Programme | None:
    """The newest programme of the client's current stage (approved ones first)."""
    if not client.stage:
        return None
    found = _all(session, select(Programme).where(Programme.client_id == client.id, Programme.stage == client.stage)
                 .order_by(Programme.version_no.desc(), Programme.id.desc()))
    return next((p for p in found if p.status in APPROVED), found[0] if found else None)


def approved_items(session, client: Client) -> list[ProgrammeItem]:
    """What an activity of this client may carry out: the items of the client's
    approved programmes, the current stage's first."""
    items = _all(session, select(ProgrammeItem).join(Programme, ProgrammeItem.programme_id == Programme.id)
                 .where(ProgrammeItem.client_id == client.id, Programme.status.in_(APPROVED))
                 .order_by(Programme.stage != (client.stage or ""), Programme.id.desc(), ProgrammeItem.id))
    return items


def client_assessments(session, client: Client, final_only: bool = False) -> list[Assessment]:
    query = select(Assessment).where(Assessment.client_id == client.id)
    if final_only:
        query = query.where(Assessment.status == "final")
    return _all(session, query.order_by(Assessment.assessed_on.desc(), Assessment.id.desc()))


def file_of(session, client_id: int, who: access.Principal, today: date) -> ClientFile:
    """The whole file of one client, or NotFoundOrForbidden (a 404) when the user may not see the client."""
    client = access.get_client(session, client_id, who)
    supervises = access.can_see_confidential(client, who)
    termination = session.scalars(select(Termination).where(Termination.client_id == client.id)).first()
    items = [i for i in due.due_items(session, who, today, client.current_pk_id) if i.client_id == client.id] \
        if client.current_pk_id else []
    found = ClientFile(
        client=client, supervises=supervises, sees_history=who.is_admin or who.is_kepala,
        bar=stage_bar(client, today), latest_assessment=None, initial_assessment=None,
        apel=apel_record(session, client, today, termination),
        due=[i for i in items if not due.is_overdue(i, today)], overdue=[i for i in items if due.is_overdue(i, today)],
        termination=termination)
    found.guardians = _all(session, select(Guardian).where(Guardian.client_id == client.id).order_by(Guardian.id))
    found.handovers = _all(session, select(Handover).where(Handover.client_id == client.id)
                           .order_by(Handover.handover_date.desc()))
    found.assignments = _all(session, select(PKAssignment).where(PKAssignment.client_id == client.id)
                             .order_by(PKAssignment.start_date.desc(), PKAssignment.id.desc()))
    found.tpp_items = _all(session, select(TppItem).where(TppItem.client_id == client.id).order_by(TppItem.id.desc()))
    found.books = _all(session, select(BookEntry).where(BookEntry.client_id == client.id).order_by(BookEntry.id))
    found.gates = {g.gate: g for g in session.scalars(select(GateRecord).where(GateRecord.client_id == client.id))}
    found.earlier = returning.summaries(session, client, who)
    found.later = returning.later_supervisions(session, client)
    found.transfers = transfer_queries.of_client(session, client)
    if supervises:
        _sensitive_sections(session, found, who)
    if found.sees_history:
        # The access layer decided that the user may see this client (access.get_client): the file's whole
        # history then, from every office it was kept in (a transfer brings it along), not only this one's.
        found.history = _all(session, select(AuditLog).where(AuditLog.client_id == client.id)
                             .order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(200))
    return found


def _sensitive_sections(session, found: ClientFile, who: access.Principal) -> None:
    client = found.client
    found.confidential = session.scalars(select(ClientConfidential)
                                         .where(ClientConfidential.client_id == client.id)).first()
    found.assessments = client_assessments(session, client)
    finals = [a for a in found.assessments if a.status == "final"]
    found.latest_assessment = finals[0] if finals else None
    found.initial_assessment = next((a for a in reversed(finals) if a.kind == "awal"), None)
    found.programmes = _all(session, select(Programme).where(Programme.client_id == client.id)
                            .order_by(Programme.id.desc()))
    found.current_programme = current_programme(session, client)
    found.item_progress = programme_progress(session, found.current_programme)
    found.entries = _all(session, select(ProgressEntry).where(ProgressEntry.client_id == client.id,
                                                              access.progress_clause(ProgressEntry, who))
                         .order_by(ProgressEntry.happened_on.desc(), ProgressEntry.id.desc()))
    found.consents = _all(session, select(Consent).where(Consent.client_id == client.id)
                          .order_by(Consent.recorded_on.desc(), Consent.id.desc()))
    found.consent_now = home_visit_consent(session, client.id)
    found.referrals = _all(session, select(Referral).where(Referral.client_id == client.id)
                           .order_by(Referral.referred_on.desc()))
    found.classifications = _all(session, select(Classification).where(Classification.client_id == client.id))
    found.reports = _all(session, select(MonthlyReport).where(MonthlyReport.client_id == client.id)
                         .order_by(MonthlyReport.month.desc()))
    found.documents = _all(session, select(GeneratedDocument).where(GeneratedDocument.client_id == client.id,
                                                                    access.document_clause(GeneratedDocument, who))
                           .order_by(GeneratedDocument.generated_at.desc(), GeneratedDocument.id.desc()))


def submitted_programmes(session, client: Client) -> list[Programme]:
    """The client's programmes waiting for the TPP (what an agenda item may name)."""
    return _all(session, select(Programme).where(Programme.client_id == client.id, Programme.status == "diajukan")
                .order_by(Programme.id.desc()))


def coming_sessions(session, client: Client) -> list:
    """TPP sessions of the client's office, newest first (an agenda item's choices)."""
    from models import TppSession

    return _all(session, select(TppSession).where(TppSession.office_id == client.office_id)
                .order_by(TppSession.held_on.desc(), TppSession.id.desc()))
