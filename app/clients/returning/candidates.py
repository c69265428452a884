"""The possible earlier registrations of a new one, in every office (the score: app.clients.returning.matching).

The pool is the access layer's (``access.match_pool_clause``). Only the columns the score needs are read,
never a record (so nothing of another office's file is loaded), and a candidate carries only what the
registrar needs to decide: the office, its register number, the birth year, the initials of the name, the
years of the period and the status. Every candidate a screen shows is noted as read (app.platform.read_audit).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select

from app import access
from app.clients.returning.matching import Match, Person, initials, score
from app.platform import read_audit
from models import Client, ClientLink, Guardian, Office

PARENT_RELATIONS = ("ayah", "ibu", "wali")
MOST_SCORED = 500  # rows of one birth date or NIK scored at most (a national register stays bounded)
SHOWN = 10
READ_KIND = "client_match"  # the kind of record a match list's audit row names


@dataclass(frozen=True)
class Candidate:
    client_id: int
    office_name: str
    registration_number: str
    birth_year: int
    initials: str
    start: date | None  # the period (a match list shows its years)
    expiry: date | None
    status: str
    match: Match
    linked: bool  # already linked to the new registration


def _parents(session, client_ids) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for client_id, name in session.execute(select(Guardian.client_id, Guardian.name).where(
            Guardian.client_id.in_(list(client_ids)), Guardian.relation.in_(PARENT_RELATIONS))):
        found.setdefault(client_id, []).append(name)
    return {k: tuple(v) for k, v in found.items()}


def person_of(session, client: Client) -> Person:
    return Person(client.full_name, client.birth_date, client.nik, client.sex,
                  _parents(session, [client.id]).get(client.id, ()))


def _near_dates(day: date | None) -> list[date]:
    """The birth dates a mistyped one may stand for: itself, day and month swapped, a year either side."""
    if day is None:
        return []
    near = {day}
    for make in (lambda: day.replace(day=day.month, month=day.day), lambda: day.replace(year=day.year - 1),
                 lambda: day.replace(year=day.year + 1)):
        try:
            near.add(make())
        except ValueError:
            pass
    return sorted(near)


def find(session, client: Client) -> list[Candidate]:
    """Every possible earlier registration of ``client``, best first (those already linked included)."""
    new = person_of(session, client)
    wanted = [Client.birth_date.in_(_near_dates(client.birth_date))]
    if client.nik:
        wanted.append(Client.nik == client.nik)
    rows = session.execute(
        select(Client.id, Client.full_name, Client.birth_date, Client.nik, Client.sex, Client.registration_number,
               Client.supervision_start, Client.supervision_expiry, Client.status, Office.name.label("office"))
        .join(Office, Office.id == Client.office_id)
        .where(access.match_pool_clause(client.id), or_(*wanted))
        .order_by(Client.id).limit(MOST_SCORED)).all()
    parents = _parents(session, [r.id for r in rows])
    linked = set(session.scalars(select(ClientLink.earlier_client_id).where(ClientLink.client_id == client.id)))
    out = []
    for row in rows:
        found = score(new, Person(row.full_name, row.birth_date, row.nik, row.sex, parents.get(row.id, ())))
        if not found.is_candidate:
            continue
        out.append(Candidate(row.id, row.office, row.registration_number, row.birth_date.year,
                             initials(row.full_name), row.supervision_start, row.supervision_expiry, row.status,
                             found, row.id in linked))
    return sorted(out, key=lambda c: (-c.match.score, c.client_id))


def match_list(session, client: Client) -> list[Candidate]:
    """What the registrar's screen shows (the best ``SHOWN``), each noted as read."""
    shown = find(session, client)[:SHOWN]
    read_audit.saw_all((c.client_id for c in shown), READ_KIND)
    return shown


def has_unlinked(session, client: Client) -> bool:
    """Whether registration should offer the match list at all."""
    return any(not c.linked for c in find(session, client))


def years(c: Candidate) -> tuple[int | None, int | None]:
    """The years of a candidate's period: all a match list shows of it."""
    return (c.start.year if c.start else None, c.expiry.year if c.expiry else None)
