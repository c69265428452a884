"""Every letter kind as a signer gets it: filled, converted to PDF by LibreOffice, and checked from
the PDF (issue 16, "Page and layout"; shared/documents.md): the paper (A4, F4 where the office says
so), the page count and its "Halaman X dari Y", the QR code on the page of the signature (the last),
and no text outside the margins. Without LibreOffice the tests skip with the reason; under CI=true
they fail instead."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image, ImageDraw

from app.documents import client_card, page, render, samples, templates
from tests.conftest import tool_missing

MM = 72 / 25.4  # PDF points per millimetre
TOLERANCE = 1.5 * MM  # glyph boxes stand a little outside the line LibreOffice set them on
MARGINS_MM = {"top": 20, "bottom": 25, "left": 30, "right": 20}  # shared/documents.md
CARD_SHEET_MARGINS_MM = {**MARGINS_MM, "left": 15, "right": 15}  # two ID-1 sides need 171.2 mm
# The signer's line that closes each letter (the QR code belongs on its page).
SIGNER = {"laporan_perkembangan": samples.PK["nip"], "kartu_bimbingan": samples.KEPALA["nip"],
          "berita_acara_serah_terima": "199001012015011002", "surat_keterangan_akhir": samples.KEPALA["nip"],
          "surat_jawaban_pengaduan": samples.KEPALA["nip"], "berita_acara_sidang_tpp": "Dra. Sri Wahyuni",
          "kontrak_bimbingan": samples.PK["nip"], "berita_acara_pengakhiran": samples.KEPALA["nip"],
          "litmas": samples.PK["nip"], "surat_pengantar_pindah": samples.KEPALA["nip"],
          "berita_acara_pindah": "Drs. Bambang Sutrisno"}
# At most this many pages with the sample data (a short letter stays on one sheet).
MAX_PAGES = {"surat_keterangan_akhir": 1, "surat_jawaban_pengaduan": 1, "berita_acara_sidang_tpp": 1,
             "berita_acara_pengakhiran": 2, "kontrak_bimbingan": 2, "berita_acara_serah_terima": 2,
             "laporan_perkembangan": 2, "litmas": 5, "kartu_bimbingan": 2, "surat_pengantar_pindah": 2,
             "berita_acara_pindah": 2}
VERIFY = "https://bapas.example.id/verifikasi/AbCdEfGhIjKlMnOpQrStUvWx"


def require_libreoffice() -> None:
    if shutil.which("soffice") is None:
        tool_missing("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")


def picture(width: int, height: int, colour: str) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), colour)
    ImageDraw.Draw(image).ellipse((4, 4, width - 4, height - 4), outline="black", width=4)
    image.save(buffer, "PNG")
    return buffer.getvalue()


def fill(doc_type: str, paper: str = "A4", **changes) -> bytes:
    """A shipped template filled as at issue: its sample data, a QR code, the logo, the photo."""
    images = {"qr": (render.qr_png(VERIFY), 14 if doc_type == client_card.DOC_TYPE else 22),
              "logo": (picture(240, 200, "gold"), 20)}
    if doc_type == client_card.DOC_TYPE:
        images["foto"] = (picture(300, 400, "lightblue"), client_card.PHOTO_MM)
    context = {**samples.SAMPLES[doc_type], "verifikasi": VERIFY, **changes}
    return render.render(render.TEMPLATE_DIR / templates.SHIPPED[doc_type], context, images, paper=paper)


def to_pdf(documents: dict[str, bytes], folder: Path) -> dict[str, Path]:
    """All documents converted in one LibreOffice run (each start costs seconds)."""
    for name, data in documents.items():
        (folder / f"{name}.docx").write_bytes(data)
    profile = folder / "profile"  # private: a LibreOffice open elsewhere does not take the job
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *[str(folder / f"{n}.docx") for n in documents]],
                   check=True, capture_output=True, timeout=300)
    return {name: folder / f"{name}.pdf" for name in documents}


class Pdf:
    """What a reader sees: each page's size, lines of text with their boxes, and pictures."""

    def __init__(self, path: Path) -> None:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LTImage, LTTextLine
        from pypdf import PdfReader

        def walk(element, kind):
            if isinstance(element, kind):
                yield element
            elif hasattr(element, "__iter__"):
                for child in element:
                    yield from walk(child, kind)

        self.path = path
        self.reader = PdfReader(str(path))
        layouts = list(extract_pages(str(path)))
        self.pages = [list(walk(layout, LTTextLine)) for layout in layouts]
        self.images = [list(walk(layout, LTImage)) for layout in layouts]  # as drawn, with their boxes

    def __len__(self) -> int:
        return len(self.reader.pages)

    def size_mm(self, index: int) -> tuple[float, float]:
        box = self.reader.pages[index].mediabox
        return float(box.width) / MM, float(box.height) / MM

    def text(self, index: int) -> str:
        return " ".join(line.get_text().strip() for line in self.pages[index])

    def pages_with(self, text: str) -> list[int]:
        return [i for i in range(len(self)) if text in self.text(i)]

    def qr_pages(self) -> list[int]:
        """Pages that show a QR code: the one square picture (the test's logo and photo are not square)."""
        return [index for index, images in enumerate(self.images)
                if any(abs(i.width - i.height) < 0.5 * MM and i.width > 10 * MM for i in images)]

    def outside_margins(self, index: int, margins_mm: dict) -> list[str]:
        """Lines of text that stand outside the type area; the page number may stand in the bottom margin."""
        width, height = (v * MM for v in self.size_mm(index))
        left, right = margins_mm["left"] * MM - TOLERANCE, width - margins_mm["right"] * MM + TOLERANCE
        top, bottom = height - margins_mm["top"] * MM + TOLERANCE, margins_mm["bottom"] * MM - TOLERANCE
        wrong = []
        for line in self.pages[index]:
            text = line.get_text().strip()
            if not text:
                continue
            footer = text.startswith("Halaman ") and line.y0 >= 8 * MM
            if line.x0 < left or line.x1 > right or line.y1 > top or (line.y0 < bottom and not footer):
                wrong.append(f"{text[:50]!r} at x {line.x0 / MM:.0f}-{line.x1 / MM:.0f} mm, "
                             f"y {(height - line.y1) / MM:.0f}-{(height - line.y0) / MM:.0f} mm from the top")
        return wrong


