"""Partners (mitra) of the office."""
from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _

from app import access
from app.platform import roles
from models import Partner
from models.choices import PARTNER_KIND
from views.base import SibikaModelView, choice_field
from views.formatting import code_label


class PartnerView(SibikaModelView):
    datamodel = SQLAInterface(Partner)
    class_permission_name = roles.PARTNER
    list_title = _("Partners")
    show_title = _("Partner")
    add_title = _("Add partner")
    edit_title = _("Edit partner")
    label_columns = {
        "office": _("Office"), "name": _("Name"), "kind": _("Kind"), "contact_person": _("Contact person"),
        "phone": _("Telephone"), "email": _("Email"), "address": _("Address"),
        "services": _("Services offered"),
    }
    list_columns = ["name", "kind", "contact_person", "phone"]
    add_columns = edit_columns = show_columns = [
        "office", "name", "kind", "contact_person", "phone", "email", "address", "services"]
    search_columns = ["name", "kind", "services"]
    base_order = ("name", "asc")
    base_filters = access.base_filter(access.OfficeScope)
    add_form_query_rel_fields = edit_form_query_rel_fields = {"office": access.base_filter(access.OwnOfficeScope)}
    add_form_extra_fields = edit_form_extra_fields = {"kind": choice_field(_("Kind"), PARTNER_KIND)}
    formatters_columns = {"kind": code_label(PARTNER_KIND)}
