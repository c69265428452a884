"""Context of the Laporan Perkembangan Bimbingan (monthly progress report)."""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.documents import letterhead
from app.documents.formatting import tanggal, terbilang
from app.platform.dates import long_date, month_year
from models import ApelLog, Client, MonthlyReport, Programme, ProgressEntry, Termination
from models.choices import ACTIVITY_KIND, STAGE, label

DOC_TYPE = "laporan_perkembangan"


def _next_month(month: date) -> date:
    return (month + timedelta(days=32)).replace(day=1)


def month_problems(client: Client, month: date, today: date, ended_on: date | None) -> list[str]:
    """A monthly report covers a month of the supervision: from the month it started, up to the
    current month and not past the month it ended. Checked before a number is taken."""
    month = month.replace(day=1)
    if month > today.replace(day=1):
        return [_("The month has not begun yet.")]
    start = client.supervision_start
    if start and month < start.replace(day=1):
        return [_("%(month)s is before the supervision began (%(date)s): a monthly report covers only months of "
                  "the supervision.", month=month_year(month), date=long_date(start))]
    if ended_on and month > ended_on.replace(day=1):
        return [_("%(month)s is after the supervision ended (%(date)s): a monthly report covers only months of "
                  "the supervision.", month=month_year(month), date=long_date(ended_on))]
    return []


def build(session, client: Client, month: date, issued_on: date) -> tuple[dict, list[str]]:
    month = month.replace(day=1)
    following = _next_month(month)
    kop, missing = letterhead.kop(client.office)
    signer, more = letterhead.pk_signer(client.current_pk)
    head, more_head = letterhead.head_of_office(client.office)
    missing += more + more_head
    klien, more = letterhead.client_fields(client)
    missing += more
    ended = session.scalars(select(Termination.end_date).where(Termination.client_id == client.id)).first()
    missing += month_problems(client, month, issued_on, ended)
    entries = session.scalars(select(ProgressEntry).where(
        ProgressEntry.client_id == client.id, ProgressEntry.superseded.is_(False),
        ProgressEntry.happened_on >= month, ProgressEntry.happened_on < following)
        .order_by(ProgressEntry.happened_on)).all()
    apel_month = session.scalar(select(func.count(ApelLog.id)).where(
        ApelLog.client_id == client.id, ApelLog.reported_on >= month, ApelLog.reported_on < following))
    apel_total = session.scalar(select(func.count(ApelLog.id)).where(
        ApelLog.client_id == client.id, ApelLog.reported_on < following))
    report = session.scalars(select(MonthlyReport).where(MonthlyReport.client_id == client.id,
                                                         MonthlyReport.month == month)).first()
    programme = session.scalars(select(Programme).where(
        Programme.client_id == client.id, Programme.stage == (client.stage or "awal"),
        Programme.status.in_(("disetujui", "disetujui_catatan"))).order_by(Programme.id.desc())).first()
    context = {
        "kop": kop, "penanda": signer, "mengetahui": head, "tanggal_surat": tanggal(issued_on),
        "bulan": month_year(month),
        "klien": {**klien, "tahap": label(STAGE, client.stage) if client.stage else str(_("Not started"))},
        "kegiatan": [{"tanggal": tanggal(e.happened_on), "jenis": str(label(ACTIVITY_KIND, e.kind)),
                      "hadir": str(_("Attended")) if e.attended else str(_("Absent: %(why)s", why=e.absence_reason)),
                      "hasil": e.result or e.what_happened} for e in entries],
        "apel": {"bulan_ini": apel_month, "bulan_ini_terbilang": terbilang(apel_month), "total": apel_total,
                 "total_terbilang": terbilang(apel_total)},
        "catatan": (report.summary if report and report.summary else
                    str(_("The client followed the guidance programme this month."))),
        "perubahan_program": (report.programme_assessment if report and report.programme_assessment else
                              str(_("The PK sees no need to change the guidance programme."))),
        "rencana": [i.activity for i in programme.items] if programme else
                   [str(_("Continue the guidance programme of the stage."))],
    }
    return context, missing
