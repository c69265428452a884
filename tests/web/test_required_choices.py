"""Forms a person can read (issue 17, item 4): a required plain choice (codes and their labels, not a related
record) never opens at its first option. Walking every add form of every role, each such select starts empty
at "— pilih —"; posting the form with it left empty is refused with a translated message naming the field, and
nothing is saved. Optional choices keep their plain empty start."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from flask_appbuilder.fields import QuerySelectField
from wtforms import SelectField
from wtforms.fields.core import UnboundField
from wtforms.validators import DataRequired, InputRequired

from tests.web.test_readable_pages import ROLES

PLACEHOLDER = "— pilih —"


class Selects(HTMLParser):
    """Each <select name=...> of a page: its options as (value, text, selected)."""

    def __init__(self):
        super().__init__()
        self.found: dict[str, list[list]] = {}
        self._select = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select" and "multiple" not in attrs:
            self._select = self.found.setdefault(attrs.get("name", ""), [])
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value", ""), "", "selected" in attrs]
            self._select.append(self._option)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "option":
            self._option = None

    def handle_data(self, data):
        if self._option is not None:
            self._option[1] += data


def selects_of(html: str) -> dict[str, list[list]]:
    parser = Selects()
    parser.feed(html)
    return parser.found


def required_plain_choices(view, required: bool = True) -> dict[str, str]:
    """{field name: label} of the required (or, ``required=False``, all) plain choices of ``view``'s add form."""
    found = {}
    for name in dir(view.add_form):
        unbound = getattr(view.add_form, name, None)
        if not isinstance(unbound, UnboundField) or not issubclass(unbound.field_class, SelectField):
            continue
        if issubclass(unbound.field_class, QuerySelectField):
            continue  # a related record: views.widgets.readable_selects
        validators = unbound.kwargs.get("validators") or []
        if not required or any(isinstance(v, (DataRequired, InputRequired)) for v in validators):
            found[name] = str(unbound.args[0] if unbound.args else unbound.kwargs.get("label", name))
    return found


def add_forms(app):
    from views.base import SibikaModelView

    return [v for v in app.appbuilder.baseviews if isinstance(v, SibikaModelView)
            and "add" in (v.include_route_methods or {"add"})]


def _count_rows(db_session, model) -> int:
    from sqlalchemy import func, select

    return db_session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("username", ROLES)
def test_no_add_form_of_any_role_preselects_a_required_plain_choice(app, as_user, active, db_session, username):
    browser = as_user(username)
    opened, wrong = [], []
    for view in add_forms(app):
        fields = required_plain_choices(view)
        if not required_plain_choices(view, required=False):
            continue
        response = browser.get(f"{view.route_base}/add")
        if response.status_code != 200:
            continue  # this role may not add here (refused or sent to log in)
        html = response.get_data(as_text=True)
        if 'id="model_form"' not in html and "<form" not in html:
            continue
        selects = selects_of(html)
        for name, label in fields.items():
            options = selects.get(name)
            if options is None:
                continue  # not on this form (fieldsets, or a column this form does not show)
            opened.append(f"{view.route_base} {name}")
            first = options[0]
            chosen = [o for o in options if o[2]]
            if first[0] != "" or first[1].strip() != PLACEHOLDER or any(o[0] for o in chosen):
                wrong.append(f"{view.route_base}/add {name} ({label}): first {first}, selected {chosen}")
        for name in set(required_plain_choices(view, required=False)) - set(fields):
            options = selects.get(name)
            if options and (options[0][0] != "" or any(o[0] for o in options if o[2])):
                wrong.append(f"{view.route_base}/add {name} (optional): opens at {options[0]}")
    assert not wrong, "\n".join(wrong)
    if username in ("admin", "kepala", "pk_a", "registrasi"):
        assert opened, "no add form with a required plain choice was opened: the walk walked nothing"


@pytest.mark.parametrize("username", ["admin", "kepala", "pk_a", "registrasi", "pengaduan"])
def test_a_required_choice_left_empty_is_refused_with_its_name_and_nothing_is_saved(app, as_user, active,
                                                                                  db_session, username):
    browser = as_user(username)
    refused = []
    for view in add_forms(app):
        fields = required_plain_choices(view)
        if not fields or browser.get(f"{view.route_base}/add").status_code != 200:
            continue
        before = _count_rows(db_session, view.datamodel.obj)
        response = browser.post(f"{view.route_base}/add", data={name: "" for name in fields})
        db_session.expire_all()
        assert _count_rows(db_session, view.datamodel.obj) == before, f"{view.route_base}: saved without a choice"
        assert response.status_code == 200, view.route_base
        html = response.get_data(as_text=True)
        for name, label in fields.items():
            if name not in selects_of(html):
                continue
            message = f"Pilih salah satu pilihan “{label}”."
            assert message in re.sub(r"\s+", " ", html.replace("&#34;", '"')), f"{view.route_base}: {message}"
            refused.append(f"{view.route_base} {name}")
    assert refused


def test_an_optional_choice_still_starts_empty_without_a_placeholder(as_user):
    html = as_user("registrasi").get("/clientview/add").get_data(as_text=True)
    religion = selects_of(html)["religion"]
    assert religion[0][0] == "" and religion[0][1].strip() == ""
    sex = selects_of(html)["sex"]
    assert sex[0] == ["", PLACEHOLDER, True] and all(not selected for _v, _t, selected in sex[1:])
