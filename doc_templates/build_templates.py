"""Builds the starting .docx templates with python-docx.

The .docx files in this folder are what the product uses; office staff may
edit them in Word (keeping the {{ ... }} fields). This script only makes the
first version reproducible: `.venv/bin/python doc_templates/build_templates.py`.
Letter layout after Tata Naskah Dinas (shared/documents.md): Arial 11, margins
top 2 cm, bottom 2.5 cm, left 3 cm, right 2 cm, the kop from the office's data.
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt

HERE = Path(__file__).resolve().parent


def _base() -> Document:
    doc = Document()
    section = doc.sections[0]
    # python-docx's blank document is US Letter; letters are A4 (the office may choose F4 at issue).
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2.5)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Arial", Pt(11)
    style.paragraph_format.space_after = Pt(2)
    _page_numbers(section)
    return doc


def _field_code(paragraph, code: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES): Word and LibreOffice both compute it when the page is laid out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    paragraph.add_run()._r.append(instruction)
    char("separate")
    paragraph.add_run(shown)
    char("end")


def _page_numbers(section) -> None:
    """"Halaman 1 dari 2" centred in the footer. LibreOffice drops a conditional (IF) field, so a
    one-page letter says "Halaman 1 dari 1" rather than nothing at all."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Halaman ")
    _field_code(paragraph, "PAGE", "1")
    paragraph.add_run(" dari ")
    _field_code(paragraph, "NUMPAGES", "1")
    for run in paragraph.runs:
        run.font.size = Pt(8)


def _row_flag(row, name: str) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement(f"w:{name}"))


def _repeat_header(table, font_size: int | None = 10) -> None:
    """The first row repeats on every page; no row breaks across a page; the cells' text a size smaller
    so that no word is wider than its column."""
    _row_flag(table.rows[0], "tblHeader")
    for row in table.rows:
        _row_flag(row, "cantSplit")
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(font_size) if font_size else None


def _widths(table, widths) -> None:
    """Fixed column widths (LibreOffice reads the grid, Word the cells)."""
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    for column, width in zip(table.columns, widths):
        column.width = width


def _centre(doc, text, bold=False, size=None):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    return p


def _bottom_border(paragraph) -> None:
    """The double line under the kop, as a paragraph border (it never wraps)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "double"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _kop(doc, rahasia: bool):
    if rahasia:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.add_run("RAHASIA").bold = True
    # The logo at left (an office setting; empty when none is uploaded), the text centred beside it.
    table = doc.add_table(rows=1, cols=2)
    logo, text = table.rows[0].cells
    _widths(table, (Cm(2.4), Cm(13.6)))
    logo.paragraphs[0].add_run("{{ logo }}")
    lines = [("{{ kop.kementerian_1 }}", True, 11), ("{{ kop.kementerian_2 }}", True, 11),
             ("DIREKTORAT JENDERAL PEMASYARAKATAN", True, 11),
             ("{{ kop.kanwil }}", True, 11), ("{{ kop.kantor }}", True, 12), ("{{ kop.alamat }}", False, 9),
             ("Telepon {{ kop.telepon }}{% if kop.laman %} · Laman {{ kop.laman }}{% endif %}"
              " · Pos-el {{ kop.email }}", False, 9)]
    for index, (line, bold, size) in enumerate(lines):
        paragraph = text.paragraphs[0] if index == 0 else text.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(line)
        run.bold, run.font.size = bold, Pt(size)
    rule = _centre(doc, "")
    _bottom_border(rule)


def _keep_previous_with_table(doc) -> None:
    """The closing lines before a signature block move to the next page with it (a signer never
    signs under nothing)."""
    for paragraph in doc.paragraphs[-2:]:
        paragraph.paragraph_format.keep_with_next = True


def _signers(doc, columns: list[list]) -> None:
    """Signature columns side by side, one table row per line so that the lines of every column stay
    level even where one wraps. A line is text, or (bold text, plain text) for a name and its rank; the
    empty string marks the space for the signature and the stamp. The rows keep together (and with the
    verification row _verification adds) on one page."""
    heads = [c[:c.index("")] if "" in c else c for c in columns]
    tails = [c[c.index("") + 1:] if "" in c else [] for c in columns]
    depth = max(len(h) for h in heads)
    heads = [[None] * (depth - len(h)) + h for h in heads]
    length = max(len(t) for t in tails)
    tails = [t + [None] * (length - len(t)) for t in tails]
    rows = [list(r) for r in zip(*heads)] + [["" for _ in columns]] + [list(r) for r in zip(*tails)]
    _keep_previous_with_table(doc)
    table = doc.add_table(rows=len(rows), cols=len(columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [Cm(16 / len(columns))] * len(columns))
    for index, (row, lines) in enumerate(zip(table.rows, rows)):
        _row_flag(row, "cantSplit")
        if index == depth:
            row.height = Cm(2.2)  # signature and stamp
        for column, (cell, line) in enumerate(zip(row.cells, lines)):
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.space_after = Pt(0)
            if isinstance(line, tuple):
                paragraph.add_run(line[0]).bold = True
                paragraph.add_run(line[1])
            elif line:
                paragraph.add_run(line).bold = index == depth + 1


def _two_signers(doc, left: list, right: list) -> None:
    _signers(doc, [left, right])


def _name(who: str) -> tuple[str, str]:
    """A signer's name, with the rank on the next line where there is one."""
    return "{{ %s.nama }}" % who, "{%% if %s.pangkat %%}\n{{ %s.pangkat }}{%% endif %%}" % (who, who)


