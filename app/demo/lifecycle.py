"""Demo data: take a registered demo client through its supervision up to today
with the real transition commands (so the books, gates and records are what the
product itself would have written), plus apel logs and monthly reports."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app.demo import guidance as guidance
from app.supervision.lifecycle import books, gates
from app.supervision.lifecycle.commands import TRANSITIONS, TransitionInput
from app.supervision.stages import Stage, plan
from models import ApelLog, BookEntry, Classification, Client, GateRecord, MonthlyReport, Revocation


def _step(session, client: Client, name: str, on: date, today: date, pk_id: int, **extra) -> None:
    transition = TRANSITIONS[name]
    data = TransitionInput(on=on, by_id=pk_id, today=today, **extra)
    transition.check(session, client, data)  # demo data obeys the rules: a refusal is a bug of the generator
    transition.run(session, client, data)


def _gate(session, client: Client, code: str, on: date, reference: str) -> None:
    session.add(GateRecord(client_id=client.id, gate=code, met_on=on, reference=reference))
    session.flush()


def live_through(session, client: Client, final_status: str, today: date, rnd, pk_id: int) -> None:
    """Start the supervision and advance it through the stages whose dates have come."""
    stage_plan = plan(client.supervision_start, client.supervision_expiry)
    end = _end_day(client, final_status, today, rnd)
    start = client.supervision_start
    guidance.assess(session, client, "awal", start, rnd, pk_id)
    guidance.approved_programme(session, client, "awal", start, rnd, pk_id)
    _step(session, client, "mulai", start, today, pk_id)
    end_by = min(today, end)
    for stage, name in ((Stage.LANJUTAN, "lanjutan"), (Stage.AKHIR, "akhir")):
        begins = stage_plan.starts(stage)
        if begins > end_by:
            break
        if stage is Stage.AKHIR:
            reassessment = guidance.assess(session, client, "reasesmen_akhir", begins - timedelta(days=7), rnd, pk_id)
            session.add(Classification(client_id=client.id, assessment_id=reassessment.id,
                                       level=reassessment.category, needs="Kemandirian kerja; pendidikan",
                                       set_on=begins - timedelta(days=6), set_by_id=pk_id))
            session.flush()
        guidance.approved_programme(session, client, stage.value, begins - timedelta(days=3), rnd, pk_id)
        _step(session, client, name, begins, today, pk_id)
    guidance.progress_book(session, client, start, end_by, rnd, pk_id)
    ended_on = _records(session, client, final_status, end, today, rnd, pk_id)
    if final_status == "aktif":
        _backdate(session, client)
        return
    decision = dict(decision_number=f"PAS-{rnd.randint(100, 999)}.PK.01.05/{ended_on.year}", decision_date=ended_on)
    if final_status == "selesai":
        guidance.final_evaluation(session, client, ended_on - timedelta(days=5))
        _gate(session, client, gates.TERMINATION_DOCUMENTS, ended_on - timedelta(days=2), "Litmas tahap akhir")
    if final_status == "dicabut":
        first = ended_on - timedelta(days=20)
        session.add(Revocation(client_id=client.id, ground="tidak_lapor_3x",
                               ground_details="Tidak melaksanakan wajib lapor tiga bulan berturut-turut.",
                               report_on=first, examination_on=first + timedelta(days=3),
                               pk_examined_on=first + timedelta(days=5), tpp_on=first + timedelta(days=10),
                               tpp_reference="Risalah TPP pencabutan", provisional_on=first + timedelta(days=14)))
        session.flush()
    _step(session, client, "akhiri", ended_on, today, pk_id, end_reason=final_status,
          reason=None if final_status == "selesai" else "Keputusan pengakhiran", **decision)
    _backdate(session, client)


def _backdate(session, client: Client) -> None:
    """Demo books look written on the days things happened, not all at load time."""
    entries = {e.id: e for e in session.scalars(select(BookEntry).where(BookEntry.client_id == client.id))}
    for entry in entries.values():
        day = client.supervision_start if entry.kind == books.PLANNED else entry.entry_date
        entry.written_at = datetime.combine(day, time(2, 30))  # 09.30 WIB
    for entry in entries.values():
        if entry.superseded_by_id:
            entry.superseded_at = entries[entry.superseded_by_id].written_at


def _end_day(client: Client, final_status: str, today: date, rnd) -> date:
    """The last day of the demo supervision (yesterday for one still running)."""
    if final_status == "selesai":
        return client.supervision_expiry
    if final_status == "aktif":
        return today - timedelta(days=1)
    end = client.supervision_start + (today - client.supervision_start) * rnd.randint(4, 9) // 10
    return min(max(end, client.supervision_start + timedelta(days=40)), today - timedelta(days=1))


def _records(session, client: Client, final_status: str, end: date, today: date, rnd, pk_id: int) -> date:
    """Apel every 3-5 weeks and monthly reports up to ``end``; returns the day it ends (or today)."""
    stops_reporting = final_status == "dicabut" or (final_status == "aktif" and rnd.random() < 0.15)
    last_apel = end - timedelta(days=100) if stops_reporting else end
    day = client.supervision_start + timedelta(days=rnd.randint(1, 10))
    while day <= last_apel:
        session.add(ApelLog(client_id=client.id, office_id=client.office_id, reported_on=day,
                            remote=False, recorded_by_id=pk_id))
        day += timedelta(days=rnd.randint(21, 33))
    month = client.supervision_start.replace(day=1)
    while month < end.replace(day=1):
        following = (month + timedelta(days=32)).replace(day=1)
        if rnd.random() < 0.92:
            session.add(MonthlyReport(client_id=client.id, month=month, pk_id=pk_id,
                                      submitted_on=min(following + timedelta(days=rnd.randint(0, 9)), today),
                                      summary="Klien mengikuti bimbingan sesuai program."))
        month = following
    return min(end, today)
