"""app.platform.api_validation: FAB's @rison checks a request's ``q`` against its schema as
jsonschema.validate does (same errors, same 400), but checks the schema itself only once."""
from __future__ import annotations

from unittest import mock

import jsonschema
import pytest
from flask_appbuilder.api import get_info_schema, get_item_schema, get_list_schema
from jsonschema import validators

from app.platform import api_validation

INSTANCES = [
    {}, {"page": 0, "page_size": 25}, {"page": "x"}, {"page_size": -1.5}, {"order_column": 3},
    {"filters": [{"col": "full_name", "opr": "ct", "value": "Budi"}]}, {"filters": [{"col": 1}]},
    {"columns": ["id", 2]}, {"keys": ["list_columns"]}, {"keys": ["nonsense"]}, [], "text",
]


def _outcome(validate, instance, schema):
    try:
        validate(instance, schema)
    except jsonschema.ValidationError as error:
        return str(error)
    return None


@pytest.mark.parametrize("schema", [get_list_schema, get_item_schema, get_info_schema])
def test_the_answer_is_jsonschemas_own(schema):
    for instance in INSTANCES:
        assert _outcome(api_validation.validate, instance, schema) == _outcome(jsonschema.validate, instance, schema)
    assert any(_outcome(api_validation.validate, i, schema) for i in INSTANCES)  # some really are refused


def test_a_schema_is_checked_once_and_a_bad_schema_is_still_refused():
    schema = {"type": "object", "properties": {"page": {"type": "integer"}}}
    cls = validators.validator_for(schema)
    with mock.patch.object(cls, "check_schema", wraps=cls.check_schema) as check:
        for page in (1, 2, "x", 3):
            _outcome(api_validation.validate, {"page": page}, schema)
    assert check.call_count == 1
    for _ in range(2):
        with pytest.raises(jsonschema.SchemaError):
            api_validation.validate({}, {"type": "no-such-type"})


def test_fab_uses_it_and_a_bad_q_is_still_a_400(as_user):
    import flask_appbuilder.api as fab_api

    assert fab_api.jsonschema.validate is api_validation.validate
    browser = as_user("kepala")
    bad = browser.api("GET", "/api/v1/client/?q=(page:x)")
    assert bad.status_code == 400
    assert bad.json["message"] == "Not a valid rison schema 'x' is not of type 'integer'"
    assert browser.api("GET", "/api/v1/client/?q=(page:0,page_size:5)").status_code == 200
    assert browser.api("GET", "/api/v1/client/_info?q=(keys:!(nonsense))").status_code == 400
