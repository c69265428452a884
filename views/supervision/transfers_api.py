"""REST: transfers between offices, the same commands as the screens (app.supervision.transfers.commands).

GET /api/v1/transfer/ (the office's incoming and outgoing), GET /api/v1/transfer/<id>,
POST /api/v1/transfer/propose/<client_id> {to_office_id, new_address, reason},
POST /api/v1/transfer/<id>/<step> (setujui; terima {pk_id}; tolak and batalkan {reason}).
Refusals answer 422 (403 for a user who may see the transfer but not take the step, 404 for one who may
not see it) with the same translated messages as the screens."""
from __future__ import annotations

from datetime import date

from flask import request
from flask_appbuilder.api import BaseApi, expose, protect, safe
from flask_babel import gettext as _

from app import access
from app.errors import DomainError
from app.extensions import db
from app.platform import roles
from app.supervision.transfers import commands, queries
from models import Transfer
from views.api_base import command_answer, not_json


def as_json(session, transfer: Transfer, who: access.Principal) -> dict:
    """The record every reader of the transfer sees; the address, reason and client id only for those who
    may see the client (app.supervision.transfers.queries.sees_details)."""
    out = {"id": transfer.id, "status": transfer.status, "from_office_id": transfer.from_office_id,
           "to_office_id": transfer.to_office_id, "from_registration_number": transfer.from_registration_number,
           "to_registration_number": transfer.to_registration_number,
           "proposed_on": transfer.proposed_on.isoformat(),
           "approved_on": transfer.approved_on.isoformat() if transfer.approved_on else None,
           "decided_on": transfer.decided_on.isoformat() if transfer.decided_on else None,
           "letter_number": transfer.letter_number, "handover_letter_number": transfer.handover_letter_number}
    if queries.sees_details(session, transfer, who):
        out.update(client_id=transfer.client_id, new_address=transfer.new_address, reason=transfer.reason,
                   new_pk_id=transfer.new_pk_id)
    return out


def _payload() -> dict:
    payload = request.get_json(silent=True)
    if payload is None:
        payload = {}
    if not isinstance(payload, dict):
        raise DomainError(_("Send a JSON object."))
    return payload


def _int(value):
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class TransferApi(BaseApi):
    resource_name = "transfer"
    class_permission_name = roles.TRANSFER
    method_permission_name = {"list_transfers": "read", "get_transfer": "read", "propose": "write",
                              "step": "write"}
    base_permissions = ["can_read", "can_write"]
    allow_browser_login = True

    def _answer(self, action):
        who = access.principal()
        return command_answer(self, lambda: action(who), present=lambda transfer: as_json(db.session, transfer, who),
                              fields=True)

    @expose("/", methods=["GET"])
    @protect()
    @safe
    def list_transfers(self):
        """The office's transfers
        ---
        get:
          summary: Incoming transfers waiting for this office, and those sent from it
          responses:
            200:
              description: incoming and outgoing transfers
            401:
              $ref: '#/components/responses/401'
        """
        who = access.principal()
        return self.response(200, incoming=[as_json(db.session, t, who) for t in queries.incoming(db.session, who)],
                             outgoing=[as_json(db.session, t, who) for t in queries.outgoing(db.session, who)])

    @expose("/<int:transfer_id>", methods=["GET"])
    @protect()
    @safe
    def get_transfer(self, transfer_id: int):
        """One transfer
        ---
        get:
          summary: One transfer (the record; its details for those who may see the client)
          parameters:
          - in: path
            schema:
              type: integer
            name: transfer_id
          responses:
            200:
              description: The transfer
            401:
              $ref: '#/components/responses/401'
            404:
              $ref: '#/components/responses/404'
        """
        return self._answer(lambda who: access.get(db.session, Transfer, transfer_id, who))

    @expose("/propose/<int:client_id>", methods=["POST"])
    @protect()
    @safe
    def propose(self, client_id: int):
        """Propose a transfer
        ---
        post:
          summary: Propose the transfer of a client to another office
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
                  properties:
                    to_office_id:
                      type: integer
                    new_address:
                      type: string
                    reason:
                      type: string
          responses:
            200:
              description: The transfer
            400:
              $ref: '#/components/responses/400'
            401:
              $ref: '#/components/responses/401'
            403:
              $ref: '#/components/responses/403'
            404:
              $ref: '#/components/responses/404'
            415:
              description: The body is not JSON
            422:
              $ref: '#/components/responses/422'
        """
        refused = not_json(self)
        if refused is not None:
            return refused

        def action(who):
            payload = _payload()
            data = commands.Proposal(to_office_id=_int(payload.get("to_office_id")),
                                     new_address=payload.get("new_address") if isinstance(
                                         payload.get("new_address"), str) else None,
                                     reason=payload.get("reason") if isinstance(payload.get("reason"), str) else None)
            return commands.propose(db.session, client_id, data, who, date.today())

        return self._answer(action)

    @expose("/<int:transfer_id>/<step>", methods=["POST"])
    @protect()
    @safe
    def step(self, transfer_id: int, step: str):
        """Take a step of a transfer
        ---
        post:
          summary: Approve (setujui), accept (terima, with pk_id), refuse (tolak) or withdraw (batalkan, with reason)
          parameters:
          - in: path
            schema:
              type: integer
            name: transfer_id
          - in: path
            schema:
              type: string
            name: step
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  properties:
                    pk_id:
                      type: integer
                    reason:
                      type: string
          responses:
            200:
              description: The transfer
            400:
              $ref: '#/components/responses/400'
            401:
              $ref: '#/components/responses/401'
            403:
              $ref: '#/components/responses/403'
            404:
              $ref: '#/components/responses/404'
            415:
              description: The body is not JSON
            422:
              $ref: '#/components/responses/422'
        """
        refused = not_json(self, body_required=False)
        if refused is not None:
            return refused
        command = commands.STEP_COMMANDS.get(step)
        if command is None:
            return self.response_404()

        def action(who):
            payload, today = _payload(), date.today()
            if step == "terima":
                return command(db.session, transfer_id, _int(payload.get("pk_id")), who, today)
            if step in ("tolak", "batalkan"):
                reason = payload.get("reason")
                return command(db.session, transfer_id, reason if isinstance(reason, str) else None, who, today)
            return command(db.session, transfer_id, who, today)

        return self._answer(action)
