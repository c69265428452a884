"""What can run as a job: its title, who may start it, and its work.

A work function takes (session, who, params, report) and returns an Outcome; it raises DomainError
for a refusal the user can act on. It must write nothing when it fails: the runner rolls back, and
work that commits in steps (none today) would have to undo its own."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as _

from app.errors import DomainError
from app.platform import roles

SDP_EXPORT, BACKUP, IMPORT_CONFIRM, GENERATE = "sdp_export", "backup", "import_confirm", "generate"
IMPORT_CHECK = "import_check"
MONTHLY_BATCH = "monthly_batch"


@dataclass
class Outcome:
    summary: str
    content: bytes | None = None  # a file to download ...
    file_name: str | None = None
    mimetype: str | None = None
    source_path: str | None = None  # ... or one the work wrote where it stays (a backup archive)
    url: str | None = None  # ... or a page of the product that shows the result
    client_ids: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class Kind:
    code: str
    title: object
    permission: tuple[str, str]  # (permission, view) the starter must hold
    work: Callable
    check: Callable[[dict], None] | None = None  # refuses bad parameters before anything is queued


def path_for(endpoint: str, **values) -> str:
    """A page's path from the worker, which has no request to build a URL from."""
    return current_app.url_map.bind("").build(endpoint, values)


def _sdp_format(params: dict) -> None:
    from app.sdp import export

    export.check_format(params.get("format"))


def _sdp_export(session, who, params, report) -> Outcome:
    from app.sdp import export

    fmt = export.check_format(params.get("format"))
    report(0, 2, gettext("Looking for records not yet in SDP"))
    batch = export.export(session, who, fmt)
    report(1, 2, gettext("Writing the batch"))
    session.commit()
    report(2, 2, gettext("Done"))
    summary = gettext("SDP export %(id)d is ready.", id=batch.id)
    # The batch's own download page audits the read of every child it carries.
    return Outcome(summary, url=path_for("SdpView.download", batch_id=batch.id, format=fmt))


def _backup(session, who, params, report) -> Outcome:
    from pathlib import Path

    from app.extensions import db
    from app.platform import backup

    report(0, 1, gettext("Copying the database and the stored files"))
    to_dir = Path(current_app.config["BACKUP_DIR"])
    try:
        archive = backup.backup(db.engine, current_app.config["UPLOAD_DIR"], to_dir)
    except backup.BackupError as exc:
        raise DomainError(gettext("The backup could not be written: %(why)s", why=str(exc))) from None
    report(1, 1, gettext("Done"))
    summary = gettext("Backup written: %(what)s", what=backup.describe(backup.read_manifest(archive)))
    return Outcome(summary, file_name=archive.name, mimetype="application/gzip", source_path=str(archive))


def _import_mode(params: dict) -> None:
    from app.imports.confirm import check_mode

    check_mode(params)


def _import_confirm(session, who, params, report) -> Outcome:
    from datetime import date

    from app.imports.confirm import confirm

    created, skipped, filename = confirm(session, who, params, date.today(), report)
    return Outcome(gettext("%(n)d clients were registered from %(file)s; %(skipped)d already registered were skipped.",
                           n=created, file=filename, skipped=skipped), url=path_for("ClientView.list"))


def _import_check(session, who, params, report) -> Outcome:
    from app.imports import check

    return check.work(session, who, params, report)


def _generate(session, who, params, report) -> Outcome:
    import secrets

    from app.demo.generator.generate import generate

    password = secrets.token_urlsafe(9)
    session.commit()  # the generator writes on a connection of its own and commits once at the end
    try:
        counts = generate(current_app._get_current_object(), params.get("scale", "small"), int(params.get("seed", 2026)),
                          password, echo=lambda _line: None, clients=params.get("clients"), report=report)
    except ValueError as exc:
        raise DomainError(str(exc)) from None
    rows = sum(counts.values())
    return Outcome(gettext("Generated %(rows)d rows; every generated account's password: %(password)s",
                           rows=rows, password=password))


def _monthly_check(params: dict) -> None:
    from app.documents import batch

    batch.check(params)


def _monthly_batch(session, who, params, report) -> Outcome:
    from app.documents import batch

    return batch.work(session, who, params, report)


KINDS: dict[str, Kind] = {
    SDP_EXPORT: Kind(SDP_EXPORT, _("SDP export"), ("can_write", roles.SDP), _sdp_export, _sdp_format),
    BACKUP: Kind(BACKUP, _("Backup"), ("can_write", roles.BACKUP), _backup),
    MONTHLY_BATCH: Kind(MONTHLY_BATCH, _("Monthly reports of the caseload"), ("can_write", roles.DOCUMENT),
                        _monthly_batch, _monthly_check),
    GENERATE: Kind(GENERATE, _("Generated benchmark data"), ("can_write", roles.BACKUP), _generate),
    IMPORT_CHECK: Kind(IMPORT_CHECK, _("Check of an import file"), ("can_write", roles.CLIENT_IMPORT),
                       _import_check),
    IMPORT_CONFIRM: Kind(IMPORT_CONFIRM, _("Import of clients"), ("can_write", roles.CLIENT_IMPORT),
                         _import_confirm, _import_mode),
}


def register(kind: Kind) -> None:
    """Other areas add their jobs (the month's letters) where their rules live."""
    KINDS[kind.code] = kind
