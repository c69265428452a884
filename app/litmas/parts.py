"""The parts of a litmas the PK writes, grouped under the letter's headings (pure, no database).

documents.md, "Litmas (bimbingan tahap akhir): the full structure". A part marked optional may stay
empty and the letter says so truthfully (the victim's response is given "where known")."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _


@dataclass(frozen=True)
class Part:
    code: str
    label: object
    heading: object
    required: bool = True
    rows: int = 4


_I = _("I. Introduction")
_II = _("II. Identity")
_III = _("III. Life history of the client")
_IV = _("IV. The case and its background")
_VII = _("VII. Responses")
_VIII = _("VIII. Analysis")
_IX = _("IX. Conclusion and recommendation")

PARTS: tuple[Part, ...] = (
    Part("basis", _("Basis (the letter or decision asking for the litmas)"), _I, rows=3),
    Part("purpose", _("Purpose and aim"), _I, rows=3),
    Part("method", _("Method and sources of data (who was met, when)"), _I),
    Part("ethnicity", _("Ethnicity / nationality of the client"), _II, rows=1),
    Part("occupation", _("Occupation of the client"), _II, rows=1),
    Part("guarantee", _("Form of the guarantee given by the guarantor"), _II, rows=2),
    Part("childhood", _("Childhood and upbringing"), _III),
    Part("schooling", _("Education"), _III),
    Part("health", _("Health"), _III, rows=3),
    Part("behaviour", _("Behaviour and personality"), _III),
    Part("relations", _("Relations with family, friends and community"), _III),
    Part("interests", _("Interests and talents"), _III, rows=3),
    Part("chronology", _("Chronology of the offence in brief (date, place)"), _IV),
    Part("motive", _("Motive and circumstances"), _IV),
    Part("victim", _("The victim and the relationship with the victim now"), _IV),
    Part("response_client", _("Response of the client"), _VII, rows=3),
    Part("response_family", _("Response of the family"), _VII, rows=3),
    Part("response_community", _("Response of the community or local government (RT/RW, kelurahan)"), _VII, rows=3),
    Part("response_victim", _("Response of the victim (where known)"), _VII, required=False, rows=3),
    Part("analysis", _("Analysis of the progress and of the risk that remains"), _VIII, rows=6),
    Part("conclusion", _("Conclusion"), _IX),
    Part("recommendation", _("Recommendation"), _IX),
)
CODES = tuple(part.code for part in PARTS)
MAX_LENGTH = 20_000


def text_of(value) -> str:
    return (value or "").replace("\r\n", "\n").strip()


def empty_parts(values) -> list[Part]:
    """The required parts still empty in ``values`` (a narrative record or a mapping)."""
    get = values.get if isinstance(values, dict) else (lambda code: getattr(values, code, None))
    return [part for part in PARTS if part.required and not text_of(get(part.code))]


def grouped() -> list[tuple[object, list[Part]]]:
    """The parts under their headings, in the letter's order."""
    groups: list[tuple[object, list[Part]]] = []
    for part in PARTS:
        if not groups or groups[-1][0] is not part.heading:
            groups.append((part.heading, []))
        groups[-1][1].append(part)
    return groups
