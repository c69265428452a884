"""Security manager: FAB's user extended with staff fields, roles from app.roles."""
from __future__ import annotations

from flask_appbuilder.actions import action
from flask_appbuilder.exceptions import PasswordComplexityValidationError
from flask_appbuilder.security.manager import BaseSecurityManager
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_appbuilder import expose
from flask_appbuilder.security.decorators import has_access
from flask_appbuilder.security.views import AuthDBView, UserDBModelView
from flask import abort, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext, lazy_gettext as _
from flask_login import current_user, logout_user, user_logged_in, user_logged_out
from sqlalchemy import select
from werkzeug.security import check_password_hash
from wtforms.validators import Optional, ValidationError

from app import api_tokens, lockout, login_limit, login_sessions, passwords, roles, sessions
from app.security_api import SibikaSecurityApi
from app.extensions import db
from app.identity import is_valid_nip, normalise_digits
from models import Staff
from views.base import plain_value

STAFF_FIELDS = ["nip", "jabatan", "pangkat", "office"]
STAFF_LABELS = {
    "nip": _("NIP"),
    "jabatan": _("Position (jabatan)"),
    "pangkat": _("Rank (pangkat/golongan)"),
    "office": _("Office"),
}


def _nip_rule(form, field):
    nip = normalise_digits(field.data)
    if nip is None:
        field.data = None
        return
    if not is_valid_nip(nip):
        raise ValidationError(gettext("A NIP has exactly 18 digits."))
    query = select(Staff.id).where(Staff.nip == nip)
    editing = (request.view_args or {}).get("pk")
    if editing is not None:
        query = query.where(Staff.id != int(editing))
    if db.session.scalar(query) is not None:
        raise ValidationError(gettext("NIP %(nip)s belongs to another user.", nip=nip))
    field.data = nip


class StaffUserView(UserDBModelView):
    label_columns = {**UserDBModelView.label_columns, **STAFF_LABELS}
    list_columns = ["first_name", "last_name", "username", "nip", "office", "roles", "active"]
    show_fieldsets = [
        (_("User info"), {"fields": ["username", "active", "roles", "login_count"]}),
        (_("Personal Info"), {"fields": ["first_name", "last_name", "email", *STAFF_FIELDS], "expanded": True}),
    ]
    user_show_fieldsets = [
        (_("User info"), {"fields": ["username", "active", "roles", "login_count"]}),
        (_("Personal Info"), {"fields": ["first_name", "last_name", "email", *STAFF_FIELDS], "expanded": True}),
    ]
    add_columns = [*UserDBModelView.add_columns[:6], *STAFF_FIELDS, "password", "conf_password"]
    edit_columns = ["first_name", "last_name", "username", "active", "email", "roles", *STAFF_FIELDS]
    validators_columns = {"nip": [Optional(), _nip_rule]}
    formatters_columns = {c: plain_value for c in ["active", "email", "last_login", *STAFF_FIELDS]}
    show_template = "staff_user_show.html"

    @action("end_sessions", _("Log out everywhere"), _("End every session of the selected users?"),
            "fa-sign-out", single=True)
    def end_sessions(self, items):
        for user in items if isinstance(items, list) else [items]:
            sessions.end_all(db.session, user.id)
            lockout.unlock(db.session, user.id)
        flash(gettext("Their sessions have ended; they must log in again."), "info")
        return redirect(self.get_redirect())

    def post_update(self, item):
        # A deactivated account keeps no session: none comes back if it is activated again.
        if not item.active:
            sessions.end_all(db.session, item.id)

    @expose("/show/<pk>", methods=["GET"])
    @has_access
    def show(self, pk):
        """FAB's user page, with the user's live sessions for the Admin to end."""
        item = self.datamodel.get(pk, self._base_filters)
        if not item:
            abort(404)
        widgets = self._get_show_widget(pk, item, actions={"resetpasswords": self.actions.get("resetpasswords")})
        self.update_redirect()
        return self.render_template(self.show_template, pk=pk, title=self.show_title, widgets=widgets,
                                    appbuilder=self.appbuilder, related_views=self._related_views,
                                    login_sessions=login_sessions.active(item.id),
                                    end_session_url=lambda row: url_for(".end_session", session_id=row.id))

    @expose("/sesi/<int:session_id>/akhiri", methods=["POST"])
    @has_access
    def end_session(self, session_id: int):
        """The Admin ends one session of a user."""
        ended = sessions.end(db.session, session_id)
        if ended is None:
            abort(404)
        flash(gettext("The session has ended."), "info")
        return redirect(url_for(".show", pk=ended.user_id))


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
    """before_request: a browser's session must be live on the server (app.sessions):
    one that was logged out, ended elsewhere, sat idle or is unknown is logged out."""
    if request.endpoint in (None, "static", "appbuilder.static") or not current_user.is_authenticated:
        return None
    cookie_user = session.get("_user_id")  # Flask-Login's: a login by cookie
    if cookie_user is None:
        return None  # an API token (checked by app.api_tokens), not a browser session
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


class SibikaAuthDBView(AuthDBView):
    invalid_login_message = lockout.FAILED_LOGIN


class SibikaSecurityManager(SecurityManager):
    user_model = Staff
    userdbmodelview = StaffUserView
    authdbview = SibikaAuthDBView
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
