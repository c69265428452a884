"""REST: POST /api/v1/lifecycle/<client_id>/<transition> and .../<client_id>/period.

Refusals answer 422 (403 for a user who may see but not steer the client,
404 for a client outside the caseload) with the same translated messages as
the screens."""
from __future__ import annotations

from datetime import date

from flask import request
from flask_appbuilder.api import BaseApi, expose, protect, safe
from flask_babel import gettext as _

from app import access
from app.errors import DomainError
from app.extensions import db
from app.platform import roles
from app.supervision.lifecycle.commands import TransitionInput
from app.supervision.lifecycle.period import PeriodChange
from app.supervision.lifecycle.period import apply as apply_period
from app.supervision.lifecycle.service import fire
from views.api_base import command_answer, not_json


def _payload() -> dict:
    """The JSON body: an object whose values are text (or null)."""
    payload = request.get_json(silent=True)
    if payload is None:
        payload = {}
    if not isinstance(payload, dict) or any(v is not None and not isinstance(v, str) for v in payload.values()):
        raise DomainError(_("Send an object whose values are text, dates as YYYY-MM-DD."))
    return payload


def _date(payload: dict, key: str) -> date | None:
    value = payload.get(key)
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DomainError(_("%(field)s is not a date (YYYY-MM-DD).", field=key)) from None


class LifecycleApi(BaseApi):
    resource_name = "lifecycle"
    class_permission_name = roles.LIFECYCLE
    method_permission_name = {"transition": "write", "period": "write"}
    # Shares its permission name with LifecycleView; declaring both keeps FAB's
    # permission sync from trying to drop the screen's can_read.
    base_permissions = ["can_read", "can_write"]
    allow_browser_login = True

    def _answer(self, action):
        # The lifecycle service commits itself (one commit per step).
        return command_answer(self, action, commit=False, present=lambda client: {
            "id": client.id, "status": client.status, "stage": client.stage,
            "stage_started_on": client.stage_started_on.isoformat() if client.stage_started_on else None})

    @expose("/<int:client_id>/<name>", methods=["POST"])
    @protect()
    @safe
    def transition(self, client_id: int, name: str):
        """Fire a stage transition of a supervision
        ---
        post:
          summary: Fire a stage transition (start, next stage, end, ...)
          parameters:
          - in: path
            schema:
              type: integer
            name: client_id
          - in: path
            schema:
              type: string
            name: name
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  additionalProperties:
                    type: string
                    nullable: true
          responses:
            200:
              description: The client's status and stage after the transition
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
        refused = not_json(self, body_required=False)
        if refused is not None:
            return refused
        who = access.principal()

        def action():
            payload = _payload()
            data = TransitionInput(on=_date(payload, "on"), reason=payload.get("reason"), by_id=who.user_id,
                                   end_reason=payload.get("end_reason"),
                                   decision_number=payload.get("decision_number"),
                                   decision_date=_date(payload, "decision_date"), notes=payload.get("notes"))
            return fire(db.session, client_id, name, data, who)

        return self._answer(action)

    @expose("/<int:client_id>/period", methods=["POST"])
    @protect()
    @safe
    def period(self, client_id: int):
        """Change the supervision period (extension, shortening)
        ---
        post:
          summary: Change the supervision period
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
          responses:
            200:
              description: The client's status and stage after the change
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
        refused = not_json(self, body_required=False)
        if refused is not None:
            return refused
        who = access.principal()

        def action():
            payload = _payload()
            change = PeriodChange(kind=payload.get("kind"), start=_date(payload, "start"),
                                  expiry=_date(payload, "expiry"), reason=payload.get("reason"), by_id=who.user_id)
            return apply_period(db.session, client_id, change, who)

        return self._answer(action)
