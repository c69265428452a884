"""FAB's filter objects, made once per view instead of on every request.

Every ``Filters`` FAB builds (a related tab, a joined filter, a copy for a lookup, the inner query) converts
*every* column of the model into its filter objects (~10 per column), whether or not one is used: the
client page with its four related tabs built about 1,500 of them per request. The objects hold only the
column, the interface and the model (see FAB's filter constructor), never a value (those travel beside them in
``Filters.values``), so one set per interface serves every request.
"""
from __future__ import annotations

from flask_appbuilder.models.filters import Filters
from flask_appbuilder.models.sqla.filters import SQLAFilterConverter

from views import client_name_filter, register_filter

_MEMO = "_sibika_converted_filters"


class MemoFilterConverter(SQLAFilterConverter):
    def convert(self, col_name):
        memo = self.datamodel.__dict__.setdefault(_MEMO, {})
        if col_name not in memo:
            memo[col_name] = (client_name_filter.filters_of(col_name, self.datamodel)
                              or register_filter.filters_of(col_name, self.datamodel) or super().convert(col_name))
        found = memo[col_name]
        # A fresh list: Filters extends its lists in place with a view's search_filters.
        return list(found) if found is not None else None


class SearchFilters(Filters):
    """FAB's filters, where a search column that is no model column (the client's name of a client's records,
    an incomplete register entry) is also one a URL may name: FAB looks ``_flt_<i>_<column>`` up among the
    model's columns only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for column, found in self._search_filters.items():
            self._all_filters.setdefault(column, found)
