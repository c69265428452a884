"""The base of every SIBIKA REST resource (``/api/v1/...``).

FAB's ModelRestApi is close to what SIBIKA needs but leaves holes this class
closes once for all resources: fields that may not be written are refused (not
ignored), coded values are checked against their code lists, domain rules
answer 422 with the same translated text as the screens, a hook refusal
(``DomainError`` from ``pre_add``/``pre_update``/``pre_delete``) never becomes a
500, ids that cannot exist answer 404 before the database sees them (PostgreSQL
refuses integers past 32 bits with an error), and the related-choice lists of
``_info`` / ``related`` are scoped even when a resource forgets to say so.
"""
from __future__ import annotations

from flask import request
from flask_appbuilder import ModelRestApi
from flask_appbuilder.exceptions import DatabaseException
from flask_babel import get_timezone
from flask_babel import lazy_gettext as _
from marshmallow import ValidationError
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError

from app import access
from app.errors import DatabaseUnavailable, DomainError, Invalid
from app.extensions import db
from app.platform import locking, roles
from app.platform.ui_dates import reader_language

MAX_ID = access.MAX_ID  # the largest value of an INTEGER primary key on PostgreSQL
NOT_SAVED = _("The record could not be saved; nothing was changed.")
NOT_WRITABLE = _("This field cannot be written.")
SEND_JSON = _("Send the data as JSON.")


def valid_id(pk) -> int | None:
    """``pk`` as an id a row could have, else None."""
    try:
        value = int(pk)
    except (TypeError, ValueError):
        return None
    return value if 0 < value <= MAX_ID else None


def _relation(model, column: str):
    prop = getattr(getattr(model, column, None), "property", None)
    return prop if getattr(prop, "mapper", None) is not None else None


def _relation_target(model, column: str):
    prop = _relation(model, column)
    return prop.mapper.class_.__name__ if prop is not None else None


def _is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# What a relation column offers in ``_info`` / ``related`` when a resource does not
# say: never every client, staff member, programme or partner of every office.
DEFAULT_RELATION_SCOPES = {
    "Client": access.ClientScope, "Staff": access.OfficeScope, "Partner": access.OfficeScope,
    "Office": access.OwnOfficeScope, "Programme": access.SupervisedLinkedScope,
    "ProgrammeItem": access.SupervisedLinkedScope, "Assessment": access.SupervisedLinkedScope,
}


def not_json(api, body_required: bool = True):
    """The one guard of every API write: None when the request may go on, else 415.

    A body that is not JSON is refused whatever it holds, never read as ``{}``: a form
    or text post is what a cross-site HTML form can send without a CORS preflight.
    A command that takes no data may come with no body at all (no content type)."""
    if request.is_json:
        return None
    if not body_required and not request.mimetype and not request.content_length and not request.stream.read(1):
        return None
    return api.response(415, message=str(SEND_JSON))


def command_answer(api, action, present=lambda result: result, commit: bool = True, fields: bool = False):
    """The answer of an API call that runs one command: ``present(result)`` as 200 (after the commit), or the
    refusal's status with its translated messages and nothing kept. ``fields``: a refusal naming its fields
    (``Invalid``) answers ``{field: [messages]}`` instead of the list of messages."""
    try:
        result = action()
        if commit:
            db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        message = exc.problems if fields and isinstance(exc, Invalid) else exc.messages
        return api.response(exc.status_code, message=message)
    return api.response(200, result=present(result))


def json_body(api, schema):
    """(data, None) with the request's JSON body loaded by ``schema``, or (None, the answer): 415 for a
    body that is not JSON, 400 for JSON that is not an object, 422 with the schema's messages."""
    refused = not_json(api)
    if refused is not None:
        return None, refused
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return None, api.response_400(message=str(SEND_JSON))
    try:
        return schema.load(payload), None
    except ValidationError as err:
        return None, api.response_422(message=err.messages)


