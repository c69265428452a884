"""The read side of returning clients: the earlier supervisions' summary in a file, the later ones an
earlier file's office sees (with its grants), and the earlier file's contents for a granted reader.

The summary is read as columns (no record of another office's file is loaded) and noted as read per child
(app.platform.read_audit); the contents are read only after the access layer let the file through
(``access.get_granted_file``), each kind of record noted as read."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from app import access
from app.platform import read_audit
from models import (
    Assessment,
    Classification,
    Client,
    ClientLink,
    EarlierFileGrant,
    Guardian,
    Office,
    Programme,
    ProgressEntry,
    Termination,
    TppItem,
)

MOST_LINKS = 20  # how far a chain of registrations is followed
SUMMARY_KIND = "client_link"  # the kind of record a summary's audit row names


def earlier_chain(session, client_id: int) -> list[int]:
    """Every earlier registration of the child, nearest first, following links of links (no repeats)."""
    seen: list[int] = []
    frontier = [client_id]
    while frontier and len(seen) < MOST_LINKS:
        found = list(session.scalars(select(ClientLink.earlier_client_id).where(ClientLink.client_id.in_(frontier))
                                     .order_by(ClientLink.id)))
        frontier = [i for i in dict.fromkeys(found) if i not in seen and i != client_id]
        seen.extend(frontier)
    return seen[:MOST_LINKS]


@dataclass
class Summary:
    """What the new file shows of one earlier supervision, without a grant."""

    client_id: int
    office_name: str
    registration_number: str
    start: date | None
    expiry: date | None
    status: str
    end_reason: str | None
    end_date: date | None
    classification: str | None  # None for a reader who may not see the sensitive sections (the registrar, TPP)
    opens: str | None  # "file": the user's own access opens it; "granted": through a grant; None: closed


def summaries(session, client: Client, who: access.Principal) -> list[Summary]:
    chain = earlier_chain(session, client.id)
    if not chain:
        return []
    rows = {r.id: r for r in session.execute(
        select(Client.id, Client.registration_number, Client.supervision_start, Client.supervision_expiry,
               Client.status, Office.name.label("office")).join(Office, Office.id == Client.office_id)
        .where(Client.id.in_(chain)))}
    ends = {r.client_id: r for r in session.execute(
        select(Termination.client_id, Termination.reason, Termination.end_date)
        .where(Termination.client_id.in_(chain)))}
    levels: dict[int, str] = {}
    # The risk classification is a sensitive section: only for who supervises this child's file now.
    classified = access.can_see_confidential(client, who)
    for client_id, level in [] if not classified else session.execute(select(Classification.client_id, Classification.level)
                                            .where(Classification.client_id.in_(chain))
                                            .order_by(Classification.set_on, Classification.id)):
        levels[client_id] = level  # the last one set
    own = set(session.scalars(select(Client.id).where(Client.id.in_(chain), access.client_clause(who))))
    granted = set(session.scalars(select(Client.id).where(Client.id.in_(chain), access.granted_file_clause(who))))
    out = []
    for client_id in chain:
        row, end = rows.get(client_id), ends.get(client_id)
        if row is None:
            continue
        out.append(Summary(client_id, row.office, row.registration_number, row.supervision_start,
                           row.supervision_expiry, row.status, end.reason if end else None,
                           end.end_date if end else None, levels.get(client_id),
                           "file" if client_id in own else "granted" if client_id in granted else None))
    read_audit.saw_all((s.client_id for s in out), SUMMARY_KIND)
    return out


@dataclass
class LaterSupervision:
    """A later registration of this child elsewhere, as the earlier file's office sees it: where and when,
    and whether its file is open to that office's supervisors."""

    link_id: int
    office_name: str
    linked_at: datetime
    granted_at: datetime | None


def later_supervisions(session, client: Client) -> list[LaterSupervision]:
    rows = session.execute(
        select(ClientLink.id, ClientLink.linked_at, Office.name.label("office"))
        .join(Client, Client.id == ClientLink.client_id).join(Office, Office.id == Client.office_id)
        .where(ClientLink.earlier_client_id == client.id).order_by(ClientLink.id)).all()
    grants = {g.link_id: g.granted_at for g in session.execute(
        select(EarlierFileGrant.link_id, EarlierFileGrant.granted_at)
        .where(EarlierFileGrant.link_id.in_([r.id for r in rows]), EarlierFileGrant.revoked_at.is_(None)))}
    return [LaterSupervision(r.id, r.office, r.linked_at, grants.get(r.id)) for r in rows]


@dataclass
class GrantedFile:
    """The contents of an earlier file as a granted reader sees them (read only)."""

    client: Client
    office_name: str
    guardians: list = field(default_factory=list)
    assessments: list = field(default_factory=list)
    programmes: list = field(default_factory=list)
    entries: list = field(default_factory=list)
    tpp_items: list = field(default_factory=list)
    classifications: list = field(default_factory=list)
    termination: Termination | None = None


def granted_file(session, client_id, who: access.Principal) -> GrantedFile:
    """The earlier file's contents through an active grant, else NotFoundOrForbidden (a 404)."""
    client = access.get_granted_file(session, client_id, who)

    def rows(query) -> list:
        return list(session.scalars(query))

    found = GrantedFile(client, session.scalar(select(Office.name).where(Office.id == client.office_id)) or "")
    found.guardians = rows(select(Guardian).where(Guardian.client_id == client.id).order_by(Guardian.id))
    found.assessments = rows(select(Assessment).where(Assessment.client_id == client.id, Assessment.status == "final")
                             .order_by(Assessment.assessed_on.desc(), Assessment.id.desc()))
    found.programmes = rows(select(Programme).where(Programme.client_id == client.id).order_by(Programme.id))
    found.entries = rows(select(ProgressEntry).where(ProgressEntry.client_id == client.id,
                                                     ProgressEntry.superseded.is_(False))
                         .order_by(ProgressEntry.happened_on.desc(), ProgressEntry.id.desc()))
    found.tpp_items = rows(select(TppItem).where(TppItem.client_id == client.id).order_by(TppItem.id))
    found.classifications = rows(select(Classification).where(Classification.client_id == client.id)
                                 .order_by(Classification.set_on))
    found.termination = session.scalars(select(Termination).where(Termination.client_id == client.id)).first()
    for kind in ("assessment", "programme", "progress_entry", "tpp_item", "classification", "termination"):
        read_audit.saw(client.id, kind)
    return found
