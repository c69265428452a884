"""One Huey queue per application, from its settings.

SqliteHuey in instance/ is the embedded default (one machine: the web server and its worker share the
file); with SIBIKA_REDIS_URL every app server and worker share one Redis queue. The queue carries only
a job's id: what to do and for whom is in the job's row."""
from __future__ import annotations

import secrets
import tempfile
from pathlib import Path

from flask import Flask, current_app
from huey import RedisHuey, SqliteHuey, crontab

_KEY = "sibika.huey"


def make_huey(config) -> SqliteHuey | RedisHuey:
    url = config.get("SIBIKA_REDIS_URL")
    if url:
        return RedisHuey("sibika", url=url, results=False)
    path = config.get("JOB_QUEUE_FILE")
    if not path:  # tests: a queue of this application's own (SqliteHuey creates the file)
        path = Path(tempfile.gettempdir()) / f"sibika-jobs-{secrets.token_hex(8)}.db"
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("sibika", filename=str(path), results=False)


def init_app(app: Flask) -> None:
    from app.jobs import digest, mail, runner

    mail.init_app(app)

    huey = make_huey(app.config)
    app.extensions[_KEY] = huey

    @huey.task(name="run_job")
    def run_job(job_id: int) -> None:
        with app.app_context():
            runner.run(job_id)

    hour, minute = app.config.get("DIGEST_AT", (6, 0))

    @huey.periodic_task(crontab(hour=str(hour), minute=str(minute)), name="daily_digest")
    def daily_digest() -> None:
        with app.app_context():
            digest.send_all()

    app.extensions["sibika.run_job"] = run_job


def huey():
    return current_app.extensions[_KEY]


def enqueue(job_id: int) -> None:
    current_app.extensions["sibika.run_job"](job_id)


def consumer(app: Flask, workers: int = 2):
    """The worker: threads that take jobs off this application's queue (`./sibika run` starts one)."""
    return app.extensions[_KEY].create_consumer(workers=workers, worker_type="thread", check_worker_health=False)
