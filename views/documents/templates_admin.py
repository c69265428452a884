"""Template management for the Admin: versions, upload with a check, the variables."""
from __future__ import annotations

from flask import abort, current_app, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.fieldwidgets import Select2Widget
from flask_appbuilder.forms import DynamicForm
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _
from flask_login import current_user
from flask_wtf.file import FileField
from wtforms import SelectField

from app.documents import samples, templates
from app.extensions import db
from app.platform import roles
from app.platform.ui_dates import ui_datetime
from models import DocumentTemplate, LetterPattern
from views.base import SibikaModelView, choice_field, commit_or_flash, form_rule
from views.documents.documents import DOC_TYPES
from views.formatting import code_label


class DocumentTemplateView(SibikaModelView):
    datamodel = SQLAInterface(DocumentTemplate)
    class_permission_name = roles.TEMPLATE
    method_permission_name = {"list": "read", "show": "read"}
    base_permissions = ["can_read", "can_write"]
    list_title = show_title = _("Document templates")
    list_template = "template_list.html"
    label_columns = {"doc_type": _("Document"), "original_name": _("File"), "sha256": _("SHA-256"),
                     "uploaded_by": _("Uploaded by"), "uploaded_at": _("Uploaded"), "active": _("Active"),
                     "refused_reason": _("Note")}
    # The note says why the start-up re-check took a version out of use (app.documents.template_recheck).
    list_columns = ["doc_type", "original_name", "uploaded_at", "uploaded_by", "active", "refused_reason"]
    show_columns = ["doc_type", "original_name", "sha256", "uploaded_at", "uploaded_by", "active", "refused_reason"]
    base_order = ("uploaded_at", "desc")
    formatters_columns = {"doc_type": code_label(DOC_TYPES), "uploaded_at": ui_datetime}

    def render_template(self, template, **kwargs):
        return super().render_template(template, doc_types={k: DOC_TYPES.get(k, k) for k in templates.SHIPPED},
                                       **kwargs)


class TemplateUploadForm(DynamicForm):
    doc_type = SelectField(_("Document"), choices=[], widget=Select2Widget())
    file = FileField(_("Template (.docx)"))


class TemplateWorkView(BaseView):
    route_base = "/templat"
    class_permission_name = roles.TEMPLATE
    method_permission_name = {"upload": "write", "variables": "read"}

    @expose("/unggah", methods=["GET", "POST"])
    @has_access
    def upload(self):
        form = TemplateUploadForm()
        form.doc_type.choices = [(k, str(DOC_TYPES.get(k, k))) for k in templates.SHIPPED]
        if request.method == "POST" and form.validate():
            file = request.files.get("file")
            data = file.read(templates.MAX_BYTES + 1) if file else b""
            outcome = commit_or_flash(lambda: templates.upload(
                db.session, form.doc_type.data, file.filename if file else "", data,
                current_app.config["UPLOAD_DIR"], current_user.id), _("The new template version is active."))
            if outcome.ok:
                return redirect(url_for("DocumentTemplateView.list"))
        return self.render_template("template_upload.html", form=form)

    @expose("/variabel/<doc_type>")
    @has_access
    def variables(self, doc_type: str):
        if doc_type not in templates.SHIPPED:
            abort(404)
        return self.render_template("template_variables.html", doc_type=doc_type,
                                    title=DOC_TYPES.get(doc_type, doc_type), variables=samples.variables(doc_type))


def _pattern_problems(form):
    from app.documents.numbering import pattern_problems

    return pattern_problems(form.pattern.data or "")


class LetterPatternView(SibikaModelView):
    """Letter numbering per office and document type, e.g. W.13.PAS.PAS.10-PK.01.05.02-{seq}/{year}."""

    datamodel = SQLAInterface(LetterPattern)
    class_permission_name = roles.TEMPLATE
    list_title = show_title = add_title = edit_title = _("Letter numbering")
    label_columns = {"office": _("Office"), "doc_type": _("Document"), "pattern": _("Pattern")}
    list_columns = add_columns = edit_columns = show_columns = ["office", "doc_type", "pattern"]
    add_form_extra_fields = edit_form_extra_fields = {
        "doc_type": choice_field(_("Document"), {k: DOC_TYPES.get(k, k) for k in templates.SHIPPED})}
    description_columns = {"pattern": _("Fields: {seq} (running number, e.g. {seq:04d}), {year}, {office}, {type}. "
                                        "Without a pattern: {office}/PK.01.05/{type}/{seq:04d}/{year}.")}
    validators_columns = {"pattern": [form_rule(_pattern_problems)]}
    formatters_columns = {"doc_type": code_label(DOC_TYPES)}