def _signature(doc, left_title: str | None, dated: bool = True):
    """The signer's block; ``dated=False`` for a letter that states its place and date at the top beside its
    number (a surat dinas), which then does not repeat them above the signature."""
    left = [left_title, "{{ mengetahui.jabatan }},", "", _name("mengetahui"), "NIP. {{ mengetahui.nip }}"] \
        if left_title else []
    place_date = ["{{ kop.kota }}, {{ tanggal_surat }}"] if dated else []
    _two_signers(doc, left, [*place_date, "{{ penanda.jabatan }},", "", _name("penanda"), "NIP. {{ penanda.nip }}"])


def _keep_headings(doc) -> None:
    """A heading (a short paragraph all in bold) stays on the page of what it heads."""
    for paragraph in doc.paragraphs:
        runs = [r for r in paragraph.runs if r.text.strip()]
        if runs and all(r.bold for r in runs) and len(paragraph.text) < 90:
            paragraph.paragraph_format.keep_with_next = True


def _verification(doc) -> None:
    """The QR code and the address where the document's authenticity is checked: the last row of the
    signature table, so that it never stands alone on a page of its own."""
    table = doc.tables[-1]
    assert table._tbl is doc.element.body[-2], "the verification belongs right under the signature table"
    _keep_headings(doc)
    row = table.add_row()
    _row_flag(row, "cantSplit")
    cell = row.cells[0].merge(row.cells[-1])
    # QR and caption side by side (a table inside the row): the block stays short enough to share
    # the page with the letter's last lines.
    inner = cell.add_table(rows=1, cols=2)
    _widths(inner, (Cm(2.8), Cm(12.8)))
    code, caption = inner.rows[0].cells
    code.paragraphs[0].add_run("{{ qr }}")
    caption.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    run = caption.paragraphs[0].add_run("Keaslian dokumen ini dapat diperiksa dengan memindai kode ini atau di "
                                        "{{ verifikasi }}")
    run.font.size = Pt(8)
    cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    cell.paragraphs[0].paragraph_format.keep_with_next = True


def _letter_heading(table) -> None:
    """Nomor / Sifat / Lampiran / Hal at left, colons in one column, a wrapped value hanging under its
    first line; the date at right on the Nomor line (shared/documents.md)."""
    _widths(table, (Cm(10.5), Cm(5.5)))
    left, right = table.rows[0].cells
    for paragraph in left.paragraphs:
        paragraph.text = paragraph.text.replace("\t: ", "\t:\t")
        form = paragraph.paragraph_format
        form.tab_stops.add_tab_stop(Cm(2.2))
        form.tab_stops.add_tab_stop(Cm(2.6))
        form.left_indent, form.first_line_indent = Cm(2.6), Cm(-2.6)
        form.space_after = Pt(0)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


# A berita acara is dated for its event; one made on a later day says when it was made.
MADE_LATER = ("{% if dibuat_pada %} Berita acara atas peristiwa tanggal {{ tanggal_peristiwa }} ini dibuat pada "
              "tanggal {{ dibuat_pada }}.{% endif %}")


def _field_table(doc, rows):
    table = doc.add_table(rows=0, cols=3)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = label, ":", value
    _widths(table, (Cm(5), Cm(0.5), Cm(10.5)))


def monthly_report() -> None:
    doc = _base()
    _kop(doc, rahasia=True)
    _centre(doc, "LAPORAN PERKEMBANGAN BIMBINGAN KLIEN", bold=True)
    _centre(doc, "Nomor: {{ nomor }}")
    _centre(doc, "Bulan {{ bulan }}")
    doc.add_paragraph()
    _field_table(doc, [("Nama klien", "{{ klien.nama }}"), ("Nomor register", "{{ klien.nomor_register }}"),
                       ("Jenis bimbingan", "{{ klien.jenis_bimbingan }}"), ("Dasar (SK)", "{{ klien.sk }}"),
                       ("Masa bimbingan", "{{ klien.mulai }} s.d. {{ klien.ekspirasi }}"),
                       ("Tahap", "{{ klien.tahap }}"), ("Pembimbing Kemasyarakatan", "{{ penanda.nama }}")])
    doc.add_paragraph()
    doc.add_paragraph().add_run("I. Kegiatan bimbingan bulan ini").bold = True
    # docxtpl repeats the middle row: its {%tr %} tags each stand in a row of their own.
    table = doc.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["Tanggal", "Kegiatan", "Kehadiran", "Hasil"]):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    table.rows[1].cells[0].text = "{%tr for k in kegiatan %}"
    cells = table.rows[2].cells
    cells[0].text, cells[1].text, cells[2].text, cells[3].text = (
        "{{ k.tanggal }}", "{{ k.jenis }}", "{{ k.hadir }}", "{{ k.hasil }}")
    table.rows[3].cells[0].text = "{%tr endfor %}"
    _widths(table, (Cm(3.4), Cm(3.9), Cm(3), Cm(5.7)))
    _repeat_header(table)
    doc.add_paragraph("{% if not kegiatan %}Tidak ada kegiatan yang tercatat dalam buku perkembangan bulan ini."
                      "{% endif %}")
    doc.add_paragraph().add_run("II. Wajib lapor").bold = True
    doc.add_paragraph("Klien melapor diri {{ apel.bulan_ini }} ({{ apel.bulan_ini_terbilang }}) kali pada bulan ini; "
                      "seluruhnya {{ apel.total }} ({{ apel.total_terbilang }}) kali sejak bimbingan dimulai.")
    doc.add_paragraph().add_run("III. Catatan dan penilaian PK").bold = True
    doc.add_paragraph("{{ catatan }}")
    doc.add_paragraph("Perlu tidaknya perubahan program bimbingan: {{ perubahan_program }}")
    doc.add_paragraph().add_run("IV. Rencana bulan berikutnya").bold = True
    doc.add_paragraph("{% for r in rencana %}{{ loop.index }}. {{ r }}\n{% endfor %}")
    doc.add_paragraph()
    _signature(doc, "Mengetahui,")
    _verification(doc)
    doc.save(HERE / "laporan_perkembangan.docx")


