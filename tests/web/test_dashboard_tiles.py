"""Every dashboard tile opens the list it counts, filtered, with the same total; and the worklists of
everyone named: the official a complaint's direction names, the Kepala Bapas, the TPP."""
from __future__ import annotations

import html
import re
from datetime import datetime, timedelta

import pytest
from flask import g
from sqlalchemy import select

from models import Complaint, TppItem, TppSession
from tests.conftest import PASSWORD
from tests.factories import MID_MONTH
from tests.web.test_dashboard import _login, office, stocked  # noqa: F401

pytestmark = [pytest.mark.both_databases, pytest.mark.today(MID_MONTH)]

TODAY = MID_MONTH
TILE = re.compile(r'<a href="([^"]+)"><span class="sibika-tile-value">(\d+)</span>\s*'
                  r'<span class="sibika-tile-text">([^<]+)</span>')


@pytest.fixture
def named(stocked, db_session, app):  # noqa: F811
    """The stocked office plus: a complaint directed to pk1, a past session with an item still undecided,
    a TPP member."""
    o = stocked
    category_id = db_session.scalars(select(Complaint.category_id).where(Complaint.office_id == o.id)).first()
    db_session.add(Complaint(office_id=o.id, tracking_number=f"PGD-{o.tag}-A", channel="web", category_id=category_id,
                             text="Belum dihubungi", due_on=TODAY + timedelta(days=4), status="arahan",
                             assigned_to_id=o.users["pk1"].id))
    past = db_session.scalars(select(TppSession).where(TppSession.office_id == o.id,
                                                       TppSession.held_on < TODAY)).one()
    client_id = db_session.scalars(select(TppItem.client_id).join(TppSession)
                                   .where(TppSession.office_id == o.id)).first()
    db_session.add_all([TppItem(session_id=past.id, client_id=client_id, matter="lainnya"),
                        TppSession(office_id=o.id, held_on=TODAY - timedelta(days=60), place="Aula lama",
                                   members_total=5)])
    sm = app.appbuilder.sm
    username = f"tpp_{o.tag}"
    sm.add_user(username, "TPP", o.tag, f"{username}@example.test", sm.find_role("Anggota TPP"), PASSWORD)
    user = sm.find_user(username=username)
    user.office_id = o.id
    o.users["tpp"] = user
    db_session.add(TppItem(session_id=db_session.scalars(select(TppSession.id).where(
        TppSession.office_id == o.id, TppSession.held_on > TODAY)).one(), client_id=client_id, matter="lainnya",
        decision="setuju", decided_at=datetime.now()))
    db_session.commit()
    return o


def _browser(app, o, key):
    g.pop("_login_user", None)
    return _login(app, o.users[key].username)


def _tiles(page: str) -> list[tuple[str, int, str]]:
    return [(html.unescape(href), int(n), text.strip()) for href, n, text in TILE.findall(page)]


def _table_rows(page: str, table_id: str) -> int:
    body = re.search(rf'<table[^>]*id="{table_id}".*?<tbody>(.*?)</tbody>', page, re.S).group(1)
    return len([row for row in re.findall(r"<tr>(.*?)</tr>", body, re.S) if "colspan" not in row])


def _listed(browser, href: str, page: str) -> int:
    if href.startswith("#"):
        return _table_rows(page, href[1:])
    target = browser.get(href)
    assert target.status_code == 200, href
    body = target.get_data(as_text=True)
    if href.startswith("/jatuh-tempo/"):
        return int(re.search(r"Per [^:<]+: (\d+) item\.", body).group(1))
    found = re.search(r"<strong>[^<]*:</strong>\s*(\d+)", body)
    return int(found.group(1)) if found else 0


@pytest.mark.parametrize("key", ["pk1", "kepala", "reg", "tpp"])
def test_each_tile_opens_a_list_with_the_same_total(app, named, key):
    browser = _browser(app, named, key)
    page = browser.get("/beranda/").get_data(as_text=True)
    tiles = _tiles(page)
    assert tiles, "the role has tiles"
    for href, count, text in tiles:
        assert _listed(browser, href, page) == count, (key, text, href)


