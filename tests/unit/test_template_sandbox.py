"""Rule: a Word template can never run code. Its fields may use only the documented
variables of its document type (app.documents.template_fields, checked at upload),
and every template is filled in Jinja's sandbox (app.documents.sandbox) so that one
that slipped past the check still runs nothing. Numbering patterns likewise reach
no attribute of the values they are filled with (app.platform.number_pattern)."""
from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docxtpl import DocxTemplate
from flask import Flask
from flask_babel import Babel

from app.documents import render, samples, templates
from app.errors import DomainError
from tests.unit.test_templates import _with

RCE = "{{ cycler.__init__.__globals__.os.popen('id').read() }}"


@pytest.fixture(autouse=True)
def _babel():
    app = Flask(__name__)
    Babel(app)
    with app.test_request_context():
        yield


@pytest.mark.parametrize("doc_type", sorted(templates.SHIPPED))
def test_every_shipped_template_uses_only_its_documented_variables(doc_type):
    from app.documents import template_fields

    path = render.TEMPLATE_DIR / templates.SHIPPED[doc_type]
    assert template_fields.refusals(DocxTemplate(str(path)), doc_type) == []


FORBIDDEN = [
    (RCE, "cycler"),
    ("{{ klien.__class__.__mro__ }}", "klien.__class__"),
    ("{{ klien['__cla' ~ 'ss__'] }}", "klien[…]"),
    ("{{ joiner() }}", "joiner"),
    ("{{ namespace(a=1) }}", "namespace"),
    ("{{ lipsum() }}", "lipsum"),
    ("{{ self }}", "self"),
    ("{{ config.SECRET_KEY }}", "config"),
    ("{{ request.environ }}", "request"),
    ("{% for i in range(9) %}x{% endfor %}", "range"),
    ("{{ klien.items }}", "klien.items"),  # a real attribute of the dict, but not a documented variable
    ("{{ klien.nama.upper() }}", "klien.nama.upper"),
    ("{{ keterangan|attr('__class__') }}", "attr"),
    ("{{ kop|map(attribute='kota')|join }}", "map"),
    ("{{ '%s'|format(klien) }}", "format"),
    ("{{ keterangan|safe }}", "safe"),
    ("{% set x = klien %}", "{% set %}"),
    ("{% macro m() %}{% endmacro %}", "{% macro %}"),
    ("{% autoescape false %}{{ keterangan }}{% endautoescape %}", "{% autoescape %}"),
    ("{{ 9 ** 9 ** 9 }}", "**"),
]


@pytest.mark.parametrize("field,named", FORBIDDEN)
def test_a_field_beyond_the_documented_variables_is_refused_naming_field_and_paragraph(field, named):
    candidate = _with("surat_keterangan_akhir", ("{{ keterangan }}", field))
    found = templates.problems("surat_keterangan_akhir", candidate)
    assert len(found) == 1, found
    assert field.split(" %}")[0] in found[0] and named in found[0]
    # The paragraph: its number and the start of its text.
    assert "in paragraph 28 (“masa bimbingannya pada Balai Pemasyarakatan ini telah berak" in found[0]


def test_allowed_constructs_pass():
    field = ("{% if klien.nama and klien.sk is defined %}{{ keterangan|upper }}{% endif %}"
             "{{ klien['nama']|default('-') ~ ' ' ~ kop.kota|title }}")
    assert templates.problems("surat_keterangan_akhir", _with("surat_keterangan_akhir", ("{{ keterangan }}",
                                                                                          field))) == []


def _with_title(doc_type: str, title: str) -> bytes:
    document = Document(str(render.TEMPLATE_DIR / templates.SHIPPED[doc_type]))
    document.core_properties.title = title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_field_hidden_in_the_document_properties_is_refused(tmp_path):
    # docxtpl renders the title, subject, author... too: the old check ran this one.
    marker = tmp_path / "ran"
    candidate = _with_title("surat_keterangan_akhir", RCE.replace("'id'", f"'touch {marker}'"))
    found = templates.problems("surat_keterangan_akhir", candidate)
    assert found and "the document property “title”" in found[0] and "cycler" in found[0]
    assert not marker.exists()


def _stored(tmp_path, data: bytes):
    path = tmp_path / "slipped.docx"
    path.write_bytes(data)
    return path


def test_a_template_that_slipped_past_the_check_runs_nothing_at_render(tmp_path):
    marker = tmp_path / "ran"
    path = _stored(tmp_path, _with("surat_keterangan_akhir", (
        "{{ keterangan }}", RCE.replace("'id'", f"'touch {marker}'"))))
    with pytest.raises(DomainError) as refused:
        render.render(path, samples.SAMPLES["surat_keterangan_akhir"])
    assert "slipped.docx" in str(refused.value) and "nothing was issued" in str(refused.value)
    assert not marker.exists()


def test_an_unsafe_attribute_at_render_is_a_translated_refusal_not_a_crash(tmp_path):
    path = _stored(tmp_path, _with("surat_keterangan_akhir", ("{{ keterangan }}", "{{ klien.__class__.__mro__ }}")))
    with pytest.raises(DomainError) as refused:
        render.render(path, samples.SAMPLES["surat_keterangan_akhir"])
    assert "tries to use something other than the variables" in str(refused.value)


def test_values_are_escaped_into_the_document_xml(tmp_path):
    sample = {**samples.SAMPLES["surat_keterangan_akhir"], "keterangan": "</w:t></w:r><w:r><w:t>X&Y"}
    data = render.render(render.TEMPLATE_DIR / templates.SHIPPED["surat_keterangan_akhir"], sample)
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        assert "&lt;/w:t&gt;&lt;/w:r&gt;" in docx.read("word/document.xml").decode()


LETTER_FIELDS = {"seq", "year", "office", "type"}  # app.documents.numbering.LETTER_FIELDS


@pytest.mark.parametrize("pattern", ["{seq}/{year.__class__}", "{seq.__class__.__name__}", "{seq[0]}/{year}",
                                     "{seq!r}/{year}", "{office:{year.real}}/{seq}", "{seq:{seq.__class__}}"])
def test_a_numbering_pattern_with_attribute_index_conversion_or_nested_field_is_refused(pattern):
    from app.clients.register_numbers import pattern_errors

    assert pattern_errors(pattern, LETTER_FIELDS) == ["field_form"]


def test_a_stored_pattern_is_filled_without_looking_anything_up():
    from app.clients.register_numbers import format_number

    assert format_number("BA.{seq:04d}/{year}-{office}", 7, 2026, "BPS-A") == "BA.0007/2026-BPS-A"
    for pattern in ("{seq}-{year.__class__.__name__}", "{seq[0]}", "{seq!r}", "{office:{year.real}}{seq}",
                    "{seq:999999999}"):
        with pytest.raises(ValueError):
            format_number(pattern, 7, 2026, "BPS-A")
