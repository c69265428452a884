"""The nine elements (unsur) of PermenPANRB 14/2017, their questions and answer labels as in the
regulation's sample questionnaire, and the respondent profile of that form (all optional)."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _


@dataclass(frozen=True)
class Element:
    key: str          # the column of survey_response
    name: object
    question: object
    options: tuple    # labels of the answers 1, 2, 3, 4


_FIT = (_("Not in line"), _("Barely in line"), _("In line"), _("Fully in line"))

ELEMENTS: tuple[Element, ...] = (
    Element("persyaratan", _("Requirements"),
            _("How well do the requirements match the kind of service?"), _FIT),
    Element("prosedur", _("Systems, mechanisms and procedures"),
            _("How easy is the service procedure at this office?"),
            (_("Not easy"), _("Not quite easy"), _("Easy"), _("Very easy"))),
    Element("waktu", _("Completion time"),
            _("How fast is the service given?"),
            (_("Not fast"), _("Not quite fast"), _("Fast"), _("Very fast"))),
    Element("biaya", _("Cost or fee"),
            _("How fair is the cost or fee of the service?"),
            (_("Very expensive"), _("Fairly expensive"), _("Cheap"), _("Free of charge"))),
    Element("produk", _("Product and specification of the kind of service"),
            _("How well does the result match what the service standard promises?"), _FIT),
    Element("kompetensi", _("Competence of the staff"),
            _("How competent are the staff who serve you?"),
            (_("Not competent"), _("Not quite competent"), _("Competent"), _("Very competent"))),
    Element("perilaku", _("Conduct of the staff"),
            _("How polite and friendly are the staff who serve you?"),
            (_("Not polite and friendly"), _("Not quite polite and friendly"), _("Polite and friendly"),
             _("Very polite and friendly"))),
    Element("pengaduan", _("Handling of complaints, suggestions and feedback"),
            _("How are complaints from service users handled?"),
            (_("There is no channel"), _("There is one but it does not work"), _("It works, not fully"),
             _("It is well managed"))),
    Element("sarana", _("Facilities and infrastructure"),
            _("How good are the facilities and infrastructure?"),
            (_("Poor"), _("Adequate"), _("Good"), _("Very good"))),
)
KEYS = tuple(e.key for e in ELEMENTS)

GRADE_LABELS = {"A": _("Very good"), "B": _("Good"), "C": _("Not quite good"), "D": _("Not good")}

MAX_SUGGESTION = 1000

# The respondent profile of the regulation's form; every field may stay empty (anonymous).
AGE_RANGES = {"u18": _("Under 18"), "18_25": _("18 to 25"), "26_35": _("26 to 35"), "36_45": _("36 to 45"),
              "46_55": _("46 to 55"), "56": _("56 or older")}
SEXES = {"L": _("Male"), "P": _("Female")}
EDUCATIONS = {"sd": _("SD or below"), "smp": _("SMP"), "sma": _("SMA/SMK"), "d3": _("Diploma (D1-D3)"),
              "s1": _("S1/D4"), "s2": _("S2"), "s3": _("S3")}
OCCUPATIONS = {"pelajar": _("Pupil or student"), "pns": _("Civil servant (PNS)"), "tni": _("TNI"),
               "polri": _("POLRI"), "swasta": _("Private sector employee"), "wirausaha": _("Self-employed"),
               "lainnya": _("Other")}
PROFILE = {"age_range": AGE_RANGES, "sex": SEXES, "education": EDUCATIONS, "occupation": OCCUPATIONS}

# Kinds of service a one-time code is printed on (GeneratedDocument.doc_type, or a card handed out).
SERVICES = {"laporan_perkembangan": _("Monthly progress report"), "kartu_bimbingan": _("Guidance card"),
            "layanan": _("Service at the counter")}
