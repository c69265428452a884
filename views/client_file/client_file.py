"""The client's file (berkas klien): one address per client, every section of
the child's supervision on one page, each with its "+" to the form fixed to
the child. The view only reads (app.client_file.queries) and renders."""
from __future__ import annotations

from flask import abort, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import lazy_gettext as _

from app import access
from app.client_file import queries
from app.client_file.months import report_months
from app.clients.returning import commands as returning_commands
from app.errors import DomainError
from app.extensions import db
from app.platform import roles
from app.platform.ui_dates import ui_period
from app.supervision import due
from app.supervision.due import DUE_LABELS
from app.supervision.lifecycle import books, gates
from app.supervision.lifecycle.commands import available, state_label
from app.supervision.transfers.rules import STATUS as TRANSFER_STATUS
from models.choices import (
    ACTIVITY_KIND,
    ASSESSMENT_KIND,
    ASSESSMENT_STATUS,
    END_REASON,
    GUARDIAN_RELATION,
    PROGRAMME_STATUS,
    RISK_CATEGORY,
    STAGE,
    STATUS,
    TPP_DECISION,
    TPP_MATTER,
    UNDER_SUPERVISION,
    ClientStatus,
    label,
)
from views.base import today
from views.platform.audit import ACTIONS

# (anchor, title, the resource whose list the section shows, whether it holds sensitive matters)
SECTIONS = [
    ("ringkasan", _("Summary"), roles.CLIENT, False),
    ("identitas", _("Identity and family"), roles.CLIENT, False),
    ("serah-terima", _("Handover and assignment"), roles.HANDOVER, False),
    ("sebelumnya", _("Earlier and later supervisions"), roles.CLIENT, False),
    ("asesmen", _("Assessment"), roles.ASSESSMENT, True),
    ("program", _("Programme"), roles.PROGRAMME, True),
    ("buku-perkembangan", _("Progress book"), roles.PROGRESS, True),
    ("wajib-lapor", _("Reporting duty"), roles.APEL, False),
    ("persetujuan", _("Home-visit consent and referrals"), roles.PROGRESS, True),
    ("sidang-tpp", _("TPP sessions"), roles.TPP_ITEM, False),
    ("tahapan", _("Stages and books"), roles.LIFECYCLE, False),
    ("pindah", _("Transfers between offices"), roles.TRANSFER, False),
    ("dokumen", _("Documents"), roles.DOCUMENT, True),
    ("riwayat", _("History"), roles.AUDIT, False),
]

# The "+" of each section: (anchor, add endpoint, resource written, label).
ADDS = [
    ("identitas", "GuardianView.add", roles.GUARDIAN, _("Add parent or guardian")),
    ("serah-terima", "HandoverView.add", roles.HANDOVER, _("Record a handover")),
    ("serah-terima", "PKAssignmentView.add", roles.ASSIGNMENT, _("Assign a PK")),
    ("asesmen", "AssessmentView.add", roles.ASSESSMENT, _("New assessment")),
    ("program", "ProgrammeView.add", roles.PROGRAMME, _("New programme")),
    ("buku-perkembangan", "ProgressEntryView.add", roles.PROGRESS, _("Record a guidance activity")),
    ("wajib-lapor", "ApelLogView.add", roles.APEL, _("Record a report")),
    ("persetujuan", "ConsentView.add", roles.PROGRESS, _("Record consent or refusal")),
    ("persetujuan", "ReferralView.add", roles.PROGRESS, _("Refer to a partner")),
    ("persetujuan", "ClassificationView.add", roles.PROGRESS, _("Set the final-stage classification")),
    ("sidang-tpp", "TppItemView.add", roles.TPP_ITEM, _("Put on the TPP agenda")),
    ("dokumen", "MonthlyReportView.add", roles.MONTHLY_REPORT, _("Record a monthly report")),
    ("pindah", "TransferView.propose", roles.TRANSFER, _("Propose a transfer")),
]
# Only those who supervise the child (the assigned PK, the Kepala Bapas, Admin) get these.
SENSITIVE_ADDS = {"asesmen", "program", "buku-perkembangan", "persetujuan", "dokumen", "pindah"}


