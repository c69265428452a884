"""Survei Kepuasan Masyarakat: the public form and its refusals, one-time codes, the Kepala Bapas's figures
(checked against a hand-computed quarter), access, the .xlsx export and publication."""
from __future__ import annotations

import io
import re
import secrets
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.survey import codes
from app.survey.elements import KEYS
from models import GeneratedDocument, SurveyCode, SurveyPublication, SurveyResponse

pytestmark = [pytest.mark.both_databases, pytest.mark.today(date(2026, 11, 10))]  # constraints, sums: SQL

# The hand-computed quarter of tests/unit/test_survey_index.py: IKM 82.64, grade B.
SHEETS = [[4, 4, 3, 4, 4, 3, 4, 3, 3],
          [3, 3, 3, 4, 3, 3, 4, 2, 3],
          [4, 3, 2, 4, 3, 4, 4, 3, 3],
          [3, 4, 3, 4, 4, 3, 3, 3, 2]]


def answer(app, sheet=(3,) * 9, ip="10.8.0.1", office="BPS-A", **fields):
    data = {key: str(value) for key, value in zip(KEYS, sheet)}
    data.update({"suggestion": "", "code": "", "age_range": "", "sex": "", "education": "", "occupation": "",
                 "website": ""})
    data.update(fields)
    return app.test_client().post(f"/survei/{office}/", data=data, environ_base={"REMOTE_ADDR": ip})


def count(db_session) -> int:
    db_session.expire_all()
    return db_session.scalar(select(func.count(SurveyResponse.id)))


def test_the_form_is_public_and_labelled(app):
    body = app.test_client().get("/survei/BPS-A/?kode=SKM-ABCDE-FGHJK").get_data(as_text=True)
    assert body.count("<fieldset") == 10 and body.count("<legend") == 10  # nine elements and the profile
    assert "Persyaratan" in body and "Sangat sesuai" in body and "Gratis" in body and "Dikelola dengan baik" in body
    assert 'value="SKM-ABCDE-FGHJK"' in body  # the printed link fills in the code
    assert app.test_client().get("/survei/TIDAK-ADA/").status_code == 404