def end_certificate() -> None:
    doc = _base()
    _kop(doc, rahasia=False)
    _centre(doc, "SURAT KETERANGAN AKHIR MASA BIMBINGAN", bold=True)
    _centre(doc, "Nomor: {{ nomor }}")
    doc.add_paragraph()
    doc.add_paragraph("Yang bertanda tangan di bawah ini, {{ mengetahui.jabatan }}, menerangkan bahwa:")
    _field_table(doc, [("Nama", "{{ klien.nama }}"), ("Nomor register", "{{ klien.nomor_register }}"),
                       ("Jenis bimbingan", "{{ klien.jenis_bimbingan }}"), ("Dasar (SK)", "{{ klien.sk }}"),
                       ("Masa bimbingan", "{{ klien.mulai }} s.d. {{ klien.ekspirasi }}")])
    doc.add_paragraph()
    doc.add_paragraph("masa bimbingannya pada Balai Pemasyarakatan ini telah berakhir pada tanggal "
                      "{{ berakhir.tanggal }} ({{ berakhir.alasan }}) berdasarkan keputusan Nomor "
                      "{{ berakhir.keputusan }} tanggal {{ berakhir.tanggal_keputusan }}, dan yang bersangkutan "
                      "dinyatakan {{ keterangan }}.")
    doc.add_paragraph("Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.")
    doc.add_paragraph()
    _signature(doc, None)
    _verification(doc)
    doc.save(HERE / "surat_keterangan_akhir.docx")


def handover_record() -> None:
    doc = _base()
    _kop(doc, rahasia=False)
    _centre(doc, "BERITA ACARA SERAH TERIMA KLIEN", bold=True)
    _centre(doc, "Nomor: {{ nomor }}")
    doc.add_paragraph()
    doc.add_paragraph("Pada hari ini {{ hari_tanggal_terbilang }} ({{ tanggal_serah_terima }}), kami yang bertanda "
                      "tangan di bawah ini:")
    _field_table(doc, [("1. Nama", "{{ pihak_pertama.nama }}"), ("    NIP", "{{ pihak_pertama.nip }}"),
                       ("    Instansi", "{{ pihak_pertama.instansi }}")])
    doc.add_paragraph("selanjutnya disebut PIHAK PERTAMA, dan")
    _field_table(doc, [("2. Nama", "{{ pihak_kedua.nama }}"), ("    NIP", "{{ pihak_kedua.nip }}"),
                       ("    Jabatan", "{{ pihak_kedua.jabatan }}")])
    doc.add_paragraph("selanjutnya disebut PIHAK KEDUA.")
    doc.add_paragraph("PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA, dan PIHAK KEDUA menerima, klien anak:")
    _field_table(doc, [("Nama", "{{ klien.nama }}"), ("Nomor register", "{{ klien.nomor_register }}"),
                       ("Tempat, tanggal lahir", "{{ klien.ttl }}"), ("Jenis bimbingan", "{{ klien.jenis_bimbingan }}"),
                       ("Dasar (SK / putusan)", "{{ klien.sk }}"), ("Putusan pengadilan", "{{ klien.putusan }}")])
    doc.add_paragraph("beserta dokumen sebagai berikut:")
    doc.add_paragraph("{% for d in dokumen %}{{ loop.index }}. {{ d }}\n{% endfor %}")
    doc.add_paragraph("Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya."
                      + MADE_LATER)
    doc.add_paragraph()
    _two_signers(doc, ["PIHAK PERTAMA,", "", "{{ pihak_pertama.nama }}", "NIP. {{ pihak_pertama.nip }}"],
                 ["PIHAK KEDUA,", "", "{{ pihak_kedua.nama }}", "NIP. {{ pihak_kedua.nip }}"])
    _verification(doc)
    doc.save(HERE / "berita_acara_serah_terima.docx")


def complaint_reply() -> None:
    doc = _base()
    _kop(doc, rahasia=False)
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("Nomor\t: {{ nomor }}")
    left.add_paragraph("Sifat\t: Biasa")
    left.add_paragraph("Lampiran\t: -")
    left.add_paragraph("Hal\t: Jawaban atas pengaduan {{ pengaduan.nomor }}")
    right.paragraphs[0].add_run("{{ kop.kota }}, {{ tanggal_surat }}")
    _letter_heading(table)
    doc.add_paragraph()
    doc.add_paragraph("Yth. {{ pengaduan.kepada }}")
    doc.add_paragraph("di")
    doc.add_paragraph("Tempat")
    doc.add_paragraph()
    doc.add_paragraph("Menindaklanjuti pengaduan Saudara yang kami terima pada tanggal {{ pengaduan.diterima }} "
                      "dengan nomor pengaduan {{ pengaduan.nomor }}, dengan hormat kami sampaikan hal-hal sebagai "
                      "berikut:")
    doc.add_paragraph("{{ pengaduan.jawaban }}")
    doc.add_paragraph("Demikian kami sampaikan. Atas perhatian dan masukan Saudara, kami ucapkan terima kasih.")
    doc.add_paragraph()
    _signature(doc, None, dated=False)
    _verification(doc)
    doc.save(HERE / "surat_jawaban_pengaduan.docx")


