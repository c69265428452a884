"""The read side of the survey: the index per office and quarter, through the access layer, and the
latest published quarter for the public page."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app import access
from app.survey import index
from app.survey.elements import KEYS, SERVICES
from models import Office, SurveyPublication, SurveyResponse


@dataclass(frozen=True)
class Summary:
    office: Office
    year: int
    quarter: int
    result: index.Result


def _grouped(session, who: access.Principal, year: int, quarter: int | None, office_id: int | None):
    columns = [func.count(SurveyResponse.id)] + [func.sum(getattr(SurveyResponse, k)) for k in KEYS]
    query = (select(SurveyResponse.office_id, SurveyResponse.quarter, *columns)
             .where(access.survey_clause(SurveyResponse, who), SurveyResponse.year == year)
             .group_by(SurveyResponse.office_id, SurveyResponse.quarter))
    if quarter is not None:
        query = query.where(SurveyResponse.quarter == quarter)
    if office_id is not None:
        query = query.where(SurveyResponse.office_id == office_id)
    rows = session.execute(query).all()
    offices = {o.id: o for o in session.scalars(select(Office).where(Office.id.in_({r[0] for r in rows})))}
    found = [Summary(offices[r[0]], year, int(r[1]), index.result([int(t) for t in r[3:]], int(r[2])))
             for r in rows]
    return sorted(found, key=lambda s: (s.office.name, s.quarter))


def year(session, who: access.Principal, year: int, office_id: int | None = None) -> list[Summary]:
    """Every office the reader may see × every quarter of the year that has answers."""
    return _grouped(session, who, year, None, office_id)


def quarter(session, who: access.Principal, year: int, quarter: int, office_id: int) -> Summary | None:
    found = _grouped(session, who, year, quarter, office_id)
    return found[0] if found else None


def services(session, who: access.Principal, year: int, quarter: int, office_id: int) -> list[tuple[object, int]]:
    """How many answers came with a code, by the kind of service it was printed on (and without one)."""
    rows = session.execute(
        select(SurveyResponse.service, func.count(SurveyResponse.id))
        .where(access.survey_clause(SurveyResponse, who), SurveyResponse.year == year,
               SurveyResponse.quarter == quarter, SurveyResponse.office_id == office_id)
        .group_by(SurveyResponse.service)).all()
    return [(SERVICES.get(service, service) if service else None, n) for service, n in rows]


def suggestions(session, who: access.Principal, year: int, quarter: int, office_id: int) -> list[str]:
    return list(session.scalars(
        select(SurveyResponse.suggestion)
        .where(access.survey_clause(SurveyResponse, who), SurveyResponse.year == year,
               SurveyResponse.quarter == quarter, SurveyResponse.office_id == office_id,
               SurveyResponse.suggestion.is_not(None))
        .order_by(SurveyResponse.submitted_at)))


def publications(session, who: access.Principal, year: int) -> dict[tuple[int, int], SurveyPublication]:
    rows = session.scalars(select(SurveyPublication).where(access.survey_clause(SurveyPublication, who),
                                                           SurveyPublication.year == year))
    return {(p.office_id, p.quarter): p for p in rows}


def latest_published(session, office: Office) -> SurveyPublication | None:
    """Public: the office's most recent published quarter (published figures only, never raw answers)."""
    return session.scalars(select(SurveyPublication).where(SurveyPublication.office_id == office.id)
                           .order_by(SurveyPublication.year.desc(), SurveyPublication.quarter.desc())).first()


def offices(session, who: access.Principal) -> list[Office]:
    """The offices whose figures the reader may open: the Kepala Bapas's own, every office for Admin."""
    return list(session.scalars(select(Office).where(access.survey_office_clause(Office, who)).order_by(Office.name)))
