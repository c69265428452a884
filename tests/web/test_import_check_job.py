"""The import's check runs on the real Huey worker (app.imports.check): the upload answers at once with the
job's progress page, which survives a reload; the finished job opens the preview; a file that cannot be read
fails the job with the reason in Indonesian, and a check never writes a client or keeps the file."""
from __future__ import annotations

import html
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.imports import confirm as store
from models import Client, Job
from tests.conftest import Browser, _make_world, fresh_app
from tests.jobs import real_worker, wait_for
from tests.web.test_imports import summary, upload, xlsx, row


@pytest.fixture(params=["sqlite", "postgresql"])
def import_app(request, tmp_path):
    with fresh_app(request.param, tmp_path) as app:
        yield app, _make_world(app)


def _clients(app, prefix: str) -> int:
    with app.app_context():
        try:
            return db.session.scalar(select(func.count(Client.id)).where(Client.registration_number.like(f"{prefix}%")))
        finally:
            db.session.remove()


def _kept(app) -> list[str]:
    with app.app_context():
        folder = Path(store.folder())
    return sorted(p.name for p in folder.glob("*")) if folder.is_dir() else []


def _job_id(started) -> int:
    assert started.status_code == 302 and "/pekerjaan/" in started.location, started.status_code
    return int(started.location.rstrip("/").rsplit("/", 1)[1])


def test_the_check_runs_on_the_worker_and_its_result_is_the_preview(import_app):
    app, world = import_app
    browser = Browser(app, "registrasi")
    data = xlsx([row("JOB-1"), row("JOB-2", full_name="Ani"), row("JOB-3", sex="X")])
    job_id = _job_id(upload(browser, data, world.office_a))
    # Before any worker took it: the page shows the job waiting, with its bar; nothing read yet.
    waiting = browser.get(f"/pekerjaan/{job_id}").get_data(as_text=True)
    assert "Pemeriksaan berkas impor" in waiting and 'class="progress-bar"' in waiting and "Menunggu giliran" in waiting
    with real_worker(app):
        job = wait_for(app, job_id)
    assert job.status == "selesai", job.error
    assert job.summary == ("register.xlsx: 3 baris dibaca; 2 benar dan baru, 0 sudah terdaftar, 1 bermasalah. "
                           "Buka hasil pemeriksaan untuk melihat setiap baris dan mengonfirmasi.")
    # A new visit (the tab was closed): the job's page opens the preview.
    again = Browser(app, "registrasi")
    page = again.get(f"/pekerjaan/{job_id}").get_data(as_text=True)
    state = again.get(f"/pekerjaan/{job_id}/status.json").json
    assert "Buka hasilnya" in page and "Unduh hasilnya" not in page and state["result"].startswith("/impor-klien/")
    preview = again.get(state["result"])
    assert preview.status_code == 200
    assert summary(preview.get_data(as_text=True)) == {"rows": 3, "new": 2, "existing": 0, "invalid": 1}
    assert _clients(app, "JOB-") == 0  # a check registers no one
    assert not any(".upload" in name for name in _kept(app))  # the uploaded file itself is gone
    # Someone else's check answers as missing: the job and its preview.
    other = Browser(app, "registrasi_b")
    assert other.get(f"/pekerjaan/{job_id}").status_code == 404 and other.get(state["result"]).status_code == 404


def test_a_file_that_cannot_be_read_fails_its_check_in_indonesian_and_leaves_nothing(import_app):
    app, world = import_app
    browser = Browser(app, "registrasi")
    job_id = _job_id(upload(browser, b"%PDF-1.7\n%\xe2\xe3 Budi Santoso", world.office_a, "register.xlsx"))
    with real_worker(app):
        job = wait_for(app, job_id)
    assert job.status == "gagal" and "isinya PDF" in job.error and job.result_url is None
    page = html.unescape(Browser(app, "registrasi").get(f"/pekerjaan/{job_id}").get_data(as_text=True))
    assert "Gagal" in page and "isinya PDF" in page and "Buka hasilnya" not in page
    assert _kept(app) == []  # neither the file nor rows waiting for a preview
    with app.app_context():
        try:
            assert db.session.scalar(select(func.count(Client.id))) == 0
            assert db.session.get(Job, job_id).summary is None
        finally:
            db.session.remove()


def test_an_upload_taken_by_another_user_is_not_checked(import_app):
    """The job reads only its starter's upload: a token of someone else's file fails as unknown."""
    from app.imports import check

    app, world = import_app
    with app.app_context():
        token = check.keep(store.folder(), xlsx([row("JOB-9")]), "x.xlsx", world.users["registrasi_b"],
                           world.office_b, 0)
        assert check.take(store.folder(), token, world.users["registrasi"], 1, 3600) is None
        taken = check.take(store.folder(), token, world.users["registrasi_b"], 1, 3600)
        assert taken is not None and taken.office_id == world.office_b
        assert check.take(store.folder(), token, world.users["registrasi_b"], 1, 3600) is None  # taken once
