"""A month's reports of a caseload as one background job (app.jobs): the rule of which months and
which clients is commands.monthly_batch; this module checks the request, runs it and packs the .zip."""
from __future__ import annotations

import io
import zipfile
from datetime import date

from flask import current_app
from flask_babel import gettext as _

from app import access
from app.documents import commands, issue
from app.errors import Invalid


def month_of(params: dict) -> date:
    try:
        return date.fromisoformat(f"{params.get('month', '')}-01")
    except ValueError:
        raise Invalid({"bulan": [_("Choose the month of the reports.")]}) from None


def check(params: dict) -> None:
    """Refused before anything is queued: a month that is not one, a replacement without its reason."""
    month_of(params)
    if params.get("replace"):
        commands.check_reason(params.get("reason"))


def summary(result: commands.BatchResult) -> str:
    return _("Issued: %(issued)d. Replaced: %(replaced)d. Skipped, a valid report already exists: "
             "%(skipped)d. Incomplete: %(refused)d.", issued=len(result.issued), replaced=len(result.replaced),
             skipped=len(result.skipped), refused=len(result.refused))


def packed(result: commands.BatchResult, upload_dir: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for document in result.documents:
            archive.write(issue.path_of(upload_dir, document),
                          f"{document.client.registration_number.replace('/', '-')}.docx")
        if result.refused:
            lines = [f"{c.registration_number}: {' '.join(map(str, messages))}" for c, messages in result.refused.items()]
            archive.writestr("belum-lengkap.txt", "\n".join(lines))
        if result.skipped:
            lines = [f"{c.registration_number}: {d.letter_number}" for c, d in result.skipped.items()]
            archive.writestr("sudah-terbit.txt", "\n".join(lines))
        archive.writestr("ringkasan.txt", summary(result))
    return buffer.getvalue()


def work(session, who: access.Principal, params: dict, report):
    from app.jobs.kinds import Outcome

    month = month_of(params)
    upload_dir = current_app.config["UPLOAD_DIR"]
    how = commands.Issuing(who.user_id, upload_dir, commands.verification_base(current_app.config.get("PUBLIC_URL")),
                           date.today())
    clients = access.supervised_active_clients(session, who)
    result = commands.monthly_batch(session, clients, month, how,
                                    params.get("reason") if params.get("replace") else None, report=report)
    session.commit()
    report(len(clients), len(clients), _("Packing the .zip"))
    return Outcome(summary(result), content=packed(result, upload_dir),
                   file_name=f"laporan-perkembangan-{month:%Y-%m}.zip", mimetype="application/zip",
                   client_ids={document.client_id for document in result.documents})
