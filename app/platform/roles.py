"""Roles and what each may do: the one place permissions are declared.

Every SIBIKA view sets ``class_permission_name`` to one of the resource names
below and maps its methods onto three permissions (``can_read``, ``can_write``,
``can_delete``), so a role is a short list of (resource, permission) pairs.
FAB reads this dict as FAB_ROLES ("builtin roles", matched as regular
expressions); Admin is FAB's own role and is granted everything.

Row-level rules (which office, which caseload, which sensitive fields) are not
here but in app.access: a permission says *what kind* of record a role may
touch, app.access says *which* records.
"""
from __future__ import annotations

ADMIN = "Admin"
KEPALA = "Kepala Bapas"
PK = "PK"
REGISTRASI = "Petugas Registrasi"
PENGADUAN = "Unit Pengaduan"
TPP = "Anggota TPP"

ALL_ROLES = (ADMIN, KEPALA, PK, REGISTRASI, PENGADUAN, TPP)

# Resources (permission view names) and their menu entries.
CLIENT = "Client"
GUARDIAN = "Guardian"
CONFIDENTIAL = "ClientConfidential"
HANDOVER = "Handover"
ASSIGNMENT = "PKAssignment"
PARTNER = "Partner"
OFFICE = "Office"
STAFF = "Staff"
REFERENCE = "Reference"
AUDIT = "AuditLog"
LEGAL = "LegalBasis"
SERVICE_STANDARD = "ServiceStandard"  # Admin only: the published standard's editions
PHOTO = "ClientPhoto"
LIFECYCLE = "Lifecycle"
APEL = "ApelLog"
MONTHLY_REPORT = "MonthlyReport"
REVOCATION = "Revocation"
BOOKS = "Books"
DUE = "DueItems"
DASHBOARD = "Dashboard"  # every role: each sees the figures its access allows
ASSESSMENT = "Assessment"
INSTRUMENT = "Instrument"
PROGRAMME = "Programme"
TPP_SESSION = "TppSession"
TPP_ITEM = "TppItem"
TPP_DECISION = "TppDecision"
PROGRESS = "Progress"
COMPLAINT = "Complaint"
COMPLAINT_STEP = "ComplaintStep"
DOCUMENT = "Document"
RETENTION = "Retention"
OWN_SESSIONS = "OwnSessions"  # one's own sessions: list, end one, "log out everywhere"; for every user
TEMPLATE = "DocumentTemplate"  # Admin only: no role below is granted it
SDP = "SdpExport"
CLIENT_IMPORT = "ClientImport"
JOBS = "Jobs"  # one's own background jobs: every user
BACKUP = "Backup"  # Admin only: no role below is granted it
SURVEY = "Survey"  # the SKM figures of an office: Kepala Bapas (own office) and Admin
TRANSFER = "Transfer"  # transfers between offices (app.supervision.transfers): propose, approve, accept, refuse

# Menu entries a role sees (FAB checks "menu_access" on these names).
MENU_CLIENTS = "Clients"
MENU_HANDOVERS = "Handovers"
MENU_ASSIGNMENTS = "PK assignments"
MENU_PARTNERS = "Partners"
MENU_OFFICES = "Offices"
MENU_AUDIT = "Audit log"
MENU_LEGAL = "Legal basis"
MENU_SERVICE_STANDARD = "Service standard"
MENU_GUARDIANS = "Parents and guardians"
MENU_CONFIDENTIAL = "Confidential data"
MENU_KINDS = "Supervision kinds"
MENU_DOCTYPES = "Handover documents"
MENU_APEL = "Reporting log"
MENU_REPORTS = "Monthly reports"
MENU_REVOCATIONS = "Revocations"
MENU_STAGE_BOOK = "Stage book"
MENU_EXPIRY_BOOK = "Expiry book"
MENU_DUE = "Due items"
MENU_NAME_INDEX = "Name index"
MENU_CLIENT_REGISTER = "Client register"
MENU_TPP_REGISTER = "TPP register"
MENU_COMPLAINT_REGISTER = "Complaint register"
MENU_ASSESSMENTS = "Assessments"
MENU_INSTRUMENTS = "Assessment instruments"
MENU_PROGRAMMES = "Guidance programmes"
MENU_TPP_SESSIONS = "TPP sessions"
MENU_TPP_ITEMS = "TPP agenda"
MENU_PROGRESS = "Progress book"
MENU_CONSENT = "Consent to home visits"
MENU_REFERRALS = "Referrals"
MENU_CLASSIFICATION = "Final-stage classification"
MENU_COMPLAINTS = "Complaints"
MENU_COMPLAINT_REPORT = "Complaint report"
MENU_COMPLAINT_CATEGORIES = "Complaint categories"
MENU_HOLIDAYS = "Holidays"
MENU_DOCUMENTS = "Document archive"
MENU_TEMPLATES = "Document templates"
MENU_LETTER_NUMBERS = "Letter numbering"
MENU_SDP = "SDP export"
MENU_IMPORT = "Import clients"
MENU_RETENTION = "Retention period"
MENU_JOBS = "My jobs"
MENU_BACKUP = "Backup menu"
MENU_SURVEY = "Satisfaction survey"
MENU_TRANSFERS = "Transfers"
MENU_TRANSFER_REGISTER = "Transfer register"
CATEGORY_SUPERVISION = "Supervision category"
# Menu categories need menu_access of their own; their names must differ from the
# resource names above or FAB's permission sync mixes the two up.
CATEGORY_CLIENTS = "Clients category"
CATEGORY_OFFICE = "Office category"
CATEGORY_REFERENCE = "Reference category"

