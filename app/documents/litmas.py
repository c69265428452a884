"""Context of the Litmas bimbingan tahap akhir: identity, progress, the final
reassessment and the PK's analysis and recommendation. Marked RAHASIA."""
from __future__ import annotations

import json
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.documents import letterhead
from app.documents.formatting import tanggal
from models import ApelLog, Assessment, Classification, Client, ProgressEntry
from models.choices import (ACTIVITY_KIND, EDUCATION, GUARDIAN_RELATION, RELIGION, RISK_CATEGORY, SEX, label)

DOC_TYPE = "litmas"


def build(session, client: Client, analysis: str | None, recommendation: str | None,
          issued_on: date) -> tuple[dict, list[str]]:
    kop, missing = letterhead.kop(client.office)
    pk, more = letterhead.pk_signer(client.current_pk)
    head, more_head = letterhead.head_of_office(client.office)
    missing += more + more_head
    reassessment = session.scalars(select(Assessment).where(
        Assessment.client_id == client.id, Assessment.kind == "reasesmen_akhir", Assessment.status == "final")
        .order_by(Assessment.assessed_on.desc())).first()
    if reassessment is None:
        missing.append(_("The final-stage reassessment has not been done."))
    if not (analysis or "").strip():
        missing.append(_("Write the analysis and conclusion."))
    if not (recommendation or "").strip():
        missing.append(_("Write the recommendation."))
    guardian = client.guardians[0] if client.guardians else None
    if guardian is None:
        missing.append(_("No parent or guardian (guarantor) of the client is recorded."))
    counts = session.execute(select(ProgressEntry.kind, func.count(ProgressEntry.id)).where(
        ProgressEntry.client_id == client.id, ProgressEntry.superseded.is_(False)).group_by(ProgressEntry.kind)).all()
    classification = session.scalars(select(Classification).where(Classification.client_id == client.id)
                                     .order_by(Classification.set_on.desc())).first()
    scores = json.loads(reassessment.domain_scores or "{}") if reassessment else {}
    return {
        "kop": kop, "penanda": pk, "mengetahui": head, "tanggal_surat": tanggal(issued_on),
        "klien": {**letterhead.client_fields(client)[0], "perkara": client.offence_article or "-",
                  "ttl": f"{client.birth_place or '-'}, {tanggal(client.birth_date)}",
                  "jenis_kelamin": str(label(SEX, client.sex)), "agama": str(label(RELIGION, client.religion)) or "-",
                  "pendidikan": str(label(EDUCATION, client.education)) or "-",
                  "putusan": f"{client.decision_number or '-'} ({tanggal(client.decision_date) or '-'})",
                  },
        "penjamin": {"nama": guardian.name if guardian else "",
                     "hubungan": str(label(GUARDIAN_RELATION, guardian.relation)) if guardian else "",
                     "alamat": (guardian.address or "-") if guardian else "",
                     "telepon": (guardian.phone or "-") if guardian else ""},
        "kegiatan": [{"jenis": str(label(ACTIVITY_KIND, kind)), "jumlah": n} for kind, n in counts],
        "apel": session.scalar(select(func.count(ApelLog.id)).where(ApelLog.client_id == client.id)),
        "reasesmen": {"tanggal": tanggal(reassessment.assessed_on) if reassessment else "",
                      "total": reassessment.total_score if reassessment else "",
                      "kategori": str(label(RISK_CATEGORY, reassessment.category)) if reassessment else "",
                      "domain": [{"nama": d.name, "skor": scores.get(d.code, "-")}
                                 for d in (reassessment.instrument.domains if reassessment else [])]},
        "klasifikasi": (f"{label(RISK_CATEGORY, classification.level)} — {classification.needs}"
                        if classification else "-"),
        "analisis": (analysis or "").strip(), "rekomendasi": (recommendation or "").strip(),
    }, missing
