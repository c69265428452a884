"""Rule: a template file is compiled once per content (app.documents.compiled) and every letter
is filled in a document of its own: two letters from one compiled template each carry their own
data and pictures, none of the other's; the result is what docxtpl itself makes; a new file (other
content, other hash) is used at its first render; the cache holds a bounded number of files."""
from __future__ import annotations

import io
import re
import zipfile

import pytest
from docxtpl import DocxTemplate

from app.documents import compiled, render, samples, sandbox, templates
from tests.unit.test_templates import _with

pytestmark = pytest.mark.usefixtures("babel_context")

MONTHLY = "laporan_perkembangan"


@pytest.fixture(autouse=True)
def _empty_cache():
    compiled.clear()
    yield
    compiled.clear()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        return {name: docx.read(name) for name in docx.namelist()}


def _letter(doc_type: str, name: str, address: str) -> dict:
    sample = samples.SAMPLES[doc_type]
    return {**sample, "klien": {**sample["klien"], "nama": name}, "verifikasi": address}


def _qr(address: str) -> dict:
    return {"qr": (render.qr_png(address), 22)}


@pytest.mark.parametrize("doc_type", sorted(templates.SHIPPED))
def test_a_compiled_render_is_docxtpls_own_render_part_for_part(doc_type):
    """The same parts, byte for byte, as docxtpl's DocxTemplate filled in the same sandbox."""
    path = render.TEMPLATE_DIR / templates.SHIPPED[doc_type]
    context = {**samples.SAMPLES[doc_type], **{name: f"[{name}]" for name in samples.IMAGES}}
    plain = DocxTemplate(str(path))
    sandbox.fill(plain, context)
    expected = io.BytesIO()
    plain.save(expected)
    original = _parts(path.read_bytes())
    for _ in range(2):  # the first render compiles, the second reuses
        template = compiled.load(path)
        template.render(context)
        made = io.BytesIO()
        template.save(made)
        made, docxtpls = _parts(made.getvalue()), _parts(expected.getvalue())
        assert made.keys() == docxtpls.keys()
        for name, content in made.items():
            if content != docxtpls[name]:
                # Only a part no render touches, kept as the template's own bytes where python-docx
                # wrote it out again: the same XML.
                assert content == original[name] and _same_xml(content, docxtpls[name]), name


def _same_xml(one: bytes, other: bytes) -> bool:
    from lxml import etree

    return etree.tostring(etree.fromstring(one), method="c14n") == etree.tostring(etree.fromstring(other),
                                                                                    method="c14n")


def test_two_letters_from_one_compiled_template_carry_each_their_own_data():
    path = render.TEMPLATE_DIR / templates.SHIPPED[MONTHLY]
    first = render.render(path, _letter(MONTHLY, "Andi Saputra", "https://v.example/AAA"),
                          _qr("https://v.example/AAA"))
    compiles = compiled.entry(path.read_bytes()).compiled
    second = render.render(path, _letter(MONTHLY, "Budi Santoso", "https://v.example/BBB"),
                           _qr("https://v.example/BBB"))
    again = render.render(path, _letter(MONTHLY, "Andi Saputra", "https://v.example/AAA"),
                          _qr("https://v.example/AAA"))
    assert compiled.entry(path.read_bytes()).compiled == compiles > 0  # nothing compiled after the first
    first_text, second_text = render.document_text(first), render.document_text(second)
    assert "Andi Saputra" in first_text and "Budi Santoso" not in first_text
    assert "Budi Santoso" in second_text and "Andi Saputra" not in second_text
    first_media = {n: b for n, b in _parts(first).items() if n.startswith("word/media/")}
    second_media = {n: b for n, b in _parts(second).items() if n.startswith("word/media/")}
    assert list(first_media.values()) == [render.qr_png("https://v.example/AAA")]
    assert list(second_media.values()) == [render.qr_png("https://v.example/BBB")]
    assert _parts(again)["word/document.xml"] == _parts(first)["word/document.xml"]


def test_the_template_file_is_never_changed_by_a_render():
    path = render.TEMPLATE_DIR / templates.SHIPPED[MONTHLY]
    before = path.read_bytes()
    render.render(path, _letter(MONTHLY, "Andi Saputra", "https://v.example/AAA"), _qr("https://v.example/AAA"))
    assert path.read_bytes() == before == compiled.entry(before).data


