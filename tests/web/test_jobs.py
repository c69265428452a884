"""Background jobs on the real Huey consumer: progress while it runs, a result that survives a reload, a
failure that writes nothing and says why in Indonesian, one job per double click, and only one's own."""
from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from flask import g
from sqlalchemy import func, select

from app.platform import roles
from app.extensions import db
from app.jobs import commands, kinds, progress
from app.access import Principal
from app.errors import Forbidden, Invalid
from models import AuditLog, Holiday, Job, Staff
from tests.conftest import Browser, _make_world, fresh_app
from tests.jobs import real_worker, wait_for

STEPS = "test_steps"
gate = threading.Event()


def _steps(session, who, params, report):
    """Writes one holiday per step; fails at step ``fail_at`` when asked (after writing)."""
    total = int(params["n"])
    for n in range(1, total + 1):
        # A day of this job's own: jobs run side by side and the day is unique.
        session.add(Holiday(day=date(2031, 1, 1) + timedelta(days=total * 1000 + who.user_id * 50 + n), name=f"Uji {n}"))
        session.flush()
        if n == int(params.get("fail_at", 0)):
            raise RuntimeError("Budi Santoso broke it")  # a child's name must not reach the log or the page
        report(n, total, "langkah %d" % n)
        if params.get("wait") and n == 1:
            assert gate.wait(30)
    session.commit()
    return kinds.Outcome("Selesai %d langkah." % total, content=b"isi hasil", file_name="hasil.txt",
                         mimetype="text/plain", client_ids=set())


@pytest.fixture(params=["sqlite", "postgresql"])
def job_app(request, tmp_path):
    with fresh_app(request.param, tmp_path) as app:
        world = _make_world(app)
        kinds.register(kinds.Kind(STEPS, "Langkah uji", ("can_read", roles.JOBS), _steps))
        try:
            yield app, world
        finally:
            kinds.KINDS.pop(STEPS, None)


def _start(app, username: str, params: dict) -> int:
    with app.test_request_context(headers={"Accept-Language": "id"}):
        from flask_login import login_user

        user = db.session.scalar(select(Staff).where(Staff.username == username))
        login_user(user)
        g.user = user  # as FAB's before_request does
        job = commands.start(db.session, Principal.of(user), STEPS, params)
        return job.id


def _holidays(app) -> int:
    with app.app_context():
        try:
            return db.session.scalar(select(func.count(Holiday.id)).where(Holiday.day > date(2031, 1, 1)))
        finally:
            db.session.remove()


def test_progress_moves_while_it_runs_and_the_result_waits_after_a_reload(job_app):
    app, world = job_app
    gate.clear()
    pk = Browser(app, "pk_a")
    with real_worker(app):
        job_id = _start(app, "pk_a", {"n": 3, "wait": True})
        page = pk.get(f"/pekerjaan/{job_id}")
        assert page.status_code == 200 and "Langkah uji" in page.get_data(as_text=True)
        for _ in range(600):
            state = pk.get(f"/pekerjaan/{job_id}/status.json").json
            if state["done"] == 1:
                break
            threading.Event().wait(0.05)
        assert state["status"] == "berjalan" and state["total"] == 3 and state["step"] == "langkah 1"
        assert not state["finished"] and state["result"] is None
        gate.set()
        wait_for(app, job_id)
    # A new visit (the tab was closed): the page shows the result without the worker.
    again = Browser(app, "pk_a")
    text = again.get(f"/pekerjaan/{job_id}").get_data(as_text=True)
    assert "Selesai 3 langkah." in text and "Unduh hasilnya" in text
    state = again.get(f"/pekerjaan/{job_id}/status.json").json
    assert state["percent"] == 100 and state["status"] == "selesai"
    result = again.get(state["result"])
    assert result.status_code == 200 and result.data == b"isi hasil"
    assert "attachment" in result.headers["Content-Disposition"]
    assert _holidays(app) == 3
    # Someone else's job answers as missing, page, status and file alike.
    other = Browser(app, "pk_a2")
    for url in (f"/pekerjaan/{job_id}", f"/pekerjaan/{job_id}/status.json", state["result"]):
        assert other.get(url).status_code == 404
    listed = again.get("/pekerjaan/").get_data(as_text=True)
    assert "Langkah uji" in listed and "Selesai" in listed
    with app.app_context():
        trail = db.session.scalars(select(AuditLog).where(AuditLog.action == "job_download")).all()
        assert [(row.user_id, row.record_id) for row in trail] == [(world.users["pk_a"], job_id)]


