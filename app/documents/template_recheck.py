"""Every uploaded template in use is checked again at start-up, by the rule of today:
a version stored before the rule knew better (or put in the store by hand) is taken
out of use, with the reason on the template list and in the audit trail, and its
document type falls back to the previous version or the shipped file."""
from __future__ import annotations

import logging
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import select

from app.documents import templates
from models import DocumentTemplate

log = logging.getLogger(__name__)


def recheck_stored(session, upload_dir: str) -> list[DocumentTemplate]:
    """Deactivate each active version that fails the upload check; the caller commits.

    The rows are locked while they are checked, so two workers starting together
    take a version out of use (and write its audit row) once."""
    refused = []
    active = session.scalars(select(DocumentTemplate).where(DocumentTemplate.active.is_(True))
                             .order_by(DocumentTemplate.id).with_for_update()).all()
    for version in active:
        path = Path(upload_dir) / "templates" / Path(version.stored_name).name
        if not path.is_file():
            # A missing file is a storage problem, not a verdict on the template: leave it.
            log.warning("template version %s: file %s not found; not re-checked", version.id, path)
            continue
        found = templates.problems(version.doc_type, path.read_bytes())
        if found:
            # A plain column change: app.platform.audit writes the update row (active, refused_reason).
            version.active = False
            version.refused_reason = _("Taken out of use by the check at start-up: %(reason)s",
                                       reason=" ".join(found))[:1000]
            refused.append(version)
    session.flush()
    return refused
