"""The service standard's pure rules: the default text of every component, its display blocks, and which edition
is in force on a day."""
from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from app.public import components
from app.public.standard import in_force_of


def test_the_seed_gives_a_text_for_every_component_without_glued_words():
    texts = components.defaults()
    assert set(texts) == set(components.KEYS)
    assert all(texts[key].strip() for key in components.KEYS)
    joined = "\n".join(texts.values())
    for glued in ("dikelolaoleh", "LayananPengaduan", "kemandiriandisesuaikan", "KomponenUraian"):
        assert glued not in joined
    assert texts["biaya"] == "Tidak ada biaya"
    assert texts["jangka_waktu"].splitlines()[0] == "– Bimbingan tahap awal : 0 – ¼ masa bimbingan"


def test_the_procedure_reads_as_three_stages_of_numbered_steps():
    blocks = components.blocks(components.defaults()["prosedur"])
    headings = [b.items[0] for b in blocks if b.kind == "heading"]
    assert headings == ["Bimbingan tahap awal", "Bimbingan tahap lanjutan", "Bimbingan tahap akhir"]
    steps = [len(b.items) for b in blocks if b.kind == "steps"]
    assert steps == [7, 6, 8]


def test_dashes_become_bullets_and_other_lines_paragraphs():
    blocks = components.blocks("1 (satu) orang yang terdiri dari:\n– Petugas;\n–  PK\n\nCatatan akhir")
    assert [(b.kind, b.items) for b in blocks] == [
        ("paragraph", ("1 (satu) orang yang terdiri dari:",)), ("bullets", ("Petugas", "PK")),
        ("paragraph", ("Catatan akhir",))]


editions = st.lists(st.tuples(st.sampled_from(["biaya", "produk"]), st.integers(-30, 30)), max_size=12)


@given(editions, st.integers(-30, 30))
def test_the_edition_in_force_is_the_latest_to_take_effect_by_that_day(spec, offset):
    base = date(2027, 1, 1)
    rows = [SimpleNamespace(component=c, effective_from=base + timedelta(days=d), edition=n + 1)
            for n, (c, d) in enumerate(spec)]
    day = base + timedelta(days=offset)
    chosen = in_force_of(rows, day)
    for component in ("biaya", "produk"):
        started = [r for r in rows if r.component == component and r.effective_from <= day]
        if not started:
            assert component not in chosen
            continue
        best = chosen[component]
        assert best.effective_from <= day
        assert all((r.effective_from, r.edition) <= (best.effective_from, best.edition) for r in started)
