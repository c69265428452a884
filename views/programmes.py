"""Guidance programme screens: a programme per stage, its items, submit and revise."""
from __future__ import annotations

from flask import abort, redirect, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _
from flask_login import current_user
from sqlalchemy import select

from app import access, programme as programmes, roles
from app.errors import DomainError
from app.extensions import db
from models import Programme, ProgrammeItem
from models.choices import ACTIVITY_KIND, GUIDANCE_KIND, PROGRAMME_STATUS, STAGE
from views.base import SibikaModelView, choice_field, commit_or_flash, edited_pk, form_rule
from views.formatting import code_label

def _programme_problems(form):
    found: dict[str, list[str]] = {}
    pk = edited_pk()
    if pk is not None:
        stored = db.session.get(Programme, pk)
        if stored is not None and stored.status != programmes.EDITABLE:
            found["client"] = [str(_("Only a draft programme can be changed; make a revision."))]
        return found
    return programmes.new_programme_problems(db.session, form.client.data, form.stage.data)


def _item_problems(form):
    programme = form.programme.data if hasattr(form, "programme") else None
    if programme is None and edited_pk() is not None:
        stored = db.session.get(ProgrammeItem, edited_pk())
        programme = stored.programme if stored is not None else None
    return programmes.item_problems(db.session, programme, form.activity_kind.data)


DraftProgrammeChoices = access._scope("DraftProgrammeChoices", lambda model, who: (model.status == "draft")
                                      & access.supervised_clause(model, who))


class ProgrammeItemView(SibikaModelView):
    datamodel = SQLAInterface(ProgrammeItem)
    class_permission_name = roles.PROGRAMME
    list_title = show_title = _("Programme items")
    add_title = _("Add a programme item")
    edit_title = _("Edit programme item")
    label_columns = {"programme": _("Programme"), "kind": _("Kind of guidance"), "activity_kind": _("Activity"),
                     "activity": _("What will be done"), "need": _("Need it answers"), "target": _("Target"),
                     "frequency": _("Frequency"), "partner": _("Partner")}
    list_columns = ["kind", "activity_kind", "activity", "frequency", "partner"]
    add_columns = show_columns = ["programme", "kind", "activity_kind", "activity", "need", "target", "frequency",
                                  "partner"]
    edit_columns = ["kind", "activity_kind", "activity", "need", "target", "frequency", "partner"]  # never moved
    # activity, need and target are encrypted at rest (app.crypto): not searchable or sortable in SQL.
    search_columns = ["kind", "activity_kind", "frequency", "partner"]
    order_columns = ["kind", "activity_kind", "frequency"]
    base_filters = access.base_filter(access.SupervisedLinkedScope)
    add_form_query_rel_fields = edit_form_query_rel_fields = {
        "programme": [["id", DraftProgrammeChoices, None]], "partner": access.base_filter(access.OfficeScope)}
    add_form_extra_fields = edit_form_extra_fields = {
        "kind": choice_field(_("Kind of guidance"), GUIDANCE_KIND),
        "activity_kind": choice_field(_("Activity"), ACTIVITY_KIND, validators=[form_rule(_item_problems)]),
    }
    validators_columns = {"programme": [form_rule(_item_problems)], "activity": [form_rule(_item_problems)]}
    formatters_columns = {"kind": code_label(GUIDANCE_KIND), "activity_kind": code_label(ACTIVITY_KIND)}

    def pre_add(self, item: ProgrammeItem) -> None:
        item.client_id = item.programme.client_id

    def pre_update(self, item: ProgrammeItem) -> None:
        if item.programme.status != programmes.EDITABLE:
            raise DomainError(_("Only a draft programme can be changed; make a revision."))

    def pre_delete(self, item: ProgrammeItem) -> None:
        if item.programme.status != programmes.EDITABLE:
            raise DomainError(_("Only a draft programme can be changed; make a revision."))


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
        programmes.start(item, current_user.id, db.session)


class ProgrammeWorkView(BaseView):
    route_base = "/program"
    class_permission_name = roles.PROGRAMME
    method_permission_name = {"submit": "write", "revise": "write"}

    def _run(self, programme_id: int, action, success):
        programme = db.session.scalars(select(Programme).where(
            Programme.id == programme_id, access.supervised_clause(Programme, access.principal()))).first()
        if programme is None:
            abort(404)
        outcome = commit_or_flash(lambda: action(programme), success)
        return redirect(url_for("ProgrammeView.show", pk=(outcome.result or programme).id))

    @expose("/<int:programme_id>/ajukan", methods=["POST"])
    @has_access
    def submit(self, programme_id: int):
        return self._run(programme_id, lambda p: programmes.submit(db.session, p), _("Submitted to the TPP."))

    @expose("/<int:programme_id>/revisi", methods=["POST"])
    @has_access
    def revise(self, programme_id: int):
        return self._run(programme_id, lambda p: programmes.revise(db.session, p, current_user.id),
                         _("A new draft version was made."))
