"""Form widgets that read as Indonesian forms: a choice list starts empty (never
at the first client of the list) with a placeholder naming the field, and no
machinery value ("__None") reaches the page."""
from __future__ import annotations

from flask_appbuilder.fieldwidgets import Select2Widget
from flask_babel import lazy_gettext as _
from markupsafe import Markup


class ReadableSelect2Widget(Select2Widget):
    def __call__(self, field, **kwargs):
        html = str(super().__call__(field, **kwargs))
        # FAB's blank option is "__None"; the field reads an empty value as no choice just the same.
        html = html.replace('value="__None"', 'value=""').replace(">__None</option>", "></option>")
        placeholder = str(_("Choose: %(field)s", field=field.label.text))
        return Markup(html.replace(f'data-placeholder="{Markup.escape(str(_("Select Value")))}"',
                                   f'data-placeholder="{Markup.escape(placeholder)}"', 1))


def readable_selects(form_class) -> None:
    """Every single-record choice of a generated form starts empty (a required one
    is still required: an empty choice is refused) and shows the readable widget."""
    from flask_appbuilder.fields import QuerySelectField
    from wtforms.fields.core import UnboundField

    for value in list(vars(form_class).values()):
        if isinstance(value, UnboundField) and value.field_class is QuerySelectField:
            widget = value.kwargs.get("widget")
            value.kwargs["allow_blank"] = True
            value.kwargs["widget"] = ReadableSelect2Widget(extra_classes=getattr(widget, "extra_classes", None))
