"""Running background jobs in tests.

``run_queued`` runs every waiting job in the test's own thread and session: for tests of a job's *work*
under the rolled-back fixture (the worker's own connection could not see the test's transaction).
``real_worker`` starts the real Huey consumer (threads, their own sessions) beside a committing test or a
fresh application, and ``wait_for`` polls until the jobs are finished, as the browser does."""
from __future__ import annotations

import time
from contextlib import contextmanager

from sqlalchemy import select

from app.extensions import db
from app.jobs import queue, runner
from models import Job
from models.job import JobStatus


def run_queued() -> list[int]:
    ids = list(db.session.scalars(select(Job.id).where(Job.status == JobStatus.QUEUED).order_by(Job.id)))
    queue.huey().flush()  # their queue messages: a real worker of a later test must not meet them
    for job_id in ids:
        runner.run(job_id)
    return ids


@contextmanager
def real_worker(app, workers: int = 1):
    consumer = queue.consumer(app, workers)
    consumer.start()
    try:
        yield consumer
    finally:
        consumer.stop(graceful=True)


def wait_for(app, job_id: int, timeout: float = 60.0) -> Job:
    deadline = time.monotonic() + timeout
    while True:
        with app.app_context():
            job = db.session.get(Job, job_id)
            if job.status in (JobStatus.DONE, JobStatus.FAILED):
                db.session.expunge(job)
                return job
            db.session.remove()
        if time.monotonic() > deadline:
            raise AssertionError(f"job {job_id} still {job.status} after {timeout} s")
        time.sleep(0.05)


def ran(browser, started) -> dict | None:
    """When a screen's POST answered by opening a job's page, run the job as the worker would and return its
    state (status.json); None when the screen refused before anything was queued."""
    if started.status_code != 302 or "/pekerjaan/" not in started.location:
        return None
    run_queued()
    return browser.get(started.location + "/status.json").json


def batch_download(browser, form: dict):
    """The month's reports from the due-items form: the job is started, run, and its .zip downloaded;
    a refusal before queueing answers as the screen does (a redirect back)."""
    started = browser.post("/dokumen/laporan-bulanan-semua", data=form)
    state = ran(browser, started)
    if state is None:
        return started
    assert state["status"] == "selesai", state
    return browser.get(state["result"])
