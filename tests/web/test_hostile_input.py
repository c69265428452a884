"""Hostile input on every add and edit form (measured, property-based).

For every registered ModelView whose add or edit form Admin can open, hypothesis
fills the form's own fields (read from the rendered page) with script payloads,
oversized strings, wrong types and out-of-range choices, and posts it. Nothing
may answer 500 (the test app propagates exceptions, so any error fails here), and
no page may carry a payload's markup unescaped. Runs on its own database filled
with demo data, so that the rows it writes touch no other test.

SIBIKA_FUZZ_EXAMPLES sets examples per form: 2 by default, to keep the default run
short on a shared machine (about 47 forms x 2 backends); `bench/fuzz_forms.sh` runs
more (100 per form by default).
"""
from __future__ import annotations

import os
import secrets
from html.parser import HTMLParser

import pytest
from flask_appbuilder import ModelView
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.conftest import fresh_app

EXAMPLES = int(os.environ.get("SIBIKA_FUZZ_EXAMPLES", "2"))
ADMIN_PASSWORD = "Fuzz-Admin-" + secrets.token_hex(4)
PAYLOADS = [
    "<script>sibikaXSS(1)</script>",
    '"><img src=x onerror=sibikaXSS(2)>',
    "'><svg onload=sibikaXSS(3)>",
    "javascript:sibikaXSS(4)",
    "{{ config }}{% raw %}",
    "Robert'); DROP TABLE client;--",
    "\u0000\u202e\ufeff",
    "😀" * 40,
]
RAW_MARKS = ["<script>sibikaXSS", "<img src=x onerror=sibikaXSS", "<svg onload=sibikaXSS"]

hostile_text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=40),
    st.builds(lambda p, n: p * n, st.sampled_from(PAYLOADS + ["A"]), st.integers(200, 3000)),
    st.integers(-10**12, 10**12).map(str),
    st.sampled_from(["2026-02-30", "31/12/2026", "0000-00-00", "9999-99-99", "-1", "1e309", "NaN", " ", ""]),
)


class FormFields(HTMLParser):
    """The fields of the first form with a submit (name -> kind, options)."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, dict] = {}
        self._select: str | None = None
        self._in_form = False
        self._done = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self._done:
            return
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._in_form = True
        if not self._in_form or not a.get("name"):
            if tag == "option" and self._select is not None:
                self.fields[self._select]["options"].append(a.get("value") or "")
            return
        name = a["name"]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "file", "hidden"}:
                return
            self.fields[name] = {"kind": kind, "options": []}
        elif tag == "textarea":
            self.fields[name] = {"kind": "text", "options": []}
        elif tag == "select":
            self.fields[name] = {"kind": "select", "options": [], "multiple": "multiple" in a}
            self._select = name

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "form" and self._in_form:
            self._in_form, self._done = False, bool(self.fields)


def _fields(html: str) -> dict[str, dict]:
    parser = FormFields()
    parser.feed(html)
    return parser.fields


def _value(data, field: dict):
    if field["kind"] == "checkbox":
        return data.draw(st.sampled_from(["y", ""]))
    if field["kind"] == "select":
        options = [o for o in field["options"]] + ["999999", "x", "-1"]
        if field.get("multiple"):
            return data.draw(st.lists(st.sampled_from(options), max_size=3))
        return data.draw(st.sampled_from(options) | hostile_text)
    return data.draw(hostile_text)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def fuzz(request, tmp_path_factory):
    """An application of its own with demo data and an admin."""
    workdir = tmp_path_factory.mktemp(f"fuzz-{request.param}")
    from app.demo import office as demo
    from app.platform import roles
    from app.extensions import db

    # A fresh database (a copy of the migrated template), dropped afterwards.
    with fresh_app(request.param, workdir) as app:
        with app.app_context():
            sm = app.appbuilder.sm
            demo.load(db.session, sm, clients=4, seed=7, password="Demo-Sandi-2026!", upload_dir=str(workdir / "up"))
            assert sm.add_user("fuzzadmin", "Fuzz", "Admin", "fuzz@example.test", sm.find_role(roles.ADMIN),
                               ADMIN_PASSWORD)
        client = app.test_client()
        assert client.post("/login/", data={"username": "fuzzadmin", "password": ADMIN_PASSWORD}).status_code == 302
        yield app, client


def _form_urls(app, client) -> list[tuple[str, str, str]]:
    """(view, form url, list url) for every add form and one edit form per view."""
    import re

    found = []
    with app.test_request_context():
        from flask import url_for

        views = [v for v in app.appbuilder.baseviews if isinstance(v, ModelView)]
        routes = {(v.__class__.__name__, url_for(f"{v.endpoint}.add"), url_for(f"{v.endpoint}.list"),
                   v.__class__.__module__.startswith("flask_appbuilder.security"))
                  for v in views if f"{v.endpoint}.add" in app.view_functions}
        own_id = app.appbuilder.sm.find_user(username="fuzzadmin").id
    for name, add_url, list_url, fab_security in sorted(routes):
        listing = client.get(list_url).get_data(as_text=True)
        if client.get(add_url).status_code == 200:
            found.append((name, add_url, list_url))
        if fab_security:
            continue  # FAB's own role and permission editors: random edits would lock the fuzzer out
        edits = [u for u in re.findall(r'href="(/[^"]+/edit/(\d+))', listing)
                 if not (name == "StaffUserView" and u[1] == str(own_id))]
        if edits:
            found.append((name, edits[0][0], list_url))
    return found


def _assert_escaped(html: str, where: str) -> None:
    for mark in RAW_MARKS:
        assert mark not in html, f"unescaped payload {mark!r} in {where}"


def test_every_add_and_edit_form_survives_hostile_input(fuzz):
    app, client = fuzz
    forms = _form_urls(app, client)
    assert len(forms) >= 20, forms  # the walk found the forms (a broken walk must not pass quietly)
    opened = {}

    for name, url, list_url in forms:
        page = client.get(url)
        assert page.status_code == 200, (name, url)
        fields = _fields(page.get_data(as_text=True))
        assert fields, (name, url)
        opened[url] = len(fields)

        _hostile_posts(client, url, fields, list_url)()
    assert opened
    print(f"hostile input: {len(opened)} forms, {EXAMPLES} examples each")


def _hostile_posts(client, url: str, fields: dict, list_url: str):
    @settings(max_examples=EXAMPLES, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=st.data())
    def post_hostile(data):
        form = {name: _value(data, field) for name, field in fields.items()}
        response = client.post(url, data=form)
        assert response.status_code < 500, (url, response.status_code)
        _assert_escaped(response.get_data(as_text=True), url)
        if response.status_code == 302:  # saved: the stored values show on the next pages
            for page in {response.headers["Location"], list_url}:
                shown = client.get(page)
                assert shown.status_code < 500, (page, shown.status_code)
                _assert_escaped(shown.get_data(as_text=True), page)

    return post_hostile
