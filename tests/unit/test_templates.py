"""Every shipped template renders with its sample data, fully filled; a broken upload is named."""
from __future__ import annotations

import io

import pytest
from docx import Document

from app.documents import render, samples, templates


pytestmark = pytest.mark.usefixtures("babel_context")


@pytest.mark.parametrize("doc_type", sorted(templates.SHIPPED))
def test_every_shipped_template_fills_completely(doc_type):
    path = render.TEMPLATE_DIR / templates.SHIPPED[doc_type]
    assert templates.problems(doc_type, path.read_bytes()) == []
    data = render.render(path, samples.SAMPLES[doc_type], {"qr": (render.qr_png("https://x"), 20)})
    text = render.document_text(data)
    assert samples.SAMPLES[doc_type]["nomor"] in text
    assert "{{" not in text and "{%" not in text and "None" not in text
    Document(io.BytesIO(data))


def _with(doc_type: str, replace: tuple[str, str]) -> bytes:
    """The shipped template with one text changed inside its XML."""
    import zipfile

    source = (render.TEMPLATE_DIR / templates.SHIPPED[doc_type]).read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(replace[0].encode(), replace[1].encode())
            zout.writestr(item, data)
    return out.getvalue()


def test_a_misspelt_variable_is_named():
    broken = _with("surat_keterangan_akhir", ("klien.nama", "klien.nmaa"))
    found = templates.problems("surat_keterangan_akhir", broken)
    assert found and "nmaa" in found[0]


def test_an_unknown_variable_is_named():
    broken = _with("surat_keterangan_akhir", ("{{ keterangan }}", "{{ tanda_tangan_basah }}"))
    assert "tanda_tangan_basah" in templates.problems("surat_keterangan_akhir", broken)[0]


def test_a_file_that_is_not_a_docx_is_refused():
    assert templates.problems("kartu_bimbingan", b"%PDF-1.4")


def test_the_variables_page_lists_nested_names_with_examples():
    names = dict(samples.variables("laporan_perkembangan"))
    assert names["klien.nama"] == "Rizky Pratama" and "kegiatan[].tanggal" in names and "qr" in names
