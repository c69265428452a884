"""Named preconditions of the transitions.

Some gates are met by records this area keeps (handover, dates, PK); others by a
decision or document of another area, recorded as a GateRecord: the TPP's
approval of a stage's programme, the final-stage reassessment, the TPP's final
evaluation and the termination documents. Each gate has a code, the question it
asks and the message shown when it is not met.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from flask_babel import lazy_gettext as _
from sqlalchemy import exists, select

from models import Client, GateRecord, Handover

TPP_PROGRAMME = {"awal": "tpp_programme_awal", "lanjutan": "tpp_programme_lanjutan", "akhir": "tpp_programme_akhir"}
REASSESSMENT_FINAL = "reassessment_final"
TPP_FINAL_EVALUATION = "tpp_final_evaluation"
TERMINATION_DOCUMENTS = "termination_documents"

RECORDED_GATES = {
    TPP_PROGRAMME["awal"]: _("The TPP has approved the initial-stage programme."),
    TPP_PROGRAMME["lanjutan"]: _("The TPP has approved the continuing-stage programme."),
    TPP_PROGRAMME["akhir"]: _("The TPP has approved the final-stage programme."),
    REASSESSMENT_FINAL: _("The client has been reassessed for the final stage."),
    TPP_FINAL_EVALUATION: _("The TPP has evaluated the final stage."),
    TERMINATION_DOCUMENTS: _("The termination documents have been prepared."),
}
MISSING = {
    TPP_PROGRAMME["awal"]: _("No TPP approval of the initial-stage programme is recorded."),
    TPP_PROGRAMME["lanjutan"]: _("No TPP approval of the continuing-stage programme is recorded."),
    TPP_PROGRAMME["akhir"]: _("No TPP approval of the final-stage programme is recorded."),
    REASSESSMENT_FINAL: _("The final-stage reassessment has not been done."),
    TPP_FINAL_EVALUATION: _("The TPP has not evaluated the final stage."),
    TERMINATION_DOCUMENTS: _("The termination documents have not been prepared."),
}


@dataclass(frozen=True)
class Gate:
    code: str
    holds: Callable[[object, Client], bool]
    missing: object  # a lazy translated message


def recorded(code: str) -> Gate:
    def holds(session, client: Client) -> bool:
        return bool(session.execute(select(exists().where(
            GateRecord.client_id == client.id, GateRecord.gate == code))).scalar())

    return Gate(code, holds, MISSING[code])


def _has_handover(session, client: Client) -> bool:
    return bool(session.execute(select(exists().where(Handover.client_id == client.id))).scalar())


HANDOVER = Gate("handover", _has_handover,
                _("No handover record (Berita Acara Serah Terima) has been made."))
DATES = Gate("dates", lambda session, c: bool(c.supervision_start and c.supervision_expiry),
             _("The start and expiry dates of the supervision are not filled in."))
PK_ASSIGNED = Gate("pk", lambda session, c: c.current_pk_id is not None, _("No PK is assigned to the client."))


def unmet(session, client: Client, gates: list[Gate]) -> list[str]:
    """The messages of the gates that do not hold, in order."""
    return [str(g.missing) for g in gates if not g.holds(session, client)]
