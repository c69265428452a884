"""Base classes shared by every SIBIKA view and API.

They close FAB's holes (fab-notes.md): actions re-fetch through the view's
scope, forms validate domain rules in ``form.validate()`` so nothing typed is
lost, and the API answers domain refusals with 422 and the same text.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date

from flask import abort, flash, request
from flask_appbuilder import ModelView, expose, has_access
from flask_appbuilder.exceptions import DatabaseException
from flask_appbuilder.urltools import get_order_args, get_page_args, get_page_size_args
from flask_appbuilder.fieldwidgets import Select2Widget
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import get_timezone, lazy_gettext as _
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import joinedload
from wtforms import HiddenField, SelectField
from wtforms.validators import DataRequired, Optional, ValidationError as FormError

from app import access, locking, roles
from app.errors import DatabaseUnavailable, DomainError, Invalid
from app.extensions import db
from app.ui_dates import reader_language
from views.filter_memo import MemoFilterConverter
from views.api_base import SibikaApi  # noqa: F401 - the API base, importable from here as before


def choice_field(text, mapping: dict, required: bool = True, validators=()) -> SelectField:
    choices = [(code, lbl) for code, lbl in mapping.items()]
    if not required:
        choices = [("", "")] + choices
    return SelectField(
        text,
        choices=choices,
        validators=[DataRequired() if required else Optional(), *validators],
        widget=Select2Widget(),
        coerce=lambda v: v or None,
    )


def edited_pk() -> int | None:
    pk = (request.view_args or {}).get("pk")
    return int(pk) if pk is not None else None


def form_rule(check):
    """A WTForms validator that shows the messages ``check(form)`` finds for this field.

    ``check(form)`` asks a command's check: it answers ``{field_name: [messages]}``
    (``app.errors.problems_of``) or raises ``Invalid``; the form keeps all input
    and shows each message beside its field."""

    def validator(form, field):
        cache = getattr(form, "_domain_problems", None)
        if cache is None:
            try:
                cache = check(form) or {}
            except Invalid as exc:
                cache = exc.problems
            form._domain_problems = cache
        messages = cache.get(field.name)
        if messages:
            raise FormError(" ".join(messages))

    return validator


def plain_value(value):
    if value is None:
        return ""
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    return value


def _fieldset_columns(fieldsets) -> list[str]:
    return [c for _title, spec in (fieldsets or []) for c in spec.get("fields", [])]


def _relation_target(model, column: str):
    prop = getattr(model, column, None)
    prop = getattr(prop, "property", None)
    mapper = getattr(prop, "mapper", None)
    return mapper.class_ if mapper is not None else None


class EagerInterface(SQLAInterface):
    """FAB's interface, except that the related records a list shows (a progress
    entry's client, a client's PK) come in the list's own query: FAB loads each
    one lazily, one query per row, so a page of 100 cost up to 100 more queries.
    Its filter objects are made once (views.filter_memo)."""

    filter_converter_class = MemoFilterConverter

    def __init__(self, obj, eager: list[str] | None = None, session=None):
        super().__init__(obj, session)
        self.eager = eager or []

    def apply_all(self, query, *args, **kwargs):
        query = query.options(*(joinedload(getattr(self.obj, name)) for name in self.eager))
        return super().apply_all(query, *args, **kwargs)

    # FAB flashes the text of any exception of a failed save and redirects as if
    # it had worked: for a database that stopped answering that text is the SQL
    # statement. The save is rolled back either way; the user gets our message.
    def add(self, item, commit: bool = True) -> None:
        with _database_unavailable(self.session):
            super().add(item, commit)

    def edit(self, item, commit: bool = True) -> None:
        with _database_unavailable(self.session):
            super().edit(item, commit)


@contextmanager
def _database_unavailable(session):
    try:
        yield
    except (OperationalError, DatabaseException) as exc:
        cause = exc if isinstance(exc, OperationalError) else exc.__cause__
        if not isinstance(cause, OperationalError):
            raise
        session.rollback()
        raise DatabaseUnavailable() from exc


_DEFAULT_RELATION_SCOPES = {"Client": access.ClientScope, "Staff": access.OfficeScope}


class SibikaModelView(ModelView):
    method_permission_name = roles.METHOD_PERMISSIONS
    page_size = 25

    def __init__(self, **kwargs):
        if type(self.datamodel) is SQLAInterface:
            self.datamodel = EagerInterface(self.datamodel.obj, [
                c for c in self.list_columns or []
                if self.datamodel.is_relation_many_to_one(c) or self.datamodel.is_relation_one_to_one(c)])
        # Every shown column without its own formatter prints an empty value as
        # nothing (not "None") and a boolean as Ya/Tidak.
        self.formatters_columns = {
            **{c: plain_value for c in {*(self.list_columns or []), *(self.show_columns or []),
                                        *_fieldset_columns(self.show_fieldsets)}},
            **(self.formatters_columns or {}),
        }
        # The search form's choices for a related column come from this dict;
        # without it FAB lists every row (every client of every office).
        if not self.search_form_query_rel_fields:
            self.search_form_query_rel_fields = {**(self.add_form_query_rel_fields or {})}
        # Fail safe: any searchable relation to clients or staff is scoped even when
        # a view forgets to say so.
        for column in self.search_columns or []:
            target = _relation_target(self.datamodel.obj, column)
            if target is not None and column not in self.search_form_query_rel_fields:
                scope = _DEFAULT_RELATION_SCOPES.get(target.__name__)
                if scope is not None:
                    self.search_form_query_rel_fields[column] = [["id", scope, None]]
        super().__init__(**kwargs)

    def _init_properties(self):
        super()._init_properties()
        if locking.is_versioned(self.datamodel.obj):
            # The lock counter is the machinery's, never a field anyone types or reads.
            for name in ("list_columns", "show_columns", "add_columns", "edit_columns", "search_columns"):
                columns = getattr(self, name, None)
                if columns and "version" in columns:
                    setattr(self, name, [c for c in columns if c != "version"])

    def _init_forms(self):
        super()._init_forms()
        if locking.is_versioned(self.datamodel.obj):
            # Every edit form carries the version it was opened at (rendered by
            # form.hidden_tag()); a save from an older version fails validation, so
            # FAB shows the same form again with everything the user typed.
            self.edit_form = type(self.edit_form.__name__, (self.edit_form,), {
                locking.FORM_FIELD: HiddenField(validators=[self._version_is_current])})

    def _version_is_current(self, form, field):
        pk = edited_pk()
        item = self.datamodel.get(pk, self._base_filters) if pk is not None else None
        if item is None:
            return
        try:
            locking.check(db.session, item, field.data, reader_language(), get_timezone())
        except DomainError as exc:
            # The field is hidden, so its error would show nowhere: say it on top.
            flash(exc.messages[0], "danger")
            raise FormError(exc.messages[0]) from None

    def prefill_form(self, form, pk):
        super().prefill_form(form, pk)
        if locking.FORM_FIELD in form:
            item = self.datamodel.get(pk, self._base_filters)
            if item is not None:
                form[locking.FORM_FIELD].data = locking.version_of(item)

    def process_form(self, form, is_created):
        # Not a model attribute: the database's own version check guards the UPDATE.
        if locking.FORM_FIELD in form:
            del form[locking.FORM_FIELD]
        super().process_form(form, is_created)

    def _scoped(self, pk):
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            abort(404)
        item = self.datamodel.get(pk, self._base_filters)
        if item is None:
            abort(404)
        return item

    @expose("/show/<pk>", methods=["GET"])
    @has_access
    def show(self, pk):
        """FAB's show, fetching through the scope and handing ``item`` (and
        ``show_extra``) to the template; related tabs from ``visible_related``."""
        item = self._scoped(self._deserialize_pk_if_composite(pk))
        widgets = self._get_show_widget(pk, item)
        self.update_redirect()
        related = self.visible_related(item)
        orders, pages, sizes = get_order_args(), get_page_args(), get_page_size_args()
        widgets["related_views"] = []
        for view in related:
            name = view.__class__.__name__
            order_column, order_direction = orders.get(name, ("", ""))
            widgets["related_views"].append(self._get_related_view_widget(
                item, view, order_column, order_direction, page=pages.get(name), page_size=sizes.get(name)))
        return self.render_template(self.show_template, pk=pk, title=self.show_title, widgets=widgets,
                                    related_views=related, item=item, **self.show_extra(item))

    def visible_related(self, item) -> list:
        # FAB renders related tabs without asking the related view's permission.
        return [v for v in self._related_views
                if self.appbuilder.sm.has_access("can_read", v.class_permission_name)]

    def show_extra(self, item) -> dict:
        return {}

    @expose("/download/<string:filename>")
    def download(self, filename):
        # FAB serves any file of UPLOAD_FOLDER here; SIBIKA keeps no files there.
        abort(404)

    def action(self, name, pk):
        # FAB's action() fetches without base filters; re-fetch through the scope.
        if request.method != "POST" and not self.is_get_mutation_allowed():
            return super().action(name, pk)
        permission_name = self.get_action_permission_name(name)
        if not self.appbuilder.sm.has_access(permission_name, self.class_permission_name):
            abort(403)
        item = self._scoped(self._deserialize_pk_if_composite(pk))
        return self.actions[name].func(item)

    def action_post(self):
        name = request.form["action"]
        permission_name = self.get_action_permission_name(name)
        if not self.appbuilder.sm.has_access(permission_name, self.class_permission_name):
            abort(403)
        items = [self._scoped(self._deserialize_pk_if_composite(pk)) for pk in request.form.getlist("rowid")]
        return self.actions[name].func(items)


class Outcome:
    """What ``commit_or_flash`` did: ``ok`` and the action's ``result``."""

    def __init__(self, ok: bool, result=None):
        self.ok, self.result = ok, result


def commit_or_flash(action, success=None) -> Outcome:
    """Run a domain action and commit it; on a refusal roll back and flash each
    message (a screen then shows the same form again, nothing lost)."""
    try:
        result = action()
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        for message in exc.messages:
            flash(message, "danger")
        return Outcome(False)
    if success:
        flash(success, "success")
    return Outcome(True, result)


def client_or_404(client_id: int):
    """The client through the access layer; a foreign or missing id is a 404."""
    return record_or_404(access.Client, client_id)


def record_or_404(model, record_id, who=None):
    """One record through ``access.get``; a foreign or missing id is a 404."""
    try:
        return access.get(db.session, model, record_id, who)
    except DomainError:
        abort(404)


def today() -> date:
    return date.today()