def test_a_new_file_at_the_same_place_is_used_at_its_first_render(tmp_path):
    doc_type = "surat_keterangan_akhir"
    stored = tmp_path / "active.docx"
    stored.write_bytes((render.TEMPLATE_DIR / templates.SHIPPED[doc_type]).read_bytes())
    assert "VERSI BARU" not in render.document_text(render.render(stored, samples.SAMPLES[doc_type]))
    stored.write_bytes(_with(doc_type, ("{{ keterangan }}", "VERSI BARU {{ keterangan }}")))
    assert "VERSI BARU" in render.document_text(render.render(stored, samples.SAMPLES[doc_type]))


def test_the_cache_keeps_a_bounded_number_of_files(monkeypatch):
    monkeypatch.setattr(compiled, "MAX_ENTRIES", 2)
    files = [_with("surat_keterangan_akhir", ("{{ keterangan }}", f"v{n} {{{{ keterangan }}}}")) for n in range(3)]
    entries = [compiled.entry(data) for data in files]
    assert compiled.entry(files[2]) is entries[2] and compiled.entry(files[1]) is entries[1]
    assert compiled.entry(files[0]) is not entries[0]  # the least recently used was let go


def test_a_compiled_template_fills_only_in_its_own_sandbox():
    template = compiled.load(render.TEMPLATE_DIR / templates.SHIPPED[MONTHLY])
    with pytest.raises(ValueError):
        template.render(samples.SAMPLES[MONTHLY], jinja_env=sandbox.environment())


@pytest.mark.parametrize("doc_type", sorted(templates.SHIPPED))
def test_the_leftover_check_reads_every_part_that_holds_text(doc_type):
    """render checks only the parts a render fills (render.FILLED_PARTS): every other part of a
    shipped template holds no text a field could be left in."""
    data = (render.TEMPLATE_DIR / templates.SHIPPED[doc_type]).read_bytes()
    rest = {name: re.sub(r"<[^>]+>", "", xml.decode("utf-8")).strip() for name, xml in _parts(data).items()
            if name.startswith("word/") and name.endswith(".xml") and not render.FILLED_PARTS.fullmatch(name)}
    assert rest and not any(rest.values())


def test_a_field_left_in_the_footer_is_still_refused(tmp_path):
    from app.errors import DomainError

    doc_type = "laporan_perkembangan"
    path = tmp_path / "footer.docx"
    source = (render.TEMPLATE_DIR / templates.SHIPPED[doc_type]).read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            xml = zin.read(item.filename)
            if re.fullmatch(r"word/footer\d*\.xml", item.filename):
                xml = xml.replace(b"</w:t>", b" {{ klien.kosong }}</w:t>", 1)
            zout.writestr(item, xml)
    path.write_bytes(out.getvalue())
    sample = {**samples.SAMPLES[doc_type], "klien": {**samples.SAMPLES[doc_type]["klien"], "kosong": None}}
    with pytest.raises(DomainError) as refused:
        render.render(path, sample)
    assert "None" in str(refused.value)


@pytest.mark.parametrize("doc_type", sorted(templates.SHIPPED))
def test_a_letter_carries_the_templates_unchanged_members_as_stored_and_is_intact(doc_type, monkeypatch):
    """app.documents.docx_save: members no render changes (styles, theme...) are copied compressed as the
    template stores them; the file's every member reads back with its CRC, and Word's styles are there."""
    from docx import Document

    from app.documents import docx_save

    copies = []
    original_copy = docx_save._copy
    monkeypatch.setattr(docx_save, "_copy", lambda archive, member: (copies.append(member.info.filename),
                                                                     original_copy(archive, member)))
    path = render.TEMPLATE_DIR / templates.SHIPPED[doc_type]
    data = render.render(path, samples.SAMPLES[doc_type], _qr("https://v.example/AAA"))
    assert "word/styles.xml" in copies and "word/document.xml" not in copies
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
    source, made = docx_save.members(path.read_bytes()), docx_save.members(data)
    copied = {name for name, member in made.items() if name in source and member.stored == source[name].stored
              and member.info.compress_type == zipfile.ZIP_DEFLATED}
    assert "word/styles.xml" in copied and "word/document.xml" not in copied
    assert all(made[name].content == source[name].content for name in copied)
    assert Document(io.BytesIO(data)).styles["Normal"] is not None
