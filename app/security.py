"""Security manager: FAB's user extended with staff fields, roles from app.roles."""
from __future__ import annotations

from flask_appbuilder.security.manager import BaseSecurityManager
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_appbuilder.security.views import UserDBModelView
from flask_babel import lazy_gettext as _

from app import roles
from models import Staff
from views.base import plain_value

STAFF_FIELDS = ["nip", "jabatan", "pangkat", "office"]
STAFF_LABELS = {
    "nip": _("NIP"),
    "jabatan": _("Position (jabatan)"),
    "pangkat": _("Rank (pangkat/golongan)"),
    "office": _("Office"),
}


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
    formatters_columns = {c: plain_value for c in ["active", "email", "last_login", *STAFF_FIELDS]}


class SibikaSecurityManager(SecurityManager):
    user_model = Staff
    userdbmodelview = StaffUserView

    @staticmethod
    def create_builtin_roles():
        return roles.ROLE_PERMISSIONS

    def sync(self) -> None:
        """Write roles and permissions for every registered view (FAB_CREATE_DB is
        off because the schema comes from migrations, so this runs from the CLI)."""
        BaseSecurityManager.create_db(self)
        self.appbuilder.add_permissions(update_perms=True)
