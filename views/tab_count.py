"""A related tab's record count taken from its first page when the page is not full.

FAB's list query runs ``count(*)`` and then the page (``SQLAInterface.query``). The tabs of a show page (a
client's guardians, handovers, PK assignments, confidential notes) nearly always fit on their first page:
when the first page holds fewer rows than the page size, those rows are all there is, and the count is their
number, one statement fewer per tab. A full page, or a later one, still asks ``count(*)``.

Only for related tabs (``counted_from_page`` around them): a list page keeps one statement shape whatever its
length, which the benchmark's statement invariance relies on (bench/run.py).

A tab also knows the relation that ties its rows to the record on the page (``tab_of``): every row's client
is the client whose page it is, so the tab neither prints that column nor loads that record again with each row.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

_FROM_PAGE: ContextVar[bool] = ContextVar("sibika_count_from_page", default=False)
_TAB_OF: ContextVar[str | None] = ContextVar("sibika_tab_of", default=None)


@contextmanager
def counted_from_page(relation: str | None = None):
    """Around one related tab; ``relation`` names the tab's relation to the record on the page."""
    token, tab = _FROM_PAGE.set(True), _TAB_OF.set(relation)
    try:
        yield
    finally:
        _FROM_PAGE.reset(token)
        _TAB_OF.reset(tab)


def tab_of() -> str | None:
    """The relation to the page's record of the related tab being drawn, or None outside a tab."""
    return _TAB_OF.get()


def query(interface, filters=None, order_column="", order_direction="", page=None, page_size=None,
          select_columns=None, outer_default_load=False):
    """``SQLAInterface.query`` with the count from the page where that is exact; None when it is not."""
    if not _FROM_PAGE.get() or page or not page_size:
        return None
    rows = interface.apply_all(interface.session.query(interface.obj), filters, order_column, order_direction,
                               page, page_size, select_columns, outer_default_load).all()
    name = interface.obj.__name__
    found = [getattr(row, name) if hasattr(row, name) else row for row in rows]
    if len(found) < page_size:
        return len(found), found
    return interface.query_count(interface.session.query(interface.obj), filters, select_columns), found
