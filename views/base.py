"""Base classes shared by every SIBIKA view and API.

They close FAB's holes (fab-notes.md): actions re-fetch through the view's
scope, forms validate domain rules in ``form.validate()`` so nothing typed is
lost, and the API answers domain refusals with 422 and the same text.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from urllib.parse import urlsplit

from flask import abort, flash, redirect, request
from flask_appbuilder import ModelView, expose, has_access
from flask_appbuilder.exceptions import DatabaseException
from flask_appbuilder.fieldwidgets import Select2Widget
from flask_appbuilder.models.filters import Filters
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.urltools import get_order_args, get_page_args, get_page_size_args
from flask_babel import get_timezone
from flask_babel import lazy_gettext as _
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import joinedload
from wtforms import HiddenField, SelectField
from wtforms.validators import DataRequired, Optional
from wtforms.validators import ValidationError as FormError

from app import access
from app.errors import DatabaseUnavailable, DomainError, Invalid
from app.extensions import db
from app.platform import locking, roles
from app.platform.ui_dates import reader_language
from views import client_name_filter, tab_count
from views.api_base import SibikaApi  # noqa: F401 - the API base, importable from here as before
from views.client_file.fixed_client import FixedValueWidget
from views.filter_memo import MemoFilterConverter, SearchFilters
from views.widgets import readable_selects

CHOOSE = _("Select Value")  # FAB's placeholder, "— pilih —": the first, empty option of a required choice


def choice_field(text, mapping: dict, required: bool = True, validators=()) -> SelectField:
    """A plain choice (codes and their labels). A required one starts at an empty "— pilih —" (never at its
    first option: a form left as it opened is refused, naming the field); an optional one at an empty choice."""
    choices = [("", CHOOSE if required else "")] + [(code, lbl) for code, lbl in mapping.items()]
    return SelectField(
        text,
        choices=choices,
        validators=[DataRequired(message=_("Choose one of the options of “%(field)s”.", field=text))
                    if required else Optional(), *validators],
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
    if isinstance(value, (list, tuple, set)):  # related records as prose, never a Python list
        return ", ".join(str(v) for v in value)
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

    def get_filters(self, search_columns=None, search_filters=None):
        return SearchFilters(self.filter_converter_class, self, search_columns=search_columns or [],
                             search_filters=search_filters)

    def apply_all(self, query, *args, **kwargs):
        # In a related tab the record on the page is loaded already (views.tab_count.tab_of).
        query = query.options(*(joinedload(getattr(self.obj, name)) for name in self.eager
                                if name != tab_count.tab_of()))
        return super().apply_all(query, *args, **kwargs)

    def query(self, *args, **kwargs):
        return tab_count.query(self, *args, **kwargs) or super().query(*args, **kwargs)

    def get(self, id, filters=None, select_columns=None, outer_default_load=False, also: tuple[str, ...] = ()):
        """FAB's get; ``also`` names more many-to-one relations to load in the same query (a show page's)."""
        if not also or select_columns or self.is_pk_composite():
            return super().get(id, filters, select_columns, outer_default_load)
        found = filters.copy() if filters else Filters(self.filter_converter_class, self)
        found.add_filter(self.get_pk_name(), self.FilterEqual, id)
        query = self.session.query(self.obj).options(*(joinedload(getattr(self.obj, name)) for name in also))
        return self.apply_all(query, found, outer_default_load=outer_default_load).one_or_none()

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

NEXT_FIELD = "next"  # where a form returns after a save: a local URL only
FIXED_CLIENT_ARG = "client_id"  # a "+" of the client file fixes the form's client


def safe_next(url: str | None) -> str | None:
    """``url`` when it is a path of this site (never another host, scheme or ``//host``)."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    return url


def _came_from() -> str | None:
    """The page that opened a form (``?next=`` or the referring page of this site)."""
    found = safe_next(request.args.get(NEXT_FIELD))
    if found:
        return found
    referrer = request.referrer or ""
    parts = urlsplit(referrer)
    if parts.netloc and parts.netloc != request.host:
        return None
    local = parts.path + (f"?{parts.query}" if parts.query else "")
    if parts.path == request.path:
        return None  # the form itself (a reload): FAB's own history decides
    return safe_next(local)


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
        client_name_filter.add_to(self)  # every list of a client's records finds them by the client's name
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
        readable_selects(self.add_form)
        readable_selects(self.edit_form)
        readable_selects(self.search_form)
        # Every add and edit form carries where it returns to (rendered by form.hidden_tag()).
        self.add_form = type(self.add_form.__name__, (self.add_form,), {NEXT_FIELD: HiddenField()})
        self.edit_form = type(self.edit_form.__name__, (self.edit_form,), {NEXT_FIELD: HiddenField()})
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
        form[NEXT_FIELD].data = _came_from()
        if locking.FORM_FIELD in form:
            item = self.datamodel.get(pk, self._base_filters)
            if item is not None:
                form[locking.FORM_FIELD].data = locking.version_of(item)

    def process_form(self, form, is_created):
        # Not a model attribute: the database's own version check guards the UPDATE.
        if locking.FORM_FIELD in form:
            del form[locking.FORM_FIELD]
        if NEXT_FIELD in form:
            request.environ["sibika.next"] = safe_next(form[NEXT_FIELD].data)
            del form[NEXT_FIELD]
        super().process_form(form, is_created)

    # -- the client fixed by a "+" of the client file, and the way back -----------

    fixed_client_field = "client"  # the form field ``?client_id=`` fixes (None: this form has none)

    def fixed_client(self):
        """The client a "+" of the client file opened this form for (through the
        access layer: a client the user may not see is a 404), or None."""
        raw = request.args.get(FIXED_CLIENT_ARG)
        if raw is None or not self.fixed_client_field:
            return None
        if "sibika.fixed_client" not in request.environ:  # per request (tests reuse one app context)
            request.environ["sibika.fixed_client"] = client_or_404(raw)
        return request.environ["sibika.fixed_client"]

    def fixed_client_id(self) -> int | None:
        found = self.fixed_client()
        return found.id if found is not None else None

    def fix_form(self, form, client) -> None:
        """Show the fixed client, offer only it, and narrow the other choices to it
        (``client_choices``); a view may add defaults (``form_defaults``)."""
        if self.fixed_client_field not in form:
            return
        field = form[self.fixed_client_field]
        field.query_func = lambda: [client]
        field._object_list = None
        field.widget = FixedValueWidget()
        if request.method == "GET":
            field.data = client
        for name, (query_func, get_label) in self.client_choices(client).items():
            if name in form:
                form[name].query_func = query_func
                form[name]._object_list = None
                if get_label is not None:
                    form[name].get_label = get_label

    def client_choices(self, client) -> dict:
        """``{field: (query_func, get_label)}``: the choices of a form fixed to ``client``."""
        return {}

    default_today: tuple[str, ...] = ()  # date fields a new record starts at today
    default_me: tuple[str, ...] = ()  # staff fields a new record starts at the logged-in officer

    def form_defaults(self, form) -> None:
        """Defaults of a new record (today, the logged-in officer): GET only."""
        for name in self.default_today:
            if name in form and form[name].data is None:
                form[name].data = today()
        for name in self.default_me:
            if name in form and form[name].data is None:
                from flask_login import current_user

                from models import Staff

                form[name].data = db.session.get(Staff, current_user.id)

    def _add(self):
        """FAB's add, with the fixed client, the defaults and the way back; a refusal
        by the command shows the same form again with everything typed."""
        from flask_appbuilder.urltools import get_filter_args

        is_valid_form = True
        get_filter_args(self._filters, disallow_if_not_in_search=False)
        exclude_cols = self._filters.get_relation_cols()
        form = self.add_form.refresh()
        client = self.fixed_client()
        if client is not None:
            self.fix_form(form, client)
        if request.method == "POST":
            self._fill_form_exclude_cols(exclude_cols, form)
            if form.validate():
                self.process_form(form, True)
                item = self.datamodel.obj()
                try:
                    form.populate_obj(item)
                    self.pre_add(item)
                except DomainError as exc:
                    db.session.rollback()
                    for message in exc.messages:
                        flash(message, "danger")
                    form = self.add_form.refresh()
                    if client is not None:
                        self.fix_form(form, client)
                    form.validate()  # the same form again, its fields' own messages shown
                    return self._get_add_widget(form=form, exclude_cols=exclude_cols)
                try:
                    self.datamodel.add(item)
                except Exception as exc:  # FAB's own handling: the message, and back
                    flash(str(exc), "danger")
                    return None
                self.post_add(item)
                flash(self.add_row_message, "success")
                return None
            is_valid_form = False
        else:
            form[NEXT_FIELD].data = _came_from()
            self.form_defaults(form)
        if is_valid_form:
            self.update_redirect()
        return self._get_add_widget(form=form, exclude_cols=exclude_cols)

    def _way_back(self):
        return request.environ.pop("sibika.next", None) or safe_next(request.args.get(NEXT_FIELD))

    def post_add_redirect(self):
        return redirect(self._way_back() or self.get_redirect())

    def post_edit_redirect(self):
        return redirect(self._way_back() or self.get_redirect())

    def post_delete_redirect(self):
        return redirect(self._way_back() or self.get_redirect())

    def _scoped(self, pk):
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            abort(404)
        if isinstance(self.datamodel, EagerInterface):
            item = self.datamodel.get(pk, self._base_filters, also=self._shown_relations())
        else:
            item = self.datamodel.get(pk, self._base_filters)
        if item is None:
            abort(404)
        return item

    def _shown_relations(self) -> tuple[str, ...]:
        """The many-to-one relations the show page prints that the list does not already load: loaded with
        the record instead of one query each while the page is drawn."""
        found = self.__dict__.get("_sibika_shown_relations")
        if found is None:
            model = self.datamodel
            found = tuple(c for c in self.show_columns or () if c not in model.eager and (
                model.is_relation_many_to_one(c) or model.is_relation_one_to_one(c)))
            self.__dict__["_sibika_shown_relations"] = found
        return found

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
            with tab_count.counted_from_page(view.datamodel.get_related_fk(self.datamodel.obj)):
                widgets["related_views"].append(self._get_related_view_widget(
                    item, view, order_column, order_direction, page=pages.get(name), page_size=sizes.get(name)))
        return self.render_template(self.show_template, pk=pk, title=self.show_title, widgets=widgets,
                                    related_views=related, item=item, **self.show_extra(item))

    def _get_list_widget(self, *args, **kwargs):
        """FAB's list widget; in a related tab the tab's own lighter one (widgets/related_tab.html), without the
        column of the record the page is about."""
        widgets = super()._get_list_widget(*args, **kwargs)
        relation = tab_count.tab_of()
        if relation:
            widget = widgets["list"]
            widget.template = "widgets/related_tab.html"
            arguments = widget.template_args
            arguments["include_columns"] = [c for c in arguments["include_columns"] if c != relation]
        return widgets

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
