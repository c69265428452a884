"""The user's background jobs: the list, one job's progress bar (it survives a reload and a closed tab:
the state is on the server), its result as a download, and the Admin's backup. Rules in app.jobs."""
from __future__ import annotations

from flask import abort, flash, jsonify, redirect, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext

from app import access
from app.errors import DomainError, NotFoundOrForbidden
from app.extensions import db
from app.jobs import commands, kinds, progress, queue
from app.platform import audit, read_audit, roles
from app.platform.ui_dates import ui_datetime
from models.job import JobStatus
from views.documents.downloads import download


def state(job) -> dict:
    """What the page and its script show: the same dict for both."""
    now = progress.read(queue.huey(), job.id)
    left = now.seconds_left()
    return {"status": job.status, "status_label": str(JobStatus(job.status).label), "done": now.done,
            "total": now.total, "percent": 100 if job.status == JobStatus.DONE else now.percent,
            "step": now.step, "seconds_left": left,
            "time_left": gettext("about %(n)d seconds left", n=left) if left is not None else "",
            "finished": job.status in (JobStatus.DONE, JobStatus.FAILED), "summary": job.summary or "",
            "error": job.error or "", "result": _result_url(job), "result_is_file": bool(job.result_path)}


def _result_url(job) -> str | None:
    if job.status != JobStatus.DONE:
        return None
    if job.result_path:
        return url_for("JobView.result", job_id=job.id)
    return job.result_url


def start_and_show(kind: str, params: dict, refused):
    """Start a job from a screen's form and open its progress page; a refusal is flashed and
    ``refused(status)`` answers (the form again, with the refusal's status)."""
    try:
        job = commands.start(db.session, access.principal(), kind, params)
    except DomainError as exc:
        db.session.rollback()
        for message in exc.messages:
            flash(message, "warning" if exc.status_code == 422 else "danger")
        return refused(exc.status_code)
    return redirect(url_for("JobView.show", job_id=job.id))


class JobView(BaseView):
    route_base = "/pekerjaan"
    class_permission_name = roles.JOBS
    method_permission_name = {"index": "read", "show": "read", "status": "read", "result": "read"}
    default_view = "index"

    def _job(self, job_id: int):
        try:
            return commands.get(db.session, job_id, access.principal())
        except NotFoundOrForbidden:
            abort(404)

    @expose("/")
    @has_access
    def index(self):
        jobs = commands.recent(db.session, access.principal())
        return self.render_template("jobs/list.html", jobs=jobs, titles=kinds.KINDS, when=ui_datetime,
                                    labels=JobStatus.labels())

    @expose("/<int:job_id>")
    @has_access
    def show(self, job_id: int):
        job = self._job(job_id)
        return self.render_template("jobs/show.html", job=job, title=kinds.KINDS[job.kind].title,
                                    state=state(job), when=ui_datetime)

    @expose("/<int:job_id>/status.json")
    @has_access
    def status(self, job_id: int):
        response = jsonify(state(self._job(job_id)))
        response.headers["Cache-Control"] = "no-store"
        return response

    @expose("/<int:job_id>/hasil")
    @has_access
    def result(self, job_id: int):
        job = self._job(job_id)
        if job.status != JobStatus.DONE or not job.result_path:
            abort(404)
        # The file carries these children's data: handing it out is a read of each.
        read_audit.saw_all(int(i) for i in (job.result_clients or "").split())
        audit.record_action(db.session, job, "job_download", {"kind": job.kind})
        db.session.commit()
        try:
            return download(job.result_path, job.result_name, job.result_mime or "application/octet-stream")
        except FileNotFoundError:
            abort(410)


class BackupView(BaseView):
    """The Admin starts a backup from the screen; it runs as a job (`flask sibika backup` stays)."""

    route_base = "/cadangan"
    class_permission_name = roles.BACKUP
    method_permission_name = {"index": "read", "start": "write"}
    default_view = "index"

    @expose("/")
    @has_access
    def index(self):
        return self.render_template("jobs/backup.html")

    @expose("/mulai", methods=["POST"])
    @has_access
    def start(self):
        return start_and_show(kinds.BACKUP, {}, lambda status: (self.index(), status))
