"""Rule: a Word template can never run code, and a numbering pattern reaches no
attribute of its values — refused at upload or save through the real screens,
stopped at issue when a bad one is in the store anyway, and a stored one is taken
out of use by the re-check at start-up (``flask sibika init``)."""
from __future__ import annotations

import hashlib
import html
import io
import json
import re
import secrets
from pathlib import Path

import pytest
from sqlalchemy import select

from models import AuditLog, DocumentTemplate, LetterPattern
from tests.unit.test_templates import _with
from tests.web.test_documents import issue_report, latest, office_ready, supervised  # noqa: F401 - fixtures

# Sessions, audit rows, stored files and templates: SQL behaviour, so on both databases.
pytestmark = pytest.mark.both_databases

RCE = "{{ cycler.__init__.__globals__.os.popen('id').read() }}"


def _payload() -> bytes:
    return _with("laporan_perkembangan", ("{{ catatan }}", RCE))


def _upload(as_user, data: bytes):
    return as_user("admin").post("/templat/unggah", data={"doc_type": "laporan_perkembangan",
                                                          "file": (io.BytesIO(data), "lp.docx")},
                                 content_type="multipart/form-data")


def _store_as_old_code_did(app, db_session, data: bytes) -> DocumentTemplate:
    """A version in the template store and table exactly as the old upload wrote it (no check)."""
    folder = Path(app.config["UPLOAD_DIR"]) / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{secrets.token_hex(16)}.docx"
    (folder / stored).write_bytes(data)
    version = DocumentTemplate(doc_type="laporan_perkembangan", original_name="lama.docx", stored_name=stored,
                               sha256=hashlib.sha256(data).hexdigest(), active=True)
    db_session.add(version)
    db_session.commit()
    return version


@pytest.fixture
def retire(db_session):
    """Take test versions out of use afterwards: the database is shared by the whole run."""
    made: list[DocumentTemplate] = []
    yield made.append
    for version in made:
        db_session.merge(version).active = False
    db_session.commit()


