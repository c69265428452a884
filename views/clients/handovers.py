"""Berita Acara Serah Terima: the handover that lets a supervision start."""
from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _

from app import access
from app.clients import handovers
from app.platform import roles
from models import Handover
from views.base import SibikaModelView, form_rule, today
from views.formatting import date_formatters


def _problems(form):
    return handovers.problems(form.client.data, form.handover_date.data, form.receiving_officer.data, today())


class HandoverView(SibikaModelView):
    datamodel = SQLAInterface(Handover)
    class_permission_name = roles.HANDOVER
    list_title = _("Handovers")
    show_title = _("Handover record")
    add_title = _("Record a handover")
    edit_title = _("Edit handover record")
    label_columns = {
        "client": _("Client"), "handover_date": _("Date of handover"),
        "handing_party": _("Handing-over institution"), "handing_officer": _("Handing-over officer"),
        "handing_officer_nip": _("NIP of the handing-over officer"),
        "receiving_officer": _("Receiving officer"), "documents": _("Documents received"),
        "notes": _("Notes"),
    }
    list_columns = ["client", "handover_date", "handing_party", "receiving_officer"]
    add_columns = edit_columns = show_columns = [
        "client", "handover_date", "handing_party", "handing_officer", "handing_officer_nip",
        "receiving_officer", "documents", "notes"]
    search_columns = ["client", "handover_date", "handing_party"]
    base_order = ("handover_date", "desc")
    base_filters = access.base_filter(access.ClientLinkedScope)
    default_today = ("handover_date",)
    default_me = ("receiving_officer",)
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "client": access.base_filter(access.ClientScope),
        "receiving_officer": access.base_filter(access.OfficeScope),
    }
    validators_columns = {c: [form_rule(_problems)] for c in ("client", "handover_date", "receiving_officer")}
    formatters_columns = date_formatters("handover_date")
    description_columns = {
        "documents": _("Tick every document received with the client."),
    }
