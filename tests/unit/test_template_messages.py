"""A template upload that goes wrong says, in the reader's language, which field, in which paragraph,
and the nearest known name; a syntax error says where and shows the text around it (issue 16 item 8)."""
from __future__ import annotations

import io
import re
import zipfile

import pytest

from app.documents import render, templates
from app.documents.template_messages import closest, syntax_problem
from tests.unit.test_templates import _with

pytestmark = pytest.mark.usefixtures("babel_context")  # English: the source strings

SKA = "surat_keterangan_akhir"


def _paragraph_of(data: bytes, text: str) -> int:
    """The paragraph a text stands in, counted as Word shows them (an independent count)."""
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        xml = docx.read("word/document.xml").decode()
    return len(re.findall(r"<w:p[ >]", xml[: xml.index(text)]))


def _problems(replace: tuple[str, str]) -> tuple[list[str], int]:
    data = _with(SKA, replace)
    return templates.problems(SKA, data), _paragraph_of(data, replace[1])


def test_a_misspelt_attribute_names_field_paragraph_and_the_nearest_variable():
    found, paragraph = _problems(("{{ klien.nama }}", "{{ klien.namaa }}"))
    assert found == [f"The field {{{{ klien.namaa }}}} in paragraph {paragraph}: “namaa” is not known "
                     f"(did you mean: klien.nama?)."]


def test_a_misspelt_variable_suggests_the_variable():
    found, paragraph = _problems(("{{ keterangan }}", "{{ keteranagn }}"))
    assert f"paragraph {paragraph}" in found[0] and "did you mean: keterangan?" in found[0]


def test_a_misspelt_filter_suggests_the_allowed_one():
    found, _paragraph = _problems(("{{ klien.nama }}", "{{ klien.nama | uper }}"))
    assert "“uper” is not known (did you mean: upper?)" in found[0]


def test_a_name_far_from_every_variable_is_refused_without_a_guess():
    found, paragraph = _problems(("{{ keterangan }}", "{{ tanda_tangan_basah }}"))
    assert "tanda_tangan_basah" in found[0] and f"paragraph {paragraph}" in found[0]
    assert "did you mean" not in found[0]


def test_a_stray_brace_names_the_paragraph_and_shows_the_text_around_it():
    found, paragraph = _problems(("{{ klien.nama }}", "{{ klien.nama }"))
    assert len(found) == 1
    assert found[0].startswith(f"A field in paragraph {paragraph} is written wrongly: “}}” stands where it does "
                               "not belong"), found
    assert "The text around it: “{{ klien.nama }" in found[0]
    assert "unexpected" not in found[0]  # Jinja's English does not reach the reader


def test_an_unclosed_block_points_at_where_it_was_opened():
    found, paragraph = _problems(("{{ klien.nama }}", "{% if klien.nama %}ya"))
    assert found[0].startswith(f"A field in paragraph {paragraph} is written wrongly: the block {{% if %}} is not "
                               "closed: {% endif %} is missing"), found


@pytest.mark.parametrize("message, expected", [
    ("unexpected '}'", "“}” stands where it does not belong"),
    ("expected token 'end of print statement', got 'nama'", "“}}” was expected where “nama” stands"),
    ("unexpected char '@' at 3222", "the character “@” does not belong in a field"),
    ("Encountered unknown tag 'endif'.", "{% endif %} closes a block that was not opened"),
    ("Encountered unknown tag 'klien'.", "{% klien %} is not a known tag here"),
    ("expected name or number", "a name is missing after a dot"),
    ("something Jinja says one day", "the field cannot be read"),
])
def test_jinja_syntax_messages_become_sentences(message, expected):
    assert syntax_problem(message).startswith(expected)


def test_closest_uses_the_known_names_only():
    assert closest("namaa", ["nama", "nomor_register"]) == "nama"
    assert closest("zzz", ["nama"]) is None


def test_the_shipped_templates_still_pass():
    for doc_type, name in templates.SHIPPED.items():
        assert templates.problems(doc_type, (render.TEMPLATE_DIR / name).read_bytes()) == [], doc_type
