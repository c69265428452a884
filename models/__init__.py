"""SQLAlchemy models. Importing this package registers every table on
``flask_appbuilder.Model.metadata`` (which also holds FAB's ``ab_*`` tables)."""
from models.assessment import (  # noqa: F401
    Assessment,
    AssessmentAnswer,
    CutOff,
    Instrument,
    InstrumentDomain,
    InstrumentItem,
    ItemOption,
)
from models.assignment import PKAssignment  # noqa: F401
from models.audit import AuditLog  # noqa: F401
from models.client import Client, ClientConfidential, Guardian  # noqa: F401
from models.complaint import Complaint, ComplaintCategory, ComplaintStep, Holiday  # noqa: F401
from models.counter import RegistrationCounter  # noqa: F401
from models.document import DocumentTemplate, GeneratedDocument, LetterCounter, LetterPattern  # noqa: F401
from models.handover import Handover  # noqa: F401
from models.job import Job, JobStatus  # noqa: F401
from models.lifecycle import (  # noqa: F401
    ApelLog,
    BookEntry,
    GateRecord,
    MonthlyReport,
    Revocation,
    Termination,
)
from models.litmas import LitmasNarrative  # noqa: F401
from models.login_session import LoginSession  # noqa: F401
from models.office import Office  # noqa: F401
from models.partner import Partner  # noqa: F401
from models.programme import Programme, ProgrammeItem, TppItem, TppSession  # noqa: F401
from models.progress import Attachment, Classification, Consent, ProgressEntry, Referral  # noqa: F401
from models.reference import HandoverDocumentType, SupervisionKind  # noqa: F401
from models.retention import RetentionProposal  # noqa: F401
from models.returning import ClientLink, EarlierFileGrant  # noqa: F401
from models.sdp import SdpBatch, SdpMark  # noqa: F401
from models.service_standard import StandardComponent  # noqa: F401
from models.staff import Staff  # noqa: F401
from models.survey import SurveyCode, SurveyPublication, SurveyResponse  # noqa: F401
from models.transfer import Transfer  # noqa: F401
