"""Context of the Litmas bimbingan tahap akhir (documents.md, "Litmas: the full structure"):
I Pendahuluan … IX Kesimpulan dan rekomendasi, Penutup. What the records hold is read from them
(app.documents.litmas_records); the rest is the PK's narrative (models.LitmasNarrative). Marked RAHASIA."""
from __future__ import annotations

import re
from datetime import date

from flask_babel import gettext as _

from app.clients.child_age import age_on
from app.documents import letterhead
from app.documents import litmas_records as records
from app.documents.formatting import tanggal
from app.litmas import parts
from models import Client
from models.choices import EDUCATION, GUARDIAN_RELATION, RELIGION, SEX, label

DOC_TYPE = "litmas"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def prose(value) -> str:
    """The PK's text as the letter prints it: a blank line starts a new paragraph
    (docxtpl turns \\a into one), a single line break stays a line break."""
    text = CONTROL.sub("", parts.text_of(value))  # not allowed in XML; \a is the paragraph break below
    return "\a".join(block.strip() for block in text.split("\n\n") if block.strip())


def _or_dash(value) -> str:
    return str(value).strip() if value and str(value).strip() else "-"


def _parent(client: Client, relation: str, issued_on: date) -> dict:
    found = next((g for g in client.guardians if g.relation == relation), None)
    if found is None:
        return {"nama": "tidak tercatat", "umur": "-", "agama": "-", "pekerjaan": "-", "alamat": "-"}
    if found.deceased:
        age = "telah meninggal"
    else:
        age = f"{age_on(found.birth_date, issued_on)} tahun" if found.birth_date else "-"
    return {"nama": found.name, "umur": age, "agama": _or_dash(label(RELIGION, found.religion)),
            "pekerjaan": _or_dash(found.occupation), "alamat": _or_dash(found.address)}


def _guarantor(client: Client):
    """The guardian (wali) when one is recorded, else the first parent recorded."""
    return next((g for g in client.guardians if g.relation == "wali"), None) or \
        (client.guardians[0] if client.guardians else None)


def build(session, client: Client, narrative, issued_on: date) -> tuple[dict, list[str]]:
    kop, missing = letterhead.kop(client.office)
    pk, more = letterhead.pk_signer(client.current_pk)
    head, more_head = letterhead.head_of_office(client.office)
    identity, more_client = letterhead.client_fields(client)
    missing += more + more_head + more_client
    comparison, reassessment = records.assessments(session, client)
    if reassessment is None:
        missing.append(_("The final-stage reassessment has not been done."))
    guarantor = _guarantor(client)
    if guarantor is None:
        missing.append(_("No parent or guardian (guarantor) of the client is recorded."))
    if narrative is None:
        missing.append(_("The litmas has not been written yet."))
    else:
        missing += [f"{p.heading} — {p.label}" for p in parts.empty_parts(narrative)]
    text = {code: prose(getattr(narrative, code, None)) for code in parts.CODES}
    return {
        "kop": kop, "penanda": pk, "mengetahui": head, "tanggal_surat": tanggal(issued_on),
        "klien": {**identity, "perkara": _or_dash(client.offence_article), "alias": _or_dash(client.alias),
                  "ttl": f"{client.birth_place or '-'}, {tanggal(client.birth_date)}",
                  "umur": f"{age_on(client.birth_date, issued_on)} tahun",
                  "jenis_kelamin": label(SEX, client.sex), "agama": _or_dash(label(RELIGION, client.religion)),
                  "pendidikan": _or_dash(label(EDUCATION, client.education)), "alamat": _or_dash(client.address),
                  "suku_bangsa": text["ethnicity"], "pekerjaan": text["occupation"]},
        "ayah": _parent(client, "ayah", issued_on), "ibu": _parent(client, "ibu", issued_on),
        "penjamin": {"nama": guarantor.name if guarantor else "",
                     "hubungan": label(GUARDIAN_RELATION, guarantor.relation) if guarantor else "",
                     "alamat": _or_dash(guarantor.address) if guarantor else "",
                     "telepon": _or_dash(guarantor.phone) if guarantor else "",
                     "jaminan": text["guarantee"]},
        "pendahuluan": {"dasar": text["basis"], "maksud": text["purpose"], "metode": text["method"]},
        "riwayat": {"masa_kecil": text["childhood"], "pendidikan": text["schooling"], "kesehatan": text["health"],
                    "perilaku": text["behaviour"], "relasi": text["relations"], "minat_bakat": text["interests"]},
        "kasus": {"pasal": _or_dash(client.offence_article), "tanggal": tanggal(client.offence_date),
                  "kronologi": text["chronology"], "motif": text["motive"], "korban": text["victim"],
                  "putusan": _or_dash(client.decision_number),
                  "tanggal_putusan": tanggal(client.decision_date) or "-", "pidana": _or_dash(client.sentence)},
        "tahap": records.guidance_by_stage(session, client, issued_on),
        "asesmen": comparison,
        "klasifikasi": records.classification(session, client),
        "tanggapan": {"klien": text["response_client"], "keluarga": text["response_family"],
                      "masyarakat": text["response_community"],
                      "korban": text["response_victim"] or "Tanggapan korban tidak diperoleh."},
        "analisa": text["analysis"], "kesimpulan": text["conclusion"], "rekomendasi": text["recommendation"],
    }, missing
