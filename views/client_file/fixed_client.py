"""The widget of a form field a "+" of the client file fixed: the value shown as
text (not a choice) and sent back as a hidden input, which the form still checks
against the one record it offers."""
from __future__ import annotations

from markupsafe import Markup, escape


class FixedValueWidget:
    def __call__(self, field, **kwargs):
        value = field.data
        shown = field.get_label(value) if value is not None else ""
        pk = field.get_pk_func(value) if value is not None else ""
        return Markup(
            f'<p class="form-control-static" id="{escape(field.id)}-shown"><strong>{escape(shown)}</strong></p>'
            f'<input type="hidden" id="{escape(field.id)}" name="{escape(field.name)}" value="{escape(pk)}">')
