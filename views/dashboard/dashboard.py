"""The landing page after login: each role's figures and worklist."""
from __future__ import annotations

from datetime import date

from flask import url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import lazy_gettext as _

from app import access, dashboard
from app.extensions import db
from app.platform import read_audit, roles
from app.platform.ui_dates import ui_month
from app.supervision.due import DUE_LABELS, due_items, is_overdue
from app.supervision.transfers import queries as transfer_queries
from models.choices import COMPLAINT_STATUS, TPP_MATTER
from views.dashboard import links as links
from views.registers.registers import date_arg
from views.supervision.lifecycle import EVENT_LABELS

PK_ROLES = {roles.PK}
OFFICE_ROLES = {roles.KEPALA, roles.ADMIN}
REGISTRATION_ROLES = {roles.REGISTRASI}
TPP_ROLES = {roles.TPP}
COMPLAINT_ROLES = {roles.PENGADUAN}


def _pk_panel(who, on: date) -> dict:
    items = due_items(db.session, who, on, who.user_id)
    work, waiting = dashboard.worklist(items, on), dashboard.tpp_waiting(db.session, who, on)
    # Names the panel shows from column queries (no client record loaded): audited reads.
    read_audit.saw_all(item.client_id for item in (*work.overdue, *work.this_week, *work.alerts, *waiting))
    return {
        "work": work,
        "stages": dashboard.by_stage(db.session, who, who.user_id),
        "risks": dashboard.by_risk(db.session, who, who.user_id),
        "tpp_waiting": waiting,
        "links": {"active": links.active_clients(), "overdue": links.due("terlambat", on, who.user_id),
                  "week": links.due("minggu", on, who.user_id), "alerts": links.due("peringatan", on, who.user_id)},
    }


def _office_panel(who, on: date) -> dict:
    items = due_items(db.session, who, on)
    caseload = dashboard.caseload_per_pk(db.session, who)
    overdue = dashboard.overdue_per_pk(items, on)
    return {
        "stages": dashboard.by_stage(db.session, who),
        "risks": dashboard.by_risk(db.session, who),
        "kinds": dashboard.by_kind(db.session, who),
        "caseload": caseload,
        "overdue_per_pk": dashboard.per_pk(db.session, str(_("Overdue items per PK")), overdue),
        "overdue_total": sum(overdue.values()),
        "flow": dashboard.monthly_flow(db.session, who, on, label_of=ui_month),
        "transfers": dashboard.transfer_flow(db.session, who, on, label_of=ui_month),
        "transfers_waiting": len(transfer_queries.incoming(db.session, who)),
        "complaints": dashboard.complaints_by_step(db.session, who, on),
        "to_direct": dashboard.complaints_awaiting_direction(db.session, who),
        **_tpp_panel(who, on),
        "links": {"active": links.active_clients(), "overdue": links.due("terlambat", on),
                  **_complaint_links(on), "to_direct": links.complaints(status=("ditelaah",)),
                  "transfers": url_for("TransferView.index")},
    }


def _complaint_links(on: date) -> dict:
    return {"complaints": links.complaints(), "complaints_late": links.complaints(overdue_on=on)}


def _tpp_panel(who, on: date) -> dict:
    return {"sessions": dashboard.tpp_sessions_coming(db.session, who, on),
            "sessions_total": dashboard.tpp_sessions_coming_count(db.session, who, on),
            "sessions_link": links.sessions_coming(on),
            "undecided": dashboard.tpp_sessions_undecided(db.session, who, on)}


def _assigned_panel(who) -> dict | None:
    """Complaints whose direction names this user, whatever their role."""
    waiting = dashboard.complaints_to_act_on(db.session, who)
    if not waiting:
        return None
    return {"complaints": waiting, "link": links.complaints(status=("arahan",), assigned_to=who.user_id)}


def _registration_panel(who, on: date, with_flow: bool) -> dict:
    incomplete, total = dashboard.incomplete_registers(db.session, who)
    read_audit.saw_all(row.client_id for row in incomplete)
    return {"arrivals": dashboard.arrivals(db.session, who, on), "incomplete": incomplete,
            "incomplete_total": total, "missing_labels": dashboard.MISSING_CHECKS,
            "links": {"registered": links.registered_in_month(on), "handovers": links.handovers_in_month(on),
                      "incomplete": links.incomplete_registers()},
            "flow": dashboard.monthly_flow(db.session, who, on, label_of=ui_month) if with_flow else None}


class DashboardView(BaseView):
    route_base = "/beranda"
    class_permission_name = roles.DASHBOARD
    method_permission_name = {"index": "read"}
    default_view = "index"

    @expose("/")
    @has_access
    def index(self):
        who = access.principal()
        on = date_arg("tanggal", date.today())
        panels = {}
        if who.role_names & PK_ROLES:
            panels["pk"] = _pk_panel(who, on)
        if who.role_names & OFFICE_ROLES:
            panels["office"] = _office_panel(who, on)
        # A figure the office panel already shows is not computed again for a second role.
        if who.role_names & REGISTRATION_ROLES:
            panels["registration"] = _registration_panel(who, on, with_flow="office" not in panels)
        if who.role_names & TPP_ROLES and "office" not in panels:
            panels["tpp"] = _tpp_panel(who, on)
        if who.role_names & COMPLAINT_ROLES and "office" not in panels:
            panels["complaints"] = {"figures": dashboard.complaints_by_step(db.session, who, on),
                                    "links": _complaint_links(on)}
        assigned = _assigned_panel(who)
        if assigned:
            panels["assigned"] = assigned
        return self.render_template("dashboard.html", on=on, panels=panels, due_labels=DUE_LABELS,
                                    stage_labels=EVENT_LABELS, matter_labels=TPP_MATTER,
                                    complaint_labels=COMPLAINT_STATUS, is_overdue=is_overdue)
