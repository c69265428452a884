"""Which records are pending for SDP: found in SQL by a change marker, then
mapped, fingerprinted and compared with the last mark of each record.

A record is pending when it has no mark yet ("baru") or when the fingerprint of
its mapped values differs from its last mark's ("ubah"). Only mapped values are
hashed, so a change SDP does not see (a note, an address) does not make a
record pending again.

Hashing every record in scope each time costs a Kepala Bapas tens of seconds,
so each mark also keeps a marker: the versions of the record and of every row
its mapped values are read from (staff names and the few columns of rows that
have no version are carried as they are). The database returns only the
records whose current marker differs from their last mark's, and only those are
read in full and hashed. A marker names one state, since versions only go up,
so an equal marker means an equal fingerprint; a marker that moved on with an
equal fingerprint (an unmapped edit, A→B→A) is not pending and is brought
forward in place by the next export (``Plan.refresh``).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import String, and_, cast, func, select
from sqlalchemy.orm import aliased, selectinload

from app import access
from app.sdp.mapping import (
    ACTIVITY,
    APEL,
    ASSESSMENT,
    CLIENT,
    KINDS,
    STAGE_CHANGE,
    TPP,
    TRANSFER_IN,
    TRANSFER_OUT,
    Kind,
)
from models import (
    ApelLog,
    Assessment,
    BookEntry,
    Client,
    Office,
    ProgressEntry,
    SdpMark,
    Staff,
    SupervisionKind,
    Termination,
    TppItem,
    TppSession,
    Transfer,
)

CLIENT_CHUNK = 500  # clients of the candidates read per statement (bound parameters stay well under limits)


@dataclass(frozen=True)
class Pending:
    kind: str
    entity_id: int
    client_id: int
    values: dict
    fingerprint: str
    action: str  # baru / ubah
    next_seq: int
    marker: str  # the state the values were read in; written into the mark
    # For the screen only (never part of the fingerprint):
    registration_number: str
    client_name: str
    missing: tuple[str, ...]


class Plain:
    """A row of the bulk kinds (apel, progress book, books, assessments) read as
    plain columns, which costs a fraction of building an ORM object; a staff
    relation the mapping names is looked up by its id."""

    __slots__ = ("_row", "_staff")
    STAFF = {"recorded_by": "recorded_by_id", "written_by": "written_by_id", "assessor": "assessor_id"}

    def __init__(self, row, staff: dict[int, Staff]):
        self._row, self._staff = row, staff

    def __getattr__(self, name):
        if name in Plain.STAFF:
            return self._staff.get(getattr(self._row, Plain.STAFF[name]))
        return getattr(self._row, name)


def _part(column):
    """One column of a marker, length-prefixed so that no two states read alike
    ("-" for no value, unlike an empty text)."""
    text = cast(column, String)
    return func.coalesce(cast(func.length(text), String), "-") + ":" + func.coalesce(text, "")


def _marker(*columns):
    expression = _part(columns[0])
    for column in columns[1:]:
        expression = expression + "|" + _part(column)
    return expression


def _named() -> tuple:
    """A staff member to join, and the columns of their name (get_full_name), which
    a marker carries as they are (staff rows have no version)."""
    person = aliased(Staff)
    return person, (person.first_name, person.last_name)


def _client_marker(stmt):
    pk, name = _named()
    kind, ended = aliased(SupervisionKind), aliased(Termination)
    stmt = (stmt.outerjoin(pk, pk.id == Client.current_pk_id)
            .outerjoin(kind, kind.id == Client.supervision_kind_id)
            .outerjoin(ended, ended.client_id == Client.id))
    # A termination has no version: the three columns SDP reads are carried as they are.
    return stmt, _marker(Client.version, kind.version, *name, pk.nip, ended.reason, ended.end_date,
                         ended.decision_number)


def _by_staff(model, staff_column):
    def marker(stmt):
        person, name = _named()
        return stmt.outerjoin(person, person.id == staff_column), _marker(model.version, Client.version, *name)
    return marker


def _book_marker(stmt):
    # Book lines have no version: a line is written once and only ever struck out, and its
    # mapped columns are few and short, so they are carried as they are.
    return stmt, _marker(Client.version, BookEntry.event, BookEntry.entry_date, BookEntry.reason,
                         BookEntry.superseded_at, BookEntry.superseded_reason)


def _tpp_marker(stmt):
    held = aliased(TppSession)
    return (stmt.join(held, held.id == TppItem.session_id),
            _marker(TppItem.version, held.version, Client.version))


def _transfer_marker(other_office):
    def marker(stmt):
        office = aliased(Office)
        return stmt.join(office, office.id == other_office), _marker(Transfer.version, office.code)
    return marker


def _transfers(clause):
    def scoped(who, *columns):
        return select(*columns).where(clause(who))
    return scoped


class TransferSide:
    """What the SDP screen names a transfer by: the register number of the reader's side (the sending
    office no longer sees who the client is)."""

    def __init__(self, transfer, number: str | None):
        self.id, self.registration_number, self.full_name = transfer.client_id, number or "", ""


@dataclass(frozen=True)
class Source:
    """How to read one kind: its model, the scoped statement for given columns,
    the loader options of a full (ORM) read, the roots the mapping's dotted
    sources start from, and its marker (a statement's extra joins and the
    marker's expression). A ``plain`` kind is read as table columns instead."""

    model: type
    scoped: Callable  # (who, *columns) -> Select
    options: tuple
    roots: Callable  # (ORM row or Plain entity, clients by id) -> dict
    marker: Callable  # Select -> (Select, marker expression)
    # What the marker covers, checked against the mapping (uncovered()): the roots whose own
    # columns it follows by their version, and the other sources it carries or follows.
    versioned: tuple[str, ...] = ()
    carried: tuple[str, ...] = ()
    plain: bool = False

    def rows(self, who):
        if self.plain:
            return self.scoped(who, *self.model.__table__.columns)
        return self.scoped(who, self.model).options(*self.options)

    def candidates(self, who, code: str):
        """The scoped rows whose marker differs from their last mark's (or that have
        none), with the current marker and the last mark's id, seq and fingerprint."""
        last, later = aliased(SdpMark), aliased(SdpMark)
        newer = select(later.id).where(later.kind == last.kind, later.entity_id == last.entity_id,
                                       later.seq > last.seq).exists()
        stmt, marker = self.marker(self.rows(who))
        return (stmt.outerjoin(last, and_(last.kind == code, last.entity_id == self.model.id, ~newer))
                .where(last.marker.is_distinct_from(marker))
                .add_columns(marker.label("sdp_marker"), last.id.label("sdp_mark_id"), last.seq.label("sdp_seq"),
                             last.fingerprint.label("sdp_fingerprint"))
                .order_by(self.model.id))


def _clients(who, *columns):
    if columns[0] is Client:  # a full read carries the termination (end reason) along
        columns = (Client, Termination)
        return select(*columns).outerjoin(Termination, Termination.client_id == Client.id).where(
            access.sdp_clause(who))
    return select(*columns).where(access.sdp_clause(who))


def _linked(model, *where):
    def scoped(who, *columns):
        return select(*columns).join(Client, Client.id == model.client_id).where(access.sdp_clause(who), *where)
    return scoped


SOURCES: dict[str, Source] = {
    CLIENT.code: Source(Client, _clients,
                        (selectinload(Client.current_pk), selectinload(Client.supervision_kind)),
                        lambda row, clients: {"client": row[0], "termination": row[1]}, _client_marker,
                        ("client",), ("client.supervision_kind.code", "client.current_pk.get_full_name()",
                                      "client.current_pk.nip", "termination.reason", "termination.end_date",
                                      "termination.decision_number")),
    ACTIVITY.code: Source(ProgressEntry, _linked(ProgressEntry, ProgressEntry.superseded.is_(False)), (),
                          lambda e, clients: {"entry": e, "client": clients[e.client_id]},
                          _by_staff(ProgressEntry, ProgressEntry.written_by_id), ("entry", "client"),
                          ("entry.written_by.get_full_name()",), plain=True),
    APEL.code: Source(ApelLog, _linked(ApelLog), (),
                      lambda e, clients: {"apel": e, "client": clients[e.client_id]},
                      _by_staff(ApelLog, ApelLog.recorded_by_id), ("apel", "client"),
                      ("apel.recorded_by.get_full_name()",), plain=True),
    STAGE_CHANGE.code: Source(BookEntry, _linked(BookEntry, BookEntry.kind == "pelaksanaan"), (),
                              lambda e, clients: {"entry": e, "client": clients[e.client_id]}, _book_marker,
                              ("client",), ("entry.event", "entry.entry_date", "entry.reason", "entry.superseded_at",
                                            "entry.superseded_reason"), plain=True),
    TPP.code: Source(TppItem, _linked(TppItem, TppItem.decision.is_not(None)), (selectinload(TppItem.session),),
                     lambda row, clients: {"item": row[0], "session": row[0].session,
                                           "client": clients[row[0].client_id]}, _tpp_marker,
                     ("item", "session", "client")),
    ASSESSMENT.code: Source(Assessment, _linked(Assessment, Assessment.status.in_(("final", "replaced"))), (),
                            lambda e, clients: {"assessment": e, "client": clients[e.client_id]},
                            _by_staff(Assessment, Assessment.assessor_id), ("assessment", "client"),
                            ("assessment.assessor.get_full_name()",), plain=True),
    TRANSFER_OUT.code: Source(Transfer, _transfers(access.sdp_transfers_out_clause), (),
                              lambda row, clients: {"transfer": row[0], "client": TransferSide(
                                  row[0], row[0].from_registration_number)},
                              _transfer_marker(Transfer.to_office_id), ("transfer",), ("transfer.to_office.code",)),
    TRANSFER_IN.code: Source(Transfer, _transfers(access.sdp_transfers_in_clause), (),
                             lambda row, clients: {"transfer": row[0], "client": TransferSide(
                                 row[0], row[0].to_registration_number)},
                             _transfer_marker(Transfer.from_office_id), ("transfer",), ("transfer.from_office.code",)),
}
assert set(SOURCES) == {k.code for k in KINDS}, "every mapped kind needs a source"


def uncovered(kind: Kind, source: Source) -> list[str]:
    """Mapped sources the kind's marker does not cover: a value read there could change
    with the marker unchanged, and that change would never go out."""
    def covered(path: str) -> bool:
        root, *rest = path.split(".")
        return path in source.carried or (root in source.versioned and len(rest) == 1
                                           and not rest[0].endswith("()"))
    return [f.source for f in kind.fields if not covered(f.source)]


for _kind in KINDS:
    _gaps = uncovered(_kind, SOURCES[_kind.code])
    assert not _gaps, f"the marker of {_kind.code} does not cover {_gaps}: extend it"


class Plan(dict):
    """Pending records by kind (in mapping order), plus the last marks whose
    marker moved on without a change SDP sees: (mark id, current marker), for the
    next export to bring forward. ``hashed`` counts the records read and hashed."""

    def __init__(self):
        super().__init__()
        self.refresh: list[tuple[int, str]] = []
        self.hashed = 0


def fingerprint(kind: str, values: dict) -> str:
    canonical = json.dumps([kind, values], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _client_id(source: Source, row) -> int:
    if source.plain:
        return row.client_id
    return row[0].id if source.model is Client else row[0].client_id


def _compare(plan: Plan, kind: Kind, rows, clients: dict[int, Client], staff: dict[int, Staff]) -> list[Pending]:
    source = SOURCES[kind.code]
    out = []
    for row in rows:
        if source.plain:
            entity = Plain(row, staff)
            roots = source.roots(entity, clients)
        else:
            entity = row[0]
            roots = source.roots(row, clients)
        values = kind.values(roots)
        fp = fingerprint(kind.code, values)
        plan.hashed += 1
        if fp == row.sdp_fingerprint:
            plan.refresh.append((row.sdp_mark_id, row.sdp_marker))
            continue
        seq = row.sdp_seq or 0
        client = roots["client"]
        out.append(Pending(kind.code, entity.id, client.id, values, fp, "ubah" if seq else "baru", seq + 1,
                           row.sdp_marker, client.registration_number, client.full_name,
                           tuple(kind.missing(values))))
    return out


def pending(session, who) -> Plan:
    """Every pending record in the user's scope, by kind (in mapping order)."""
    found = {kind.code: session.execute(SOURCES[kind.code].candidates(who, kind.code)).all() for kind in KINDS}
    clients = {row[0].id: row[0] for row in found[CLIENT.code]}
    wanted = sorted({_client_id(SOURCES[code], row) for code, rows in found.items() for row in rows} - set(clients))
    full = SOURCES[CLIENT.code]
    for start in range(0, len(wanted), CLIENT_CHUNK):
        chunk = wanted[start:start + CLIENT_CHUNK]
        clients.update((c.id, c) for c in session.scalars(full.rows(who).where(Client.id.in_(chunk))))
    staff = {}
    if any(found[code] for code, source in SOURCES.items() if source.plain):
        staff = {person.id: person for person in session.scalars(select(Staff))}  # a few hundred at most
    plan = Plan()
    for kind in KINDS:
        plan[kind.code] = _compare(plan, kind, found[kind.code], clients, staff)
    plan.refresh.sort()
    return plan
