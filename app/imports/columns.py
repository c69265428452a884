"""The columns of the client import file.

Headers are part of the file format, so they are fixed Indonesian words rather
than translated labels: a file filled in by an office must read the same
whichever language the screen is in. Lengths come from the model, coded values
from models.choices, so nothing here restates a rule.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _

from app.clients import rules as clients
from models import Client, SupervisionKind
from models.choices import EDUCATION, ORIGIN, RELIGION, SEX

TEXT, DATE, CODE, KIND, NUMBER, NIK = "text", "date", "code", "kind", "number", "nik"
# Text (long) columns have no length in the model; a register cell longer than this is a pasting slip.
LONG_TEXT = 2000


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    kind: str
    required: bool = False
    choices: dict = field(default_factory=dict)
    aliases: dict = field(default_factory=dict)  # other spellings people use -> code

    @property
    def max_length(self) -> int:
        column = Client.__table__.c.get(self.field)
        if self.kind == KIND:
            return SupervisionKind.__table__.c.code.type.length
        return getattr(column.type, "length", None) or LONG_TEXT


COLUMNS: tuple[Column, ...] = (
    Column("registration_number", "Nomor Register", TEXT, required=True),
    Column("full_name", "Nama Lengkap", TEXT, required=True),
    Column("alias", "Nama Alias", TEXT),
    Column("sex", "Jenis Kelamin", CODE, required=True, choices=SEX,
           aliases={"laki-laki": "L", "laki laki": "L", "perempuan": "P"}),
    Column("birth_place", "Tempat Lahir", TEXT),
    Column("birth_date", "Tanggal Lahir", DATE, required=True),
    Column("nik", "NIK", NIK),
    Column("religion", "Agama", CODE, choices=RELIGION),
    Column("education", "Pendidikan", CODE, choices=EDUCATION),
    Column("address", "Alamat", TEXT),
    Column("offence_date", "Tanggal Tindak Pidana", DATE, required=True),
    Column("offence_article", "Pasal", TEXT),
    Column("decision_number", "Nomor Putusan", TEXT),
    Column("decision_date", "Tanggal Putusan", DATE),
    Column("sentence", "Pidana", TEXT),
    Column("supervision_kind_id", "Jenis Bimbingan", KIND, required=True),
    Column("basis_document", "Nomor SK", TEXT),
    Column("origin", "Asal Klien", CODE, required=True, choices=ORIGIN),
    Column("supervision_start", "Mulai Bimbingan", DATE),
    Column("supervision_expiry", "Tanggal Ekspirasi", DATE),
    Column("reporting_interval_days", "Wajib Lapor (hari)", NUMBER),
)
BY_FIELD = {c.field: c for c in COLUMNS}

NUMBER_RANGE = {"reporting_interval_days": (clients.REPORTING_DAYS_MIN, clients.REPORTING_DAYS_MAX)}


def reporting_default() -> int:
    return Client.__table__.c.reporting_interval_days.default.arg


def how_to_fill(column: Column) -> str:
    """One line for the notes sheet and the upload page."""
    if column.kind == DATE:
        return str(_("A date: DD/MM/YYYY with a four-digit year, e.g. 14/03/2010."))
    if column.kind == NIK:
        return str(_("16 digits, typed as text (Excel keeps only 15 digits of a number)."))
    if column.kind == NUMBER:
        low, high = NUMBER_RANGE[column.field]
        return str(_("A whole number from %(low)d to %(high)d; empty means %(default)d.",
                     low=low, high=high, default=reporting_default()))
    if column.kind in (CODE, KIND):
        return str(_("One code from the list (sheet \"Daftar\")."))
    if column.field == "registration_number":
        return str(_("As written in the office's register; typed as text. A number already registered is "
                     "skipped, never changed."))
    return str(_("Text, at most %(n)d characters.", n=column.max_length))


def normalise_header(text: str) -> str:
    """Headers match whatever the case, spacing or a trailing "*" for required."""
    return re.sub(r"\s+", " ", text.replace("*", "").replace(":", "")).strip().casefold()
