"""Security rules: server-side sessions, API tokens, lockout, the shared login limit, roles from app.platform.roles."""
from __future__ import annotations

from flask import current_app, flash, redirect, request, session
from flask_appbuilder.exceptions import PasswordComplexityValidationError
from flask_appbuilder.security.manager import BaseSecurityManager
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_babel import gettext
from flask_login import current_user, logout_user, user_logged_in, user_logged_out
from werkzeug.security import check_password_hash

from app.extensions import db
from app.platform import api_tokens, lockout, login_limit, login_sessions, passwords, roles, sessions
from app.platform.permission_cache import PermissionCache
from app.platform.security_api import SibikaSecurityApi
from models import Staff


def _password_owner() -> str | None:
    """Whose password a form is setting: the new user's name on the add form,
    the user picked for an admin's reset, else the logged-in user."""
    if request.form.get("username"):
        return request.form["username"]
    pk = request.args.get("pk")
    if pk and pk.isdigit():
        user = db.session.get(Staff, int(pk))
        return user.username if user else None
    return getattr(current_user, "username", None)


def password_rule(password: str) -> None:
    """FAB_PASSWORD_COMPLEXITY_VALIDATOR: every password form of FAB calls it."""
    found = passwords.problems(password, _password_owner(), current_app.config.get("PASSWORD_MIN_LENGTH", 12))
    if found:
        raise PasswordComplexityValidationError(" ".join(found))


def check_session() -> object | None:
    """before_request: a browser's session must be live on the server (app.platform.sessions):
    one that was logged out, ended elsewhere, sat idle or is unknown is logged out."""
    if request.endpoint in (None, "static", "appbuilder.static") or not current_user.is_authenticated:
        return None
    cookie_user = session.get("_user_id")  # Flask-Login's: a login by cookie
    if cookie_user is None:
        return None  # an API token (checked by app.platform.api_tokens), not a browser session
    verdict = login_sessions.check(session.get(sessions.SID_KEY), int(cookie_user))
    if verdict == sessions.VALID:
        return None
    logout_user()
    session.clear()
    if request.path.startswith("/api/"):
        return None  # the API answers 401 itself
    if verdict == sessions.IDLE:
        flash(gettext("You were logged out after a period without activity."), "warning")
    else:
        flash(gettext("Your session has ended (logged out, password changed or ended from the session list). "
                      "Please log in again."), "warning")
    return redirect(current_app.appbuilder.get_url_for_login)


def _start_browser_session(app, user, **_extra) -> None:
    """Flask-Login's user_logged_in (only the screens' login calls login_user): a new
    server-side session, its secret id in the signed cookie."""
    session.permanent = True
    session[sessions.SID_KEY] = login_sessions.open_session(user.id, sessions.WEB)


def _end_browser_session(app, user, **_extra) -> None:
    """Flask-Login's user_logged_out (/logout/ and every logout_user): the copy of the
    cookie anyone kept is dead from now on."""
    sessions.end_by_sid(db.session, session.pop(sessions.SID_KEY, None))


class SecurityRules(PermissionCache, SecurityManager):
    """The security rules (sessions, tokens, lockout, rate limit, roles); the screens
    they plug into are named by views.platform.staff_users.SibikaSecurityManager."""
    user_model = Staff
    security_api = SibikaSecurityApi

    def create_login_manager(self, app):
        lm = super().create_login_manager(app)
        lm.request_loader(self._user_from_bearer_token)
        real_app = app._get_current_object() if hasattr(app, "_get_current_object") else app  # FAB passes current_app
        user_logged_in.connect(_start_browser_session, sender=real_app, weak=False)
        user_logged_out.connect(_end_browser_session, sender=real_app, weak=False)
        return lm

    def create_jwt_manager(self, app):
        jwt_manager = super().create_jwt_manager(app)
        jwt_manager.token_in_blocklist_loader(api_tokens.is_revoked)
        return jwt_manager

    @property
    def is_auth_limited(self) -> bool:
        return False  # FAB's own limit covers /login/ only; login_limit's shared one replaces it

    def register_views(self):
        super().register_views()
        if current_app.config["AUTH_RATE_LIMITED"]:
            api_view = next(v for v in self.appbuilder.baseviews if isinstance(v, SibikaSecurityApi))
            login_limit.apply(self, api_view)

    def _user_from_bearer_token(self, request):
        """An API client (the mobile app) sends a JWT, not a session cookie: make it the
        ``current_user`` every access rule and command reads, as the browser's login is.
        Only under /api/: the screens ignore a token (a stolen one opens no page)."""
        if not request.path.startswith("/api/") or not request.headers.get("Authorization", "").startswith("Bearer "):
            return None
        from flask_jwt_extended import get_jwt_identity, verify_jwt_in_request
        from flask_jwt_extended.exceptions import JWTExtendedException
        from jwt import PyJWTError

        try:
            verify_jwt_in_request(optional=True)
            identity = get_jwt_identity()
        except (JWTExtendedException, PyJWTError):
            return None
        return self.load_user(identity) if identity is not None else None

    @staticmethod
    def create_builtin_roles():
        return roles.ROLE_PERMISSIONS

    @property
    def auth_rate_limit(self):
        # A callable, so the limit is read per request (tests lower it; an operator may change it).
        return lambda: current_app.config["AUTH_RATE_LIMIT"]

    def auth_user_db(self, username, password):
        user = self.find_user(username=username) if username else None
        if user is not None and lockout.is_locked(user):
            # Same work and the same answer (lockout.FAILED_LOGIN) as an unknown user name,
            # so neither the time nor the message tells that the name exists.
            check_password_hash(current_app.config["AUTH_DB_FAKE_PASSWORD_HASH_CHECK"], "password")
            return None
        return super().auth_user_db(username, password)

    def update_user_auth_stat(self, user, success=True):
        if success:
            lockout.record_success(user)
            super().update_user_auth_stat(user, True)
            return
        cfg = current_app.config
        if lockout.record_failure(db.session, user.id, cfg["LOGIN_MAX_FAILURES"], cfg["LOGIN_LOCKOUT_MINUTES"]):
            # Someone is guessing the password: whatever they may already hold (a cookie, a token) ends too.
            sessions.end_all(db.session, user.id)
        self.on_user_login_failed(user)

    def reset_password(self, userid, password):
        # A new password ends every session of the user, this one included when it is their own.
        super().reset_password(userid, password)
        sessions.end_all(db.session, int(userid))

    def sync(self) -> None:
        """Write roles and permissions for every registered view (FAB_CREATE_DB is
        off because the schema comes from migrations, so this runs from the CLI)."""
        BaseSecurityManager.create_db(self)
        self.appbuilder.add_permissions(update_perms=True)