# The kinds of record the file's history names, by the words of their own screens.
RECORD_KINDS = {
    "client": _("Client"), "guardian": _("Parents and guardians"), "client_confidential": _("Confidential data"),
    "handover": _("Handover record"), "pk_assignment": _("PK assignments"), "assessment": _("Assessment"),
    "programme": _("Programme"), "programme_item": _("Programme item"), "progress_entry": _("Guidance activity"),
    "apel_log": _("Report"), "monthly_report": _("Monthly progress report"), "consent": _("Consent to home visits"),
    "referral": _("Referrals to partners"), "classification": _("Final-stage classification"),
    "tpp_item": _("TPP agenda item"), "book_entry": _("Stage book"), "generated_document": _("Document archive"),
    "client_link": _("Earlier supervisions"), "client_match": _("Possible earlier registrations"),
    "earlier_file_grant": _("Access to the earlier file"), "termination": _("How the supervision ended"),
    "transfer": _("Transfers between offices"),
}
HISTORY_SHOWN = 50


def section_url(client_id: int, anchor: str) -> str:
    return url_for("ClientFileView.show", client_id=client_id) + f"#{anchor}"


class ClientFileView(BaseView):
    route_base = "/klien"
    class_permission_name = roles.CLIENT
    method_permission_name = {"show": "read"}
    default_view = "show"

    def _may(self, permission: str, resource: str) -> bool:
        return self.appbuilder.sm.has_access(permission, resource)

    @expose("/<int:client_id>/")
    @has_access
    def show(self, client_id: int):
        who = access.principal()
        try:
            found = queries.file_of(db.session, client_id, who, today())
        except DomainError:
            abort(404)
        client = found.client
        may_match = client.status == ClientStatus.TERDAFTAR and self._may("can_write", roles.CLIENT) \
            and returning_commands.may_link(who)
        sections = [(anchor, title) for anchor, title, resource, sensitive in SECTIONS
                    if (found.supervises or not sensitive)
                    and (anchor != "riwayat" or found.sees_history)
                    and (anchor != "sebelumnya" or found.earlier or found.later or may_match)
                    and self._may("can_read", resource)]
        shown = {anchor for anchor, _title in sections}
        adds: dict[str, list] = {}
        for anchor, endpoint, resource, text in ADDS:
            if anchor not in shown or not self._may("can_write", resource):
                continue
            if anchor in SENSITIVE_ADDS and not found.supervises:
                continue
            if anchor == "pindah" and (found.open_transfer or client.status not in UNDER_SUPERVISION):
                continue  # one transfer at a time, and none of an ended supervision (app.supervision.transfers.commands)
            adds.setdefault(anchor, []).append(
                (url_for(endpoint, client_id=client.id, next=section_url(client.id, anchor)), text))
        return self.render_template(
            "client_file.html", f=found, client=client, sections=sections, shown=shown, adds=adds, today=today(),
            history_actions=ACTIONS, record_kinds=RECORD_KINDS, period_label=ui_period,
            history_shown=HISTORY_SHOWN, may_match=may_match,
            may_grant=access.may_grant_earlier_file(client, who) and self._may("can_write", roles.CLIENT),
            section_url=lambda anchor: section_url(client.id, anchor), state=state_label(client),
            labels={"stage": STAGE, "status": STATUS, "activity": ACTIVITY_KIND, "risk": RISK_CATEGORY,
                    "assessment": ASSESSMENT_KIND, "assessment_status": ASSESSMENT_STATUS,
                    "programme_status": PROGRAMME_STATUS, "matter": TPP_MATTER, "decision": TPP_DECISION,
                    "relation": GUARDIAN_RELATION, "due": DUE_LABELS, "event": books.EVENT_LABELS,
                    "kind": books.KIND_LABELS, "gate": gates.RECORDED_GATES, "end": END_REASON,
                    "transfer": TRANSFER_STATUS},
            label=label, is_overdue=due.is_overdue,
            may_issue=found.supervises and self._may("can_write", roles.DOCUMENT),
            may_edit_client=self._may("can_write", roles.CLIENT),
            report_months=report_months(client.supervision_start, today()),
            transitions=available(client) if access.can_supervise(client, who)
            and self._may("can_write", roles.LIFECYCLE) else [])
