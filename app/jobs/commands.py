"""Starting a job and reading one: who may, and one at a time."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from flask import current_app, has_request_context
from flask_babel import get_locale
from flask_babel import lazy_gettext as _
from sqlalchemy import select

from app import access
from app.errors import Forbidden, Invalid, NotFoundOrForbidden
from app.jobs import progress, queue
from app.jobs.kinds import KINDS
from models import Job
from models.job import JobStatus

OPEN = (JobStatus.QUEUED, JobStatus.RUNNING)
STALLED_AFTER = timedelta(minutes=15)


def start(session, who: access.Principal, kind: str, params: dict | None = None, checked: bool = False) -> Job:
    """Queue a job for ``who``; the same job already waiting or running is returned instead of a second one
    (a double click, a reload of the form's answer). ``checked``: the caller (a command line run by an
    Admin) has established the permission, there being no request to ask."""
    found = KINDS.get(kind)
    if found is None:
        raise Invalid({"kind": [_("Unknown job.")]})
    permission, view = found.permission
    if not checked and not current_app.appbuilder.sm.has_access(permission, view):
        raise Forbidden(_("You may not start this job."))
    plain = dict(params or {})
    if found.check:
        found.check(plain)
    running = session.scalars(select(Job).where(Job.owner_id == who.user_id, Job.kind == kind,
                                                Job.status.in_(OPEN))).all()
    for job in running:
        if _same(job.params, plain):
            if not _stalled(job):
                return job
            # Its worker died or its queue message was lost: say so on it, and start afresh.
            job.status, job.error = JobStatus.FAILED, str(_(
                "The job stopped without finishing (its worker stopped); nothing of it was kept. It was started "
                "again."))
    language = str(get_locale() or "id") if has_request_context() else "id"
    job = Job(kind=kind, owner_id=who.user_id, office_id=who.office_id, status=JobStatus.QUEUED,
              params=json.dumps({**plain, "lang": language}, sort_keys=True))
    session.add(job)
    session.commit()  # the worker must find the row
    queue.enqueue(job.id)
    return job


def _stalled(job: Job) -> bool:
    """Waiting or running with no sign of life for STALLED_AFTER: no worker will finish it."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    seen = progress.read(queue.huey(), job.id).updated
    last = max(filter(None, (job.created_at, job.started_at,
                             datetime.fromtimestamp(seen, timezone.utc).replace(tzinfo=None) if seen else None)))
    return now - last > STALLED_AFTER


def _same(stored: str, params: dict) -> bool:
    earlier = json.loads(stored or "{}")
    earlier.pop("lang", None)
    return earlier == params


def get(session, job_id, who: access.Principal) -> Job:
    """One's own job (an Admin: any); anything else answers as missing."""
    try:
        job = session.get(Job, int(job_id))
    except (TypeError, ValueError, OverflowError):
        raise NotFoundOrForbidden() from None
    if job is None or not (who.is_admin or job.owner_id == who.user_id):
        raise NotFoundOrForbidden()
    return job


def recent(session, who: access.Principal, limit: int = 30) -> list[Job]:
    return list(session.scalars(select(Job).where(Job.owner_id == who.user_id)
                                .order_by(Job.created_at.desc(), Job.id.desc()).limit(limit)))
