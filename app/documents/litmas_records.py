"""What the records hold for a litmas: each stage's approved programme with the activities done,
the reporting (apel) and home visits, referrals, and the initial and final assessments side by side.

Read-only; the client was checked by the caller (app.litmas.commands)."""
from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import select

from app.documents.formatting import tanggal, terbilang
from app.supervision import stages as stage_rules
from models import ApelLog, Assessment, BookEntry, Classification, Programme, ProgressEntry, Referral, TppItem
from models.choices import ACTIVITY_KIND, GUIDANCE_KIND, RISK_CATEGORY, STAGE, label

ORDER = ("awal", "lanjutan", "akhir")
APPROVED = ("disetujui", "disetujui_catatan")


def stage_windows(session, client, until: date) -> list[tuple[str, date | None, date]]:
    """(stage, first day, last day) as the stages were actually started (the stage book's
    current lines), else as computed from the period; the last runs until ``until``."""
    started = {e.event: e.entry_date for e in session.scalars(select(BookEntry).where(
        BookEntry.client_id == client.id, BookEntry.kind == "pelaksanaan", BookEntry.superseded_at.is_(None),
        BookEntry.event.in_(ORDER)))}
    if not started and client.supervision_start and client.supervision_expiry:
        try:
            planned = stage_rules.plan(client.supervision_start, client.supervision_expiry)
            started = {w.stage.value: w.first_day for w in planned.windows if w.first_day <= until}
        except stage_rules.InvalidPeriod:
            started = {}
    if client.stage in ORDER and client.stage not in started:
        # The current stage counts from the day it began (the client's record) even where the book lacks it.
        started[client.stage] = client.stage_started_on or started.get(client.stage)
        if started[client.stage] is None:
            del started[client.stage]
    reached = [s for s in ORDER if s in started] or ["awal"]
    windows = []
    for index, stage in enumerate(reached):
        following = started.get(reached[index + 1]) if index + 1 < len(reached) else None
        windows.append((stage, started.get(stage), following - timedelta(days=1) if following else until))
    return windows


def _in(day: date, first: date | None, last: date, is_first: bool) -> bool:
    return (is_first or first is None or day >= first) and day <= last


def _entry_line(entry: ProgressEntry) -> str:
    attended = "" if entry.attended else " (klien tidak hadir" + (f": {entry.absence_reason}" if
                                                                 entry.absence_reason else "") + ")"
    result = f" — {entry.result}" if entry.result else ""
    return f"{tanggal(entry.happened_on)}: {entry.what_happened}{result}{attended}"


def _approval(session, programme: Programme) -> str:
    item = session.scalars(select(TppItem).where(TppItem.programme_id == programme.id,
                                                 TppItem.decision.in_(("setuju", "setuju_catatan")))
                           .order_by(TppItem.decided_at.desc())).first()
    return f"disetujui Sidang TPP tanggal {tanggal(item.session.held_on)}" if item else "disetujui Sidang TPP"


