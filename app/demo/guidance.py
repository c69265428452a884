"""Demo data: the guidance behind a demo supervision, made with the real
commands: assessments on the demo instrument, programmes decided in sidang TPP,
activities in the progress book."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.guidance import programme as programmes

from app.platform import roles

from app.tpp import decisions as tpp
from app.guidance.assessment import commands as assessing
from app.guidance.assessment.store import ensure_demo
from models import (Assessment, Client, InstrumentItem, Programme, ProgrammeItem, ProgressEntry, Staff, TppItem,
                    TppSession)

ACTIVITIES = [
    ("kepribadian", "konseling", "Konseling individu tentang pengendalian diri", "Kontrol emosi", "2x sebulan"),
    ("kepribadian", "kepribadian", "Bimbingan keagamaan bersama penyuluh", "Kesadaran beragama", "Setiap pekan"),
    ("kemandirian", "kemandirian", "Kursus keterampilan bengkel sepeda motor", "Keterampilan kerja", "3x sepekan"),
    ("kemandirian", "kegiatan_mitra", "Kejar paket B di PKBM mitra", "Pendidikan", "2x sepekan"),
]
MATTER = {"awal": "rencana_awal", "lanjutan": "rencana_lanjutan", "akhir": "rencana_akhir"}


def assess(session, client: Client, kind: str, on: date, rnd, pk_id: int) -> Assessment:
    instrument = ensure_demo(session)
    assessment = Assessment(client_id=client.id, instrument_id=instrument.id, kind=kind, assessed_on=on,
                            assessor_id=pk_id, consent=True, status="draft",
                            needs="Pendidikan; pengendalian diri; keterampilan kerja")
    session.add(assessment)
    session.flush()
    items = session.scalars(select(InstrumentItem).where(InstrumentItem.domain.has(instrument_id=instrument.id)))
    assessing.save_answers(session, assessment, {i.id: rnd.choice(i.options).id for i in items})
    assessing.finalise(session, assessment)
    return assessment


def _session_for(session, office_id: int, on: date) -> TppSession:
    held = session.scalars(select(TppSession).where(TppSession.office_id == office_id,
                                                    TppSession.held_on == on)).first()
    if held is None:
        members = list(session.scalars(select(Staff).where(Staff.office_id == office_id,
                                                           Staff.roles.any(name=roles.TPP))))
        held = TppSession(office_id=office_id, held_on=on, time_text="13.00 s.d. selesai", place="Ruang sidang TPP",
                          members_total=len(members), present=members, chair_id=members[0].id if members else None)
        session.add(held)
        session.flush()
    return held


def _decide(session, client: Client, matter: str, on: date, programme: Programme | None = None) -> None:
    held = _session_for(session, client.office_id, on)
    item = TppItem(session_id=held.id, session=held, client_id=client.id, matter=matter, programme=programme,
                   pk_recommendation="Direkomendasikan untuk disetujui.")
    session.add(item)
    session.flush()
    tpp.decide(session, item, tpp.Decision("setuju", consensus=True))


def approved_programme(session, client: Client, stage: str, tpp_on: date, rnd, pk_id: int) -> Programme:
    programme = Programme(client_id=client.id, stage=stage, status="draft", created_by_id=pk_id,
                          interests_talents="Otomotif; olahraga")
    programme.items = [ProgrammeItem(client_id=client.id, kind=kind, activity_kind=activity_kind, activity=activity,
                                     need=need, target="Tercapai pada akhir tahap", frequency=frequency)
                       for kind, activity_kind, activity, need, frequency in rnd.sample(ACTIVITIES, 2)]
    session.add(programme)
    session.flush()
    if stage == "akhir":
        programmes.prefill_from_classification(session, programme)
    programmes.submit(session, programme)
    _decide(session, client, MATTER[stage], tpp_on, programme)
    return programme


def final_evaluation(session, client: Client, on: date) -> None:
    _decide(session, client, "evaluasi_akhir", on)


def progress_book(session, client: Client, first: date, last: date, rnd, pk_id: int) -> None:
    day = first + timedelta(days=rnd.randint(3, 12))
    while day <= last:
        _, kind, activity, _need, _freq = rnd.choice(ACTIVITIES[:2])
        session.add(ProgressEntry(client_id=client.id, office_id=client.office_id, happened_on=day, kind=kind,
                                  place="Kantor Bapas", what_happened=activity, result="Klien mengikuti dengan baik.",
                                  written_by_id=pk_id))
        day += timedelta(days=rnd.randint(25, 40))