def test_a_failed_job_writes_nothing_and_says_so_in_indonesian(job_app, caplog):
    app, _ = job_app
    with real_worker(app):
        job_id = _start(app, "pk_a", {"n": 4, "fail_at": 3})
        job = wait_for(app, job_id)
    assert job.status == "gagal" and job.result_path is None
    assert job.error.startswith("Pekerjaan gagal dan tidak ada yang disimpan.")
    assert _holidays(app) == 0  # the two steps written before the failure are gone too
    page = Browser(app, "pk_a").get(f"/pekerjaan/{job_id}").get_data(as_text=True)
    assert "Gagal" in page and "Pekerjaan gagal" in page and "Budi" not in page
    assert "Budi" not in caplog.text and "RuntimeError" in caplog.text


def test_a_double_click_starts_one_job_and_a_finished_one_can_run_again(job_app):
    app, _ = job_app
    first = _start(app, "pk_a", {"n": 1})
    assert _start(app, "pk_a", {"n": 1}) == first  # still waiting: the same job
    assert _start(app, "pk_a", {"n": 2}) != first  # other parameters: another job
    assert _start(app, "pk_a2", {"n": 1}) != first  # another user: their own
    with real_worker(app, workers=2):
        for job_id in range(first, first + 3):
            assert wait_for(app, job_id).status == "selesai"
    assert _start(app, "pk_a", {"n": 1}) not in range(first, first + 3)


def test_who_may_start_what(job_app):
    app, world = job_app
    with app.test_request_context():
        from flask_login import login_user

        tpp = db.session.get(Staff, world.users["tpp"])
        login_user(tpp)
        g.user = tpp
        with pytest.raises(Forbidden):
            commands.start(db.session, Principal.of(tpp), kinds.SDP_EXPORT, {"format": "json"})
        with pytest.raises(Invalid):
            commands.start(db.session, Principal.of(tpp), "no_such_job", {})
        assert db.session.scalar(select(func.count(Job.id))) == 0
    tpp_browser = Browser(app, "tpp")
    assert tpp_browser.post("/cadangan/mulai").status_code in (302, 403)
    assert tpp_browser.get("/cadangan/").status_code in (302, 403)


def test_the_admin_backup_runs_as_a_job_on_the_real_worker(job_app):
    app, _ = job_app
    admin = Browser(app, "admin")
    started = admin.post("/cadangan/mulai")
    assert started.status_code == 302 and "/pekerjaan/" in started.location
    job_id = int(started.location.rstrip("/").rsplit("/", 1)[1])
    with real_worker(app):
        job = wait_for(app, job_id, timeout=120)
    assert job.status == "selesai", job.error
    assert job.summary.startswith("Cadangan selesai ditulis")
    file = admin.get(f"/pekerjaan/{job_id}/hasil")
    assert file.status_code == 200 and file.data[:2] == b"\x1f\x8b"  # a gzip archive


def test_time_left_follows_the_pace_so_far():
    state = progress.Progress(done=2, total=10, started=100.0)
    assert state.seconds_left(now=110.0) == 40 and state.percent == 20
    assert progress.Progress(done=0, total=10, started=100.0).seconds_left(now=110.0) is None
    assert progress.Progress(done=10, total=10, started=100.0).seconds_left(now=110.0) is None


def test_the_generator_runs_as_a_job_with_a_bar_per_office(job_app):
    app, _ = job_app
    result = app.test_cli_runner().invoke(args=["sibika", "generate", "--clients", "6", "--in-background", "admin"],
                                          catch_exceptions=False)
    assert "Queued as job" in result.output, result.output
    job_id = int(result.output.split("job ", 1)[1].split(":", 1)[0])
    with real_worker(app):
        job = wait_for(app, job_id, timeout=180)
    assert job.status == "selesai", job.error
    assert "baris" in job.summary or "rows" in job.summary
    refused = app.test_cli_runner().invoke(args=["sibika", "generate", "--in-background", "pk_a"])
    assert refused.exit_code != 0 and "not an Admin" in refused.output


def test_a_job_whose_worker_died_is_said_so_and_started_afresh(job_app):
    from datetime import datetime, timedelta

    app, _ = job_app
    first = _start(app, "pk_a", {"n": 1})
    with app.app_context():
        job = db.session.get(Job, first)
        job.status, job.started_at = "berjalan", datetime.utcnow() - timedelta(hours=1)
        job.created_at = job.started_at
        db.session.commit()
    again = _start(app, "pk_a", {"n": 1})
    assert again != first
    with app.app_context():
        stalled = db.session.get(Job, first)
        assert stalled.status == "gagal" and "berhenti" in stalled.error