class SibikaApi(ModelRestApi):
    method_permission_name = roles.METHOD_PERMISSIONS
    allow_browser_login = True
    # column -> {code: label}: a written value must be one of the codes.
    choice_columns: dict[str, dict] = {}

    def __init__(self):
        super().__init__()
        # After FAB filled in the columns it defaults (edit_columns of a resource
        # without PUT are still listed by ``_info``).
        for attr, columns in (("add_query_rel_fields", self.add_columns), ("edit_query_rel_fields", self.edit_columns)):
            scoped = dict(getattr(self, attr) or {})
            for column in columns or []:
                scope = DEFAULT_RELATION_SCOPES.get(_relation_target(self.datamodel.obj, column))
                if scope is not None and column not in scoped:
                    scoped[column] = access.base_filter(scope)
            setattr(self, attr, scoped)

    def _init_properties(self):
        super()._init_properties()
        # A client reads the version with the record and sends it back with its PUT.
        if locking.is_versioned(self.datamodel.obj) and "version" not in self.show_columns:
            self.show_columns = [*self.show_columns, "version"]

    # -- rules -------------------------------------------------------------

    def _stale(self, item, payload: dict):
        """409 when the PUT starts from an older version (JSON "version" or If-Match); None when current."""
        claimed = payload.pop(locking.JSON_FIELD, None)
        if claimed is None:
            claimed = request.headers.get("If-Match")
        try:
            locking.check(db.session, item, claimed, reader_language(), get_timezone())
        except locking.StaleEdit as exc:
            return self.response(409, message=exc.messages[0])
        except DomainError as exc:
            return self.response_422(message={locking.JSON_FIELD: exc.messages})
        return None

    def item_problems(self, item, pk=None) -> dict[str, list[str]]:
        """Domain rules for an item about to be saved, as ``{field: [messages]}``;
        override per resource by asking the command's check (which may also raise)."""
        return {}

    def _unknown_fields(self, payload, allowed) -> dict | None:
        """Fields that cannot be written here (status, ids, ...) are refused, not ignored."""
        extra = sorted(set(payload) - set(allowed or [])) if isinstance(payload, dict) else []
        if extra:
            return {name: [str(NOT_WRITABLE)] for name in extra}
        return None

    def _choice_problems(self, payload) -> dict[str, list[str]]:
        out = {}
        for column, mapping in self.choice_columns.items():
            value = payload.get(column) if isinstance(payload, dict) else None
            if value is not None and (not isinstance(value, str) or value not in mapping):
                out[column] = [str(_("Choose one of: %(codes)s.", codes=", ".join(mapping)))]
        return out

    def _relation_problems(self, payload) -> dict[str, list[str]]:
        """A related record is named by its id and nothing else: marshmallow-sqlalchemy
        would build a new row from an object and fail on other shapes."""
        out = {}
        for column, value in payload.items():
            prop = _relation(self.datamodel.obj, column)
            if prop is None or value is None:
                continue
            values = value if prop.uselist and isinstance(value, list) else [value]
            if not all(_is_id(v) for v in values):
                out[column] = [str(_("Give the id of the record (a whole number)."))]
            elif not all(0 < v <= MAX_ID for v in values):
                out[column] = [str(_("No such record."))]
        return out

    def _refuse(self, item, pk=None):
        # The loaded item already carries the new values: no query may flush them
        # before the rules have compared them with what is stored.
        try:
            with db.session.no_autoflush:
                problems = self.item_problems(item, pk)
        except Invalid as exc:
            problems = exc.problems
        except DomainError as exc:
            db.session.rollback()
            return self.response(exc.status_code, message=exc.messages)
        if problems:
            db.session.rollback()
            return self.response_422(message=problems)
        return None

    def _load(self, schema, payload, **kwargs):
        """(item, None) or (None, a 4xx response); nothing is left in the session on refusal."""
        if not isinstance(payload, dict):
            return None, self.response_400(message=str(SEND_JSON))
        problems = (self._unknown_fields(payload, schema.fields) or self._relation_problems(payload)
                    or self._choice_problems(payload))
        if problems:
            return None, self.response_422(message=problems)
        try:
            return schema.load(payload, **kwargs), None
        except ValidationError as err:
            db.session.rollback()
            return None, self.response_422(message=err.messages)
        except SQLAlchemyError:  # e.g. a related id PostgreSQL cannot even compare
            db.session.rollback()
            return None, self.response_422(message=str(NOT_SAVED))

    def _save(self, hook, store, item, status, after):
        try:
            hook(item)
            store(item)
        except DomainError as exc:
            db.session.rollback()
            return self.response(exc.status_code, message=exc.messages)
        except (DatabaseException, SQLAlchemyError) as exc:
            db.session.rollback()
            if isinstance(exc.__cause__ or exc, StaleDataError):
                # Another save committed between our read and our UPDATE.
                current = self.datamodel.get(item.id, self._base_filters)
                return self.response(409, message=locking.stale_message(db.session, current, reader_language(),
                                                                        get_timezone()))
            if isinstance(exc.__cause__ or exc, OperationalError):  # the database stopped answering
                response = self.response(503, message=str(DatabaseUnavailable()))
                response.headers["Retry-After"] = "5"
                return response
            return self.response_422(message=str(NOT_SAVED))
        after(item)
        return self.response(status, result=self.show_model_schema.dump(item), id=item.id)

    # -- FAB's handlers, scoped and refusing cleanly ---------------------------

    def scoped(self, pk):
        """The item through the resource's base filters, or None."""
        pk = valid_id(pk)
        return self.datamodel.get(pk, self._base_filters) if pk is not None else None

    def get_headless(self, pk, **kwargs):
        if valid_id(pk) is None:
            return self.response_404()
        return super().get_headless(pk, **kwargs)

    def post_headless(self):
        refused = not_json(self)
        if refused is not None:
            return refused
        item, refused = self._load(self.add_model_schema, request.get_json(silent=True))
        if refused is not None:
            return refused
        refused = self._refuse(item)
        if refused is not None:
            return refused
        return self._save(self.pre_add, self.datamodel.add, item, 201, self.post_add)

    def put_headless(self, pk):
        item = self.scoped(pk)
        if item is None:
            return self.response_404()
        refused = not_json(self)
        if refused is not None:
            return refused
        payload = request.get_json(silent=True)
        if isinstance(payload, dict) and locking.is_versioned(self.datamodel.obj):
            payload = dict(payload)
            stale = self._stale(item, payload)
            if stale is not None:
                return stale
        if isinstance(payload, dict) and not self._unknown_fields(payload, self.edit_columns):
            payload = self._merge_update_item(item, payload)
        item, refused = self._load(self.edit_model_schema, payload, instance=item)
        if refused is not None:
            return refused
        refused = self._refuse(item, pk)
        if refused is not None:
            return refused
        return self._save(self.pre_update, self.datamodel.edit, item, 200, self.post_update)

    def delete_headless(self, pk):
        item = self.scoped(pk)
        if item is None:
            return self.response_404()
        try:
            self.pre_delete(item)
            self.datamodel.delete(item)
        except DomainError as exc:
            db.session.rollback()
            return self.response(exc.status_code, message=exc.messages)
        except (DatabaseException, SQLAlchemyError):
            db.session.rollback()
            return self.response_422(message=str(_("The record is still referred to; nothing was deleted.")))
        self.post_delete(item)
        return self.response(200, message="OK")

    # -- commands on one record (submit, finalise, decide, ...) ----------------

    def command(self, pk, action, schema=None):
        """Run ``action(item[, data])`` on the scoped item and commit; answer with the
        record the command returns (or the item) as shown by this resource."""
        refused = not_json(self, body_required=schema is not None)
        if refused is not None:
            return refused
        item = self.scoped(pk)
        if item is None:
            return self.response_404()
        data = None
        if schema is not None:
            payload = request.get_json(silent=True) if request.is_json else None
            if not isinstance(payload, dict):
                return self.response_400(message=str(SEND_JSON))
            try:
                data = schema.load(payload)
            except ValidationError as err:
                return self.response_422(message=err.messages)
        try:
            result = action(item, data) if schema is not None else action(item)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            return self.response(exc.status_code, message=exc.messages)
        target = result if isinstance(result, self.datamodel.obj) else item
        return self.response(200, id=target.id, result=self.show_model_schema.dump(target))


