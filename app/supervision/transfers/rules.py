"""The transfer's state machine, without Flask or a database.

diajukan (proposed by the PK or the sending Kepala) → disetujui (the sending Kepala approves) →
diterima (the receiving Kepala accepts, choosing the new PK) or ditolak (refused, with a reason).
Before acceptance the sending office may withdraw it (dibatalkan). diterima, ditolak and dibatalkan are
final."""
from __future__ import annotations

from flask_babel import lazy_gettext as _

from models.choices import Coded


class TransferStatus(Coded):
    DIAJUKAN = "diajukan", _("Proposed")
    DISETUJUI = "disetujui", _("Approved by the sending office")
    DITERIMA = "diterima", _("Accepted")
    DITOLAK = "ditolak", _("Refused by the receiving office")
    DIBATALKAN = "dibatalkan", _("Withdrawn")


OPEN = (TransferStatus.DIAJUKAN, TransferStatus.DISETUJUI)
FINAL = (TransferStatus.DITERIMA, TransferStatus.DITOLAK, TransferStatus.DIBATALKAN)
STATUS = TransferStatus.labels()

# step -> the states it starts from, and the state it leads to
STEPS = {
    "setujui": ((TransferStatus.DIAJUKAN,), TransferStatus.DISETUJUI),
    "terima": ((TransferStatus.DISETUJUI,), TransferStatus.DITERIMA),
    "tolak": ((TransferStatus.DISETUJUI,), TransferStatus.DITOLAK),
    "batalkan": (OPEN, TransferStatus.DIBATALKAN),
}

MAX_TEXT = 2000


def allowed(step: str, status: str) -> bool:
    return status in STEPS[step][0]


def target(step: str) -> TransferStatus:
    return STEPS[step][1]
