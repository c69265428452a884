"""Confirming a checked import: the rows are checked again against the register as it is now (it may have
changed since the preview), then registered in one transaction. Runs as a background job (app.jobs): a
5,000-row register takes seconds; a failure writes no row."""
from __future__ import annotations

import time

from flask import current_app
from flask_babel import gettext
from sqlalchemy.exc import SQLAlchemyError

from app import access
from app.errors import DomainError, NotFoundOrForbidden
from app.imports import pending, run
from app.imports.validate import EXISTING, validate
from models import Office


def folder() -> str:
    return current_app.config.get("IMPORT_DIR") or f"{current_app.config['UPLOAD_DIR']}/imports"


class Changed(DomainError):
    status_code = 409


def check_mode(params: dict) -> None:
    if params.get("mode") not in (run.ALL, run.VALID_ONLY):
        raise DomainError(gettext("Choose how to import."))


def confirm(session, who: access.Principal, params: dict, today, report) -> tuple[int, int, str]:
    """(registered, skipped as already registered, file name); raises DomainError, writing nothing."""
    gone = DomainError(gettext("This checked file is no longer waiting (imported already, or older than an hour). "
                               "Upload it again."))
    found = pending.get(folder(), params.get("token", ""), who.user_id, None, time.time(),
                        current_app.config["IMPORT_TTL_SECONDS"])
    if found is None:
        raise gone
    try:
        office = access.get(session, Office, found.office_id, who)
    except NotFoundOrForbidden:
        raise gone from None
    report(0, 2, gettext("Checking the rows against the register again"))
    checked = validate(found.rows, session, office, today)
    if params.get("fingerprint") != checked.fingerprint():
        raise Changed(gettext("The register changed since this check; open the check again, look at the result "
                              "and confirm again."))
    report(1, 2, gettext("Registering the clients"))
    try:
        created = run.register(session, checked, office, params["mode"], today.year)
        session.commit()
    except SQLAlchemyError:
        session.rollback()
        raise Changed(gettext("The clients could not be saved because the register changed meanwhile; nothing "
                              "was imported. Check the file again.")) from None
    pending.drop(folder(), found.token)
    report(2, 2, gettext("Done"))
    return len(created), len(checked.having(EXISTING)), found.filename
