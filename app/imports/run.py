"""Registering the valid rows of a checked import, in the caller's transaction.

Nothing is committed here: the caller commits once, so the import is all or
nothing. Each new Client is audited by app.platform.audit like one typed in the form.
"""
from __future__ import annotations

from flask_babel import gettext as _

from app.clients.next_number import advance_counter
from app.errors import DomainError
from app.imports.validate import INVALID, NEW, Report
from models import Client, Office
from models.choices import ClientStatus

ALL, VALID_ONLY = "all", "valid_only"


def register(session, report: Report, office: Office, mode: str, this_year: int) -> list[Client]:
    """Create the ``new`` rows. ``mode`` ALL refuses while any row has a problem;
    VALID_ONLY is the user's explicit choice to leave the rows with problems out."""
    if mode not in (ALL, VALID_ONLY):
        raise DomainError(_("Choose how to import."))
    if mode == ALL and report.having(INVALID):
        raise DomainError(_("%(n)d rows have problems. Correct the file, or choose to import only the valid rows.",
                            n=len(report.having(INVALID))))
    rows = report.having(NEW)
    if not rows:
        raise DomainError(_("There is nothing to import: no row is both valid and new."))
    created = []
    for row in rows:
        values = {k: v for k, v in row.values.items() if v is not None}
        created.append(Client(office_id=office.id, status=ClientStatus.TERDAFTAR, **values))
    session.add_all(created)
    session.flush()
    advance_counter(session, office, [c.registration_number for c in created], this_year)
    return created