def long_period_card() -> dict:
    """The card of a 35-month supervision: the grid takes its rows from the reporting rule."""
    client = SimpleNamespace(supervision_start=date(2026, 9, 16), supervision_expiry=date(2029, 8, 15),
                             reporting_interval_days=30)
    rows = client_card.reporting_rows(client)
    return {"jadwal_lapor": rows, "baris": list(range(1, len(rows) + 1))}


def busy_month() -> dict:
    return {"kegiatan": [{"tanggal": f"{day} Oktober 2026", "jenis": "Konseling", "hadir": "Hadir",
                          "hasil": f"Kegiatan nomor {day}: klien terbuka bercerita tentang sekolahnya."}
                         for day in range(1, 32)] * 2}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    require_libreoffice()
    from flask import Flask
    from flask_babel import Babel

    bare = Flask(__name__)  # the refusal messages of render() are translated; none is expected here
    Babel(bare)
    with bare.app_context():
        documents = {kind: fill(kind) for kind in templates.SHIPPED}
        documents.update({f"{kind}-F4": fill(kind, paper="F4") for kind in templates.SHIPPED})
        documents["kartu-35-bulan"] = fill(client_card.DOC_TYPE, **long_period_card())
        documents["laporan-banyak-kegiatan"] = fill("laporan_perkembangan", **busy_month())
    converted = {name: Pdf(path) for name, path in to_pdf(documents, tmp_path_factory.mktemp("pdf")).items()}
    for name, pdf in converted.items():
        pdf.docx = documents[name]
    return converted


def page_numbers(pdf: Pdf) -> list[tuple[int, int]]:
    found = []
    for index in range(len(pdf)):
        match = re.search(r"Halaman (\d+) dari (\d+)", pdf.text(index))
        assert match, f"page {index + 1} of {pdf.path.name} carries no page number"
        found.append((int(match[1]), int(match[2])))
    return found


@pytest.mark.parametrize("kind", sorted(templates.SHIPPED))
@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_every_letter_is_on_the_offices_paper_numbered_and_within_its_margins(pdfs, kind, paper):
    pdf = pdfs[kind if paper == "A4" else f"{kind}-F4"]
    expected = page.SIZES_MM[paper]
    for index in range(len(pdf)):
        width, height = pdf.size_mm(index)
        assert abs(width - expected[0]) < 1 and abs(height - expected[1]) < 1, (index, width, height)
    assert 1 <= len(pdf) <= MAX_PAGES[kind]
    assert page_numbers(pdf) == [(n, len(pdf)) for n in range(1, len(pdf) + 1)]
    for index in range(len(pdf)):
        margins = CARD_SHEET_MARGINS_MM if kind == client_card.DOC_TYPE and index == 0 else MARGINS_MM
        assert pdf.outside_margins(index, margins) == [], f"page {index + 1}"


@pytest.mark.parametrize("kind", sorted(set(templates.SHIPPED) - {client_card.DOC_TYPE}))
def test_the_qr_code_stands_with_the_signature_on_the_last_page(pdfs, kind):
    """Never alone on a page of its own: the QR row belongs to the signature table."""
    pdf = pdfs[kind]
    last = len(pdf) - 1
    assert pdf.qr_pages() == [last]
    assert pdf.pages_with(SIGNER[kind])[-1] == last
    assert pdf.pages_with("Keaslian dokumen") == [last]