METHOD_PERMISSIONS = {
    # ModelView (HTML)
    "list": "read", "show": "read", "download": "read", "api_read": "read",
    "api_get": "read", "api_readvalues": "read", "api_column_add": "write",
    "api_column_edit": "write", "add": "write", "edit": "write", "api_create": "write",
    "api_update": "write", "delete": "delete", "muldelete": "delete", "api_delete": "delete",
    "action": "write", "action_post": "write",
    # ModelRestApi
    "get": "read", "get_list": "read", "info": "read", "related": "read",
    "distinct": "read", "post": "write", "put": "write",
}


def _menus(*names: str) -> list[list[str]]:
    return [[f"^{name}$", "^menu_access$"] for name in names]


def _own_account() -> list[list[str]]:
    """Everyone may see their own profile, change their password and the language."""
    return [
        ["^UserInfoEditView$", "^can_this_form_(get|post)$"],
        ["^ResetMyPasswordView$", "^can_this_form_(get|post)$"],
        [f"^{OWN_SESSIONS}$", "^can_(read|write)$"],
        [f"^{JOBS}$", "^can_read$"],
        ["^StaffUserView$", "^can_userinfo$"],
        ["^LegalBasis$", "^can_read$"],
        [f"^{DASHBOARD}$", "^can_read$"],
        *_menus(MENU_LEGAL, CATEGORY_OFFICE, MENU_JOBS),
    ]


# What each role may do, resource by resource ("r" read, "w" write, "d" delete),
# and the menu entries it sees. Admin is FAB's own role and may do everything.
GRANTS: dict[str, dict[str, str]] = {
    KEPALA: {
        CLIENT: "rw", GUARDIAN: "rw", CONFIDENTIAL: "rw", HANDOVER: "rw", ASSIGNMENT: "rw", PARTNER: "rwd",
        OFFICE: "r", AUDIT: "r", PHOTO: "rw", REFERENCE: "r", LIFECYCLE: "rw", APEL: "rw", MONTHLY_REPORT: "rw",
        REVOCATION: "rw", BOOKS: "r", DUE: "r", ASSESSMENT: "rw", INSTRUMENT: "r", PROGRAMME: "rw",
        TPP_SESSION: "rw", TPP_ITEM: "rw", TPP_DECISION: "w", PROGRESS: "rw", COMPLAINT: "r", COMPLAINT_STEP: "rw",
        DOCUMENT: "rw", SDP: "rw", CLIENT_IMPORT: "w", RETENTION: "rw", SURVEY: "rw", TRANSFER: "rw",
    },
    PK: {
        CLIENT: "rw", GUARDIAN: "rw", CONFIDENTIAL: "rw", HANDOVER: "r", ASSIGNMENT: "r", PARTNER: "r",
        PHOTO: "rw", REFERENCE: "r", LIFECYCLE: "rw", APEL: "rw", MONTHLY_REPORT: "rw", REVOCATION: "rw",
        BOOKS: "r", DUE: "r", ASSESSMENT: "rw", INSTRUMENT: "r", PROGRAMME: "rw", TPP_SESSION: "r",
        TPP_ITEM: "rw", PROGRESS: "rw", COMPLAINT: "r", COMPLAINT_STEP: "w", DOCUMENT: "rw", SDP: "rw",
        TRANSFER: "rw",
    },
    REGISTRASI: {
        CLIENT: "rw", GUARDIAN: "rw", HANDOVER: "rw", ASSIGNMENT: "r", PARTNER: "rw", PHOTO: "rw",
        REFERENCE: "r", LIFECYCLE: "r", APEL: "rw", BOOKS: "r", COMPLAINT: "r", COMPLAINT_STEP: "w",
        CLIENT_IMPORT: "w", TRANSFER: "r",
    },
    TPP: {
        CLIENT: "r", PARTNER: "r", REFERENCE: "r", LIFECYCLE: "r", TPP_SESSION: "rw", TPP_ITEM: "rw",
        TPP_DECISION: "w", COMPLAINT: "r", COMPLAINT_STEP: "w", DOCUMENT: "rw",
    },
    PENGADUAN: {PARTNER: "r", COMPLAINT: "rw", COMPLAINT_STEP: "rw", REFERENCE: "r", DOCUMENT: "rw"},
}

