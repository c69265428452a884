"""REST: the litmas narrative of a client — GET and PUT /api/v1/litmas/<client_id>, POST .../issue.

The same commands as the screen (app.litmas.commands): a client outside the caseload answers 404,
a refusal 422 with the screen's messages, a save from an older version 409."""
from __future__ import annotations

from datetime import date

from flask import current_app, request
from flask_appbuilder.api import BaseApi, expose, protect, safe
from flask_babel import gettext as _

from app import access
from app.errors import DomainError, Invalid
from app.extensions import db
from app.litmas import commands, parts
from app.platform import locking, roles
from views.api_base import command_answer, not_json

RESPONSES = """
          responses:
            200:
              description: {what}
            400:
              $ref: '#/components/responses/400'
            401:
              $ref: '#/components/responses/401'
            403:
              $ref: '#/components/responses/403'
            404:
              $ref: '#/components/responses/404'
            409:
              description: The litmas was saved by someone else after this version
            415:
              description: The body is not JSON
            422:
              $ref: '#/components/responses/422'
"""


def _shown(narrative) -> dict:
    values = {code: getattr(narrative, code, None) for code in parts.CODES}
    return {"parts": values, "empty": [p.code for p in parts.empty_parts(values)],
            "locked": bool(narrative is not None and narrative.document_id),
            "document_id": narrative.document_id if narrative is not None else None,
            "version": narrative.version if narrative is not None else None}


def _payload() -> tuple[dict, object]:
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise DomainError(_("Send an object whose values are text."))
    version = payload.pop(locking.JSON_FIELD, None)
    unknown = sorted(key for key in payload if key not in parts.CODES)
    wrong = sorted(key for key, value in payload.items() if value is not None and not isinstance(value, str))
    if unknown or wrong:
        raise Invalid({**{key: [_("Not a part of the litmas.")] for key in unknown},
                       **{key: [_("Send text.")] for key in wrong}})
    return payload, version


class LitmasApi(BaseApi):
    resource_name = "litmas"
    class_permission_name = roles.DOCUMENT
    method_permission_name = {"read": "read", "save": "write", "issue": "write"}
    base_permissions = ["can_read", "can_write"]  # as the document screens of the same permission name
    allow_browser_login = True

    def _answer(self, action):
        return command_answer(self, action)

    @expose("/<int:client_id>", methods=["GET"])
    @protect()
    @safe
    def read(self, client_id: int):
        """The PK's parts of a client's final-stage litmas, which are empty, whether it is locked
        ---
        get:
          summary: Read the litmas narrative
          parameters:
          - in: path
            schema:
              type: integer
            name: client_id
        """
        return self._answer(lambda: _shown(commands.open_litmas(db.session, client_id, access.principal())[1]))

    @expose("/<int:client_id>", methods=["PUT"])
    @protect()
    @safe
    def save(self, client_id: int):
        """Save a draft of the litmas narrative (only the parts sent change)
        ---
        put:
          summary: Save a draft of the litmas narrative
          parameters:
          - in: path
            schema:
              type: integer
            name: client_id
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties:
                    type: string
                    nullable: true
        """
        refused = not_json(self)
        if refused is not None:
            return refused

        def action():
            values, version = _payload()
            return _shown(commands.save_draft(db.session, client_id, values, access.principal(), version=version))

        return self._answer(action)

    @expose("/<int:client_id>/issue", methods=["POST"])
    @protect()
    @safe
    def issue(self, client_id: int):
        """Issue the litmas (refused while a part is empty; locks the narrative)
        ---
        post:
          summary: Issue the final-stage litmas
          parameters:
          - in: path
            schema:
              type: integer
            name: client_id
        """
        refused = not_json(self, body_required=False)
        if refused is not None:
            return refused

        def action():
            document = commands.issue(db.session, client_id, access.principal(), current_app.config["UPLOAD_DIR"],
                                      request.host_url.rstrip("/") + "/verifikasi/", date.today())
            return {"id": document.id, "letter_number": document.letter_number}

        return self._answer(action)


for _method, _what in ((LitmasApi.read, "The narrative"), (LitmasApi.save, "The narrative as saved"),
                       (LitmasApi.issue, "The issued document's id and number")):
    _method.__doc__ += RESPONSES.format(what=_what)
