"""The components of the service standard (PermenPANRB 15/2014) and their default text.

The default text is the published standard of Bimbingan Klien Anak (standar-pelayanan-bimbingan-klien-anak.txt,
copied from the seed with glued words split); each office starts from it and the Admin edits its own versions.
Pure: no Flask, no database.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _

SEED = Path(__file__).with_name("standar-pelayanan-bimbingan-klien-anak.txt")

# (key, the component's title as the seed document writes it, its English label for the public page)
COMPONENTS: tuple[tuple[str, str, object], ...] = (
    ("dasar_hukum", "Dasar Hukum", _("Legal basis")),
    ("persyaratan", "Persyaratan", _("Requirements")),
    ("prosedur", "Sistem, Mekanisme dan Prosedur", _("System, mechanism and procedure")),
    ("jangka_waktu", "Jangka Waktu Penyelesaian", _("Time to completion")),
    ("biaya", "Biaya/Tarif", _("Cost")),
    ("produk", "Produk Pelayanan", _("Service product")),
    ("sarana", "Sarana, Prasarana dan/atau Fasilitas", _("Facilities")),
    ("pengaduan", "Penanganan Pengaduan", _("Handling of complaints")),
    ("pelaksana", "Jumlah Pelaksana", _("Number of staff serving")),
    ("jaminan_pelayanan", "Jaminan Pelayanan", _("Service guarantee")),
    ("jaminan_keamanan", "Jaminan Keamanan", _("Security guarantee")),
    ("maklumat", "Maklumat Pelayanan", _("Service pledge")),
)
KEYS = tuple(key for key, _title, _label in COMPONENTS)
TITLES = {key: title for key, title, _label in COMPONENTS}
LABELS = {key: label for key, _title, label in COMPONENTS}

# The pledge is not in the seed document: the wording PermenPANRB 15/2014 gives for a Maklumat Pelayanan.
MAKLUMAT = ("Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah "
            "ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan "
            "perundang-undangan yang berlaku.")


def _clean(line: str) -> str:
    return re.sub(r"\s+", " ", line.replace("\u00a0", " ")).strip()


@cache
def defaults() -> dict[str, str]:
    """{component key: its text} from the seed document, where each component's title opens a line."""
    found: dict[str, list[str]] = {}
    current = None
    by_title = sorted(((title, key) for key, title in TITLES.items()), key=lambda t: -len(t[0]))
    for raw in SEED.read_text(encoding="utf-8").splitlines():
        line = _clean(raw)
        for title, key in by_title:
            if line.startswith(title) and key not in found:
                current, line = key, line[len(title):].strip()
                found[key] = []
                break
        if current is not None:
            found[current].append(line)
    texts = {key: "\n".join(lines).strip() for key, lines in found.items()}
    texts["maklumat"] = MAKLUMAT
    return texts


@dataclass(frozen=True)
class Block:
    """One piece of a component's text as the page shows it."""

    kind: str  # "heading", "bullets", "steps" or "paragraph"
    items: tuple[str, ...]


_BULLET = re.compile(r"^[–\-•]\s*")
_STEP = re.compile(r"^\d+\.\s*")


def blocks(text: str) -> list[Block]:
    """A component's plain text as headings, lists and paragraphs: a line in capitals is a heading, lines opening
    with a dash a bullet list, lines opening with "1." a numbered list; anything else a paragraph."""
    out: list[Block] = []

    def add(kind: str, item: str) -> None:
        if out and out[-1].kind == kind and kind in ("bullets", "steps"):
            out[-1] = Block(kind, out[-1].items + (item,))
        else:
            out.append(Block(kind, (item,)))

    for raw in (text or "").splitlines():
        line = _clean(raw)
        if not line:
            continue
        if _BULLET.match(line):
            add("bullets", _BULLET.sub("", line).rstrip(";").strip())
        elif _STEP.match(line):
            add("steps", _STEP.sub("", line))
        elif line.isupper() and len(line) > 3:
            add("heading", line.capitalize())
        else:
            add("paragraph", line)
    return out