SUPERVISION_MENUS = (MENU_DUE, MENU_APEL, MENU_REPORTS, MENU_REVOCATIONS, MENU_CLIENT_REGISTER, MENU_STAGE_BOOK,
                     MENU_EXPIRY_BOOK, MENU_NAME_INDEX, MENU_ASSESSMENTS, MENU_PROGRAMMES, MENU_TPP_SESSIONS,
                     MENU_TPP_ITEMS, MENU_TPP_REGISTER, MENU_PROGRESS, MENU_CONSENT, MENU_REFERRALS,
                     MENU_CLASSIFICATION, MENU_DOCUMENTS, MENU_SDP, MENU_TRANSFER_REGISTER)
IN_THE_CLIENT_FILE = (MENU_APEL, MENU_REPORTS, MENU_ASSESSMENTS, MENU_PROGRAMMES, MENU_TPP_ITEMS, MENU_PROGRESS,
                      MENU_CONSENT, MENU_REFERRALS, MENU_CLASSIFICATION)
MENUS: dict[str, tuple[str, ...]] = {
    KEPALA: (CATEGORY_CLIENTS, MENU_CLIENTS, MENU_IMPORT, MENU_HANDOVERS, MENU_ASSIGNMENTS, MENU_GUARDIANS, MENU_CONFIDENTIAL,
             MENU_TRANSFERS,
             CATEGORY_SUPERVISION, *SUPERVISION_MENUS, MENU_PARTNERS, MENU_OFFICES, MENU_AUDIT, MENU_INSTRUMENTS,
             MENU_COMPLAINTS, MENU_COMPLAINT_REPORT, MENU_COMPLAINT_REGISTER, MENU_RETENTION, MENU_SURVEY),
    # A PK's daily work on one child (apel, progress book, consent, referrals, assessments, programmes, agenda
    # items, monthly reports) starts from the client's file (/klien/<id>/): the menu keeps what spans clients.
    PK: (CATEGORY_CLIENTS, MENU_CLIENTS, MENU_HANDOVERS, MENU_ASSIGNMENTS, MENU_GUARDIANS, MENU_CONFIDENTIAL, MENU_TRANSFERS,
         CATEGORY_SUPERVISION, *(m for m in SUPERVISION_MENUS if m not in IN_THE_CLIENT_FILE), MENU_PARTNERS,
         MENU_INSTRUMENTS, MENU_COMPLAINTS, MENU_COMPLAINT_REGISTER),
    # Registration and the TPP are never named to act on a complaint: no always-empty complaint list.
    REGISTRASI: (CATEGORY_CLIENTS, MENU_CLIENTS, MENU_IMPORT, MENU_HANDOVERS, MENU_ASSIGNMENTS, MENU_GUARDIANS, MENU_TRANSFERS,
                 CATEGORY_SUPERVISION, MENU_APEL, MENU_CLIENT_REGISTER, MENU_STAGE_BOOK, MENU_EXPIRY_BOOK,
                 MENU_NAME_INDEX, MENU_TRANSFER_REGISTER, MENU_PARTNERS),
    TPP: (CATEGORY_CLIENTS, MENU_CLIENTS, CATEGORY_SUPERVISION, MENU_TPP_SESSIONS, MENU_TPP_ITEMS, MENU_TPP_REGISTER,
          MENU_PARTNERS, MENU_DOCUMENTS),
    # The complaints unit works on complaints: no supervision kinds, handover documents or letter archive.
    PENGADUAN: (MENU_PARTNERS, MENU_COMPLAINTS, MENU_COMPLAINT_REPORT, MENU_COMPLAINT_REGISTER,
                MENU_COMPLAINT_CATEGORIES, MENU_HOLIDAYS, CATEGORY_REFERENCE),
}
ROLES_WITH_REFERENCE_MENUS = (KEPALA, PK, REGISTRASI, TPP)
LETTERS = {"r": "read", "w": "write", "d": "delete"}


def _role(name: str) -> list[list[str]]:
    pairs = [[f"^{resource}$", f"^can_{LETTERS[letter]}$"]
             for resource, letters in GRANTS[name].items() for letter in letters]
    menus = MENUS[name] + ((MENU_KINDS, MENU_DOCTYPES, MENU_COMPLAINT_CATEGORIES, MENU_HOLIDAYS, CATEGORY_REFERENCE)
                           if name in ROLES_WITH_REFERENCE_MENUS else ())
    return pairs + _menus(*menus) + _own_account()


ROLE_PERMISSIONS: dict[str, list[list[str]]] = {name: _role(name) for name in GRANTS}
