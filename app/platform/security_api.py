"""FAB's JWT login and refresh, bound to a login session (app.platform.api_tokens) and refusing
a login with the same answer as the screens (app.platform.lockout.FAILED_LOGIN)."""
from __future__ import annotations

from flask import Response, request
from flask_appbuilder.api import safe
from flask_appbuilder.const import API_SECURITY_PROVIDER_DB
from flask_appbuilder.security.api import SecurityApi
from flask_appbuilder.security.schemas import login_post
from flask_appbuilder.views import expose
from flask_jwt_extended import jwt_required
from marshmallow import ValidationError

from app.platform import api_tokens, lockout


class SibikaSecurityApi(SecurityApi):
    def create_blueprint(self, appbuilder, endpoint=None, static_folder=None):
        # FAB's endpoint names (SecurityApi.login, SecurityApi.refresh) stay as they were.
        return super().create_blueprint(appbuilder, endpoint or "SecurityApi", static_folder)

    @expose("/login", methods=["POST"])
    @safe
    def login(self) -> Response:
        """Log in; the tokens belong to a new session that ends like a browser's
        ---
        post:
          description: >-
            Authenticate and get a JWT access token (15 minutes) and optionally a refresh token
            (no longer than a session lives). Limited per address together with the screens' login.
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  properties:
                    username:
                      type: string
                    password:
                      type: string
                    provider:
                      type: string
                      enum:
                      - db
                    refresh:
                      type: boolean
          responses:
            200:
              description: Authentication Successful
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      access_token:
                        type: string
                      refresh_token:
                        type: string
            400:
              $ref: '#/components/responses/400'
            401:
              $ref: '#/components/responses/401'
            429:
              description: Too many login attempts from this address
            500:
              $ref: '#/components/responses/500'
        """
        if not request.is_json:
            return self.response_400(message="Request payload is not JSON")
        try:
            payload = login_post.load(request.json)
        except ValidationError as error:
            return self.response_400(message=error.messages)
        user = None
        if payload["provider"] == API_SECURITY_PROVIDER_DB:
            # Counts failures and refuses a locked account exactly as the screens' login does.
            user = self.appbuilder.sm.auth_user_db(payload["username"], payload["password"])
        if not user:
            return self.response(401, message=str(lockout.FAILED_LOGIN))
        return self.response(200, **api_tokens.issue(user, bool(payload.get("refresh"))))

    @expose("/refresh", methods=["POST"])
    @jwt_required(refresh=True)
    @safe
    def refresh(self) -> Response:
        """A new access token in the same session, while that session lives
        ---
        post:
          description: >-
            Use the refresh token to get a new JWT access token
          responses:
            200:
              description: Refresh Successful
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      access_token:
                        type: string
            401:
              $ref: '#/components/responses/401'
            500:
              $ref: '#/components/responses/500'
          security:
            - jwt_refresh: []
        """
        return self.response(200, access_token=api_tokens.refreshed_access_token())