def test_the_rce_payload_is_refused_at_upload_naming_field_and_paragraph_and_nothing_is_stored(
        app, as_user, db_session):
    folder = Path(app.config["UPLOAD_DIR"]) / "templates"
    before = set(folder.glob("*")) if folder.exists() else set()
    data = _payload()
    response = _upload(as_user, data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "cycler.__init__.__globals__.os.popen(" in page and "uid=" not in page
    assert "Isian {{ cycler" in page and "di paragraf " in page and "bukan variabel jenis dokumen ini" in page
    db_session.expire_all()
    assert db_session.scalar(select(DocumentTemplate).where(
        DocumentTemplate.sha256 == hashlib.sha256(data).hexdigest())) is None
    assert (set(folder.glob("*")) if folder.exists() else set()) == before


def test_a_stored_template_with_the_payload_runs_nothing_at_issue(app, as_user, supervised, db_session,  # noqa: F811
                                                                   retire):
    retire(_store_as_old_code_did(app, db_session, _payload()))
    response = issue_report(as_user, supervised)
    assert response.status_code == 302
    assert latest(db_session, supervised) is None  # nothing issued
    page = as_user("pk_a").get(response.headers["Location"]).get_data(as_text=True)
    assert "mencoba memakai sesuatu selain variabel dokumennya" in page and "uid=" not in page


def test_the_start_up_recheck_takes_a_bad_stored_template_out_of_use_with_audit_row_and_note(
        app, as_user, supervised, db_session, retire):  # noqa: F811
    version = _store_as_old_code_did(app, db_session, _payload())
    retire(version)
    result = app.test_cli_runner().invoke(args=["sibika", "init"])
    assert result.exit_code == 0, result.output
    db_session.expire_all()
    version = db_session.get(DocumentTemplate, version.id)
    assert version.active is False
    assert "cycler" in version.refused_reason and "paragraf" in version.refused_reason
    trail = db_session.scalars(select(AuditLog).where(AuditLog.table_name == "document_template",
                                                      AuditLog.record_id == version.id,
                                                      AuditLog.action == "update")).all()
    assert trail and json.loads(trail[-1].changes)["active"] == [True, False]
    assert trail[-1].username == "system"
    listing = as_user("admin").get("/documenttemplateview/list/").get_data(as_text=True)
    assert "Dinonaktifkan oleh pemeriksaan saat aplikasi dimulai" in listing
    # The document type falls back to a good version: letters are issued again.
    assert issue_report(as_user, supervised).status_code == 302
    assert latest(db_session, supervised) is not None


@pytest.mark.parametrize("pattern", ["{office:{year.real}}/{seq}", "{seq!r}/{year}"])
def test_a_numbering_pattern_that_looks_up_attributes_is_refused_at_save(as_user, world, db_session, pattern):
    response = as_user("admin").post("/letterpatternview/add", data={
        "office": str(world.office_a), "doc_type": "kartu_bimbingan", "pattern": pattern})
    assert response.status_code == 200
    assert "tanpa atribut, indeks, konversi" in response.get_data(as_text=True)
    assert db_session.scalar(select(LetterPattern).where(LetterPattern.pattern == pattern)) is None


def test_a_stored_numbering_pattern_with_attribute_access_is_not_obeyed(as_user, supervised, world,  # noqa: F811
                                                                         db_session):
    # As if saved before the rule was strict: the old code printed "7-int" into the letter.
    bad = "{seq}-{year.__class__.__name__}"
    rows = db_session.scalars(select(LetterPattern).where(LetterPattern.office_id == world.office_a,
                                                          LetterPattern.doc_type == "laporan_perkembangan")).all()
    kept = {row.id: row.pattern for row in rows}
    if not rows:
        rows = [LetterPattern(office_id=world.office_a, doc_type="laporan_perkembangan", pattern=bad)]
        db_session.add(rows[0])
    for row in rows:
        row.pattern = bad
    db_session.commit()
    try:
        response = issue_report(as_user, supervised)
        assert latest(db_session, supervised) is None
        page = as_user("pk_a").get(response.headers["Location"]).get_data(as_text=True)
        assert "Pola penomoran surat" in page and "tidak valid" in page
    finally:
        for row in rows:
            if row.id in kept:
                db_session.merge(row).pattern = kept[row.id]
            else:
                db_session.delete(db_session.merge(row))
        db_session.commit()


def test_a_stored_registration_pattern_with_attribute_access_is_not_obeyed(app, world, db_session):
    from app.clients import next_number
    from app.errors import DomainError
    from models import Office

    office = db_session.get(Office, world.office_b)
    kept, office.registration_pattern = office.registration_pattern, "BA.{seq}-{year.__class__.__name__}"
    db_session.commit()
    try:
        with pytest.raises(DomainError) as refused:
            next_number.next_number(db_session, office, 2026)
        assert "BA.{seq}-{year.__class__.__name__}" in str(refused.value)
    finally:
        db_session.rollback()
        db_session.get(Office, world.office_b).registration_pattern = kept
        db_session.commit()


def test_a_misspelt_field_is_named_in_indonesian_with_its_paragraph_and_a_suggestion(as_user, db_session):
    page = _upload(as_user, _with("laporan_perkembangan", ("{{ klien.nama }}", "{{ klien.namaa }}")))
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert re.search(r"Isian \{\{ klien\.namaa \}\} di paragraf \d+: “namaa” tidak dikenal "
                     r"\(maksud Anda: klien\.nama\?\)", html.unescape(body)), body
    assert "dict object" not in body


def test_a_syntax_error_is_told_in_indonesian_with_its_paragraph_and_text(as_user, db_session):
    page = _upload(as_user, _with("laporan_perkembangan", ("{{ klien.nama }}", "{{ klien.nama }")))
    body = html.unescape(page.get_data(as_text=True))
    assert re.search(r"Isian di paragraf \d+ salah tulis: “\}” berada di tempat yang salah", body), body
    assert "Teks di sekitarnya: “" in body and "unexpected" not in body