def tpp_minutes() -> None:
    doc = _base()
    _kop(doc, rahasia=True)
    _centre(doc, "BERITA ACARA SIDANG TIM PENGAMAT PEMASYARAKATAN (TPP)", bold=True)
    _centre(doc, "Nomor: {{ nomor }}")
    doc.add_paragraph()
    doc.add_paragraph("Pada hari {{ sidang.hari_tanggal }}, pukul {{ sidang.waktu }}, bertempat di {{ sidang.tempat }}, "
                      "telah dilaksanakan sidang TPP {{ kop.kantor_biasa }} dengan kehadiran {{ sidang.hadir }} dari "
                      "{{ sidang.anggota }} anggota ({{ sidang.kuorum }}).")
    doc.add_paragraph().add_run("Anggota yang hadir:").bold = True
    doc.add_paragraph("{% for a in hadir %}{{ loop.index }}. {{ a }}\n{% endfor %}")
    doc.add_paragraph().add_run("Pokok bahasan dan keputusan:").bold = True
    table = doc.add_table(rows=4, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["No.", "Nomor register", "Pokok bahasan", "Rekomendasi PK",
                                                "Keputusan TPP"]):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    table.rows[1].cells[0].text = "{%tr for i in agenda %}"
    cells = table.rows[2].cells
    cells[0].text, cells[1].text, cells[2].text, cells[3].text, cells[4].text = (
        "{{ loop.index }}", "{{ i.nomor_register }}", "{{ i.pokok }}", "{{ i.rekomendasi }}", "{{ i.keputusan }}")
    table.rows[3].cells[0].text = "{%tr endfor %}"
    _widths(table, (Cm(1), Cm(3.6), Cm(3.8), Cm(3.8), Cm(3.8)))
    _repeat_header(table)
    doc.add_paragraph()
    doc.add_paragraph("Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya." + MADE_LATER)
    doc.add_paragraph()
    _two_signers(doc, ["Sekretaris,", "", "{{ sekretaris }}"],
                 ["{{ kop.kota }}, {{ tanggal_surat }}", "Ketua,", "", "{{ ketua }}"])
    _verification(doc)
    doc.save(HERE / "berita_acara_sidang_tpp.docx")


def _cell_lines(cell, lines, size: float, align=None) -> None:
    """Small-print lines in a card cell: (text, bold) each."""
    for text, bold in lines:
        fresh = len(cell.paragraphs) == 1 and not cell.paragraphs[0].runs
        paragraph = cell.paragraphs[0] if fresh else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = 1.0
        if align is not None:
            paragraph.alignment = align
        run = paragraph.add_run(text)
        run.bold, run.font.size = bold, Pt(size)


