"""The audit log as a CSV file for the Kepala Bapas and the Admin (what the screen
shows with the same filters). Identity values were never logged, so none leave here."""
from __future__ import annotations

import csv
import io

from flask_babel import gettext as _

from app.platform.dates import long_datetime

# A spreadsheet opened by an auditor must not be cut short by a careless filter.
MAX_ROWS = 100_000


def header() -> list[str]:
    return [_("Time"), _("User"), _("Office"), _("Action"), _("Record type"), _("Record"), _("Client"),
            _("Changes")]


def to_csv(rows, action_label, locale: str = "id", tzinfo=None) -> bytes:
    """UTF-8 with a byte-order mark so that a spreadsheet reads the Indonesian dates right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header())
    for row in rows:
        writer.writerow([long_datetime(row.at, locale, tzinfo), row.username, row.office_id or "",
                         action_label(row.action), row.table_name, row.record_id or "", row.client_id or "",
                         row.changes or ""])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
