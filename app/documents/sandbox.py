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

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

# Filters that only reshape a value already in the context; none looks up attributes
# by a name the template chooses (map, attr, selectattr, groupby, sum(attribute=...)),
# formats with a template-chosen pattern (format), or turns off escaping (safe).
ALLOWED_FILTERS = frozenset({"upper", "lower", "title", "capitalize", "trim", "default", "d", "length", "count",
                             "join", "first", "last", "e", "escape", "int", "string", "wordcount", "truncate",
                             "replace", "center", "round", "abs"})
ALLOWED_TESTS = frozenset({"defined", "undefined", "none", "number", "string", "even", "odd", "divisibleby",
                           "eq", "ne", "lt", "gt", "le", "ge", "in", "true", "false", "boolean", "integer"})


def environment() -> ImmutableSandboxedEnvironment:
    """A fresh environment (docxtpl may set ``autoescape`` on the one it is given)."""
    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    env.globals.clear()
    env.filters = {name: f for name, f in env.filters.items() if name in ALLOWED_FILTERS}
    env.tests = {name: t for name, t in env.tests.items() if name in ALLOWED_TESTS}
    return env


def fill(template, context: dict) -> None:
    """Render a DocxTemplate in the sandbox (errors are the caller's to translate)."""
    template.render(context, jinja_env=environment())
