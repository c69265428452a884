"""The litmas of the final stage (issue 16, item 4): the records fill what they hold, the PK writes the
rest in a form that saves drafts, lists what is empty, refuses to issue while parts are empty and is
locked once issued; only the client's PK, the Kepala Bapas and Admin read or write it."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.documents.formatting import tanggal
from app.documents.render import document_text
from app.errors import DomainError, NotFoundOrForbidden
from app.supervision.lifecycle import gates
from app.litmas import commands, parts
from models import (ApelLog, Assessment, AuditLog, Classification, GateRecord, GeneratedDocument, Guardian,
                    LitmasNarrative, Partner, Programme, ProgrammeItem, ProgressEntry, Referral, TppItem, TppSession)
from tests.factories import MID_MONTH
from tests.web.test_documents import latest, office_ready, supervised  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.both_databases, pytest.mark.today(MID_MONTH)]

TODAY = MID_MONTH
# One distinct sentence per part, so the letter can be searched for each.
FULL = {code: f"Uraian {code.replace('_', ' ')} yang ditulis PK nomor {n}." for n, code in enumerate(parts.CODES)}
HEADINGS = ("I. PENDAHULUAN", "II. IDENTITAS", "III. RIWAYAT HIDUP KLIEN", "IV. KASUS DAN LATAR BELAKANG",
            "V. PELAKSANAAN BIMBINGAN", "VI. HASIL ASESMEN", "VII. TANGGAPAN", "VIII. ANALISA",
            "IX. KESIMPULAN DAN REKOMENDASI", "PENUTUP", "RAHASIA", "Mengetahui")


@pytest.fixture
def final(supervised, db_session):  # noqa: F811  (the imported fixture)
    """A client in the final stage with parents, a guardian, both assessments, a classification, an
    approved programme with an activity done, reports, a referral and a TPP decision."""
    from app.guidance.assessment import store

    client = supervised
    client.stage, client.stage_started_on = "akhir", TODAY - timedelta(days=5)
    client.alias, client.birth_place, client.religion, client.education = "Iki", "Bekasi", "islam", "smp"
    client.address, client.offence_article = "Jl. Kenanga 7, Bekasi", "Pasal 363 KUHP"
    client.decision_number, client.decision_date = "12/Pid.Sus-Anak/2025/PN Bks", date(2025, 8, 1)
    client.sentence = "Pidana penjara 1 tahun 6 bulan"
    db_session.add_all([
        Guardian(client_id=client.id, relation="ayah", name="Ahmad Dokumen", birth_date=date(1980, 1, 2),
                 religion="islam", occupation="Buruh bangunan", address="Jl. Kenanga 7"),
        Guardian(client_id=client.id, relation="ibu", name="Siti Dokumen", deceased=True),
        Guardian(client_id=client.id, relation="wali", name="Paman Wali", address="Jl. Mawar 3", phone="0812777"),
    ])
    instrument = store.ensure_demo(db_session)
    start = client.supervision_start
    db_session.add_all([
        Assessment(client_id=client.id, instrument_id=instrument.id, kind="awal", assessed_on=start + timedelta(days=3),
                   assessor_id=client.current_pk_id, consent=True, status="final", total_score=17, category="sedang",
                   domain_scores='{"zat": 5, "pendidikan_pekerjaan": 4}'),
        Assessment(client_id=client.id, instrument_id=instrument.id, kind="reasesmen_akhir", assessed_on=TODAY,
                   assessor_id=client.current_pk_id, consent=True, status="final", total_score=6, category="rendah",
                   domain_scores='{"zat": 1, "pendidikan_pekerjaan": 2}'),
    ])
    db_session.flush()
    reassessment = db_session.scalars(select(Assessment).where(Assessment.client_id == client.id,
                                                               Assessment.kind == "reasesmen_akhir")).one()
    db_session.add(Classification(client_id=client.id, assessment_id=reassessment.id, level="rendah",
                                  needs="Pelatihan kerja bengkel", set_on=TODAY))
    partner = Partner(office_id=client.office_id, name="BLK Bekasi", kind="pelatihan")
    programme = Programme(client_id=client.id, stage="awal", status="disetujui", version_no=1)
    programme.items.append(ProgrammeItem(client_id=client.id, kind="kepribadian", activity_kind="konseling",
                                         activity="Konseling individu tentang pengendalian diri",
                                         frequency="dua kali sebulan", partner=partner))
    db_session.add_all([partner, programme])
    db_session.flush()
    held = TppSession(office_id=client.office_id, held_on=start + timedelta(days=8), members_total=1)
    db_session.add(held)
    db_session.flush()
    db_session.add(TppItem(session_id=held.id, client_id=client.id, matter="rencana_awal", programme_id=programme.id,
                           decision="setuju"))
    db_session.add_all([
        ProgressEntry(client_id=client.id, office_id=client.office_id, happened_on=start + timedelta(days=10),
                      kind="konseling", programme_item_id=programme.items[0].id,
                      what_happened="Konseling pengendalian diri", result="Klien mampu menahan emosi"),
        ApelLog(client_id=client.id, office_id=client.office_id, reported_on=start + timedelta(days=5)),
        ApelLog(client_id=client.id, office_id=client.office_id, reported_on=start + timedelta(days=35)),
        Referral(client_id=client.id, partner=partner, referred_on=start + timedelta(days=12),
                 purpose="Pelatihan bengkel motor", report_back="Lulus pelatihan dasar",
                 reported_on=start + timedelta(days=60)),
    ])
    db_session.commit()
    return client


def save(browser, client, values, action="save", **kw):
    return browser.post(f"/litmas/{client.id}", data={**values, "action": action}, **kw)


def narrative(db_session, client) -> LitmasNarrative | None:
    db_session.expire_all()
    return db_session.scalars(select(LitmasNarrative).where(LitmasNarrative.client_id == client.id)).first()


def litmas_count(db_session, client) -> int:
    db_session.expire_all()
    return db_session.scalar(select(func.count(GeneratedDocument.id)).where(
        GeneratedDocument.client_id == client.id, GeneratedDocument.doc_type == "litmas"))


def table_rows(data: bytes) -> list[list[str]]:
    import io

    from docx import Document

    return [[cell.text.strip() for cell in row.cells] for table in Document(io.BytesIO(data)).tables
            for row in table.rows]


def letter_text(as_user, document) -> str:
    return re.sub(r"\s+", " ", document_text(as_user("pk_a").get(f"/dokumen/unduh/{document.id}").data))


def test_a_draft_is_saved_with_parts_empty_and_the_form_lists_what_is_still_empty(as_user, final, db_session):
    pk = as_user("pk_a")
    assert save(pk, final, {"basis": "Surat permintaan litmas", "analysis": ""}).status_code == 302
    stored = narrative(db_session, final)
    assert stored.basis == "Surat permintaan litmas" and stored.analysis is None and stored.document_id is None
    page = pk.get(f"/litmas/{final.id}").get_data(as_text=True)
    assert "Surat permintaan litmas" in page
    listed = set(re.findall(r'<li><a class="alert-link" href="#(\w+)">', page))
    assert listed == {p.code for p in parts.PARTS if p.required} - {"basis"}
    assert "response_victim" not in listed  # optional: the victim's response is given where known


def test_issuing_is_refused_while_parts_are_empty_and_names_each_of_them(as_user, final, db_session):
    pk = as_user("pk_a")
    partial = {code: text for code, text in FULL.items() if code not in ("motive", "conclusion")}
    page = save(pk, final, partial, action="issue", follow_redirects=True).get_data(as_text=True)
    assert litmas_count(db_session, final) == 0
    assert "Motif dan keadaan" in page and "Kesimpulan" in page and "masih kosong" in page
    assert narrative(db_session, final).analysis == FULL["analysis"]  # the draft is kept
    with pytest.raises(DomainError) as refused:
        commands.issue(db_session, final.id, _principal(db_session, "pk_a"), "/tmp", "x/", TODAY)
    assert len(refused.value.messages) == 3  # the heading line and the two parts


def test_the_issued_litmas_has_every_heading_and_is_filled_from_the_records(as_user, final, db_session):
    response = save(as_user("pk_a"), final, FULL, action="issue")
    assert response.status_code == 302 and "/generateddocumentview/show/" in response.headers["Location"]
    document = latest(db_session, final)
    assert document.doc_type == "litmas"
    text = letter_text(as_user, document)
    start = final.supervision_start
    expected = [*HEADINGS, *FULL.values(), document.letter_number,
                # II identity: the client, the father (with his age), the mother (deceased), the guardian
                "Rizky Dokumen", "Iki", "Bekasi, 14 Maret 2010", "Islam", "Jl. Kenanga 7, Bekasi",
                "Ahmad Dokumen", "Buruh bangunan", f"{TODAY.year - 1980 - (TODAY < date(TODAY.year, 1, 2))} tahun",
                "Siti Dokumen", "telah meninggal", "Paman Wali", "Wali", "0812777",
                # IV the case
                "Pasal 363 KUHP", tanggal(final.offence_date), "12/Pid.Sus-Anak/2025/PN Bks", "1 Agustus 2025",
                "Pidana penjara 1 tahun 6 bulan",
                # V the programme the TPP approved, what was done and when, reports, referrals
                "Tahap awal", f"Tahap akhir ({tanggal(TODAY - timedelta(days=5))} s.d. {tanggal(TODAY)})",
                f"disetujui Sidang TPP tanggal {tanggal(start + timedelta(days=8))}",
                "Bimbingan kepribadian: Konseling individu tentang pengendalian diri",
                "frekuensi: dua kali sebulan", "mitra: BLK Bekasi",
                f"{tanggal(start + timedelta(days=10))}: Konseling pengendalian diri — Klien mampu menahan emosi",
                "Klien terbuka bercerita",  # an activity outside the programme is listed too
                "Pelatihan bengkel motor", "Lulus pelatihan dasar",
                # VI both assessments side by side, the classification
                "Pelatihan kerja bengkel",
                tanggal(TODAY), "Dra. Kepala Uji"]
    missing = [value for value in expected if value not in text]
    assert not missing, missing
    assert "klien melapor diri 2 (dua) kali" in text
    rows = table_rows(as_user("pk_a").get(f"/dokumen/unduh/{document.id}").data)
    for row in (["Alkohol, narkotika dan zat lain", "5", "1"], ["Skor total", "17", "6"],
                ["Kategori risiko", "Sedang", "Rendah"]):
        assert row in rows, rows
    for heading in HEADINGS[:10]:  # the order of documents.md
        assert text.index(heading) < text.index("PENUTUP") or heading == "PENUTUP"
    assert [text.index(h) for h in HEADINGS[:9]] == sorted(text.index(h) for h in HEADINGS[:9])
    assert "{{" not in text and "{%" not in text and "None" not in text
    assert db_session.scalar(select(GateRecord.id).where(GateRecord.client_id == final.id,
                                                         GateRecord.gate == gates.TERMINATION_DOCUMENTS))


def test_an_issued_litmas_is_locked(as_user, final, db_session):
    pk = as_user("pk_a")
    save(pk, final, FULL, action="issue")
    document = latest(db_session, final)
    assert narrative(db_session, final).document_id == document.id
    refused = save(pk, final, {**FULL, "analysis": "Diubah sesudah terbit."}, follow_redirects=True)
    assert document.letter_number in refused.get_data(as_text=True)
    assert narrative(db_session, final).analysis == FULL["analysis"]
    save(pk, final, FULL, action="issue")
    assert litmas_count(db_session, final) == 1
    page = pk.get(f"/litmas/{final.id}").get_data(as_text=True)
    assert "readonly" in page and 'value="issue"' not in page
    with pytest.raises(DomainError):
        commands.save_draft(db_session, final.id, {"analysis": "x"}, _principal(db_session, "pk_a"))


def test_a_draft_saved_from_an_older_version_is_refused(as_user, final, db_session):
    pk = as_user("pk_a")
    save(pk, final, {"basis": "Pertama"})
    version = narrative(db_session, final).version
    save(pk, final, {"basis": "Kedua", "record_version": str(version)})
    stale = save(pk, final, {"basis": "Ketiga", "record_version": str(version)})
    assert stale.status_code == 200 and "Ketiga" in stale.get_data(as_text=True)  # the input stays in the form
    assert narrative(db_session, final).basis == "Kedua"


@pytest.mark.parametrize("username,status", [("pk_a2", 404), ("pk_b", 404), ("tpp", 404), ("pengaduan", 404),
                                             ("registrasi", 403)])
def test_only_the_clients_pk_the_kepala_and_admin_read_or_write_it(as_user, final, db_session, username, status):
    save(as_user("pk_a"), final, {"basis": "Rahasia dasar"})
    browser = as_user(username)
    assert browser.get(f"/litmas/{final.id}").status_code == status
    assert save(browser, final, {"basis": "Ditimpa orang lain"}).status_code == status
    assert save(browser, final, FULL, action="issue").status_code == status
    assert narrative(db_session, final).basis == "Rahasia dasar" and litmas_count(db_session, final) == 0
    with pytest.raises(NotFoundOrForbidden):
        commands.save_draft(db_session, final.id, {"basis": "x"}, _principal(db_session, username))


@pytest.mark.parametrize("username", ["kepala", "admin"])
def test_the_kepala_and_admin_read_it_and_the_read_is_audited(as_user, final, db_session, username):
    save(as_user("pk_a"), final, {"basis": "Dasar yang dibaca"})
    before = db_session.scalar(select(func.coalesce(func.max(AuditLog.id), 0)))
    page = as_user(username).get(f"/litmas/{final.id}")
    assert page.status_code == 200 and "Dasar yang dibaca" in page.get_data(as_text=True)
    db_session.expire_all()
    rows = list(db_session.scalars(select(AuditLog).where(AuditLog.id > before, AuditLog.action == "view",
                                                          AuditLog.client_id == final.id)))
    assert rows and "litmas_narrative" in rows[0].changes


def test_the_narrative_is_encrypted_and_its_changes_are_logged_without_values(as_user, final, db_session):
    save(as_user("pk_a"), final, {"childhood": "Diasuh nenek sejak kecil"})
    stored = db_session.execute(select(LitmasNarrative.__table__.c.childhood)).scalar()
    raw = db_session.connection().exec_driver_sql("SELECT childhood FROM litmas_narrative").scalar()
    assert stored == "Diasuh nenek sejak kecil" and "nenek" not in raw
    changes = " ".join(db_session.scalars(select(AuditLog.changes).where(
        AuditLog.table_name == "litmas_narrative")).all())
    assert "nenek" not in changes


def test_the_letter_is_indonesian_for_a_pk_with_an_english_screen(as_user, final, db_session):
    pk = as_user("pk_a")
    pk.get("/lang/en")
    refused = save(pk, final, {"basis": "x"}, action="issue", follow_redirects=True).get_data(as_text=True)
    assert "cannot be issued while parts of it are empty" in refused and "Motive and circumstances" in refused
    save(pk, final, FULL, action="issue")
    text = letter_text(as_user, latest(db_session, final))
    for english in ("Father", "Guardian", "Personality guidance", "Counselling", "Initial stage", "Low", "Medium",
                    "Male", "not recorded", "Approved"):
        assert english not in text, english
    assert "Bimbingan kepribadian" in text and "Tahap awal" in text and "Laki-laki" in text
    pk.get("/lang/id")


def _principal(db_session, username):
    from app.access import Principal
    from models import Staff

    return Principal.of(db_session.scalars(select(Staff).where(Staff.username == username)).one())


def test_anonymising_a_closed_case_empties_the_litmas_narrative(as_user, final, db_session, app):
    from datetime import datetime

    from app.clients import retention

    save(as_user("pk_a"), final, FULL)
    retention.anonymise(db_session, final, app.config["UPLOAD_DIR"], datetime(2032, 1, 1))
    db_session.commit()
    kept = narrative(db_session, final)
    assert all(getattr(kept, code) is None for code in parts.CODES)
    father = db_session.scalars(select(Guardian).where(Guardian.client_id == final.id,
                                                       Guardian.relation == "ayah")).one()
    assert father.birth_date is None and father.religion is None


def test_hostile_or_odd_text_is_printed_as_written(as_user, final, db_session):
    import io

    from docx import Document

    # (a "{{" in the PK's text is refused by the renderer's leftover check, like an unfilled field)
    odd = {**FULL, "analysis": "Analisa <w:p>&amp; </w:t> \"kutip\"\x01\x0c\x07 akhir.",
           "motive": "Paragraf satu.\n\nParagraf dua."}
    assert save(as_user("pk_a"), final, odd, action="issue").status_code == 302
    data = as_user("pk_a").get(f"/dokumen/unduh/{latest(db_session, final).id}").data
    paragraphs = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert 'Analisa <w:p>&amp; </w:t> "kutip" akhir.' in paragraphs
    assert "Paragraf satu." in paragraphs and "Paragraf dua." in paragraphs


def test_the_stages_are_those_the_stage_book_records(as_user, final, db_session):
    from app.supervision.lifecycle import books

    start = final.supervision_start
    lanjutan, akhir = start + timedelta(days=90), TODAY - timedelta(days=20)
    for event, day in (("awal", start), ("lanjutan", lanjutan), ("akhir", akhir)):
        books.write(db_session, final, event, "pelaksanaan", day, None)
    db_session.commit()
    save(as_user("pk_a"), final, FULL, action="issue")
    text = letter_text(as_user, latest(db_session, final))
    for expected in (f"Tahap awal ({tanggal(start)} s.d. {tanggal(lanjutan - timedelta(days=1))})",
                     f"Tahap lanjutan ({tanggal(lanjutan)} s.d. {tanggal(akhir - timedelta(days=1))})",
                     f"Tahap akhir ({tanggal(akhir)} s.d. {tanggal(TODAY)})"):
        assert expected in text, expected


def test_a_parents_birth_date_religion_and_death_are_recorded_on_the_guardian_form(as_user, final, db_session):
    data = {"client": str(final.id), "relation": "ayah", "name": "Ayah Kedua", "birth_date": "1979-05-04",
            "religion": "kristen", "deceased": "y", "occupation": "", "address": "", "phone": ""}
    assert as_user("pk_a").post("/guardianview/add", data=data).status_code == 302
    stored = db_session.scalars(select(Guardian).where(Guardian.name == "Ayah Kedua")).one()
    assert (stored.birth_date, stored.religion, stored.deceased) == (date(1979, 5, 4), "kristen", True)


def test_the_api_calls_the_same_commands(as_user, final, db_session):
    pk, url = as_user("pk_a"), f"/api/v1/litmas/{final.id}"
    assert pk.api("GET", url).json["result"]["version"] is None
    saved = pk.api("PUT", url, json={"basis": "Dasar lewat API"})
    assert saved.status_code == 200 and "basis" not in saved.json["result"]["empty"]
    version = saved.json["result"]["version"]
    assert pk.api("PUT", url, json={"basis": "x", "document_id": 1}).status_code == 422  # not a part: refused
    assert pk.client.put(url, data="basis=x").status_code == 415
    refused = pk.api("POST", f"{url}/issue")
    assert refused.status_code == 422 and any("Motif dan keadaan" in m for m in refused.json["message"])
    assert pk.api("PUT", url, json={**FULL, "version": version}).status_code == 200
    assert pk.api("PUT", url, json={"basis": "lama", "version": version}).status_code == 409
    issued = pk.api("POST", f"{url}/issue")
    assert issued.status_code == 200 and issued.json["result"]["letter_number"] == latest(db_session, final).letter_number
    assert pk.api("PUT", url, json={"basis": "sesudah terbit"}).status_code == 422
    assert pk.api("GET", url).json["result"]["locked"] is True
    for outsider in ("pk_a2", "pk_b", "tpp"):
        assert as_user(outsider).api("GET", url).status_code == 404
        assert as_user(outsider).api("PUT", url, json={"basis": "x"}).status_code == 404
    assert as_user("registrasi").api("GET", url).status_code == 403