def guidance_by_stage(session, client, until: date) -> list[dict]:
    """One block per stage reached: the approved programme's items each with what was done."""
    entries = list(session.scalars(select(ProgressEntry).where(
        ProgressEntry.client_id == client.id, ProgressEntry.superseded.is_(False),
        ProgressEntry.happened_on <= until).order_by(ProgressEntry.happened_on, ProgressEntry.id)))
    apel = list(session.scalars(select(ApelLog.reported_on).where(ApelLog.client_id == client.id,
                                                                  ApelLog.reported_on <= until)))
    referrals = list(session.scalars(select(Referral).where(Referral.client_id == client.id)
                                     .order_by(Referral.referred_on)))
    blocks = []
    for index, (stage, first, last) in enumerate(stage_windows(session, client, until)):
        programme = session.scalars(select(Programme).where(
            Programme.client_id == client.id, Programme.stage == stage, Programme.status.in_(APPROVED))
            .order_by(Programme.version_no.desc())).first()
        mine = [e for e in entries if _in(e.happened_on, first, last, index == 0)]
        used: set[int] = set()
        items = []
        for number, item in enumerate(programme.items if programme else [], start=1):
            done = [e for e in entries if e.programme_item_id == item.id]
            used.update(e.id for e in done)
            details = "; ".join(x for x in (item.target and f"sasaran: {item.target}",
                                            item.frequency and f"frekuensi: {item.frequency}",
                                            item.partner and f"mitra: {item.partner.name}") if x)
            items.append({"nomor": number, "jenis": label(GUIDANCE_KIND, item.kind),
                          "kegiatan": item.activity, "rincian": f" ({details})" if details else "",
                          "pelaksanaan": "; ".join(_entry_line(e) for e in done)
                          or "belum tercatat pelaksanaannya dalam buku perkembangan"})
        others = [f"{label(ACTIVITY_KIND, e.kind)}, {_entry_line(e)}" for e in mine if e.id not in used]
        reports = sum(1 for day in apel if _in(day, first, last, index == 0))
        visits = sum(1 for e in mine if e.kind == "kunjungan_rumah" and e.attended)
        blocks.append({
            "nama": label(STAGE, stage),
            "periode": f"{tanggal(first)} s.d. {tanggal(last)}" if first else f"s.d. {tanggal(last)}",
            "program": (f"Program bimbingan versi {programme.version_no}, {_approval(session, programme)}"
                        if programme else "Tidak ada program bimbingan yang disetujui Sidang TPP untuk tahap ini"),
            "butir": items, "lain": others,
            "wajib_lapor": f"{reports} ({terbilang(reports)}) kali",
            "kunjungan_rumah": f"{visits} ({terbilang(visits)}) kali",
            "rujukan": [f"{tanggal(r.referred_on)}, kepada {r.partner.name}: {r.purpose}. Hasil: "
                        + (f"{r.report_back} ({tanggal(r.reported_on)})" if r.report_back else "belum dilaporkan")
                        for r in referrals if _in(r.referred_on, first, last, index == 0)],
        })
    return blocks


def _final(session, client, kind: str, newest: bool) -> Assessment | None:
    order = Assessment.assessed_on.desc() if newest else Assessment.assessed_on
    return session.scalars(select(Assessment).where(Assessment.client_id == client.id, Assessment.kind == kind,
                                                    Assessment.status == "final").order_by(order)).first()


def assessments(session, client) -> tuple[dict, Assessment | None]:
    """The initial assessment and the final reassessment side by side, domain by domain."""
    initial, final = _final(session, client, "awal", newest=False), _final(session, client, "reasesmen_akhir", True)
    first_scores = json.loads(initial.domain_scores or "{}") if initial else {}
    last_scores = json.loads(final.domain_scores or "{}") if final else {}
    domains = (final or initial).instrument.domains if (final or initial) else []

    def shown(assessment, value):
        return "-" if assessment is None or value is None else value

    return {
        "awal": {"tanggal": tanggal(initial.assessed_on) if initial else "tidak tercatat",
                 "total": shown(initial, initial.total_score if initial else None),
                 "kategori": label(RISK_CATEGORY, initial.category) if initial else "-"},
        "akhir": {"tanggal": tanggal(final.assessed_on) if final else "",
                  "total": shown(final, final.total_score if final else None),
                  "kategori": label(RISK_CATEGORY, final.category) if final else "-"},
        "domain": [{"nama": d.name, "awal": shown(initial, first_scores.get(d.code)),
                    "akhir": shown(final, last_scores.get(d.code))} for d in domains],
    }, final


def classification(session, client) -> str:
    found = session.scalars(select(Classification).where(Classification.client_id == client.id)
                            .order_by(Classification.set_on.desc())).first()
    if found is None:
        return "belum ditetapkan"
    return f"{label(RISK_CATEGORY, found.level)} (ditetapkan {tanggal(found.set_on)}); kebutuhan intervensi: " \
           f"{found.needs}"
