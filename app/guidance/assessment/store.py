"""Saving a checked instrument and reading one back for scoring."""
from __future__ import annotations

from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import select

from app.guidance.assessment.instrument import InstrumentErrors, InstrumentSpec, check, parse
from models import CutOff, Instrument, InstrumentDomain, InstrumentItem, ItemOption

DEMO_FILE = Path(__file__).resolve().parent / "instruments" / "demo_anak.yaml"


def save(session, spec: InstrumentSpec) -> Instrument:
    exists = session.scalar(select(Instrument.id).where(Instrument.name == spec.name,
                                                        Instrument.version == spec.version))
    if exists:
        raise InstrumentErrors([_("Instrument %(name)s version %(version)s is already loaded.",
                                  name=spec.name, version=spec.version)])
    instrument = Instrument(name=spec.name, version=spec.version, kind=spec.kind, valid_from=spec.valid_from,
                            is_demo=spec.demo, notes=spec.notes)
    for d_pos, domain in enumerate(spec.domains):
        d = InstrumentDomain(code=domain.code, name=domain.name, position=d_pos)
        for i_pos, item in enumerate(domain.items):
            i = InstrumentItem(code=item.code, question=item.question, protective=item.protective, position=i_pos)
            i.options = [ItemOption(label=o.label, score=o.score, position=o_pos)
                         for o_pos, o in enumerate(item.options)]
            d.items.append(i)
        instrument.domains.append(d)
    instrument.cutoffs = [CutOff(category=c, min_score=low, max_score=high) for c, low, high in spec.cutoffs]
    session.add(instrument)
    session.commit()
    return instrument


def load_text(session, text: str, filename: str) -> Instrument:
    return save(session, check(parse(text, filename)))


def ensure_demo(session) -> Instrument:
    spec = check(parse(DEMO_FILE.read_text(), DEMO_FILE.name))
    found = session.scalars(select(Instrument).where(Instrument.name == spec.name,
                                                     Instrument.version == spec.version)).first()
    return found or save(session, spec)