def test_the_tiles_are_filtered_not_the_whole_list(app, named):
    browser = _browser(app, named, "kepala")
    tiles = {text: (href, n) for href, n, text in _tiles(browser.get("/beranda/").get_data(as_text=True))}
    # 4 active clients of 6; 1 complaint past its deadline of 4; 1 waiting for direction
    assert tiles["klien aktif"][1] == 4
    assert tiles["pengaduan melewati batas waktu"][1] == 1
    assert tiles["pengaduan menunggu arahan Anda"][1] == 1
    assert "_flt_" in tiles["klien aktif"][0] and "_flt_" in tiles["pengaduan melewati batas waktu"][0]


def test_the_incomplete_register_entries_tile_opens_the_client_list_of_exactly_those_entries(app, named,
                                                                                            db_session):
    """The registration tile "register entries incomplete" (no handover, PK, guardian, court decision, address or
    photo) opens the client list filtered to those entries: the same total, not the whole list."""
    from app import dashboard
    from tests.factories import principal

    browser = _browser(app, named, "reg")
    page = browser.get("/beranda/").get_data(as_text=True)
    tiles = {text: (href, n) for href, n, text in _tiles(page)}
    href, count = tiles["isian register belum lengkap"]
    assert "_flt_" in href and "register_incomplete" in href
    assert count == dashboard.incomplete_registers(db_session, principal(db_session, named.users["reg"].username))[1]
    assert count > 0
    assert _listed(browser, href, page) == count
    everyone = _listed(browser, "/clientview/list/", page)
    assert everyone > count  # the finished client's entry is no longer open


def test_the_named_official_sees_the_complaint_on_their_dashboard(app, named):
    page = _browser(app, named, "pk1").get("/beranda/").get_data(as_text=True)
    assert f"PGD-{named.tag}-A" in page
    assert f"PGD-{named.tag}-A" not in _browser(app, named, "pk2").get("/beranda/").get_data(as_text=True)


def test_the_kepala_sees_the_complaints_waiting_for_direction(app, named):
    page = _browser(app, named, "kepala").get("/beranda/").get_data(as_text=True)
    assert _table_rows(page, "to-direct") == 1 and f"PGD-{named.tag}-1" in page


def test_the_tpp_sees_past_sessions_still_undecided_newest_first(app, named):
    page = _browser(app, named, "tpp").get("/beranda/").get_data(as_text=True)
    assert _table_rows(page, "tpp-undecided") == 1  # the session of 60 days ago has no item
    assert "Aula lama" not in page


def test_a_due_list_part_that_does_not_exist_is_a_400(as_user):
    assert as_user("kepala").get("/jatuh-tempo/?tampil=semua").status_code == 400


def test_on_the_demo_every_tile_of_every_role_matches_its_list(app, db_session):
    """A demo office (where "18 klien aktif" once opened a list of 31): each role's tiles against their lists.
    The demo's second office is used: its accounts are the demo's own (the first one's clash with the test world's)."""
    from models import Staff

    result = app.test_cli_runner().invoke(args=["sibika", "demo", "--clients", "24", "--seed", "5",
                                                "--password", "Demo-Sandi-26!"])
    assert result.exit_code == 0, result.output
    seen = 0
    for prefix in ("kepala.", "pk1.", "tpp1."):
        username = db_session.scalars(select(Staff.username).where(Staff.username.startswith(prefix))
                                      .order_by(Staff.id)).first()
        g.pop("_login_user", None)
        browser = app.test_client()
        assert browser.post("/login/", data={"username": username, "password": "Demo-Sandi-26!"}).status_code == 302
        page = browser.get("/beranda/").get_data(as_text=True)
        tiles = _tiles(page)
        assert tiles, username
        for href, count, text in tiles:
            assert _listed(browser, href, page) == count, (username, text, href)
            seen += count
    assert seen > 0
