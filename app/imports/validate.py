"""Checking every row of an import before anything is written.

Each row ends in one of three states:

* ``new``: valid, will be registered;
* ``existing``: its registration number is already in the office's register.
  It is skipped, never changed, so importing the same file twice creates
  nothing the second time; the report names the columns whose content differs
  from the register, for a person to look at;
* ``invalid``: one or more problems, each with its row, column and message.

The client rules are app.clients.rules.date_problems, the same as the form's; only the
uniqueness of the registration number is checked here, because an import treats
a known number as "already registered", not as an error.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from app.clients.rules import ClientFacts, date_problems
from app.imports import cells
from app.imports.columns import BY_FIELD, CODE, COLUMNS, DATE, KIND, NIK, NUMBER, NUMBER_RANGE, reporting_default
from app.imports.parse import RawRow
from models import Client, Office, SupervisionKind

NEW, EXISTING, INVALID = "new", "existing", "invalid"
_LOOKUP_CHUNK = 500


@dataclass
class Problem:
    row: int
    column: str | None  # the header as in the template
    message: str


@dataclass
class RowResult:
    number: int
    values: dict = field(default_factory=dict)  # field -> typed value (fields of the file only)
    problems: list[Problem] = field(default_factory=list)
    status: str = NEW
    differs: list[str] = field(default_factory=list)  # headers that differ from the register (existing rows)

    def add(self, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.number, BY_FIELD[field_name].header, message))
        self.status = INVALID

    @property
    def registration_number(self) -> str | None:
        return self.values.get("registration_number")


@dataclass
class Report:
    rows: list[RowResult]

    def having(self, status: str) -> list[RowResult]:
        return [r for r in self.rows if r.status == status]

    @property
    def problems(self) -> list[Problem]:
        order = {c.header: i for i, c in enumerate(COLUMNS)}
        found = [p for r in self.rows if r.status == INVALID for p in r.problems]
        return sorted(found, key=lambda p: (p.row, order.get(p.column, -1)))

    @property
    def summary(self) -> dict[str, int]:
        return {"rows": len(self.rows), NEW: len(self.having(NEW)), EXISTING: len(self.having(EXISTING)),
                INVALID: len(self.having(INVALID))}

    def fingerprint(self) -> str:
        """What the preview showed, so a confirmation runs exactly that plan."""
        plan = [[r.number, r.status, r.registration_number] for r in self.rows]
        return hashlib.sha256(json.dumps(plan).encode()).hexdigest()


def active_kinds(session) -> dict[str, int]:
    return dict(session.execute(select(SupervisionKind.code, SupervisionKind.id)
                                .where(SupervisionKind.active.is_(True)).order_by(SupervisionKind.code)).all())


def _convert(row: RawRow, kinds: dict[str, int], lengths: dict[str, int]) -> RowResult:
    result = RowResult(row.number)
    for column in COLUMNS:
        if column.field not in row.cells:
            continue
        raw = row.cells[column.field]
        try:
            if column.kind == DATE:
                value = cells.day(raw)
            elif column.kind == CODE:
                value = cells.code(raw, column.choices, column.aliases)
            elif column.kind == KIND:
                code = cells.code(raw, {k: k for k in kinds})
                value = kinds[code] if code is not None else None
            elif column.kind == NUMBER:
                value = cells.number(raw, *NUMBER_RANGE[column.field])
            elif column.kind == NIK:
                value = cells.nik(raw, lengths[column.field])
            else:
                value = cells.text(raw, lengths[column.field])
        except cells.CellProblem as problem:
            result.add(column.field, problem.message)
            continue
        result.values[column.field] = value
    for column in COLUMNS:
        if column.required and result.values.get(column.field) is None and not any(
                p.column == column.header for p in result.problems):
            result.add(column.field, _("Required; the cell is empty."))
    return result


def _client_rules(result: RowResult, office: Office, today: date) -> None:
    v = result.values
    facts = ClientFacts(office_id=office.id, registration_number=None, birth_date=v.get("birth_date"),
                        offence_date=v.get("offence_date"), nik=v.get("nik"),
                        supervision_start=v.get("supervision_start"), supervision_expiry=v.get("supervision_expiry"),
                        decision_date=v.get("decision_date"))
    for field_name, messages in date_problems(facts, today).items():
        for message in messages:
            result.add(field_name, message)


def _doubled_in_file(results: list[RowResult]) -> None:
    rows_of: dict[str, list[int]] = {}
    for result in results:
        if result.registration_number:
            rows_of.setdefault(result.registration_number, []).append(result.number)
    for result in results:
        rows = rows_of.get(result.registration_number or "", [])
        if len(rows) > 1:
            result.add("registration_number", _(
                "Registration number %(number)s appears more than once in the file (rows %(rows)s).",
                number=result.registration_number, rows=", ".join(str(n) for n in rows)))


def _same(file_value, stored) -> bool:
    if isinstance(file_value, str) or isinstance(stored, str):
        return (file_value or "").strip() == (stored or "").strip()
    return file_value == stored


def _already_registered(results: list[RowResult], session, office: Office) -> None:
    numbers = sorted({r.registration_number for r in results if r.registration_number})
    known: dict[str, Client] = {}
    for start in range(0, len(numbers), _LOOKUP_CHUNK):
        chunk = numbers[start:start + _LOOKUP_CHUNK]
        known.update((c.registration_number, c) for c in session.scalars(
            select(Client).where(Client.office_id == office.id, Client.registration_number.in_(chunk))))
    for result in results:
        client = known.get(result.registration_number or "")
        if client is None:
            continue
        result.status, result.problems = EXISTING, []
        for name, value in result.values.items():
            if name == "reporting_interval_days" and value is None:
                value = reporting_default()
            if not _same(value, getattr(client, name)):
                result.differs.append(BY_FIELD[name].header)


def validate(rows: list[RawRow], session, office: Office, today: date) -> Report:
    kinds = active_kinds(session)
    lengths = {c.field: c.max_length for c in COLUMNS}
    results = [_convert(row, kinds, lengths) for row in rows]
    for result in results:
        _client_rules(result, office, today)
    _doubled_in_file(results)
    _already_registered(results, session, office)
    return Report(results)


def kind_names(session) -> dict[str, str]:
    """Code -> name of the supervision kinds an import may use (for the template)."""
    return dict(session.execute(select(SupervisionKind.code, SupervisionKind.name)
                                .where(SupervisionKind.active.is_(True)).order_by(SupervisionKind.code)).all())
