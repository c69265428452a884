"""Security manager: FAB's user extended with staff fields, roles from app.roles."""
from __future__ import annotations

from flask_appbuilder.security.manager import BaseSecurityManager
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_appbuilder.security.views import UserDBModelView
from flask import request
from flask_babel import gettext, lazy_gettext as _
from sqlalchemy import select
from wtforms.validators import Optional, ValidationError

from app import roles
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

    def sync(self) -> None:
        """Write roles and permissions for every registered view (FAB_CREATE_DB is
        off because the schema comes from migrations, so this runs from the CLI)."""
        BaseSecurityManager.create_db(self)
        self.appbuilder.add_permissions(update_perms=True)
