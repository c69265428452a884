"""The client page with its related tabs (guardians, handovers, PK assignments, confidential data):
FAB's filter objects are made once per view (views.filter_memo), not ~1,500 per request. Counted, not timed."""
from __future__ import annotations

from contextlib import contextmanager

from flask_appbuilder.models.filters import BaseFilter

from app.extensions import db
from models import Guardian


@contextmanager
def counting_filters():
    made = {"n": 0}
    original = BaseFilter.__init__

    def init(self, *args, **kwargs):
        made["n"] += 1
        original(self, *args, **kwargs)

    BaseFilter.__init__ = init
    try:
        yield made
    finally:
        BaseFilter.__init__ = original


def _shown(make_client, as_user):
    client = make_client(handover=True)
    db.session.add(Guardian(client_id=client.id, relation="ayah", name="Wali Uji Terlihat"))
    db.session.commit()
    browser = as_user("pk_a")
    url = f"/clientview/show/{client.id}"
    assert browser.get(url).status_code == 200  # the first request of a process may build them once
    return browser, url


def test_client_page_builds_few_filter_objects(app, as_user, make_client):
    browser, url = _shown(make_client, as_user)
    with counting_filters() as made:
        page = browser.get(url)
    assert page.status_code == 200
    # Four related tabs: before, every Filters converted every column (~1,500 objects); now only the
    # filters that are applied (scope, relation to the client, the record looked up) are made.
    assert made["n"] < 60, made["n"]
    assert "Wali Uji Terlihat" in page.get_data(as_text=True)  # the tabs still list their rows


def test_search_filters_of_a_list_are_not_shared_between_views(app, as_user, make_client):
    """The memo hands out fresh lists: a view's extra search filters never leak into another's."""
    from views.filter_memo import MemoFilterConverter

    browser, _url = _shown(make_client, as_user)
    view = next(v for v in app.appbuilder.baseviews if type(v).__name__ == "GuardianView")
    first = MemoFilterConverter(view.datamodel).convert("name")
    first.append("extra")
    assert "extra" not in MemoFilterConverter(view.datamodel).convert("name")
    assert browser.get("/guardianview/list/?_flt_0_name=Wali").status_code == 200


@contextmanager
def counting_statements():
    from sqlalchemy import event

    seen: list[str] = []

    def note(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def _counts(statements: list[str]) -> int:
    return sum("count(*)" in s.lower() for s in statements)


def _guardian_counts(page: str) -> list[int]:
    import re

    return [int(n) for n in re.findall(r"Jumlah Data:</strong>\s*(\d+)", page)]


def test_a_tab_that_fits_on_its_first_page_is_counted_from_that_page(app, as_user, make_client):
    """views.tab_count: no count(*) for the client page's tabs while each fits on one page; the shown record
    counts stay exact."""
    browser, url = _shown(make_client, as_user)
    with counting_statements() as seen:
        page = browser.get(url)
    assert page.status_code == 200 and _counts(seen) == 0, [s for s in seen if "count(" in s.lower()]
    assert 1 in _guardian_counts(page.get_data(as_text=True))  # the one guardian of _shown


def test_a_full_first_page_of_a_tab_still_asks_the_count(app, as_user, make_client):
    from views.clients.clients import GuardianView

    client = make_client()
    size = GuardianView.page_size
    db.session.add_all(Guardian(client_id=client.id, relation="ayah", name=f"Wali {n}") for n in range(size + 2))
    db.session.commit()
    browser = as_user("pk_a")
    url = f"/clientview/show/{client.id}"
    browser.get(url)
    with counting_statements() as seen:
        page = browser.get(url)
    assert page.status_code == 200 and _counts(seen) == 1  # the guardians' tab: a full page, so counted
    html = page.get_data(as_text=True)
    assert size + 2 in _guardian_counts(html)
    # The tab shows its first page and links to all of the client's guardians (no row is out of reach).
    tab = html[html.index('id="GuardianView"'):]
    tab = tab[:tab.index("</table>")]
    assert tab.count("Wali ") == size and f"Tampilkan semua ({size + 2})" in tab
    link = f"/guardianview/list/?_flt_0_client={client.id}"
    assert link in tab
    assert browser.get(link).get_data(as_text=True).count("Wali ") >= size


def test_the_relations_the_client_page_prints_come_with_the_client(app, as_user, make_client):
    """views.base: the office, kind and PK the page shows are loaded in the client's own query, not one
    query each while the page is drawn."""
    browser, url = _shown(make_client, as_user)
    with counting_statements() as seen:
        page = browser.get(url)
    assert page.status_code == 200
    import re

    one_by_id = re.compile(r"FROM (office|supervision_kind|ab_user) WHERE \1\.id = ")
    assert [s for s in seen if one_by_id.search(" ".join(s.split()))] == []


def test_a_tab_neither_prints_nor_loads_again_the_client_it_is_on(app, as_user, make_client):
    """Every row of a tab on the client page is of that client: no "Client" column, no join of client per tab;
    the same list on its own keeps the column."""
    browser, url = _shown(make_client, as_user)
    with counting_statements() as seen:
        page = browser.get(url).get_data(as_text=True)
    tabs = [s for s in seen if s.lstrip().upper().startswith("SELECT") and
            any(f"FROM {table}" in s for table in ("guardian", "handover", "pk_assignment"))]
    assert len(tabs) == 3 and not [s for s in tabs if "JOIN client" in s], tabs
    tab = page[page.index('id="HandoverView"'):]
    tab_header = tab[tab.index("<thead>"):tab.index("</thead>")]
    listed = browser.get("/handoverview/list/").get_data(as_text=True)
    list_header = listed[listed.index("<thead>"):listed.index("</thead>")]
    assert "Tanggal Serah Terima" in tab_header and "Klien" not in tab_header
    assert "Klien" in list_header
