"""The client's name as a filter of every list of client-linked records (issue 17, item 3).

FAB's filter on a ``client`` relation takes a client's id from a choice list; a person looking for a child's
records types the child's name. Every list whose records belong to a client (a ``client`` relation and a
``client_id`` column) gets one more search column, ``client_name`` ("Nama klien"), a text field whose filter
finds the rows of the clients whose name or alias holds the text (``app.clients.name_search``); the list's own
scope (``base_filters``) still decides which rows may be seen at all.

FAB builds a list's URL filters (``_flt_<i>_<column>``) from the model's columns only, so the interface's
``Filters`` also carry the pseudo column (``views.filter_memo.SearchFilters``)."""
from __future__ import annotations

from flask_appbuilder.fieldwidgets import BS3TextFieldWidget
from flask_babel import lazy_gettext as _
from wtforms import StringField
from wtforms.validators import Optional

from app import access
from app.clients.name_search import name_matches

CLIENT_NAME = "client_name"
LABEL = _("Client's name")


ClientNameContains = access.narrowing(
    "ClientNameContains", _("Contains"), "nama",
    lambda model, value: name_matches(model.client_id, value if isinstance(value, str) else None))


def belongs_to_a_client(model) -> bool:
    from models import Client

    relation = getattr(getattr(model, "client", None), "property", None)
    return (model is not Client and hasattr(model, "client_id")
            and getattr(getattr(relation, "mapper", None), "class_", None) is Client)


def filters_of(col_name: str, datamodel) -> list | None:
    """The filter objects of the pseudo column, or None for any other column."""
    if col_name == CLIENT_NAME and belongs_to_a_client(datamodel.obj):
        return [ClientNameContains(col_name, datamodel)]
    return None


def add_to(view) -> None:
    """Give ``view`` (before FAB initialises it) the client's name as its first search column, and the client."""
    if not belongs_to_a_client(view.datamodel.obj):
        return
    declared = view.search_columns or [c for c in view.datamodel.get_search_columns_list()
                                       if c not in (view.search_exclude_columns or [])]  # FAB's own default
    # The name first; the client's own choice (FAB's filter by id, which links use) always beside it.
    view.search_columns = [CLIENT_NAME, *(c for c in declared if c != CLIENT_NAME)]
    if "client" not in view.search_columns:
        view.search_columns.insert(1, "client")
    view.label_columns = {**(view.label_columns or {}), CLIENT_NAME: LABEL}
    view.search_form_extra_fields = {
        **(view.search_form_extra_fields or {}),
        CLIENT_NAME: StringField(LABEL, validators=[Optional()], widget=BS3TextFieldWidget())}
