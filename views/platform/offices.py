"""Offices (Bapas) and the reference tables an administrator keeps."""
from __future__ import annotations

from flask import current_app, flash, redirect, request, url_for
from flask_appbuilder import expose, has_access
from flask_appbuilder.forms import DynamicForm
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _
from flask_wtf.file import FileField

from app import access
from app.clients.register_numbers import pattern_errors
from app.errors import DomainError
from app.extensions import db
from app.offices import logo as office_logo
from app.offices import settings as office_settings
from app.platform import roles
from models import HandoverDocumentType, Office, SupervisionKind
from views.base import SibikaModelView, choice_field, form_rule

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


def _letter_problems(form):
    return office_settings.problems(form.paper_size.data, form.acting_role.data, form.acting_name.data,
                                    form.acting_nip.data)


class LogoForm(DynamicForm):
    logo = FileField(_("Logo (PNG or JPEG, at most 1 MB)"))


LETTER_FIELDS = ["paper_size", "website", "head_rank", "acting_role", "acting_name", "acting_nip", "acting_rank"]


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
        "paper_size": _("Paper of the letters"), "website": _("Website (Laman)"),
        "head_rank": _("Rank and grade of the head"), "acting_role": _("Acting head (Plh./Plt.)"),
        "acting_name": _("Name of the acting head"), "acting_nip": _("NIP of the acting head"),
        "acting_rank": _("Rank and grade of the acting head"), "logo": _("Logo"),
    }
    list_columns = ["code", "name", "city", "head_name"]
    add_columns = edit_columns = [
        "code", "name", "regional_office", "address", "city", "phone", "email", "head_name", "head_nip",
        "registration_pattern", *LETTER_FIELDS]
    show_columns = [*add_columns, "logo"]
    show_template = "office_show.html"
    formatters_columns = {"logo": lambda stored: _("Uploaded") if stored else _("None uploaded")}
    description_columns = {
        "registration_pattern": _("For example BA.{seq:04d}/{year}; fields: {seq}, {year}, {office}."),
        "paper_size": _("A4 unless the office prints its letters on folio (F4, 215 × 330 mm)."),
        "head_rank": _("For example Pembina (IV/a); printed under the head's name where filled in."),
        "acting_role": _("While the head is away: the letters are signed by the Plh. or Plt. named here. Leave "
                         "empty when the head signs."),
    }
    add_form_extra_fields = edit_form_extra_fields = {
        "paper_size": choice_field(_("Paper of the letters"), {"A4": "A4 (210 × 297 mm)", "F4": "F4 (215 × 330 mm)"},
                                   validators=[form_rule(_letter_problems)]),
        "acting_role": choice_field(_("Acting head (Plh./Plt.)"), {"Plh.": "Plh.", "Plt.": "Plt."}, required=False,
                                    validators=[form_rule(_letter_problems)]),
    }
    validators_columns = {"registration_pattern": [form_rule(_pattern_problems)],
                          **{c: [form_rule(_letter_problems)] for c in ("acting_name", "acting_nip")}}
    # The public contacts on the public home page (issue 18).
    add_columns = edit_columns = add_columns + ["public_whatsapp", "public_hours"]
    show_columns = [*add_columns, "logo"]
    label_columns = {**label_columns, "public_whatsapp": _("WhatsApp (public)"),
                     "public_hours": _("Opening hours (public)")}
    base_filters = access.base_filter(access.OwnOfficeScope)
    base_order = ("code", "asc")
    method_permission_name = {**roles.METHOD_PERMISSIONS, "logo": "write"}

    @expose("/logo/<int:pk>", methods=["GET", "POST"])
    @has_access
    def logo(self, pk: int):
        """The kop's logo: checked and re-encoded as PNG by app.offices.logo."""
        office = self._scoped(pk)
        form = LogoForm()
        if request.method == "POST" and form.validate():
            file = request.files.get("logo")
            data = file.read(office_logo.MAX_BYTES + 1) if file else b""
            try:
                office_logo.replace(office, file.filename if file else "", data, current_app.config["UPLOAD_DIR"])
            except DomainError as exc:
                for message in exc.messages:
                    flash(message, "danger")
            else:
                db.session.commit()
                flash(_("The logo was saved; it appears in the kop of the next letters."), "success")
                return redirect(url_for("OfficeView.show", pk=office.id))
        return self.render_template("office_logo.html", form=form, office=office)


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
