"""The ``q`` argument of an API request, checked against its JSON schema without re-checking the schema.

Flask-AppBuilder's ``@rison(schema)`` (every list, show, _info and related GET of the REST API) calls
``jsonschema.validate(instance, schema)``, which first validates the *schema* against the JSON Schema
meta-schema, on every request: that was about 40 % of the CPU of an API GET. FAB's schemas are constants
defined once, so each is checked once here and its validator kept; the answer is unchanged — the same
best-matching ``ValidationError`` (FAB's 400 quotes its first line), a ``SchemaError`` for a bad schema.
"""
from __future__ import annotations

import threading

import jsonschema
from jsonschema import exceptions, validators

_lock = threading.Lock()
# id(schema) -> (schema, validator); the schema is kept so that its id cannot be reused by another object.
_checked: dict[int, tuple[object, object]] = {}


def validate(instance, schema, cls=None, *args, **kwargs) -> None:
    """jsonschema.validate, with the schema checked and its validator built once per schema object."""
    if cls is not None or args or kwargs:
        return jsonschema.validate(instance, schema, cls, *args, **kwargs)
    known = _checked.get(id(schema))
    if known is None or known[0] is not schema:
        cls = validators.validator_for(schema)
        cls.check_schema(schema)
        known = (schema, cls(schema))
        with _lock:
            _checked[id(schema)] = known
    error = exceptions.best_match(known[1].iter_errors(instance))
    if error is not None:
        raise error


class _Jsonschema:
    """What FAB's API module sees as ``jsonschema``: this module's validate, the rest jsonschema's own."""

    validate = staticmethod(validate)

    def __getattr__(self, name):
        return getattr(jsonschema, name)


def install() -> None:
    """Let FAB's @rison use the validate above (idempotent; called by create_app)."""
    import flask_appbuilder.api as fab_api

    if not isinstance(fab_api.jsonschema, _Jsonschema):
        fab_api.jsonschema = _Jsonschema()
