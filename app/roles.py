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
PHOTO = "ClientPhoto"
LIFECYCLE = "Lifecycle"
APEL = "ApelLog"
MONTHLY_REPORT = "MonthlyReport"
REVOCATION = "Revocation"
BOOKS = "Books"
DUE = "DueItems"
ASSESSMENT = "Assessment"
INSTRUMENT = "Instrument"

# Menu entries a role sees (FAB checks "menu_access" on these names).
MENU_CLIENTS = "Clients"
MENU_HANDOVERS = "Handovers"
MENU_ASSIGNMENTS = "PK assignments"
MENU_PARTNERS = "Partners"
MENU_OFFICES = "Offices"
MENU_AUDIT = "Audit log"
MENU_LEGAL = "Legal basis"
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
MENU_ASSESSMENTS = "Assessments"
MENU_INSTRUMENTS = "Assessment instruments"
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


def _rw(resource: str, *perms: str) -> list[list[str]]:
    return [[f"^{resource}$", f"^can_{p}$"] for p in perms]


def _menus(*names: str) -> list[list[str]]:
    return [[f"^{name}$", "^menu_access$"] for name in names]


def _reference_menus() -> list[list[str]]:
    return _menus(MENU_KINDS, MENU_DOCTYPES, CATEGORY_REFERENCE)


def _own_account() -> list[list[str]]:
    """Everyone may see their own profile, change their password and the language."""
    return [
        ["^UserInfoEditView$", "^can_this_form_(get|post)$"],
        ["^ResetMyPasswordView$", "^can_this_form_(get|post)$"],
        ["^StaffUserView$", "^can_userinfo$"],
        ["^LegalBasis$", "^can_read$"],
        *_menus(MENU_LEGAL, CATEGORY_OFFICE),
    ]


ROLE_PERMISSIONS: dict[str, list[list[str]]] = {
    KEPALA: [
        *_rw(ASSESSMENT, "read", "write"), *_rw(INSTRUMENT, "read"), *_menus(MENU_ASSESSMENTS, MENU_INSTRUMENTS),
        *_rw(LIFECYCLE, "read", "write"), *_rw(APEL, "read", "write"), *_rw(MONTHLY_REPORT, "read", "write"),
        *_rw(REVOCATION, "read", "write"), *_rw(BOOKS, "read"), *_rw(DUE, "read"),
        *_menus(MENU_APEL, MENU_REPORTS, MENU_REVOCATIONS, MENU_STAGE_BOOK, MENU_EXPIRY_BOOK, MENU_DUE,
                MENU_NAME_INDEX, CATEGORY_SUPERVISION),
        *_rw(CLIENT, "read", "write"), *_rw(GUARDIAN, "read", "write"),
        *_rw(CONFIDENTIAL, "read", "write"), *_rw(HANDOVER, "read", "write"),
        *_rw(ASSIGNMENT, "read", "write"), *_rw(PARTNER, "read", "write", "delete"),
        *_rw(OFFICE, "read"), *_rw(AUDIT, "read"), *_rw(PHOTO, "read", "write"), *_rw(REFERENCE, "read"),
        *_menus(MENU_CLIENTS, MENU_HANDOVERS, MENU_ASSIGNMENTS, MENU_PARTNERS,
                MENU_OFFICES, MENU_AUDIT, MENU_GUARDIANS, MENU_CONFIDENTIAL, CATEGORY_CLIENTS),
        *_reference_menus(), *_own_account(),
    ],
    PK: [
        *_rw(ASSESSMENT, "read", "write"), *_rw(INSTRUMENT, "read"), *_menus(MENU_ASSESSMENTS, MENU_INSTRUMENTS),
        *_rw(LIFECYCLE, "read", "write"), *_rw(APEL, "read", "write"), *_rw(MONTHLY_REPORT, "read", "write"),
        *_rw(REVOCATION, "read", "write"), *_rw(BOOKS, "read"), *_rw(DUE, "read"),
        *_menus(MENU_APEL, MENU_REPORTS, MENU_REVOCATIONS, MENU_STAGE_BOOK, MENU_EXPIRY_BOOK, MENU_DUE,
                MENU_NAME_INDEX, CATEGORY_SUPERVISION),
        *_rw(CLIENT, "read", "write"), *_rw(GUARDIAN, "read", "write"),
        *_rw(CONFIDENTIAL, "read", "write"), *_rw(HANDOVER, "read"),
        *_rw(ASSIGNMENT, "read"), *_rw(PARTNER, "read"), *_rw(PHOTO, "read", "write"),
        *_rw(REFERENCE, "read"),
        *_menus(MENU_CLIENTS, MENU_HANDOVERS, MENU_ASSIGNMENTS, MENU_PARTNERS,
                MENU_GUARDIANS, MENU_CONFIDENTIAL, CATEGORY_CLIENTS),
        *_reference_menus(), *_own_account(),
    ],
    REGISTRASI: [
        *_rw(LIFECYCLE, "read"), *_rw(APEL, "read", "write"), *_rw(BOOKS, "read"),
        *_menus(MENU_APEL, MENU_STAGE_BOOK, MENU_EXPIRY_BOOK, MENU_NAME_INDEX, CATEGORY_SUPERVISION),
        *_rw(CLIENT, "read", "write"), *_rw(GUARDIAN, "read", "write"),
        *_rw(HANDOVER, "read", "write"), *_rw(ASSIGNMENT, "read"),
        *_rw(PARTNER, "read", "write"), *_rw(PHOTO, "read", "write"), *_rw(REFERENCE, "read"),
        *_menus(MENU_CLIENTS, MENU_HANDOVERS, MENU_ASSIGNMENTS, MENU_PARTNERS, MENU_GUARDIANS, CATEGORY_CLIENTS),
        *_reference_menus(), *_own_account(),
    ],
    TPP: [
        *_rw(LIFECYCLE, "read"),
        *_rw(CLIENT, "read"), *_rw(PARTNER, "read"), *_rw(REFERENCE, "read"),
        *_menus(MENU_CLIENTS, MENU_PARTNERS, CATEGORY_CLIENTS),
        *_reference_menus(), *_own_account(),
    ],
    PENGADUAN: [
        *_rw(PARTNER, "read"),
        *_menus(MENU_PARTNERS),
        *_own_account(),
    ],
}
