"""Offices (Bapas) and the reference tables an administrator keeps."""
from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _

from app import access, roles
from app.registration import pattern_errors
from models import HandoverDocumentType, Office, SupervisionKind
from views.base import SibikaModelView, form_rule

PATTERN_MESSAGES = {
    "malformed": _("The pattern is not well formed."),
    "missing_seq": _("The pattern must contain {seq} (the running number)."),
    "unknown_field": _("The pattern may use only {seq}, {year} and {office}."),
    "field_form": _("A field is written {seq} or with a width, e.g. {seq:04d}: no attribute, index, conversion or "
                    "field inside a field."),
}


def _pattern_problems(form):
    errors = pattern_errors(form.registration_pattern.data or "")
    return {"registration_pattern": [str(PATTERN_MESSAGES[e]) for e in errors]} if errors else {}


class OfficeView(SibikaModelView):
    datamodel = SQLAInterface(Office)
    class_permission_name = roles.OFFICE
    list_title = _("Offices")
    show_title = _("Office")
    add_title = _("Add office")
    edit_title = _("Edit office")
    label_columns = {
        "code": _("Code"), "name": _("Name"), "regional_office": _("Regional office (Kanwil)"),
        "address": _("Address"), "city": _("City"), "phone": _("Telephone"), "email": _("Email"),
        "head_name": _("Head of office"), "head_nip": _("NIP of the head"),
        "registration_pattern": _("Registration number pattern"),
    }
    list_columns = ["code", "name", "city", "head_name"]
    add_columns = edit_columns = show_columns = [
        "code", "name", "regional_office", "address", "city", "phone", "email", "head_name", "head_nip",
        "registration_pattern"]
    description_columns = {
        "registration_pattern": _("For example BA.{seq:04d}/{year}; fields: {seq}, {year}, {office}."),
    }
    validators_columns = {"registration_pattern": [form_rule(_pattern_problems)]}
    # The public contacts on the public home page (issue 18).
    add_columns = edit_columns = show_columns = add_columns + ["public_whatsapp", "public_hours"]
    label_columns = {**label_columns, "public_whatsapp": _("WhatsApp (public)"),
                     "public_hours": _("Opening hours (public)")}
    base_filters = access.base_filter(access.OwnOfficeScope)
    base_order = ("code", "asc")


class SupervisionKindView(SibikaModelView):
    datamodel = SQLAInterface(SupervisionKind)
    class_permission_name = roles.REFERENCE
    list_title = show_title = add_title = edit_title = _("Supervision kinds")
    label_columns = {"code": _("Code"), "name": _("Name"), "description": _("Description"), "active": _("Active")}
    list_columns = ["code", "name", "active"]
    add_columns = edit_columns = show_columns = ["code", "name", "description", "active"]


class HandoverDocumentTypeView(SibikaModelView):
    datamodel = SQLAInterface(HandoverDocumentType)
    class_permission_name = roles.REFERENCE
    list_title = show_title = add_title = edit_title = _("Handover documents")
    label_columns = {"name": _("Name"), "required": _("Required")}
    list_columns = add_columns = edit_columns = show_columns = ["name", "required"]