def test_an_answer_is_saved_anonymously_with_its_quarter(app, db_session, world):
    response = answer(app, ip="10.8.0.2", suggestion="Ruang tunggu perlu kipas.", age_range="26_35", sex="P")
    assert response.status_code == 303 and response.headers["Location"].endswith("/survei/BPS-A/terima-kasih")
    saved = db_session.scalars(select(SurveyResponse).order_by(SurveyResponse.id.desc())).first()
    assert (saved.office_id, saved.year, saved.quarter) == (world.office_a, 2026, 4)
    assert saved.suggestion == "Ruang tunggu perlu kipas." and saved.sex == "P" and saved.code_id is None
    assert "Terima kasih" in app.test_client().get(response.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize("change", [{"waktu": "5"}, {"waktu": "0"}, {"biaya": "-1"}, {"sarana": "abc"},
                                    {"produk": "3.5"}, {"persyaratan": ""}, {"age_range": "99"},
                                    {"sex": "X"}, {"suggestion": "x" * 1001}, {"code": "SKM-AAAAA-AAAAA"}])
def test_bad_answers_are_refused_clearly_and_nothing_is_saved(app, db_session, change):
    before = count(db_session)
    response = answer(app, ip="10.8.0.3", **change)
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and "Tidak ada yang disimpan" in body
    assert count(db_session) == before
    if "suggestion" in change:
        assert "1000" in body


def test_a_missing_element_is_named(app):
    data_sheet = (3,) * 8
    body = answer(app, sheet=data_sheet, ip="10.8.0.4").get_data(as_text=True)
    assert "Sarana dan prasarana" in body and "Pilih salah satu dari empat jawaban" in body


def test_the_honeypot_stops_bots(app, db_session):
    before = count(db_session)
    assert answer(app, ip="10.8.0.5", website="http://spam").status_code == 400
    assert count(db_session) == before


def test_a_one_time_code_links_the_service_and_is_used_once(app, db_session, world):
    code = codes.issue(db_session, world.office_a, "laporan_perkembangan")
    db_session.commit()
    typed = code.code.lower().replace("-", " ")  # typed from paper, carelessly
    assert answer(app, ip="10.8.0.6", code=typed).status_code == 303
    db_session.expire_all()
    used = db_session.get(SurveyCode, code.id)
    saved = db_session.scalars(select(SurveyResponse).where(SurveyResponse.code_id == code.id)).one()
    assert used.used_at is not None and saved.service == "laporan_perkembangan"
    again = answer(app, ip="10.8.0.6", code=code.code)
    assert again.status_code == 400 and "sudah dipakai" in again.get_data(as_text=True)
    assert db_session.scalar(select(func.count()).where(SurveyResponse.code_id == code.id)) == 1


def test_a_code_of_another_office_is_refused(app, db_session, world):
    code = codes.issue(db_session, world.office_b, "kartu_bimbingan")
    db_session.commit()
    assert answer(app, ip="10.8.0.7", code=code.code).status_code == 400
    assert answer(app, ip="10.8.0.7", office="BPS-B", code=code.code).status_code == 303


def test_the_database_refuses_a_second_answer_with_one_code(app, db_session, world):
    """The race (two tablets sending the same code at once) ends at the unique code_id."""
    code = codes.issue(db_session, world.office_a, "laporan_perkembangan")
    fields = {key: 3 for key in KEYS}
    first = SurveyResponse(office_id=world.office_a, submitted_at=code.issued_at, year=2026, quarter=4,
                           code_id=code.id, **fields)
    db_session.add(first)
    db_session.flush()
    with db_session.begin_nested():
        db_session.add(SurveyResponse(office_id=world.office_a, submitted_at=code.issued_at, year=2026, quarter=4,
                                      code_id=code.id, **fields))
        with pytest.raises(IntegrityError):
            db_session.flush()


def test_the_database_refuses_an_answer_out_of_range(app, db_session, world):
    fields = {key: 3 for key in KEYS} | {"biaya": 5}
    with db_session.begin_nested():
        db_session.add(SurveyResponse(office_id=world.office_a, submitted_at=date(2026, 11, 10), year=2026,
                                      quarter=4, **fields))
        with pytest.raises(IntegrityError):
            db_session.flush()


def test_a_letter_keeps_its_code(app, db_session, world):
    document = GeneratedDocument(office_id=world.office_a, doc_type="laporan_perkembangan", letter_number="SKM/UJI/1",
                                 template_version="0", stored_name="x.docx", sha256="0" * 64, token="skm-uji-1")
    db_session.add(document)
    db_session.flush()
    first = codes.code_for_document(db_session, document)
    assert codes.code_for_document(db_session, document).id == first.id
    assert first.service == "laporan_perkembangan" and codes.normalise(first.code) == first.code


def _quarter(app, ip_base: str, office="BPS-A"):
    for n, sheet in enumerate(SHEETS):
        assert answer(app, sheet=sheet, ip=f"{ip_base}.{n}", office=office).status_code == 303


def test_the_kepala_reads_the_hand_computed_index(app, as_user, world):
    _quarter(app, "10.8.1")
    body = as_user("kepala").get("/skm/?tahun=2026&triwulan=4").get_data(as_text=True)
    assert "82,64" in body and "4 responden" in body and "Baik" in body
    assert "68,75" in body and "3,500" in body  # waktu penyelesaian's index; persyaratan's NRR
    assert "<svg" in body or "skm-bar" in body


def test_only_the_office_kepala_and_admin_see_the_figures(app, as_user, world):
    _quarter(app, "10.8.2")
    assert as_user("pk_a").get("/skm/").status_code == 403
    assert as_user("registrasi").get("/skm/xlsx").status_code == 403
    assert as_user("kepala_b").get(f"/skm/?kantor={world.office_a}").status_code == 404
    assert as_user("kepala_b").get(f"/skm/xlsx?kantor={world.office_a}").status_code == 404
    own = as_user("kepala_b").get("/skm/?tahun=2026&triwulan=4").get_data(as_text=True)
    assert "82,64" not in own and "BPS-A" not in own
    assert "82,64" in as_user("admin").get(f"/skm/?tahun=2026&triwulan=4&kantor={world.office_a}").get_data(
        as_text=True)
    assert as_user("kepala_b").post("/skm/terbitkan", data={"kantor": world.office_a, "tahun": 2026,
                                                            "triwulan": 4}).status_code == 404


def test_the_export_opens_with_the_right_numbers(app, as_user, world):
    _quarter(app, "10.8.3")
    response = as_user("kepala").get("/skm/xlsx?tahun=2026")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [c.value for c in sheet[3]]
    row = [c.value for c in sheet[4]]
    assert row[:3] == ["Balai Pemasyarakatan BPS-A", 4, 4]
    assert row[header.index("IKM")] == pytest.approx(82.64) and row[header.index("Mutu")] == "B"
    assert row[3:12] == pytest.approx([3.5, 3.5, 2.75, 4, 3.5, 3.25, 3.75, 2.75, 2.75])
    assert sheet.max_row == 4  # office B's Kepala's figures are not in office A's export, and vice versa


def test_publishing_makes_the_quarter_public(app, as_user, db_session, world):
    public = app.test_client()
    assert "Belum ada" in public.get("/survei/hasil/BPS-A/").get_data(as_text=True)
    empty = as_user("kepala").post("/skm/terbitkan", data={"kantor": world.office_a, "tahun": 2026, "triwulan": 1},
                                   follow_redirects=True)
    assert "tidak ada yang dapat diterbitkan" in empty.get_data(as_text=True)
    _quarter(app, "10.8.4")
    assert as_user("kepala").post("/skm/terbitkan", data={"kantor": world.office_a, "tahun": 2026,
                                                          "triwulan": 4}).status_code == 302
    page = public.get("/survei/hasil/BPS-A/").get_data(as_text=True)
    assert "82,64" in page and "Baik" in page and "4 responden" in page
    # A later answer does not move the published figure until the Kepala publishes again.
    assert answer(app, sheet=(1,) * 9, ip="10.8.4.9").status_code == 303
    assert "82,64" in public.get("/survei/hasil/BPS-A/").get_data(as_text=True)
    publication = db_session.scalars(select(SurveyPublication).where(SurveyPublication.office_id == world.office_a)).one()
    assert publication.ikm == Decimal("82.64") and publication.elements["waktu"] == "68.75"
    assert "82,64" not in public.get("/survei/hasil/BPS-B/").get_data(as_text=True)


def test_only_accepted_answers_count_toward_the_limit(app):
    # The limiter counts in memory for the whole process: an address of this run's own (both databases).
    flood, other = (f"10.{secrets.randbelow(200) + 20}.{secrets.randbelow(250)}.{n}" for n in (1, 2))
    limit = int(app.config["SURVEY_RATE_LIMIT"].split()[0])
    for _ in range(3):
        assert answer(app, ip=flood, waktu="9").status_code == 400  # refused: not counted
    codes_ = [answer(app, ip=flood).status_code for _ in range(limit + 1)]
    assert codes_[:limit] == [303] * limit and codes_[-1] == 429
    flooded = answer(app, ip=flood).get_data(as_text=True)
    assert "survei" in flooded.lower() and "Terlalu banyak" in flooded
    assert answer(app, ip=other).status_code == 303


def test_the_public_page_reads_in_english_too(app, as_user, world):
    _quarter(app, "10.8.5")
    as_user("kepala").post("/skm/terbitkan", data={"kantor": world.office_a, "tahun": 2026, "triwulan": 4})
    public = app.test_client()
    public.get("/lang/en")
    page = public.get("/survei/hasil/BPS-A/").get_data(as_text=True)
    assert "82.64" in page and "Grade B: Good" in page and "Requirements" in page
    form = public.get("/survei/BPS-A/").get_data(as_text=True)
    assert "Fully in line" in form and "Free of charge" in form


def test_a_hostile_suggestion_is_escaped_for_the_kepala(app, as_user):
    assert answer(app, ip="10.8.6.1", suggestion='<script>alert("x")</script>').status_code == 303
    body = as_user("kepala").get("/skm/?tahun=2026&triwulan=4").get_data(as_text=True)
    assert '<script>alert("x")' not in body and "&lt;script&gt;" in body


def test_the_kepala_prints_counter_codes_that_work_once(app, as_user, db_session, world):
    sheet = as_user("kepala").post("/skm/kode", data={"kantor": world.office_a, "jumlah": 3})
    body = sheet.get_data(as_text=True)
    printed = sorted(set(re.findall(r"SKM-[0-9A-Z]{5}-[0-9A-Z]{5}", body)))
    assert sheet.status_code == 200 and len(printed) == 3 and "/survei/BPS-A/" in body
    assert answer(app, ip="10.8.7.1", code=printed[0]).status_code == 303
    assert answer(app, ip="10.8.7.1", code=printed[0]).status_code == 400
    assert db_session.scalar(select(SurveyResponse.service).where(SurveyResponse.code_id.is_not(None))
                             .order_by(SurveyResponse.id.desc())) == "layanan"
    assert as_user("kepala").post("/skm/kode", data={"kantor": world.office_a, "jumlah": 51}).status_code == 400
    assert as_user("kepala").post("/skm/kode", data={"kantor": world.office_a}).status_code == 400
    assert as_user("kepala_b").post("/skm/kode", data={"kantor": world.office_a, "jumlah": 3}).status_code == 404
    assert as_user("pk_a").post("/skm/kode", data={"kantor": world.office_a, "jumlah": 3}).status_code in (302, 403)


def test_the_quarter_is_read_by_the_calendar_in_jakarta(app):
    from datetime import datetime

    from app.survey.commands import quarter_of

    assert quarter_of(datetime(2026, 3, 31, 16, 59)) == (2026, 1)   # 23:59 WIB
    assert quarter_of(datetime(2026, 3, 31, 17, 0)) == (2026, 2)    # 00:00 WIB, 1 April
    assert quarter_of(datetime(2026, 12, 31, 17, 30)) == (2027, 1)
