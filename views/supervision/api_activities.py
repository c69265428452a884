"""REST: what a PK records on a home visit or at the office: progress-book
entries (a home visit is an entry of kind ``kunjungan_rumah``), consent to home
visits, and the reporting log (apel)."""
from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface

from app import access
from app.errors import problems_of
from app.extensions import db
from app.guidance import progress
from app.guidance import progress_commands as commands
from app.platform import roles
from app.supervision import commands as supervision
from app.supervision.record_rules import check_apel
from models import ApelLog, Consent, ProgressEntry
from models.choices import ACTIVITY_KIND
from views.api_base import SibikaApi
from views.base import today
from views.clients.api import client_allowed
from views.guidance.api import NO_DELETE, SUPERVISED, SUPERVISED_CLIENTS


class ProgressEntryApi(SibikaApi):
    """Corrections keep the original (a superseded version the Kepala Bapas reads)."""

    resource_name = "progress_entry"
    datamodel = SQLAInterface(ProgressEntry)
    class_permission_name = roles.PROGRESS
    base_permissions = ["can_read", "can_write", "can_delete"]
    include_route_methods = NO_DELETE
    list_columns = ["id", "client.id", "happened_on", "kind", "attended", "version_no", "superseded"]
    show_columns = ["id", "client.id", "happened_on", "kind", "place", "programme_item.id", "attended",
                    "absence_reason", "what_happened", "result", "follow_up", "version_no",
                    "superseded", "written_by.id", "written_at", "attachments.id"]
    add_columns = ["client", "happened_on", "kind", "place", "programme_item", "attended", "absence_reason",
                   "what_happened", "result", "follow_up"]
    edit_columns = add_columns[1:]  # an entry never moves to another client's book
    search_columns = ["happened_on", "kind", "superseded"]
    order_columns = ["happened_on", "kind", "written_at"]
    base_order = ("happened_on", "desc")
    base_filters = access.base_filter(access.ProgressScope)
    add_query_rel_fields = SUPERVISED_CLIENTS
    choice_columns = {"kind": ACTIVITY_KIND}

    def item_problems(self, item, pk=None):
        access.require_supervised(item.client, access.principal())
        if item.attended is None:
            item.attended = True  # the column's default: an entry records a meeting that took place
        found = problems_of(commands.check_entry, db.session, item, today())
        if pk is not None and "client" in found:  # no client field when correcting
            found.setdefault("what_happened", []).extend(found.pop("client"))
        return found

    def pre_add(self, item):
        commands.record_entry(db.session, item, access.principal(), today())

    def pre_update(self, item):
        commands.correct_entry(db.session, item, access.principal(), today())


class ConsentApi(SibikaApi):
    """A new answer is a new record; the latest decides (app.guidance.consent)."""

    resource_name = "consent"
    datamodel = SQLAInterface(Consent)
    class_permission_name = roles.PROGRESS
    base_permissions = ["can_read", "can_write", "can_delete"]
    include_route_methods = NO_DELETE - {"put"}
    list_columns = show_columns = ["id", "client.id", "subject", "given", "by_client", "by_guardian",
                                   "recorded_on", "notes"]
    add_columns = ["client", "given", "by_client", "by_guardian", "recorded_on", "notes"]
    search_columns = ["given", "recorded_on"]
    order_columns = ["recorded_on"]
    base_order = ("recorded_on", "desc")
    base_filters = SUPERVISED
    add_query_rel_fields = edit_query_rel_fields = SUPERVISED_CLIENTS

    def item_problems(self, item, pk=None):
        access.require_supervised(item.client, access.principal())
        progress.check_consent(item.recorded_on, today())
        return {}

    def pre_add(self, item):
        commands.record_consent(db.session, item, access.principal(), today())


class ApelLogApi(SibikaApi):
    resource_name = "apel_log"
    datamodel = SQLAInterface(ApelLog)
    class_permission_name = roles.APEL
    base_permissions = ["can_read", "can_write", "can_delete"]
    list_columns = ["id", "client.id", "reported_on", "remote", "recorded_by.id"]
    show_columns = ["id", "client.id", "reported_on", "remote", "remote_reason", "notes", "recorded_by.id"]
    add_columns = edit_columns = ["client", "reported_on", "remote", "remote_reason", "notes"]
    search_columns = ["reported_on", "remote"]
    order_columns = ["reported_on"]
    base_order = ("reported_on", "desc")
    base_filters = access.base_filter(access.ClientLinkedScope)
    add_query_rel_fields = edit_query_rel_fields = {"client": access.base_filter(access.ActiveClientChoices)}

    def item_problems(self, item, pk=None):
        return client_allowed(item.client) or problems_of(
            check_apel, db.session, item.client, item.reported_on, bool(item.remote), item.remote_reason, today(),
            int(pk) if pk is not None else None)

    def pre_add(self, item):
        supervision.record_apel(db.session, item, access.principal(), today())

    def pre_update(self, item):
        supervision.update_apel(db.session, item, access.principal(), today())
