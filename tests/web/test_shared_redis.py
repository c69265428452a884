"""Several app servers, one truth: with SIBIKA_REDIS_URL two application instances on one database
share the login limit and the job queue, and a worker of a third instance runs what either queued."""
from __future__ import annotations

import pytest

from app.extensions import db
from app.jobs import queue
from models import Job
from tests.conftest import Browser, _create, _make_world, fresh_app
from tests.jobs import real_worker, wait_for
from tests.redis_server import redis_server


@pytest.fixture(params=["sqlite", "postgresql"])
def two_servers(request, tmp_path):
    with redis_server() as url:
        shared = {"SIBIKA_REDIS_URL": url, "RATELIMIT_STORAGE_URI": url, "AUTH_RATE_LIMIT": "6 per hour"}
        with fresh_app(request.param, tmp_path, **shared) as first:
            world = _make_world(first)
            second = _create(first.config["SQLALCHEMY_DATABASE_URI"], first.config["UPLOAD_DIR"],
                             JOB_DIR=first.config["JOB_DIR"], **shared)
            try:
                yield first, second, world
            finally:
                with second.app_context():
                    db.session.remove()
                    db.engine.dispose()


def _bad_login(app, username="pk_a"):
    return app.test_client().post("/login/", data={"username": username, "password": "salah-sekali-123"})


def test_the_login_limit_is_counted_across_both_servers(two_servers):
    first, second, _ = two_servers
    answers = [_bad_login(first if n % 2 else second, f"tidak-ada-{n}").status_code for n in range(6)]
    assert 429 not in answers
    assert _bad_login(first).status_code == 429 and _bad_login(second).status_code == 429


def test_a_job_queued_on_one_server_runs_on_a_worker_of_another(two_servers):
    first, second, world = two_servers
    assert type(queue.make_huey(first.config)).__name__ == "RedisHuey"
    admin = Browser(first, "admin")
    started = admin.post("/cadangan/mulai")
    assert started.status_code == 302
    job_id = int(started.location.rstrip("/").rsplit("/", 1)[1])
    with real_worker(second):  # the worker belongs to the other instance
        job = wait_for(first, job_id, timeout=120)
    assert job.status == "selesai", job.error
    # Its page and its file answer on either server.
    elsewhere = Browser(second, "admin")
    assert "Cadangan selesai ditulis" in elsewhere.get(f"/pekerjaan/{job_id}").get_data(as_text=True)
    assert elsewhere.get(f"/pekerjaan/{job_id}/hasil").status_code == 200
    with first.app_context():
        assert db.session.get(Job, job_id).owner_id == world.users["admin"]