def test_a_long_monthly_report_repeats_its_table_header_and_keeps_the_qr_with_the_signature(pdfs):
    pdf = pdfs["laporan-banyak-kegiatan"]
    assert len(pdf) >= 3
    rows = [i for i in range(len(pdf)) if "Kegiatan nomor" in pdf.text(i)]
    assert len(rows) >= 2
    for index in rows:
        assert "Kehadiran" in pdf.text(index), f"page {index + 1} lacks the table header"
    assert page_numbers(pdf)[-1] == (len(pdf), len(pdf))
    assert pdf.qr_pages() == [len(pdf) - 1] and pdf.pages_with(samples.PK["nip"])[-1] == len(pdf) - 1
    for index in range(len(pdf)):
        assert pdf.outside_margins(index, MARGINS_MM) == [], f"page {index + 1}"


def test_the_card_is_an_id1_card_with_its_qr_and_signature_and_a_grid_for_the_whole_period(pdfs):
    pdf = pdfs["kartu-35-bulan"]
    rows = long_period_card()["jadwal_lapor"]
    assert len(rows) == 36 and rows[-1]["sampai"] == "15 Agustus 2029"  # 35 months, 30-day periods, cut at expiry
    front = pdf.text(0)
    for expected in ("KARTU BIMBINGAN KLIEN PEMASYARAKATAN", samples.KLIEN["nama"], samples.KLIEN["nomor_register"],
                     samples.KLIEN["sk"], samples.PK["nama"], samples.KOP["telepon"], "30 November 2026",
                     samples.KEPALA["nama"], "KEWAJIBAN KLIEN"):
        assert expected in front, expected
    assert pdf.qr_pages() == [0]
    card_lines = [line for line in pdf.pages[0] if "KARTU BIMBINGAN KLIEN PEMASYARAKATAN" in line.get_text()]
    assert card_lines, "the card's title"
    grid = " ".join(pdf.text(i) for i in range(1, len(pdf)))
    assert "CATATAN WAJIB LAPOR" not in front and "Periode lapor" in grid
    assert "15 Agustus 2029" in grid and "16 September 2026" in grid
    for index in range(1, len(pdf)):
        assert "Periode lapor" in pdf.text(index), f"grid page {index + 1} lacks the header row"


def test_the_card_sides_are_85_6_by_54_mm(tmp_path):
    """Measured on the template: the two cells of the card row (Word twips, 1/1440 inch)."""
    from docx import Document

    table = Document(str(render.TEMPLATE_DIR / templates.SHIPPED[client_card.DOC_TYPE])).tables[0]
    row = table.rows[0]
    assert round(row.height.mm, 1) == 54.0
    assert [round(cell.width.mm, 1) for cell in row.cells] == [85.6, 85.6]


def cell_words(data: bytes) -> set[str]:
    """The words of every table cell of a .docx (tables inside cells too); a line may break after a
    hyphen the text already has ("Timur-|Utara"), never inside a word."""
    from docx import Document

    def tables(container):
        for table in container.tables:
            yield table
            for row in table.rows:
                for cell in row.cells:
                    yield from tables(cell)

    return {word for table in tables(Document(io.BytesIO(data))) for row in table.rows for cell in row.cells
            for spaced in cell.text.split() for word in spaced.split("-") if len(word) > 3}


@pytest.mark.parametrize("kind", sorted(templates.SHIPPED) + ["kartu-35-bulan", "laporan-banyak-kegiatan"])
def test_no_word_in_a_table_cell_is_split_over_two_lines(pdfs, kind):
    """Columns are wide enough for their longest word ("Kehadiran", a register number, a NIP, the
    verification address): each word of a cell stands whole on one line of the PDF."""
    pdf = pdfs[kind]
    lines = [line.get_text() for index in range(len(pdf)) for line in pdf.pages[index]]
    split = sorted(word for word in cell_words(pdf.docx) if not any(word in line for line in lines))
    assert split == []


@pytest.mark.parametrize("kind", sorted(set(templates.SHIPPED) - {client_card.DOC_TYPE}))
def test_a_letter_states_its_place_and_date_once(kind):
    """A surat dinas puts "Kota, tanggal" at the top beside its number, a berita acara above its signers: never
    both (the complaint reply and the surat pengantar pindah printed it twice)."""
    from docx import Document
    from docx.oxml.ns import qn

    body = Document(io.BytesIO(fill(kind))).element.body
    # Every paragraph of the body once, those in table cells included.
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]
    place_date = f"{samples.KOP['kota']}, {samples.COMMON['tanggal_surat']}"
    assert sum(place_date in text for text in texts) <= 1, [t for t in texts if place_date in t]
