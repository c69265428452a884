"""The Kepala Bapas's survey screen: the IKM per element, quarter and office, a chart, the .xlsx export and
the "publish" action. Figures come from app.survey.queries, scoped by app.access."""
from __future__ import annotations

from flask import Response, abort, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import lazy_gettext as _

from app import access
from app.extensions import db
from app.platform import audit, roles
from app.survey import commands, export, index, queries
from app.survey.elements import ELEMENTS, GRADE_LABELS
from views.base import commit_or_flash, today
from views.documents.downloads import secured
from views.public.survey import figure

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.values.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        abort(400)
    if not low <= value <= high:
        abort(400)
    return value


class SurveyReportView(BaseView):
    route_base = "/skm"
    default_view = "report"
    class_permission_name = roles.SURVEY
    method_permission_name = {"report": "read", "export": "read", "publish": "write", "counter_codes": "write"}

    def _choice(self):
        who = access.principal()
        offices = queries.offices(db.session, who)
        if not offices:
            abort(404)
        now = today()
        year = _int_arg("tahun", now.year, 2000, 2100)
        quarter = _int_arg("triwulan", (now.month - 1) // 3 + 1, 1, 4)
        office_id = _int_arg("kantor", offices[0].id, 1, access.MAX_ID)
        office = next((o for o in offices if o.id == office_id), None)
        if office is None:
            abort(404)  # another office's figures: as if it did not exist
        return who, offices, office, year, quarter

    @expose("/")
    @has_access
    def report(self):
        who, offices, office, year, quarter = self._choice()
        summaries = queries.year(db.session, who, year)
        chosen = next((s for s in summaries if s.office.id == office.id and s.quarter == quarter), None)
        values = {e.key: v for e, v in zip(ELEMENTS, chosen.result.element_indexes)} if chosen else {}
        return self.render_template(
            "survey/report.html", offices=offices, office=office, year=year, quarter=quarter, summaries=summaries,
            chosen=chosen, values=values, elements=ELEMENTS, grades=GRADE_LABELS, grade_of=index.grade, figure=figure,
            published=queries.publications(db.session, who, year),
            services=queries.services(db.session, who, year, quarter, office.id) if chosen else [],
            suggestions=queries.suggestions(db.session, who, year, quarter, office.id) if chosen else [],
            may_publish=access.may_publish_survey(office.id, who))

    @expose("/xlsx")
    @has_access
    def export(self):
        who, offices, office, year, _quarter = self._choice()
        summaries = queries.year(db.session, who, year)
        content = export.workbook(summaries, year)
        audit.record_export(db.session, "skm", {"tahun": str(year)}, len(summaries))
        return secured(Response(content, mimetype=XLSX_MIME), f'attachment; filename="ikm-{year}.xlsx"')

    @expose("/terbitkan", methods=["POST"])
    @has_access
    def publish(self):
        who, offices, office, year, quarter = self._choice()
        commit_or_flash(lambda: commands.publish(db.session, office.id, year, quarter, who),
                        _("The index of quarter %(q)d of %(year)d is now public.", q=quarter, year=year))
        return redirect(url_for("SurveyReportView.report", tahun=year, triwulan=quarter, kantor=office.id))

    @expose("/kode", methods=["POST"])
    @has_access
    def counter_codes(self):
        who, offices, office, year, quarter = self._choice()
        if not request.values.get("jumlah"):
            abort(400)
        how_many = _int_arg("jumlah", 0, 1, commands.MAX_CODES)
        outcome = commit_or_flash(lambda: commands.issue_counter_codes(db.session, office.id, how_many, who))
        if not outcome.ok:
            return redirect(url_for("SurveyReportView.report", tahun=year, triwulan=quarter, kantor=office.id))
        return self.render_template("survey/codes.html", office=office, codes=outcome.result)
