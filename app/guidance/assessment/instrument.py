"""Reading and checking an instrument file (YAML or JSON).

The official item tables are not public, so an instrument is data an
administrator loads: domains, items (risk or protective) with scored answer
options, and cut-offs mapping the total to rendah / sedang / tinggi. The total
is the sum of the risk items' scores minus the protective items' scores, so the
cut-offs must cover every total from (minus all protective maxima) to (all risk
maxima), without gaps or overlaps.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

import yaml
from flask_babel import gettext as _

KINDS = ("risiko", "kebutuhan", "risiko_kebutuhan")
CATEGORIES = ("rendah", "sedang", "tinggi")
# Needs domains of the child instrument (domain brief, "Assessment"), plus protective factors.
KNOWN_DOMAINS = ("pendidikan_pekerjaan", "zat", "keuangan_waktu_luang", "keluarga_sosial", "lainnya", "pelindung")


@dataclass
class OptionSpec:
    label: str
    score: int


@dataclass
class ItemSpec:
    code: str
    question: str
    protective: bool
    options: list[OptionSpec]


@dataclass
class DomainSpec:
    code: str
    name: str
    items: list[ItemSpec]


@dataclass
class InstrumentSpec:
    name: str
    version: str
    kind: str
    valid_from: date
    demo: bool
    notes: str | None
    domains: list[DomainSpec]
    cutoffs: list[tuple[str, int, int]] = field(default_factory=list)

    def score_range(self) -> tuple[int, int]:
        low = -sum(max(o.score for o in i.options) for d in self.domains for i in d.items if i.protective)
        high = sum(max(o.score for o in i.options) for d in self.domains for i in d.items if not i.protective)
        return low, high


class InstrumentErrors(ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors))


# libyaml's parser where PyYAML was built with it (the wheels are): the same safe loader, ten times faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str, filename: str = "") -> dict:
    try:
        data = json.loads(text) if filename.lower().endswith(".json") else yaml.load(text, Loader=_SAFE_LOADER)
    except (ValueError, yaml.YAMLError) as exc:
        raise InstrumentErrors([_("The file cannot be read: %(error)s", error=str(exc).splitlines()[0])]) from None
    if not isinstance(data, dict):
        raise InstrumentErrors([_("The file does not describe an instrument.")])
    return data


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def check(data: dict) -> InstrumentSpec:
    """An InstrumentSpec, or InstrumentErrors listing every problem found."""
    errors: list[str] = []
    for key in ("name", "version", "kind", "valid_from", "domains", "cutoffs"):
        if not data.get(key):
            errors.append(_("\"%(field)s\" is missing.", field=key))
    kind = data.get("kind")
    if kind and kind not in KINDS:
        errors.append(_("Unknown kind \"%(kind)s\"; use one of: %(known)s.", kind=kind, known=", ".join(KINDS)))
    valid_from = data.get("valid_from")
    if isinstance(valid_from, str):
        try:
            valid_from = date.fromisoformat(valid_from)
        except ValueError:
            errors.append(_("\"valid_from\" is not a date (YYYY-MM-DD)."))
    domains, seen_domains, seen_items = [], set(), set()
    for d in data.get("domains") or []:
        code = str(d.get("code") or "")
        if code not in KNOWN_DOMAINS:
            errors.append(_("Unknown domain \"%(code)s\"; known domains: %(known)s.", code=code,
                            known=", ".join(KNOWN_DOMAINS)))
        if code in seen_domains:
            errors.append(_("Domain \"%(code)s\" appears twice.", code=code))
        seen_domains.add(code)
        items = []
        for i in d.get("items") or []:
            icode = str(i.get("code") or "")
            if not icode or icode in seen_items:
                errors.append(_("Item code \"%(code)s\" is missing or used twice.", code=icode))
            seen_items.add(icode)
            if not i.get("question"):
                errors.append(_("Item %(code)s has no question.", code=icode))
            options = []
            for o in i.get("options") or []:
                score = _int(o.get("score"))
                if score is None or score < 0:
                    errors.append(_("An answer of item %(code)s has no score (a whole number, 0 or more).",
                                    code=icode))
                    continue
                options.append(OptionSpec(str(o.get("label") or ""), score))
            if len(options) < 2:
                errors.append(_("Item %(code)s needs at least two scored answers.", code=icode))
            items.append(ItemSpec(icode, str(i.get("question") or ""), bool(i.get("protective", False)), options))
        if not items:
            errors.append(_("Domain \"%(code)s\" has no items.", code=code))
        domains.append(DomainSpec(code, str(d.get("name") or code), items))
    cutoffs = []
    for c in data.get("cutoffs") or []:
        low, high, category = _int(c.get("min")), _int(c.get("max")), c.get("category")
        if category not in CATEGORIES:
            errors.append(_("Unknown category \"%(category)s\"; use rendah, sedang or tinggi.", category=category))
        if low is None or high is None or low > high:
            errors.append(_("The cut-off for \"%(category)s\" needs whole numbers min <= max.", category=category))
            continue
        cutoffs.append((category, low, high))
    if errors:
        raise InstrumentErrors(errors)
    spec = InstrumentSpec(str(data["name"]), str(data["version"]), kind, valid_from, bool(data.get("demo")),
                          data.get("notes"), domains, sorted(cutoffs, key=lambda c: c[1]))
    errors += _cutoff_errors(spec)
    if errors:
        raise InstrumentErrors(errors)
    return spec


def _cutoff_errors(spec: InstrumentSpec) -> list[str]:
    low, high = spec.score_range()
    errors = []
    expected = low
    for category, start, end in spec.cutoffs:
        if start > expected:
            errors.append(_("No category covers the totals %(start)d to %(end)d.", start=expected, end=start - 1))
        elif start < expected:
            errors.append(_("The cut-off for \"%(category)s\" overlaps the one before it.", category=category))
        expected = max(expected, end + 1)
    if expected <= high:
        errors.append(_("No category covers the totals %(start)d to %(end)d.", start=expected, end=high))
    return errors
