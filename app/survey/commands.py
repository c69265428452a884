"""Every write of the survey: an answer from the public form, and the Kepala Bapas's publication.

Each refuses with a translated ``Invalid`` and writes nothing; the caller commits."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import select

from app import access
from app.errors import Forbidden, Invalid, NotFoundOrForbidden
from app.survey import codes, queries
from app.survey.elements import ELEMENTS, MAX_SUGGESTION, PROFILE
from app.survey.index import HIGHEST, LOWEST
from models import Office, SurveyCode, SurveyPublication, SurveyResponse

JAKARTA = ZoneInfo("Asia/Jakarta")


@dataclass
class Answers:
    scores: dict[str, object]                     # element key -> what was sent (checked here)
    suggestion: str | None = None
    profile: dict[str, str | None] = field(default_factory=dict)
    code: str | None = None


def quarter_of(moment: datetime) -> tuple[int, int]:
    """The (year, quarter) of a UTC moment, by the calendar in Jakarta."""
    local = moment.replace(tzinfo=timezone.utc).astimezone(JAKARTA)
    return local.year, (local.month - 1) // 3 + 1


def _score(value) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if LOWEST <= number <= HIGHEST and str(value).strip() == str(number) else None


def problems(session, office: Office, answers: Answers) -> tuple[dict[str, list[str]], dict[str, int], SurveyCode | None]:
    found: dict[str, list[str]] = {}
    scores: dict[str, int] = {}
    for element in ELEMENTS:
        score = _score(answers.scores.get(element.key))
        if score is None:
            found[element.key] = [_("Choose one of the four answers for “%(element)s”.", element=element.name)]
        else:
            scores[element.key] = score
    if len((answers.suggestion or "").strip()) > MAX_SUGGESTION:
        found["suggestion"] = [_("The suggestion is longer than %(n)d characters.", n=MAX_SUGGESTION)]
    for name, allowed in PROFILE.items():
        value = answers.profile.get(name)
        if value and value not in allowed:
            found[name] = [_("Choose one of the answers offered, or leave it empty.")]
    code = None
    if (answers.code or "").strip():
        typed = codes.normalise(answers.code)
        code = session.scalars(select(SurveyCode).where(SurveyCode.code == typed,
                                                        SurveyCode.office_id == office.id)).first() if typed else None
        if code is None:
            found["code"] = [_("This code is not known at this office. Check it, or leave the field empty.")]
        elif code.used_at is not None:
            found["code"] = [code_used_message()]
    return found, scores, code


def submit(session, office_code: str, answers: Answers, now: datetime | None = None) -> SurveyResponse:
    """An anonymous answer to the office's survey. A code, when given, is spent with it."""
    office = session.scalars(select(Office).where(Office.code == office_code)).first()
    if office is None:
        raise NotFoundOrForbidden()
    found, scores, code = problems(session, office, answers)
    if found:
        raise Invalid(found)
    now = now or datetime.now(timezone.utc).replace(tzinfo=None)
    year, quarter = quarter_of(now)
    profile = {name: answers.profile.get(name) or None for name in PROFILE}
    response = SurveyResponse(office_id=office.id, submitted_at=now, year=year, quarter=quarter,
                              suggestion=(answers.suggestion or "").strip() or None, **scores, **profile)
    if code is not None:
        response.code_id, response.service = code.id, code.service
        code.used_at = now
    session.add(response)
    session.flush()  # a second use of the code in a race fails here, on the unique code_id
    return response


def code_used_message() -> str:
    return _("This code has already been used: each code answers the survey once.")


def publish(session, office_id: int, year: int, quarter: int, who: access.Principal,
            now: datetime | None = None) -> SurveyPublication:
    """Make a quarter's IKM public, as it stands now (publishing again replaces the figures)."""
    if not access.may_publish_survey(office_id, who):
        raise Forbidden(_("Only the Kepala Bapas of the office publishes its index."))
    if quarter not in (1, 2, 3, 4):
        raise Invalid({"quarter": [_("Choose a quarter.")]})
    summary = queries.quarter(session, who, year, quarter, office_id)
    if summary is None:
        raise Invalid({"quarter": [_("No answers in this quarter: there is nothing to publish.")]})
    publication = session.scalars(select(SurveyPublication).where(
        SurveyPublication.office_id == office_id, SurveyPublication.year == year,
        SurveyPublication.quarter == quarter)).first()
    if publication is None:
        publication = SurveyPublication(office_id=office_id, year=year, quarter=quarter)
        session.add(publication)
    result = summary.result
    publication.respondents = result.respondents
    publication.ikm = result.index
    publication.grade = result.grade
    publication.elements = {e.key: str(v) for e, v in zip(ELEMENTS, result.element_indexes)}
    publication.published_at = now or datetime.now(timezone.utc).replace(tzinfo=None)
    publication.published_by_id = who.user_id
    session.flush()
    return publication


MAX_CODES = 50


def issue_counter_codes(session, office_id: int, how_many: int, who: access.Principal) -> list[SurveyCode]:
    """A sheet of one-time codes for service at the counter, cut out and handed to each visitor."""
    if not access.may_publish_survey(office_id, who):
        raise Forbidden(_("Only the Kepala Bapas of the office prints its survey codes."))
    if not 1 <= how_many <= MAX_CODES:
        raise Invalid({"jumlah": [_("Between 1 and %(n)d codes at a time.", n=MAX_CODES)]})
    return [codes.issue(session, office_id, "layanan") for _n in range(how_many)]
