"""Guidance programme screens: a programme per stage, its items, submit and revise."""
from __future__ import annotations

from flask import redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _

from app import access
from app.errors import problems_of
from app.extensions import db
from app.guidance import commands
from app.platform import roles
from models import Programme, ProgrammeItem
from models.choices import ACTIVITY_KIND, GUIDANCE_KIND, PROGRAMME_STATUS, STAGE
from views.base import SibikaModelView, choice_field, commit_or_flash, edited_pk, form_rule, record_or_404
from views.formatting import code_label


def _programme_problems(form):
    pk = edited_pk()
    who = access.principal()
    if pk is not None:
        stored = db.session.get(Programme, pk)
        # the edit form's fields: interests_talents and notes
        return problems_of(commands.require_draft, stored, default_field="notes") if stored is not None else {}
    if form.client.data is None:
        return {}  # the client field says it is required
    return problems_of(commands.check_new_programme, db.session, form.client.data, form.stage.data, who)


def _item_problems(form):
    programme = form.programme.data if hasattr(form, "programme") else None
    stored = db.session.get(ProgrammeItem, edited_pk()) if programme is None and edited_pk() is not None else None
    if stored is not None:
        programme = stored.programme
    partner = form.partner.data if hasattr(form, "partner") else None
    found = problems_of(commands.check_item, db.session, programme, form.activity_kind.data, partner,
                        access.principal())
    if "programme" in found:  # also on the first field both forms have (the edit form has no programme field)
        found["activity"] = found["programme"]
    return found


class ProgrammeItemView(SibikaModelView):
    datamodel = SQLAInterface(ProgrammeItem)
    class_permission_name = roles.PROGRAMME
    list_title = show_title = _("Programme items")
    add_title = _("Add a programme item")
    edit_title = _("Edit programme item")
    label_columns = {"client": _("Client"), "programme": _("Programme"), "kind": _("Kind of guidance"), "activity_kind": _("Activity"),
                     "activity": _("What will be done"), "need": _("Need it answers"), "target": _("Target"),
                     "frequency": _("Frequency"), "partner": _("Partner")}
    list_columns = ["client", "programme", "kind", "activity_kind", "activity", "frequency", "partner"]
    add_columns = show_columns = ["programme", "kind", "activity_kind", "activity", "need", "target", "frequency",
                                  "partner"]
    edit_columns = ["kind", "activity_kind", "activity", "need", "target", "frequency", "partner"]  # never moved
    # activity, need and target are encrypted at rest (app.platform.crypto): not searchable or sortable in SQL.
    search_columns = ["kind", "activity_kind", "frequency", "partner"]
    order_columns = ["kind", "activity_kind", "frequency"]
    base_filters = access.base_filter(access.SupervisedLinkedScope)
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "programme": access.base_filter(access.DraftProgrammeChoices), "partner": access.base_filter(access.OfficeScope)}
    add_form_extra_fields = edit_form_extra_fields = {
        "kind": choice_field(_("Kind of guidance"), GUIDANCE_KIND),
        "activity_kind": choice_field(_("Activity"), ACTIVITY_KIND, validators=[form_rule(_item_problems)]),
    }
    validators_columns = {c: [form_rule(_item_problems)] for c in ("programme", "activity", "partner")}
    formatters_columns = {"kind": code_label(GUIDANCE_KIND), "activity_kind": code_label(ACTIVITY_KIND)}

    def pre_add(self, item: ProgrammeItem) -> None:
        commands.add_item(db.session, item, access.principal())

    def pre_update(self, item: ProgrammeItem) -> None:
        commands.update_item(db.session, item, access.principal())

    def pre_delete(self, item: ProgrammeItem) -> None:
        commands.delete_item(db.session, item, access.principal())


class ProgrammeView(SibikaModelView):
    datamodel = SQLAInterface(Programme)
    class_permission_name = roles.PROGRAMME
    method_permission_name = {**roles.METHOD_PERMISSIONS, "delete": "delete", "muldelete": "delete"}
    base_permissions = ["can_read", "can_write"]  # decided programmes are history; none is deleted
    list_title = _("Guidance programmes")
    show_title = _("Guidance programme")
    add_title = _("New guidance programme")
    edit_title = _("Edit programme draft")
    show_template = "programme_show.html"
    label_columns = {"client": _("Client"), "stage": _("Stage"), "version_no": _("Version"), "status": _("Status"),
                     "interests_talents": _("Interests and talents"), "notes": _("Notes"),
                     "tpp_note": _("TPP notes")}
    list_columns = ["client", "stage", "version_no", "status"]
    show_columns = ["client", "stage", "version_no", "status", "interests_talents", "notes", "tpp_note"]
    add_columns = ["client", "stage", "interests_talents", "notes"]
    edit_columns = ["interests_talents", "notes"]
    search_columns = ["client", "stage", "status"]
    base_filters = access.base_filter(access.SupervisedLinkedScope)
    add_form_query_rel_fields = {"client": [["id", access.SupervisedClientChoices, None]]}
    add_form_extra_fields = {"stage": choice_field(_("Stage"), STAGE, validators=[form_rule(_programme_problems)])}
    validators_columns = {"client": [form_rule(_programme_problems)], "notes": [form_rule(_programme_problems)]}
    formatters_columns = {"stage": code_label(STAGE), "status": code_label(PROGRAMME_STATUS)}
    related_views = [ProgrammeItemView]

    def pre_add(self, item: Programme) -> None:
        commands.start_programme(db.session, item, access.principal())

    def pre_update(self, item: Programme) -> None:
        commands.update_programme(db.session, item, access.principal())


class ProgrammeWorkView(BaseView):
    route_base = "/program"
    class_permission_name = roles.PROGRAMME
    method_permission_name = {"submit": "write", "revise": "write"}

    def _run(self, programme_id: int, command, success):
        programme = record_or_404(Programme, programme_id)
        outcome = commit_or_flash(lambda: command(db.session, programme.id, access.principal()), success)
        return redirect(url_for("ProgrammeView.show", pk=(outcome.result or programme).id))

    @expose("/<int:programme_id>/ajukan", methods=["GET", "POST"])
    @has_access
    def submit(self, programme_id: int):
        """GET asks first (a submitted programme is locked until the TPP decides); POST submits."""
        if request.method == "GET":
            programme = record_or_404(Programme, programme_id)
            return self.render_template("programme_submit.html", programme=programme,
                                        stage=STAGE.get(programme.stage, programme.stage))
        return self._run(programme_id, commands.submit_programme, _("Submitted to the TPP."))

    @expose("/<int:programme_id>/revisi", methods=["POST"])
    @has_access
    def revise(self, programme_id: int):
        return self._run(programme_id, commands.revise_programme, _("A new draft version was made."))
