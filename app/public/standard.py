"""An office's service standard: the edition of each component in force on a day, the defaults every office
starts from, and the one rule for adding an edition."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.errors import Invalid
from app.public import components
from models import Office, StandardComponent

# The day the defaults take effect: the published standard predates SIBIKA, so any earlier day would do.
DEFAULT_EFFECTIVE = date(2020, 1, 1)
MAX_TEXT = 20_000


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    label: object  # the component's name in the reader's language
    blocks: list[components.Block]
    effective_from: date
    edition: int


def in_force(session, office_id: int, day: date) -> list[Section]:
    """Each component's latest edition that took effect on or before ``day``, in the standard's order."""
    latest = in_force_of(session.scalars(select(StandardComponent).where(
        StandardComponent.office_id == office_id, StandardComponent.effective_from <= day)).all(), day)
    texts = components.defaults()
    # An office added after `flask sibika init` reads the default text until it has its own edition.
    return [Section(key, latest[key].title, components.LABELS[key], components.blocks(latest[key].text),
                    latest[key].effective_from, latest[key].edition) if key in latest else
            Section(key, components.TITLES[key], components.LABELS[key], components.blocks(texts[key]),
                    DEFAULT_EFFECTIVE, 0)
            for key in components.KEYS]


def in_force_of(rows, day: date) -> dict:
    """{component: the edition in force on ``day``}: of those that took effect by then, the latest to take effect,
    and of two taking effect the same day the later edition (a correction published that day)."""
    latest: dict = {}
    for row in rows:
        if row.effective_from <= day:
            held = latest.get(row.component)
            if held is None or (row.effective_from, row.edition) > (held.effective_from, held.edition):
                latest[row.component] = row
    return latest


def ensure_defaults(session) -> int:
    """Every office gets the seed's text for each component it has no edition of yet (`flask sibika init`)."""
    have = set(session.execute(select(StandardComponent.office_id, StandardComponent.component)).tuples())
    texts = components.defaults()
    added = 0
    for office_id in session.scalars(select(Office.id)):
        for key in components.KEYS:
            if (office_id, key) not in have:
                session.add(StandardComponent(office_id=office_id, component=key, title=components.TITLES[key],
                                              text=texts[key], effective_from=DEFAULT_EFFECTIVE, edition=1))
                added += 1
    session.commit()
    return added


def problems(component: str | None, text: str | None, effective_from) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if component not in components.KEYS:
        out["component"] = [_("Choose a component of the service standard.")]
    if not (text or "").strip():
        out["text"] = [_("Write the text of this component.")]
    elif len(text) > MAX_TEXT:
        out["text"] = [_("The text is longer than %(n)d characters.", n=MAX_TEXT)]
    if effective_from is None:
        out["effective_from"] = [_("Give the day this text takes effect.")]
    return out


def prepare_edition(session, row: StandardComponent) -> None:
    """A new edition: checked, and numbered after the component's last edition at that office."""
    found = problems(row.component, row.text, row.effective_from)
    if found:
        raise Invalid(found)
    row.title = (row.title or "").strip() or components.TITLES[row.component]
    row.text = row.text.strip()
    if not row.id:  # an edit of an edition (a typo) keeps its number
        office_id = row.office_id or (row.office.id if row.office else None)  # a form sets the relation only
        last = session.scalar(select(func.max(StandardComponent.edition)).where(
            StandardComponent.office_id == office_id, StandardComponent.component == row.component))
        row.edition = (last or 0) + 1
