"""Instrument files are checked before they are loaded; scoring on the demo instrument by hand."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from app.guidance.assessment.instrument import InstrumentErrors, check, parse
from app.guidance.assessment.scoring import ItemScore, score

DEMO = Path(__file__).resolve().parents[2] / "app" / "guidance" / "assessment" / "instruments" / "demo_anak.yaml"


pytestmark = pytest.mark.usefixtures("babel_context")


@pytest.fixture
def demo():
    return parse(DEMO.read_text(), DEMO.name)


def test_the_demo_instrument_is_valid_and_marked_as_a_demo(demo):
    spec = check(demo)
    assert spec.demo and "DEMO" in spec.name
    assert [d.code for d in spec.domains] == ["pendidikan_pekerjaan", "zat", "keuangan_waktu_luang",
                                              "keluarga_sosial", "lainnya", "pelindung"]
    assert spec.score_range() == (-6, 30)


def errors_of(data) -> list[str]:
    with pytest.raises(InstrumentErrors) as failed:
        check(data)
    return failed.value.errors


def test_an_answer_without_score_is_named(demo):
    del demo["domains"][0]["items"][1]["options"][2]["score"]
    assert any("PP2" in e for e in errors_of(demo))


def test_overlapping_cutoffs_are_refused(demo):
    demo["cutoffs"][1]["min"] = 8
    assert any("sedang" in e for e in errors_of(demo))


def test_a_gap_between_cutoffs_is_refused(demo):
    demo["cutoffs"][1]["min"] = 12
    assert any("10" in e and "11" in e for e in errors_of(demo))


def test_cutoffs_must_reach_the_highest_total(demo):
    demo["cutoffs"][2]["max"] = 25
    assert any("26" in e and "30" in e for e in errors_of(demo))


def test_an_unknown_domain_is_refused(demo):
    demo["domains"][4]["code"] = "hobi"
    assert any("hobi" in e for e in errors_of(demo))


def test_every_problem_is_listed_at_once(demo):
    broken = copy.deepcopy(demo)
    del broken["name"]
    broken["kind"] = "lain"
    broken["domains"][0]["items"][0]["options"] = [{"label": "Ya", "score": 1}]
    assert len(errors_of(broken)) >= 3


def test_unreadable_file_is_a_clear_error():
    with pytest.raises(InstrumentErrors):
        parse("name: [unclosed", "x.yaml")
    with pytest.raises(InstrumentErrors):
        parse("{not json", "x.json")


def test_scoring_by_hand():
    """Answers (domain, protective, score): risk 2+1+0 + 2 + 1; protective 2 and 1.
    Domain scores: pendidikan 3, zat 2, lainnya 1, pelindung -3; total 3 -> rendah."""
    cutoffs = [("rendah", -6, 9), ("sedang", 10, 18), ("tinggi", 19, 30)]
    answers = [ItemScore("pendidikan_pekerjaan", False, 2), ItemScore("pendidikan_pekerjaan", False, 1),
               ItemScore("pendidikan_pekerjaan", False, 0), ItemScore("zat", False, 2), ItemScore("lainnya", False, 1),
               ItemScore("pelindung", True, 2), ItemScore("pelindung", True, 1)]
    result = score(answers, cutoffs)
    assert result.domains == {"pendidikan_pekerjaan": 3, "zat": 2, "lainnya": 1, "pelindung": -3}
    assert (result.total, result.category) == (3, "rendah")


def test_boundaries_of_the_categories():
    cutoffs = [("rendah", -6, 9), ("sedang", 10, 18), ("tinggi", 19, 30)]
    assert score([ItemScore("zat", False, 9)], cutoffs).category == "rendah"
    assert score([ItemScore("zat", False, 10)], cutoffs).category == "sedang"
    assert score([ItemScore("zat", False, 19)], cutoffs).category == "tinggi"
