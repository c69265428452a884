"""Which records are pending for SDP: read through the access layer, mapped,
fingerprinted and compared with the last mark of each record.

A record is pending when it has no mark yet ("baru") or when the fingerprint of
its mapped values differs from its last mark's ("ubah"). Only mapped values are
hashed, so a change SDP does not see (a note, an address) does not make a
record pending again.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import and_, func, select
from sqlalchemy.orm import selectinload

from app import access
from app.sdp.mapping import ACTIVITY, APEL, ASSESSMENT, CLIENT, KINDS, STAGE_CHANGE, TPP, Kind
from models import ApelLog, Assessment, BookEntry, Client, ProgressEntry, SdpMark, Staff, Termination, TppItem


@dataclass(frozen=True)
class Pending:
    kind: str
    entity_id: int
    client_id: int
    values: dict
    fingerprint: str
    action: str  # baru / ubah
    next_seq: int
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


@dataclass(frozen=True)
class Source:
    """How to read one kind: its model, the scoped statement for given columns,
    the loader options of a full (ORM) read, and the roots the mapping's dotted
    sources start from. A ``plain`` kind is read as table columns instead."""

    model: type
    scoped: Callable  # (who, *columns) -> Select
    options: tuple
    roots: Callable  # (ORM row or Plain entity, clients by id) -> dict
    plain: bool = False

    def rows(self, who):
        if self.plain:
            return self.scoped(who, *self.model.__table__.columns)
        return self.scoped(who, self.model).options(*self.options)

    def ids(self, who):
        return self.scoped(who, self.model.id)


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
                        lambda row, clients: {"client": row[0], "termination": row[1]}),
    ACTIVITY.code: Source(ProgressEntry, _linked(ProgressEntry, ProgressEntry.superseded.is_(False)), (),
                          lambda e, clients: {"entry": e, "client": clients[e.client_id]}, plain=True),
    APEL.code: Source(ApelLog, _linked(ApelLog), (),
                      lambda e, clients: {"apel": e, "client": clients[e.client_id]}, plain=True),
    STAGE_CHANGE.code: Source(BookEntry, _linked(BookEntry, BookEntry.kind == "pelaksanaan"), (),
                              lambda e, clients: {"entry": e, "client": clients[e.client_id]}, plain=True),
    TPP.code: Source(TppItem, _linked(TppItem, TppItem.decision.is_not(None)), (selectinload(TppItem.session),),
                     lambda row, clients: {"item": row[0], "session": row[0].session,
                                           "client": clients[row[0].client_id]}),
    ASSESSMENT.code: Source(Assessment, _linked(Assessment, Assessment.status.in_(("final", "replaced"))), (),
                            lambda e, clients: {"assessment": e, "client": clients[e.client_id]}, plain=True),
}
assert set(SOURCES) == {k.code for k in KINDS}, "every mapped kind needs a source"


def fingerprint(kind: str, values: dict) -> str:
    canonical = json.dumps([kind, values], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _last_marks(session, kind: str, ids_query) -> dict[int, tuple[int, str]]:
    """entity id -> (seq, fingerprint) of its latest mark, for the scoped ids."""
    latest = (select(SdpMark.entity_id, func.max(SdpMark.seq).label("seq"))
              .where(SdpMark.kind == kind, SdpMark.entity_id.in_(ids_query))
              .group_by(SdpMark.entity_id).subquery())
    rows = session.execute(
        select(SdpMark.entity_id, SdpMark.seq, SdpMark.fingerprint)
        .join(latest, and_(SdpMark.entity_id == latest.c.entity_id, SdpMark.seq == latest.c.seq))
        .where(SdpMark.kind == kind))
    return {entity_id: (seq, fp) for entity_id, seq, fp in rows}


def pending_of(session, who, kind: Kind, clients: dict[int, Client], staff: dict[int, Staff]) -> list[Pending]:
    """``clients``: the scoped clients by id (read once, rather than joined into every row)."""
    source = SOURCES[kind.code]
    marks = _last_marks(session, kind.code, source.ids(who))
    out = []
    for row in session.execute(source.rows(who).order_by(source.model.id)):
        if source.plain:
            entity = Plain(row, staff)
            roots = source.roots(entity, clients)
        else:
            entity = row[0]
            roots = source.roots(row, clients)
        values = kind.values(roots)
        fp = fingerprint(kind.code, values)
        seq, last_fp = marks.get(entity.id, (0, None))
        if fp == last_fp:
            continue
        client = roots["client"]
        out.append(Pending(kind.code, entity.id, client.id, values, fp, "ubah" if seq else "baru", seq + 1,
                           client.registration_number, client.full_name, tuple(kind.missing(values))))
    return out


def pending(session, who) -> dict[str, list[Pending]]:
    """Every pending record in the user's scope, by kind (in mapping order)."""
    clients = {client.id: client for client in session.scalars(SOURCES[CLIENT.code].rows(who))}
    staff = {person.id: person for person in session.scalars(select(Staff))}  # a few hundred at most
    return {kind.code: pending_of(session, who, kind, clients, staff) for kind in KINDS}