def _borders(cell, **sides) -> None:
    """Cell borders, e.g. top="dashed": the cut lines around the card, the fold line between its sides."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tcBorders")
    for side, kind in sides.items():
        border = OxmlElement(f"w:{side}")
        for key, value in (("w:val", kind), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
            border.set(qn(key), value)
        borders.append(border)
    cell._tc.get_or_add_tcPr().append(borders)


def _card_front(cell) -> None:
    _cell_lines(cell, [("{{ kop.kementerian }}", True), ("{{ kop.kantor }}", True)], 6, WD_ALIGN_PARAGRAPH.CENTER)
    title = cell.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(1)
    run = title.add_run("KARTU BIMBINGAN KLIEN PEMASYARAKATAN")
    run.bold, run.font.size = True, Pt(7.5)
    _cell_lines(cell, [("Nomor: {{ nomor }}", False)], 5.5, WD_ALIGN_PARAGRAPH.CENTER)
    inner = cell.add_table(rows=1, cols=3)
    _widths(inner, (Mm(17), Mm(36), Mm(28)))
    photo, data, sign = inner.rows[0].cells
    photo.paragraphs[0].add_run("{{ foto }}")
    photo.add_paragraph().add_run("{{ qr }}")  # under the photo: a signature or stamp over it would hide it
    _cell_lines(data, [("{{ klien.nama }}", True), ("No. Reg.: {{ klien.nomor_register }}", False),
                       ("{{ klien.jenis_bimbingan }}", False), ("SK: {{ klien.sk }}", False),
                       ("Masa: {{ klien.mulai }}", False), ("s.d. {{ klien.ekspirasi }}", False),
                       ("PK: {{ pk.nama }}", False),
                       ("Telp. kantor: {{ kop.telepon }}", False)], 6.5)
    _cell_lines(sign, [("{{ kop.kota }}, {{ tanggal_surat }}", False), ("{{ kepala.jabatan_singkat }},", False)],
                5.5, WD_ALIGN_PARAGRAPH.CENTER)
    space = sign.add_paragraph()
    space.paragraph_format.space_before = Mm(11)  # the Kepala's signature and the stamp
    _cell_lines(sign, [("{{ kepala.nama }}", True), ("NIP. {{ kepala.nip }}", False)], 5,
                WD_ALIGN_PARAGRAPH.CENTER)


def _card_back(cell) -> None:
    _cell_lines(cell, [("KEWAJIBAN KLIEN", True)], 7, WD_ALIGN_PARAGRAPH.CENTER)
    duties = ["Melapor diri kepada PK {{ jadwal_singkat }}; kartu ini dibawa setiap melapor.",
              "Mengikuti program bimbingan yang ditetapkan.",
              "Memberitahukan setiap perubahan alamat, sekolah atau pekerjaan kepada PK.",
              "Tidak melakukan tindak pidana dan tidak meresahkan masyarakat.",
              "Tidak meninggalkan wilayah tanpa izin Balai Pemasyarakatan.",
              "Pelanggaran dapat mengakibatkan pencabutan hak sesuai peraturan."]
    _cell_lines(cell, [(f"{n}. {d}", False) for n, d in enumerate(duties, start=1)], 6.5)
    _cell_lines(cell, [("Bila kartu ini ditemukan, mohon dikembalikan ke {{ kop.kantor_biasa }}, {{ kop.alamat }}, "
                        "telepon {{ kop.telepon }}.", False),
                       ("Keaslian: {{ verifikasi }}", False)], 5.5)


def client_card() -> None:
    doc = _base()
    section = doc.sections[0]
    # Two card sides (ID-1, 85.6 x 54 mm) side by side fill 171.2 mm: the card sheet has narrow margins.
    section.left_margin = section.right_margin = Mm(15)
    _centre(doc, "KARTU BIMBINGAN KLIEN — lembar cetak", bold=True, size=9)
    _centre(doc, "Gunting pada garis putus-putus, lipat pada garis titik-titik di tengah (sisi depan dan "
                 "sisi belakang saling membelakangi), lalu laminasi.", size=8)
    card = doc.add_table(rows=1, cols=2)
    card.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(card, (Mm(85.6), Mm(85.6)))
    row = card.rows[0]
    row.height = Mm(54)
    row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
    _row_flag(row, "cantSplit")
    front, back = row.cells
    _borders(front, top="dashed", left="dashed", bottom="dashed", right="dotted")
    _borders(back, top="dashed", right="dashed", bottom="dashed", left="dotted")
    _card_front(front)
    _card_back(back)
    # The reporting grid: every reporting period of the whole supervision, on A4 sheets of their own.
    grid_section = doc.add_section(WD_SECTION.NEW_PAGE)
    grid_section.left_margin, grid_section.right_margin = Cm(3), Cm(2)
    _centre(doc, "CATATAN WAJIB LAPOR", bold=True)
    _centre(doc, "{{ klien.nama }} · Nomor register {{ klien.nomor_register }} · {{ jadwal }}", size=9)
    grid = doc.add_table(rows=4, cols=5)
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, ["No.", "Periode lapor", "Tanggal lapor", "Hasil bimbingan",
                                               "Paraf PK"]):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    grid.rows[1].cells[0].text = "{%tr for b in jadwal_lapor %}"
    cells = grid.rows[2].cells
    cells[0].text, cells[1].text = "{{ b.no }}", "{{ b.mulai }} s.d. {{ b.sampai }}"
    grid.rows[3].cells[0].text = "{%tr endfor %}"
    _widths(grid, (Cm(1), Cm(6.2), Cm(2.6), Cm(4.2), Cm(2)))
    _repeat_header(grid)
    grid.rows[2].height = Cm(0.8)  # room to write by hand
    doc.save(HERE / "kartu_bimbingan.docx")


def guidance_contract() -> None:
    doc = _base()
    _kop(doc, rahasia=False)
    _centre(doc, "KONTRAK BIMBINGAN", bold=True)
    _centre(doc, "Nomor: {{ nomor }}")
    doc.add_paragraph("Yang bertanda tangan di bawah ini:")
    _field_table(doc, [("Nama klien", "{{ klien.nama }}"), ("Nomor register", "{{ klien.nomor_register }}"),
                       ("Orang tua / wali (penjamin)", "{{ penjamin.nama }} ({{ penjamin.hubungan }})")])
    doc.add_paragraph("menyatakan telah menerima penjelasan dari Pembimbing Kemasyarakatan {{ pk.nama }} dan "
                      "bersedia mematuhi ketentuan berikut selama masa bimbingan {{ klien.mulai }} s.d. "
                      "{{ klien.ekspirasi }} ({{ klien.jenis_bimbingan }}, {{ klien.sk }}):")
    for number, clause in enumerate([
            "Status: klien berada dalam bimbingan Balai Pemasyarakatan sampai akhir masa bimbingan.",
            "Hak: mendapat bimbingan kepribadian dan kemandirian sesuai kebutuhan, serta kerahasiaan data pribadi.",
            "Kewajiban: melapor diri (wajib lapor) {{ jadwal }}, mengikuti program bimbingan, dan memberitahukan "
            "setiap perubahan alamat.",
            "Larangan: melakukan tindak pidana, meresahkan masyarakat, dan meninggalkan wilayah tanpa izin.",
            "Sanksi: pelanggaran dapat mengakibatkan pencabutan hak sesuai ketentuan peraturan perundang-undangan.",
            "Bentuk bimbingan: {{ bentuk_bimbingan }}.",
            "Pembimbing Kemasyarakatan: {{ pk.nama }}, NIP. {{ pk.nip }}."], start=1):
        doc.add_paragraph(f"{number}. {clause}")
    doc.add_paragraph()
    _signers(doc, [["Klien,", "", "{{ klien.nama }}"], ["Orang tua / wali,", "", "{{ penjamin.nama }}"],
                   ["{{ kop.kota }}, {{ tanggal_surat }}", "Pembimbing Kemasyarakatan,", "", _name("pk"),
                    "NIP. {{ pk.nip }}"]])
    _verification(doc)
    doc.save(HERE / "kontrak_bimbingan.docx")


def termination_record() -> None:
    doc = _base()
    _kop(doc, rahasia=False)
    _centre(doc, "BERITA ACARA PENGAKHIRAN BIMBINGAN", bold=True)
    _centre(doc, "Nomor: {{ nomor }}")
    doc.add_paragraph()
    doc.add_paragraph("Pada hari ini {{ hari_tanggal_terbilang }}, bimbingan terhadap klien:")
    _field_table(doc, [("Nama", "{{ klien.nama }}"), ("Nomor register", "{{ klien.nomor_register }}"),
                       ("Jenis bimbingan", "{{ klien.jenis_bimbingan }}"), ("Dasar (SK)", "{{ klien.sk }}"),
                       ("Masa bimbingan", "{{ klien.mulai }} s.d. {{ klien.ekspirasi }}")])
    doc.add_paragraph("dinyatakan berakhir pada tanggal {{ berakhir.tanggal }} karena {{ berakhir.alasan }}, "
                      "berdasarkan {{ berakhir.keputusan }} tanggal {{ berakhir.tanggal_keputusan }}.")
    doc.add_paragraph("{% if berakhir.catatan %}Catatan: {{ berakhir.catatan }}{% endif %}")
    doc.add_paragraph("Demikian berita acara ini dibuat dengan sebenarnya." + MADE_LATER)
    doc.add_paragraph()
    _signature(doc, None)
    _verification(doc)
    doc.save(HERE / "berita_acara_pengakhiran.docx")


def transfer_cover_letter() -> None:
    """Surat pengantar pindah: the sending office to the receiving one (app.documents.transfer_letters)."""
    doc = _base()
    _kop(doc, rahasia=True)
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("Nomor\t: {{ nomor }}")
    left.add_paragraph("Sifat\t: Rahasia")
    left.add_paragraph("Lampiran\t: 1 (satu) berkas")
    left.add_paragraph("Hal\t: Pengantar pindah wilayah bimbingan klien anak")
    right.paragraphs[0].add_run("{{ kop.kota }}, {{ tanggal_surat }}")
    _letter_heading(table)
    doc.add_paragraph()
    doc.add_paragraph("Yth. {{ tujuan.kepala }}")
    doc.add_paragraph("{{ tujuan.alamat }}")
    doc.add_paragraph("di")
    doc.add_paragraph("{{ tujuan.kota }}")
    doc.add_paragraph()
    _text(doc, "Menindaklanjuti usulan pindah wilayah bimbingan tanggal {{ pindah.tanggal_usul }} yang telah kami "
               "setujui pada tanggal {{ pindah.tanggal_setuju }}, bersama ini kami sampaikan pengantar pindah "
               "wilayah bimbingan klien anak sebagai berikut:")
    _field_table(doc, [("Nama", "{{ klien.nama }}"), ("Nomor register", "{{ klien.nomor_register }}"),
                       ("Jenis bimbingan", "{{ klien.jenis_bimbingan }}"), ("Dasar (SK)", "{{ klien.sk }}"),
                       ("Masa bimbingan", "{{ klien.mulai }} s.d. {{ klien.ekspirasi }}"),
                       ("Tahap bimbingan", "{{ klien.tahap }}"), ("Alamat baru", "{{ pindah.alamat_baru }}"),
                       ("Alasan pindah", "{{ pindah.alasan }}")])
    _text(doc, "Berkas bimbingan klien diserahkan seluruhnya melalui SIBIKA, terdiri atas:")
    doc.add_paragraph("{%p for b in berkas %}")
    doc.add_paragraph("- {{ b }}")
    doc.add_paragraph("{%p endfor %}")
    _text(doc, "Tahapan dan tanggal ekspirasi bimbingan tetap berlaku sebagaimana tercatat. Mohon kiranya klien "
               "tersebut dapat diterima dan bimbingannya dilanjutkan oleh Balai Pemasyarakatan Saudara.")
    _text(doc, "Demikian kami sampaikan. Atas perhatian dan kerja sama Saudara, kami ucapkan terima kasih.")
    doc.add_paragraph()
    _signature(doc, None, dated=False)
    _verification(doc)
    doc.save(HERE / "surat_pengantar_pindah.docx")


def transfer_handover_record() -> None:
    """Berita acara serah terima klien antar-Bapas, for the day the receiving office accepted."""
    doc = _base()
    _kop(doc, rahasia=True)
    _centre(doc, "BERITA ACARA SERAH TERIMA KLIEN ANTAR-BAPAS", bold=True)
    _centre(doc, "Nomor: {{ nomor }}")
    doc.add_paragraph()
    doc.add_paragraph("Pada hari ini {{ hari_tanggal_terbilang }}, kami yang bertanda tangan di bawah ini:")
    _field_table(doc, [("1. Nama", "{{ pihak_pertama.nama }}"), ("    NIP", "{{ pihak_pertama.nip }}"),
                       ("    Jabatan", "{{ pihak_pertama.jabatan }}")])
    doc.add_paragraph("selanjutnya disebut PIHAK PERTAMA, dan")
    _field_table(doc, [("2. Nama", "{{ pihak_kedua.nama }}"), ("    NIP", "{{ pihak_kedua.nip }}"),
                       ("    Jabatan", "{{ pihak_kedua.jabatan }}")])
    doc.add_paragraph("selanjutnya disebut PIHAK KEDUA,")
    _text(doc, "menyatakan bahwa PIHAK PERTAMA telah menyerahkan kepada PIHAK KEDUA pembimbingan klien anak:")
    _field_table(doc, [("Nama", "{{ klien.nama }}"), ("Nomor register lama", "{{ klien.nomor_register_lama }}"),
                       ("Nomor register baru", "{{ klien.nomor_register }}"),
                       ("Jenis bimbingan", "{{ klien.jenis_bimbingan }}"), ("Dasar (SK)", "{{ klien.sk }}"),
                       ("Masa bimbingan", "{{ klien.mulai }} s.d. {{ klien.ekspirasi }}"),
                       ("Tahap bimbingan", "{{ klien.tahap }}"), ("Alamat baru", "{{ pindah.alamat_baru }}"),
                       ("Surat pengantar", "{{ pindah.surat_pengantar }}"),
                       ("Pembimbing Kemasyarakatan", "{{ pk.nama }}")])
    _text(doc, "beserta seluruh berkas bimbingannya, terdiri atas:")
    doc.add_paragraph("{%p for b in berkas %}")
    doc.add_paragraph("- {{ b }}")
    doc.add_paragraph("{%p endfor %}")
    _text(doc, "Sejak tanggal {{ pindah.tanggal_terima }} bimbingan klien dilanjutkan oleh {{ pihak_kedua.kantor }} "
               "dengan tahapan dan tanggal ekspirasi yang sama.")
    doc.add_paragraph("Demikian berita acara ini dibuat dengan sebenarnya." + MADE_LATER)
    doc.add_paragraph()
    _two_signers(doc, ["PIHAK PERTAMA,", "{{ pihak_pertama.jabatan }},", "", _name("pihak_pertama"),
                       "NIP. {{ pihak_pertama.nip }}"],
                 ["{{ kop.kota }}, {{ tanggal_surat }}", "PIHAK KEDUA,", "{{ pihak_kedua.jabatan }},", "",
                  _name("pihak_kedua"), "NIP. {{ pihak_kedua.nip }}"])
    _verification(doc)
    doc.save(HERE / "berita_acara_pindah.docx")


def _heading(doc, text):
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(8)
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run(text).bold = True


def _sub(doc, text):
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run(text).bold = True


def _text(doc, text):
    paragraph = doc.add_paragraph(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return paragraph


def litmas() -> None:
    """The structure of documents.md, "Litmas (bimbingan tahap akhir): the full structure"."""
    doc = _base()
    _kop(doc, rahasia=True)
    _centre(doc, "LAPORAN PENELITIAN KEMASYARAKATAN (LITMAS)", bold=True)
    _centre(doc, "UNTUK BIMBINGAN TAHAP AKHIR", bold=True)
    _centre(doc, "Nomor: {{ nomor }}")
    _field_table(doc, [("Terhadap", "{{ klien.nama }}"), ("Nomor Register", "{{ klien.nomor_register }}"),
                       ("Perkara", "{{ klien.perkara }}")])

    _heading(doc, "I. PENDAHULUAN")
    _sub(doc, "A. Dasar")
    _text(doc, "{{ pendahuluan.dasar }}")
    _text(doc, "Klien menjalani {{ klien.jenis_bimbingan }} berdasarkan Surat Keputusan Nomor {{ klien.sk }}, "
               "masa bimbingan {{ klien.mulai }} s.d. {{ klien.ekspirasi }}.")
    _sub(doc, "B. Maksud dan Tujuan")
    _text(doc, "{{ pendahuluan.maksud }}")
    _sub(doc, "C. Metode dan Sumber Data")
    _text(doc, "{{ pendahuluan.metode }}")

    _heading(doc, "II. IDENTITAS")
    _sub(doc, "A. Identitas Klien")
    _field_table(doc, [("Nama", "{{ klien.nama }}"), ("Nama alias", "{{ klien.alias }}"),
                       ("Tempat, tanggal lahir", "{{ klien.ttl }}"), ("Umur", "{{ klien.umur }}"),
                       ("Jenis kelamin", "{{ klien.jenis_kelamin }}"), ("Agama", "{{ klien.agama }}"),
                       ("Suku/kebangsaan", "{{ klien.suku_bangsa }}"), ("Pendidikan", "{{ klien.pendidikan }}"),
                       ("Pekerjaan", "{{ klien.pekerjaan }}"), ("Alamat", "{{ klien.alamat }}")])
    _sub(doc, "B. Identitas Orang Tua")
    for number, (title, key) in enumerate((("Ayah", "ayah"), ("Ibu", "ibu")), start=1):
        doc.add_paragraph(f"{number}. {title}").paragraph_format.keep_with_next = True
        _field_table(doc, [("Nama", f"{{{{ {key}.nama }}}}"), ("Umur", f"{{{{ {key}.umur }}}}"),
                           ("Agama", f"{{{{ {key}.agama }}}}"), ("Pekerjaan", f"{{{{ {key}.pekerjaan }}}}"),
                           ("Alamat", f"{{{{ {key}.alamat }}}}")])
    _sub(doc, "C. Identitas Wali/Penjamin")
    _field_table(doc, [("Nama", "{{ penjamin.nama }}"), ("Hubungan dengan klien", "{{ penjamin.hubungan }}"),
                       ("Alamat", "{{ penjamin.alamat }}"), ("Telepon", "{{ penjamin.telepon }}"),
                       ("Bentuk jaminan", "{{ penjamin.jaminan }}")])

    _heading(doc, "III. RIWAYAT HIDUP KLIEN")
    for title, key in (("A. Masa kanak-kanak dan pola asuh", "masa_kecil"), ("B. Riwayat pendidikan", "pendidikan"),
                       ("C. Riwayat kesehatan", "kesehatan"), ("D. Perilaku dan kepribadian", "perilaku"),
                       ("E. Hubungan dengan keluarga, teman dan masyarakat", "relasi"),
                       ("F. Minat dan bakat", "minat_bakat")):
        _sub(doc, title)
        _text(doc, f"{{{{ riwayat.{key} }}}}")

    _heading(doc, "IV. KASUS DAN LATAR BELAKANG")
    _sub(doc, "A. Tindak pidana")
    _field_table(doc, [("Pasal yang dilanggar", "{{ kasus.pasal }}"), ("Tanggal kejadian", "{{ kasus.tanggal }}")])
    _text(doc, "{{ kasus.kronologi }}")
    _sub(doc, "B. Motif dan keadaan")
    _text(doc, "{{ kasus.motif }}")
    _sub(doc, "C. Korban dan hubungan dengan korban")
    _text(doc, "{{ kasus.korban }}")
    _sub(doc, "D. Putusan pengadilan")
    _field_table(doc, [("Nomor putusan", "{{ kasus.putusan }}"), ("Tanggal putusan", "{{ kasus.tanggal_putusan }}"),
                       ("Pidana/tindakan", "{{ kasus.pidana }}")])

    _heading(doc, "V. PELAKSANAAN BIMBINGAN")
    doc.add_paragraph("{%p for t in tahap %}")
    _sub(doc, "{{ loop.index }}. {{ t.nama }} ({{ t.periode }})")
    _text(doc, "{{ t.program }}.")
    doc.add_paragraph("{%p for b in t.butir %}")
    _text(doc, "{{ b.nomor }}) {{ b.jenis }}: {{ b.kegiatan }}{{ b.rincian }}. Pelaksanaan: {{ b.pelaksanaan }}.")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p if t.lain %}")
    _text(doc, "Kegiatan lain yang tercatat dalam buku perkembangan:")
    doc.add_paragraph("{%p for k in t.lain %}")
    _text(doc, "- {{ k }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    _text(doc, "Wajib lapor: klien melapor diri {{ t.wajib_lapor }}. Kunjungan rumah: {{ t.kunjungan_rumah }}.")
    doc.add_paragraph("{%p for r in t.rujukan %}")
    _text(doc, "Rujukan: {{ r }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")

    _heading(doc, "VI. HASIL ASESMEN")
    table = doc.add_table(rows=6, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["Domain", "Asesmen awal ({{ asesmen.awal.tanggal }})",
                                                "Reasesmen tahap akhir ({{ asesmen.akhir.tanggal }})"]):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    table.rows[1].cells[0].text = "{%tr for d in asesmen.domain %}"
    cells = table.rows[2].cells
    cells[0].text, cells[1].text, cells[2].text = "{{ d.nama }}", "{{ d.awal }}", "{{ d.akhir }}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    for row, (title, key) in zip(table.rows[4:], (("Skor total", "total"), ("Kategori risiko", "kategori"))):
        row.cells[0].text = title
        row.cells[1].text, row.cells[2].text = f"{{{{ asesmen.awal.{key} }}}}", f"{{{{ asesmen.akhir.{key} }}}}"
    _repeat_header(table)
    _text(doc, "Klasifikasi tahap akhir: {{ klasifikasi }}.")

    _heading(doc, "VII. TANGGAPAN")
    for title, key in (("A. Tanggapan klien", "klien"), ("B. Tanggapan keluarga", "keluarga"),
                       ("C. Tanggapan masyarakat/pemerintah setempat", "masyarakat"),
                       ("D. Tanggapan korban", "korban")):
        _sub(doc, title)
        _text(doc, f"{{{{ tanggapan.{key} }}}}")

    _heading(doc, "VIII. ANALISA")
    _text(doc, "{{ analisa }}")

    _heading(doc, "IX. KESIMPULAN DAN REKOMENDASI")
    _sub(doc, "A. Kesimpulan")
    _text(doc, "{{ kesimpulan }}")
    _sub(doc, "B. Rekomendasi")
    _text(doc, "{{ rekomendasi }}")

    _heading(doc, "PENUTUP")
    _text(doc, "Demikian laporan penelitian kemasyarakatan ini dibuat dengan sebenarnya untuk dipergunakan "
               "sebagaimana mestinya.")
    doc.add_paragraph()
    _signature(doc, "Mengetahui,")
    _verification(doc)
    doc.save(HERE / "litmas.docx")


def _repeat_header(table) -> None:
    """The first row repeats on every page the table runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header)


if __name__ == "__main__":
    monthly_report()
    end_certificate()
    handover_record()
    complaint_reply()
    tpp_minutes()
    client_card()
    guidance_contract()
    termination_record()
    litmas()
    transfer_cover_letter()
    transfer_handover_record()
    print("written:", ", ".join(p.name for p in sorted(HERE.glob("*.docx"))))