_COMMAND_RESPONSES = """
          responses:
            200:
              description: The record after the command
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      id:
                        type: integer
                      result:
                        type: object
            400:
              $ref: '#/components/responses/400'
            415:
              description: The body is not JSON
            401:
              $ref: '#/components/responses/401'
            403:
              $ref: '#/components/responses/403'
            404:
              $ref: '#/components/responses/404'
            422:
              $ref: '#/components/responses/422'
"""


def command_doc(summary: str, body: str | None = None, id_name: str = "pk", steps: tuple[str, ...] = ()) -> str:
    """The OpenAPI YAML docstring of a POST command on one record (``steps``: the
    values of a second path argument ``name``)."""
    step_param = f"""
          - in: path
            schema:
              type: string
              enum: [{", ".join(steps)}]
            name: name""" if steps else ""
    request_body = f"""
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  $ref: '#/components/schemas/{body}'""" if body else ""
    return f"""{summary}
        ---
        post:
          summary: {summary}
          parameters:
          - in: path
            schema:
              type: integer
            name: {id_name}{step_param}{request_body}{_COMMAND_RESPONSES}"""


def documented(doc: str):
    def wrap(func):
        func.__doc__ = doc
        return func
    return wrap


def record_or_none(model, record_id):
    """One record through ``access.get`` for a custom API route; None answers 404."""
    try:
        return access.get(db.session, model, record_id)
    except DomainError:
        return None
