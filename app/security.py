"""Security manager: FAB's user extended with staff fields, roles from app.roles."""
from __future__ import annotations

from flask_appbuilder.actions import action
from flask_appbuilder.exceptions import PasswordComplexityValidationError
from flask_appbuilder.security.manager import BaseSecurityManager
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_appbuilder.security.views import UserDBModelView
from flask import current_app, flash, redirect, request, session
from flask_babel import gettext, lazy_gettext as _
from flask_login import current_user, logout_user
from sqlalchemy import select
from werkzeug.security import check_password_hash
from wtforms.validators import Optional, ValidationError

from app import lockout, passwords, roles, sessions
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
    """before_request: end a session that another place ended or that sat idle."""
    if request.endpoint in (None, "static", "appbuilder.static") or not current_user.is_authenticated:
        return None
    if sessions.EPOCH_KEY not in session and sessions.SEEN_KEY not in session:
        # A session that did not come through our login (e.g. FAB's API with a browser cookie) is not ours to judge.
        return None
    state = sessions.check(session, current_user, lockout.utcnow(), current_app.config["SESSION_IDLE_MINUTES"])
    if state == sessions.VALID:
        return None
    logout_user()
    session.clear()
    if state == sessions.IDLE:
        flash(gettext("You were logged out after a period without activity."), "warning")
    else:
        flash(gettext("Your session was ended (password changed or logged out everywhere)."), "warning")
    return redirect(current_app.appbuilder.get_url_for_login)


class SibikaSecurityManager(SecurityManager):
    user_model = Staff
    userdbmodelview = StaffUserView

    def create_login_manager(self, app):
        lm = super().create_login_manager(app)
        lm.request_loader(self._user_from_bearer_token)
        return lm

    def _user_from_bearer_token(self, request):
        """An API client (the mobile app) sends a JWT, not a session cookie: make it the
        ``current_user`` every access rule and command reads, as the browser's login is."""
        if not request.headers.get("Authorization", "").startswith("Bearer "):
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
            # Same work as a real check, so the answer time does not tell a lock apart.
            check_password_hash(current_app.config["AUTH_DB_FAKE_PASSWORD_HASH_CHECK"], "password")
            flash(gettext("Too many failed logins: this account is locked for a while. Try again later "
                          "or ask the administrator."), "warning")
            return None
        return super().auth_user_db(username, password)

    def update_user_auth_stat(self, user, success=True):
        if success:
            lockout.record_success(user)
            super().update_user_auth_stat(user, True)
            return
        cfg = current_app.config
        lockout.record_failure(db.session, user.id, cfg["LOGIN_MAX_FAILURES"], cfg["LOGIN_LOCKOUT_MINUTES"])
        self.on_user_login_failed(user)

    def on_user_login(self, user) -> None:
        session.permanent = True
        sessions.start(session, user, lockout.utcnow())

    def reset_password(self, userid, password):
        # A new password ends every session of the user, this one included when it is their own.
        super().reset_password(userid, password)
        sessions.end_all(db.session, int(userid))

    def sync(self) -> None:
        """Write roles and permissions for every registered view (FAB_CREATE_DB is
        off because the schema comes from migrations, so this runs from the CLI)."""
        BaseSecurityManager.create_db(self)
        self.appbuilder.add_permissions(update_perms=True)
