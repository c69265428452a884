"""REST twin of the returning-client screens: GET /api/v1/returning/<client_id>/matches, POST
.../<client_id>/link, GET .../<client_id>/earlier, POST .../link/<link_id>/grant and .../revoke.

The same commands and queries as the screens (app.clients.returning): a client outside the user's view answers
404, a refusal 422 (403 for a grant by anyone but the earlier office's Kepala Bapas) with their messages."""
from __future__ import annotations

from flask import request
from flask_appbuilder.api import BaseApi, expose, protect, safe
from flask_babel import gettext as _

from app import access
from app.clients.returning import candidates, commands, queries
from app.extensions import db
from app.platform import roles
from views.api_base import command_answer, documented, not_json

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
            415:
              description: The body is not JSON
            422:
              $ref: '#/components/responses/422'
"""


def _doc(summary: str, method: str, arg: str, what: str, body: bool = False) -> str:
    request_body = """
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  properties:
                    earlier_client_id:
                      type: integer""" if body else ""
    return f"""{summary}
        ---
        {method}:
          summary: {summary}
          parameters:
          - in: path
            schema:
              type: integer
            name: {arg}{request_body}{RESPONSES.format(what=what)}"""


def _candidate(c: candidates.Candidate) -> dict:
    return {"client_id": c.client_id, "office": c.office_name, "registration_number": c.registration_number,
            "birth_year": c.birth_year, "initials": c.initials, "start_year": candidates.years(c)[0], "end_year": candidates.years(c)[1],
            "status": c.status, "score": c.match.score, "reasons": list(c.match.reasons), "linked": c.linked}


def _summary(s: queries.Summary) -> dict:
    return {"client_id": s.client_id, "office": s.office_name, "registration_number": s.registration_number,
            "start": s.start.isoformat() if s.start else None, "expiry": s.expiry.isoformat() if s.expiry else None,
            "status": s.status, "end_reason": s.end_reason,
            "end_date": s.end_date.isoformat() if s.end_date else None, "classification": s.classification,
            "opens": s.opens}


def _grant(g) -> dict:
    return {"id": g.id, "link_id": g.link_id, "granted_at": g.granted_at.isoformat(),
            "revoked_at": g.revoked_at.isoformat() if g.revoked_at else None}


class ReturningApi(BaseApi):
    resource_name = "returning"
    class_permission_name = roles.CLIENT
    method_permission_name = {"matches": "write", "earlier": "read", "link": "write", "grant": "write",
                              "revoke": "write"}
    base_permissions = ["can_read", "can_write", "can_delete"]  # as the client screens of the same name
    allow_browser_login = True

    def _answer(self, action, commit: bool = False):
        return command_answer(self, action, commit=commit)

    @expose("/<int:client_id>/matches", methods=["GET"])
    @protect()
    @safe
    @documented(_doc("Possible earlier registrations of a client (no contents of their files)", "get",
                     "client_id", "The possible matches, best first"))
    def matches(self, client_id: int):
        return self._answer(lambda: [_candidate(c) for c in candidates.match_list(
            db.session, access.get_client(db.session, client_id))])


    @expose("/<int:client_id>/earlier", methods=["GET"])
    @protect()
    @safe
    @documented(_doc("The earlier supervisions' summary of a client", "get", "client_id",
                     "Period, how it ended and the final classification of each earlier supervision"))
    def earlier(self, client_id: int):
        who = access.principal()
        return self._answer(lambda: [_summary(s) for s in queries.summaries(
            db.session, access.get_client(db.session, client_id, who), who)])


    @expose("/<int:client_id>/link", methods=["POST"])
    @protect()
    @safe
    @documented(_doc("Link a client to its earlier registration (one of its possible matches)", "post",
                     "client_id", "The link", body=True))
    def link(self, client_id: int):
        refused = not_json(self)
        if refused is not None:
            return refused
        payload = request.get_json(silent=True)
        if not isinstance(payload, dict):
            return self.response_400(message=_("Send an object whose values are text."))

        def action():
            made = commands.link(db.session, client_id, payload.get("earlier_client_id"), access.principal())
            return {"id": made.id, "earlier_client_id": made.earlier_client_id, "matched_on": made.matched_on,
                    "score": made.score}

        return self._answer(action, commit=True)


    def _step(self, link_id: int, step):
        refused = not_json(self, body_required=False)
        if refused is not None:
            return refused
        return self._answer(lambda: _grant(step(db.session, link_id, access.principal())), commit=True)

    @expose("/link/<int:link_id>/grant", methods=["POST"])
    @protect()
    @safe
    @documented(_doc("Open the earlier file to the new supervisors (its office's Kepala Bapas)", "post",
                     "link_id", "The grant"))
    def grant(self, link_id: int):
        return self._step(link_id, commands.grant)


    @expose("/link/<int:link_id>/revoke", methods=["POST"])
    @protect()
    @safe
    @documented(_doc("Withdraw the earlier file from the new supervisors", "post", "link_id", "The grant"))
    def revoke(self, link_id: int):
        return self._step(link_id, commands.revoke)

