"""API tokens belong to a login session (app.platform.sessions) as a browser's cookie does.

The API login opens a session of kind "api" and writes its secret id into every
token of that login (claim ``sid``); a refreshed access token carries the same id.
Every request with a token checks that session, so a logout everywhere, a password
change, a lockout or a deactivation ends the tokens at once, and a refresh token
cannot outlive the session's absolute lifetime (SIBIKA_SESSION_HOURS)."""
from __future__ import annotations

from flask import request
from flask_jwt_extended import create_access_token, create_refresh_token, get_jwt, get_jwt_identity

from app.extensions import db
from app.platform import lockout, login_sessions, sessions
from models import Staff

SID_CLAIM = "sid"
# The verdict per token within one request (FAB and our loader both verify it).
_CHECKED_KEY = "sibika.checked_tokens"


def issue(user: Staff, with_refresh: bool) -> dict[str, str]:
    sid = login_sessions.open_session(user.id, sessions.API)
    claims = {SID_CLAIM: sid}
    tokens = {"access_token": create_access_token(identity=str(user.id), fresh=True, additional_claims=claims)}
    if with_refresh:
        tokens["refresh_token"] = create_refresh_token(identity=str(user.id), additional_claims=claims)
    return tokens


def refreshed_access_token() -> str:
    """A new access token from the refresh token of the request, in the same session."""
    return create_access_token(identity=get_jwt_identity(), fresh=False,
                               additional_claims={SID_CLAIM: get_jwt()[SID_CLAIM]})


def is_revoked(_header: dict, payload: dict) -> bool:
    """flask-jwt-extended's token_in_blocklist_loader: called for every token verified."""
    checked = request.environ.setdefault(_CHECKED_KEY, {})
    key = payload.get("jti")
    if key not in checked:
        checked[key] = not _session_live(payload)
    return checked[key]


def _session_live(payload: dict) -> bool:
    try:
        user_id = int(payload["sub"])
    except (KeyError, TypeError, ValueError):
        return False
    if login_sessions.check(payload.get(SID_CLAIM), user_id) != sessions.VALID:
        return False
    user = db.session.get(Staff, user_id)
    return user is not None and user.is_active and not lockout.is_locked(user)
