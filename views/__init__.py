"""Menu and API registration: the only place views are added to the app."""
from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _

from app.platform import roles


def register(appbuilder) -> None:
    from views.client_file.client_file import ClientFileView
    from views.clients.api import ClientApi, ConfidentialApi, GuardianApi, HandoverApi, PartnerApi, PKAssignmentApi
    from views.clients.assignments import PKAssignmentView
    from views.clients.clients import ClientView, ConfidentialView, GuardianView
    from views.clients.handovers import HandoverView
    from views.clients.photos import ClientPhotoView
    from views.clients.returning import ReturningView
    from views.clients.returning_api import ReturningApi
    from views.complaints.api_office import ComplaintApi, ComplaintStepApi, DocumentApi
    from views.complaints.complaints import ComplaintCategoryView, ComplaintView, ComplaintWorkView, HolidayView
    from views.dashboard.dashboard import DashboardView
    from views.documents.documents import DocumentWorkView, GeneratedDocumentView, VerificationView
    from views.documents.status import DocumentStatusView
    from views.documents.templates_admin import DocumentTemplateView, LetterPatternView, TemplateWorkView
    from views.guidance.api import AssessmentApi, ProgrammeApi, ProgrammeItemApi
    from views.guidance.assessments import AssessmentView, AssessmentWorkView, InstrumentView
    from views.guidance.partners import PartnerView
    from views.guidance.programmes import ProgrammeItemView, ProgrammeView, ProgrammeWorkView
    from views.guidance.progress import AttachmentView, ClassificationView, ConsentView, ProgressEntryView, ReferralView
    from views.imports.imports import ClientImportView
    from views.jobs.jobs import BackupView, JobView
    from views.litmas.api import LitmasApi
    from views.litmas.litmas import LitmasView
    from views.platform.audit import AuditLogView
    from views.platform.health import health
    from views.platform.offices import HandoverDocumentTypeView, OfficeView, SupervisionKindView
    from views.platform.retention import RetentionView
    from views.platform.sessions import SessionView
    from views.public.legal import LegalBasisView
    from views.public.public import PublicComplaintView
    from views.public.standard import PublicStandardView, StandardComponentView
    from views.registers.registers import (
        ClientRegisterView,
        ComplaintRegisterView,
        DueView,
        ExpiryBookView,
        NameIndexView,
        StageBookView,
        TppRegisterView,
        TransferRegisterView,
    )
    from views.sdp.sdp import SdpView
    from views.supervision.api_activities import ApelLogApi, ConsentApi, ProgressEntryApi
    from views.supervision.lifecycle import LifecycleView
    from views.supervision.lifecycle_api import LifecycleApi
    from views.supervision.records import ApelLogView, MonthlyReportView, RevocationView
    from views.supervision.transfers import TransferView
    from views.supervision.transfers_api import TransferApi
    from views.tpp.api import TppDecisionApi, TppItemApi, TppSessionApi
    from views.tpp.tpp import TppDecisionView, TppItemView, TppSessionView

    clients_cat, office_cat, ref_cat = roles.CATEGORY_CLIENTS, roles.CATEGORY_OFFICE, roles.CATEGORY_REFERENCE
    appbuilder.add_view(ClientView, roles.MENU_CLIENTS, label=_("Clients"), icon="fa-child",
                        category=clients_cat, category_label=_("Clients"), category_icon="fa-users")
    appbuilder.add_view(ClientImportView, roles.MENU_IMPORT, label=_("Import from a spreadsheet"),
                        icon="fa-upload", category=clients_cat)
    appbuilder.add_view(HandoverView, roles.MENU_HANDOVERS, label=_("Handovers"), icon="fa-handshake-o",
                        category=clients_cat)
    appbuilder.add_view(PKAssignmentView, roles.MENU_ASSIGNMENTS, label=_("PK assignments"),
                        icon="fa-user-plus", category=clients_cat)
    appbuilder.add_view(GuardianView, roles.MENU_GUARDIANS, label=_("Parents and guardians"),
                        icon="fa-home", category=clients_cat)
    appbuilder.add_view(ConfidentialView, roles.MENU_CONFIDENTIAL, label=_("Confidential data"),
                        icon="fa-lock", category=clients_cat)
    appbuilder.add_view(TransferView, roles.MENU_TRANSFERS, label=_("Transfers between offices"),
                        icon="fa-exchange", category=clients_cat)
    sup_cat = roles.CATEGORY_SUPERVISION
    appbuilder.add_view(DueView, roles.MENU_DUE, label=_("Due items"), icon="fa-bell", category=sup_cat,
                        category_label=_("Supervision"), category_icon="fa-calendar")
    appbuilder.add_view(ApelLogView, roles.MENU_APEL, label=_("Reporting log"), icon="fa-check-square-o",
                        category=sup_cat)
    appbuilder.add_view(MonthlyReportView, roles.MENU_REPORTS, label=_("Monthly reports"), icon="fa-file-text-o",
                        category=sup_cat)
    appbuilder.add_view(RevocationView, roles.MENU_REVOCATIONS, label=_("Revocations"), icon="fa-ban",
                        category=sup_cat)
    appbuilder.add_view(ClientRegisterView, roles.MENU_CLIENT_REGISTER, label=_("Client register"),
                        icon="fa-address-book-o", category=sup_cat)
    appbuilder.add_view(StageBookView, roles.MENU_STAGE_BOOK, label=_("Stage book"), icon="fa-book",
                        category=sup_cat)
    appbuilder.add_view(ExpiryBookView, roles.MENU_EXPIRY_BOOK, label=_("Expiry book"), icon="fa-book",
                        category=sup_cat)
    appbuilder.add_view(NameIndexView, roles.MENU_NAME_INDEX, label=_("Name index"), icon="fa-sort-alpha-asc",
                        category=sup_cat)
    appbuilder.add_view(TransferRegisterView, roles.MENU_TRANSFER_REGISTER, label=_("Transfer register"),
                        icon="fa-exchange", category=sup_cat)
    appbuilder.add_view(AssessmentView, roles.MENU_ASSESSMENTS, label=_("Assessments"), icon="fa-list-alt",
                        category=sup_cat)
    appbuilder.add_view(InstrumentView, roles.MENU_INSTRUMENTS, label=_("Assessment instruments"),
                        icon="fa-sliders", category=roles.CATEGORY_REFERENCE, category_label=_("Reference"),
                        category_icon="fa-book")
    appbuilder.add_view(ProgrammeView, roles.MENU_PROGRAMMES, label=_("Guidance programmes"), icon="fa-tasks",
                        category=sup_cat)
    appbuilder.add_view(TppSessionView, roles.MENU_TPP_SESSIONS, label=_("TPP sessions"), icon="fa-users",
                        category=sup_cat)
    appbuilder.add_view(TppItemView, roles.MENU_TPP_ITEMS, label=_("TPP agenda"), icon="fa-gavel", category=sup_cat)
    appbuilder.add_view(TppRegisterView, roles.MENU_TPP_REGISTER, label=_("TPP register"), icon="fa-book",
                        category=sup_cat)
    appbuilder.add_view(ProgressEntryView, roles.MENU_PROGRESS, label=_("Progress book"), icon="fa-book",
                        category=sup_cat)
    appbuilder.add_view(ConsentView, roles.MENU_CONSENT, label=_("Consent to home visits"), icon="fa-check",
                        category=sup_cat)
    appbuilder.add_view(ReferralView, roles.MENU_REFERRALS, label=_("Referrals"), icon="fa-share", category=sup_cat)
    appbuilder.add_view(ClassificationView, roles.MENU_CLASSIFICATION, label=_("Final-stage classification"),
                        icon="fa-flag", category=sup_cat)
    appbuilder.add_view(GeneratedDocumentView, roles.MENU_DOCUMENTS, label=_("Document archive"),
                        icon="fa-file-word-o", category=sup_cat)
    appbuilder.add_view(SdpView, roles.MENU_SDP, label=_("SDP export"), icon="fa-upload", category=sup_cat)
    appbuilder.add_view_no_menu(DocumentWorkView)
    appbuilder.add_view_no_menu(LitmasView)
    appbuilder.add_view_no_menu(VerificationView)
    appbuilder.add_view_no_menu(DocumentStatusView)
    appbuilder.add_view_no_menu(AttachmentView)
    appbuilder.add_view_no_menu(ProgrammeItemView)
    appbuilder.add_view_no_menu(ProgrammeWorkView)
    appbuilder.add_view_no_menu(TppDecisionView)
    appbuilder.add_view_no_menu(AssessmentWorkView)
    appbuilder.add_view_no_menu(DashboardView)
    appbuilder.add_view_no_menu(LifecycleView)
    appbuilder.add_view_no_menu(ClientFileView)
    appbuilder.add_view_no_menu(ReturningView)
    appbuilder.add_view(PartnerView, roles.MENU_PARTNERS, label=_("Partners"), icon="fa-university",
                        category=office_cat, category_label=_("Office"), category_icon="fa-building")
    appbuilder.add_view(ComplaintView, roles.MENU_COMPLAINTS, label=_("Complaints"), icon="fa-comments",
                        category=office_cat)
    appbuilder.add_link(roles.MENU_COMPLAINT_REPORT, href="/pengaduan-kerja/laporan", label=_("Complaint report"),
                        icon="fa-bar-chart", category=office_cat)
    appbuilder.add_view(ComplaintRegisterView, roles.MENU_COMPLAINT_REGISTER, label=_("Complaint register"),
                        icon="fa-book", category=office_cat)
    appbuilder.add_view_no_menu(ComplaintWorkView)
    appbuilder.add_view_no_menu(PublicComplaintView)
    appbuilder.add_view(OfficeView, roles.MENU_OFFICES, label=_("Offices"), icon="fa-building-o",
                        category=office_cat)
    appbuilder.add_view(AuditLogView, roles.MENU_AUDIT, label=_("Audit log"), icon="fa-history",
                        category=office_cat)
    appbuilder.add_view(RetentionView, roles.MENU_RETENTION, label=_("Retention period"), icon="fa-user-secret",
                        category=office_cat)
    appbuilder.add_view(JobView, roles.MENU_JOBS, label=_("My jobs"), icon="fa-tasks", category=office_cat)
    appbuilder.add_view(BackupView, roles.MENU_BACKUP, label=_("Backup"), icon="fa-database", category=office_cat)
    appbuilder.add_view(LegalBasisView, roles.MENU_LEGAL, label=_("Legal basis"), icon="fa-balance-scale",
                        category=office_cat)
    appbuilder.add_view(SupervisionKindView, roles.MENU_KINDS, label=_("Supervision kinds"), icon="fa-list",
                        category=ref_cat, category_label=_("Reference"), category_icon="fa-book")
    appbuilder.add_view(HandoverDocumentTypeView, roles.MENU_DOCTYPES, label=_("Handover documents"),
                        icon="fa-file-o", category=ref_cat)
    appbuilder.add_view(ComplaintCategoryView, roles.MENU_COMPLAINT_CATEGORIES, label=_("Complaint categories"),
                        icon="fa-tags", category=ref_cat)
    appbuilder.add_view(HolidayView, roles.MENU_HOLIDAYS, label=_("Holidays"), icon="fa-calendar-times-o",
                        category=ref_cat)
    appbuilder.add_view(DocumentTemplateView, roles.MENU_TEMPLATES, label=_("Document templates"),
                        icon="fa-file-word-o", category=ref_cat)
    appbuilder.add_view(LetterPatternView, roles.MENU_LETTER_NUMBERS, label=_("Letter numbering"),
                        icon="fa-hashtag", category=ref_cat)
    appbuilder.add_view_no_menu(TemplateWorkView)
    appbuilder.add_view(StandardComponentView, roles.MENU_SERVICE_STANDARD, label=_("Service standard"),
                        icon="fa-bullhorn", category=ref_cat)
    appbuilder.add_view_no_menu(PublicStandardView)
    appbuilder.add_view_no_menu(ClientPhotoView)
    appbuilder.add_view_no_menu(SessionView)
    from views.public.survey import PublicSurveyView
    from views.public.survey_report import SurveyReportView

    appbuilder.add_view_no_menu(PublicSurveyView)
    appbuilder.add_view(SurveyReportView, roles.MENU_SURVEY, label=_("Satisfaction survey"), icon="fa-smile-o",
                        category=office_cat)
    current_app.register_blueprint(health)
    for api in (ClientApi, GuardianApi, ConfidentialApi, HandoverApi, PKAssignmentApi, PartnerApi, LifecycleApi,
                AssessmentApi, ProgrammeApi, ProgrammeItemApi, ProgressEntryApi, ConsentApi, ApelLogApi,
                TppSessionApi, TppItemApi, TppDecisionApi, ComplaintApi, ComplaintStepApi, DocumentApi, LitmasApi,
                ReturningApi, TransferApi):
        appbuilder.add_api(api)
