"""Forms and pages a person can read (issue 17, item 4): walking every list, add form, record and edit form of
every role, no page shows FAB's machinery — a `__None` option, a "Pilih Nilai"/"Select Value" placeholder, a raw
`0` option —, an ISO date in its text (`2026-01-12`, `2025-10`) or a Python list (`[Elisa, Yoga]`)."""
from __future__ import annotations

import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from tests.web.test_smoke import MATRIX

ROLES = ["admin", "kepala", "pk_a", "registrasi", "tpp", "pengaduan"]
MACHINERY = [re.compile(p) for p in (r"__None", r"Pilih Nilai", r"Select Value", r"<option[^>]*>\s*0\s*</option>")]
IN_TEXT = {
    "ISO date": re.compile(r"\b(19|20)\d{2}-(0[1-9]|1[0-2])-\d{2}\b"),
    "ISO month": re.compile(r"\b(19|20)\d{2}-(0[1-9]|1[0-2])\b"),
    "Python list": re.compile(r"\[[^\[\]\n]*(, |')[^\[\]\n]*\]|\[\]"),
}
SHOW_LINK = re.compile(r'href="(/[a-z]+view/(?:show|edit)/\d+)[^"]*"')


class Text(HTMLParser):
    """The text a reader sees: no script, style, or what they typed into a text area."""

    SKIP = {"script", "style", "textarea"}

    def __init__(self):
        super().__init__()
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in self.SKIP

    def handle_endtag(self, tag):
        self.skipping -= tag in self.SKIP and self.skipping > 0

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = Text()
    parser.feed(html)
    return " ".join(parser.parts)


def problems_of(html: str) -> list[str]:
    found = [p.pattern for p in MACHINERY if p.search(html)]
    text = visible_text(html)
    found += [f"{name}: {m.group(0)!r}" for name, m in ((n, p.search(text)) for n, p in IN_TEXT.items()) if m]
    return found


@pytest.fixture
def estate(app, world, make_client, db_session, in_awal):
    """One client of pk_a with a record of every kind a page may show."""
    from models import (ApelLog, Assessment, Consent, MonthlyReport, Partner, Programme, ProgrammeItem,
                        ProgressEntry, Staff, TppItem, TppSession)
    from app.guidance.assessment import store

    today = date.today()
    staff = {s.username: s for s in db_session.scalars(select(Staff))}
    partner = Partner(office_id=world.office_a, name="LKP Maju Jaya", kind="pelatihan")
    programme = Programme(client_id=in_awal.id, stage="awal", status="disetujui", interests_talents="Otomotif")
    programme.items = [ProgrammeItem(client_id=in_awal.id, kind="kemandirian", activity_kind="kegiatan_mitra",
                                     activity="Kursus montir", partner=partner)]
    session = TppSession(office_id=world.office_a, held_on=today - timedelta(days=20), place="Ruang sidang",
                         members_total=2, chair=staff["tpp"], secretary=staff["kepala"],
                         present=[staff["tpp"], staff["kepala"]])
    db_session.add_all([partner, programme, session])
    db_session.flush()
    instrument = store.ensure_demo(db_session)
    db_session.add_all([
        TppItem(session_id=session.id, client_id=in_awal.id, matter="rencana_awal", programme_id=programme.id,
                decision="setuju", consensus=True),
        Assessment(client_id=in_awal.id, instrument_id=instrument.id, kind="awal", assessed_on=today - timedelta(days=30),
                   assessor_id=staff["pk_a"].id, consent=True, status="final", category="sedang", total_score=7),
        Consent(client_id=in_awal.id, given=True, by_client=True, by_guardian=True, recorded_on=today - timedelta(days=9)),
        ApelLog(client_id=in_awal.id, office_id=world.office_a, reported_on=today - timedelta(days=3)),
        ProgressEntry(client_id=in_awal.id, office_id=world.office_a, happened_on=today - timedelta(days=2),
                      kind="kegiatan_mitra", programme_item_id=programme.items[0].id, what_happened="Kursus"),
        MonthlyReport(client_id=in_awal.id, month=today.replace(day=1), submitted_on=today, pk_id=staff["pk_a"].id),
    ])
    db_session.commit()
    return in_awal


def pages_of(app, client_id: int) -> list[str]:
    from views.base import SibikaModelView

    urls = [u.format(c=client_id) for u in MATRIX if "999999" not in u and "tidak-ada" not in u]
    urls.append(f"/klien/{client_id}/")
    for view in app.appbuilder.baseviews:
        if isinstance(view, SibikaModelView):
            urls += [f"{view.route_base}/list/", f"{view.route_base}/add"]
    return list(dict.fromkeys(urls))


@pytest.mark.parametrize("username", ROLES)
def test_no_page_of_any_role_shows_machinery_iso_dates_or_python_lists(app, as_user, estate, username):
    browser = as_user(username)
    seen, found = set(), {}
    queue = pages_of(app, estate.id)
    while queue:
        url = queue.pop(0)
        if url in seen or "/logout" in url:
            continue
        seen.add(url)
        response = browser.get(url)
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        html = response.get_data(as_text=True)
        problems = problems_of(html)
        if problems:
            found[url] = problems
        if url.endswith("/list/"):
            queue += [link for link in dict.fromkeys(SHOW_LINK.findall(html))][:2]
    assert not found, "\n".join(f"{url}: {problems}" for url, problems in found.items())
