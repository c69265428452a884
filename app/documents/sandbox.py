"""The one Jinja environment every Word template is filled in — shipped or uploaded,
in the upload check and at every issue.

A template is text an Admin uploads, so it must never be able to run code: Jinja's
immutable sandbox refuses underscore attributes and changes to the context,
StrictUndefined makes an unknown name an error instead of an empty string,
autoescape keeps a value from breaking out of the document's XML, and the
environment carries no globals (``cycler``, ``joiner``, ``namespace``, ``lipsum``,
``range``, ``dict``) and only the filters listed here.
"""
from __future__ import annotations

from flask_babel import gettext as _
from jinja2 import StrictUndefined, pass_eval_context
from jinja2 import filters as jinja_filters
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

# Filters that only reshape a value already in the context; none looks up attributes
# by a name the template chooses (map, attr, selectattr, groupby, sum(attribute=...)),
# formats with a template-chosen pattern (format), or turns off escaping (safe).
ALLOWED_FILTERS = frozenset({"upper", "lower", "title", "capitalize", "trim", "default", "d", "length", "count",
                             "join", "first", "last", "e", "escape", "int", "string", "wordcount", "truncate",
                             "replace", "center", "round", "abs"})
ALLOWED_TESTS = frozenset({"defined", "undefined", "none", "number", "string", "even", "odd", "divisibleby",
                           "eq", "ne", "lt", "gt", "le", "ge", "in", "true", "false", "boolean", "integer"})

# A field may not make a text much longer than its value: ``center(20000000)`` or a
# chain of growing ``replace`` would build megabytes at every issue (and at upload).
MAX_CENTER_WIDTH = 200
MAX_REPLACE_GROWTH = 10_000  # characters one replace may add; a chain grows linearly with the template


def _center(value, width=80):
    if int(width) > MAX_CENTER_WIDTH:
        raise SecurityError(_("a width above %(limit)s", limit=MAX_CENTER_WIDTH))
    return jinja_filters.do_center(value, width)


@pass_eval_context
def _replace(eval_ctx, s, old, new, count=None):
    text, old, new = str(s), str(old), str(new)
    hits = text.count(old) if count is None else min(text.count(old), max(int(count), 0))
    if hits * (len(new) - len(old)) > MAX_REPLACE_GROWTH:  # judged before the text is built
        raise SecurityError(_("a replacement that adds more than %(limit)s characters", limit=MAX_REPLACE_GROWTH))
    return jinja_filters.do_replace(eval_ctx, s, old, new, count)


@pass_eval_context
def _join(eval_ctx, value, d="", attribute=None):
    # join's second argument looks up an attribute by a name the template chooses.
    if attribute is not None:
        raise SecurityError(_("join with an attribute name"))
    return jinja_filters.do_join(eval_ctx, value, d)


GUARDED = {"center": _center, "replace": _replace, "join": _join}


def environment() -> ImmutableSandboxedEnvironment:
    """A fresh environment (docxtpl may set ``autoescape`` on the one it is given)."""
    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    env.globals.clear()
    env.filters = {name: GUARDED.get(name, f) for name, f in env.filters.items() if name in ALLOWED_FILTERS}
    env.tests = {name: t for name, t in env.tests.items() if name in ALLOWED_TESTS}
    return env


def fill(template, context: dict) -> None:
    """Render a DocxTemplate in the sandbox (errors are the caller's to translate)."""
    template.render(context, jinja_env=environment())
