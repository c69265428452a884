"""Running one job in the worker: as its owner, in the owner's language, all or nothing."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from pathlib import Path

from flask import current_app, g
from flask_babel import force_locale, gettext

from app import access
from app.errors import DomainError
from app.extensions import db
from app.jobs import progress, queue
from app.jobs.kinds import KINDS, Outcome
from models import Job
from models.job import JobStatus

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def job_dir(job_id: int) -> Path:
    return Path(current_app.config["JOB_DIR"]) / str(job_id)


def run(job_id: int) -> None:
    session = db.session
    job = session.get(Job, job_id)
    if job is None or job.status != JobStatus.QUEUED:
        return  # delivered twice, or cancelled with its owner: nothing to do
    job.status, job.started_at = JobStatus.RUNNING, _now()
    session.commit()
    owner = job.owner
    params = json.loads(job.params or "{}")
    report = progress.Reporter(queue.huey(), job.id)
    # The audit trail names the owner, not "system": they asked for it.
    g.sibika_actor = (owner.id, owner.username, owner.office_id)
    with force_locale(params.get("lang") or "id"):
        try:
            if not owner.active:
                raise DomainError(gettext("The account that started this job is no longer active."))
            outcome = KINDS[job.kind].work(session, access.Principal.of(owner), params, report)
        except DomainError as exc:
            session.rollback()
            _finish(session, job_id, JobStatus.FAILED, error=" ".join(str(m) for m in exc.messages))
        except Exception as exc:  # noqa: BLE001 - the user gets a message, the log the kind of error only
            session.rollback()
            # Not the message: it may quote a child's data (app.platform.log_privacy).
            log.error("job %s (%s) failed: %s", job_id, job.kind, type(exc).__name__)
            _finish(session, job_id, JobStatus.FAILED,
                    error=gettext("The job failed and nothing was saved. Start it again; if it fails again, "
                                  "tell the Admin."))
        else:
            _finish(session, job_id, JobStatus.DONE, outcome=outcome)
        finally:
            report.forget()
            g.pop("sibika_actor", None)


def _finish(session, job_id: int, status: str, outcome: Outcome | None = None, error: str | None = None) -> None:
    job = session.get(Job, job_id)
    job.status, job.finished_at, job.error = status, _now(), error
    if outcome is not None:
        job.summary, job.result_url = outcome.summary, outcome.url
        if outcome.source_path:  # a file the work wrote where it stays (a backup archive)
            job.result_name, job.result_path = Path(outcome.source_path).name, outcome.source_path
            job.result_mime = outcome.mimetype
        elif outcome.content is not None:
            folder = job_dir(job_id)
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / Path(outcome.file_name).name
            target.write_bytes(outcome.content)
            job.result_name, job.result_path, job.result_mime = target.name, str(target), outcome.mimetype
        if outcome.client_ids:
            job.result_clients = " ".join(str(i) for i in sorted(outcome.client_ids))
    session.commit()
