"""The user's permissions, worked out once per request instead of once per menu entry and button.

FAB asks ``has_access`` 50-70 times while drawing one page (each menu entry, each button, each related
tab). For SIBIKA's roles (FAB "builtin" roles, app.platform.roles) every call scanned the role's ~100 regular
expressions; for a role kept in the database (Admin) every call was one SQL query. Here:

* a builtin role's answer for (permission, view) is remembered for the life of the process: the grants
  are code (app.platform.roles), they cannot change while it runs (if ``builtin_roles`` is replaced, the memo is
  dropped);
* the permissions of the user's database roles are read in one query per request and kept on that
  request only.

Which roles a user has is read from the user loaded for this request (Flask-Login loads it anew on every
request), so a role taken away, or a permission removed from a database role, holds from the next request
on. The cache is deliberately not kept per login session: changing a user's roles does not end their
sessions (app.platform.sessions), so a per-session cache would keep a revoked right alive.
"""
from __future__ import annotations

from flask import g, has_request_context, request
from flask_appbuilder.security.sqla.models import Permission, PermissionView, ViewMenu, assoc_permissionview_role
from sqlalchemy.orm import joinedload

_REQUEST_KEY = "sibika.db_role_permissions"
_ANSWERS_KEY = "sibika.permission_answers"


class PermissionCache:
    """Mixed into the security manager (app.platform.security.SecurityRules)."""

    _builtin_memo: dict[tuple[str, str, str], bool]
    _builtin_memo_of: object = None

    def load_user(self, pk):
        """Flask-Login's loader, once per request: the user with their roles and groups in one query (FAB
        loads them lazily at the first permission check, two more round trips inside the menu)."""
        model = self.user_model
        user = self.session.get(model, int(pk), options=[joinedload(model.roles), joinedload(model.groups)])
        if user and user.is_active:
            return user
        return None

    def has_access(self, permission_name: str, view_name: str) -> bool:
        """FAB's answer, remembered for the rest of this request for the user it was given to: FAB's own
        preamble (current_user, the API-key and JWT users) costs more than the answer itself."""
        user = g.get("_login_user") if has_request_context() else None  # Flask-Login's user of this request
        if user is None or not getattr(user, "is_authenticated", False) or g.get("_api_key_user", False):
            return super().has_access(permission_name, view_name)
        answers = request.environ.setdefault(_ANSWERS_KEY, {})
        key = (id(user), permission_name, view_name)
        if key not in answers:
            answers[key] = super().has_access(permission_name, view_name)
        return answers[key]

    def _builtin_allows(self, role, permission_name: str, view_name: str) -> bool:
        source = self.builtin_roles
        if self._builtin_memo_of is not source:
            self._builtin_memo, self._builtin_memo_of = {}, source
        key = (role.name, permission_name, view_name)
        found = self._builtin_memo.get(key)
        if found is None:
            found = self._builtin_memo[key] = self._has_access_builtin_roles(role, permission_name, view_name)
        return found

    def db_role_grants(self, role_ids: tuple[int, ...]) -> frozenset[tuple[str, str]]:
        """(permission, view) pairs of these database roles: one query, kept for this request."""
        cache = request.environ.setdefault(_REQUEST_KEY, {}) if has_request_context() else {}
        if role_ids not in cache:
            rows = self.session.query(Permission.name, ViewMenu.name).select_from(PermissionView) \
                .join(Permission, PermissionView.permission_id == Permission.id) \
                .join(ViewMenu, PermissionView.view_menu_id == ViewMenu.id) \
                .join(assoc_permissionview_role, assoc_permissionview_role.c.permission_view_id == PermissionView.id) \
                .filter(assoc_permissionview_role.c.role_id.in_(role_ids)).distinct().all()
            cache[role_ids] = frozenset((permission, view) for permission, view in rows)
        return cache[role_ids]

    def split_roles(self, roles) -> tuple[list, tuple[int, ...]]:
        builtin = [role for role in roles if role.name in self.builtin_roles]
        db_ids = tuple(sorted(role.id for role in roles if role.name not in self.builtin_roles))
        return builtin, db_ids

    def _has_view_access(self, user, permission_name: str, view_name: str) -> bool:
        builtin, db_ids = self.split_roles(self.get_user_roles(user))
        if any(self._builtin_allows(role, permission_name, view_name) for role in builtin):
            return True
        return bool(db_ids) and (permission_name, view_name) in self.db_role_grants(db_ids)

    def _get_user_permission_view_menus(self, user, permission_name: str, view_menus_name) -> set[str]:
        roles = [self.get_public_role()] if user is None else self.get_user_roles(user)
        builtin, db_ids = self.split_roles(roles)
        names = view_menus_name or ()
        found = {name for role in builtin for name in names if self._builtin_allows(role, permission_name, name)}
        if db_ids:
            found.update(view for permission, view in self.db_role_grants(db_ids)
                         if permission == permission_name)
        return found
