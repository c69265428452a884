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
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent


def _base() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.top_margin, section.bottom_margin = Cm(2), Cm(2.5)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Arial", Pt(11)
    style.paragraph_format.space_after = Pt(2)
    return doc


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
    _centre(doc, "{{ kop.kementerian }}", bold=True)
    _centre(doc, "DIREKTORAT JENDERAL PEMASYARAKATAN", bold=True)
    _centre(doc, "{{ kop.kanwil }}", bold=True)
    _centre(doc, "{{ kop.kantor }}", bold=True, size=13)
    _centre(doc, "{{ kop.alamat }}", size=9)
    _centre(doc, "Telepon {{ kop.telepon }} · Pos-el {{ kop.email }}", size=9)
    rule = _centre(doc, "")
    _bottom_border(rule)


def _two_signers(doc, left: list[str], right: list[str]) -> None:
    """Two signature columns; an empty string marks the space for the signature."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, lines in zip(table.rows[0].cells, (left, right)):
        for index, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            paragraph.add_run(line if line else "\n")


def _signature(doc, left_title: str | None):
    left = [left_title, "{{ mengetahui.jabatan }},", "", "{{ mengetahui.nama }}", "NIP. {{ mengetahui.nip }}"] \
        if left_title else []
    _two_signers(doc, left, ["{{ kop.kota }}, {{ tanggal_surat }}", "{{ penanda.jabatan }},", "",
                             "{{ penanda.nama }}", "NIP. {{ penanda.nip }}", "{{ penanda.pangkat }}"])


def _verification(doc) -> None:
    """The QR code and the address where the document's authenticity is checked."""
    doc.add_paragraph("{{ qr }}")
    p = doc.add_paragraph("Keaslian dokumen ini dapat diperiksa dengan memindai kode di atas atau di {{ verifikasi }}")
    p.runs[0].font.size = Pt(8)


def _field_table(doc, rows):
    table = doc.add_table(rows=0, cols=3)
    table.autofit = False
    widths = (Cm(5), Cm(0.5), Cm(10.5))
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = label, ":", value
        for cell, width in zip(cells, widths):
            cell.width = width
    for column, width in zip(table.columns, widths):  # LibreOffice reads the grid, Word the cells
        column.width = width


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
    doc.add_paragraph("{% if not kegiatan %}Tidak ada kegiatan yang tercatat dalam buku perkembangan bulan ini."
                      "{% endif %}")
    doc.add_paragraph().add_run("II. Wajib lapor").bold = True
    doc.add_paragraph("Klien melapor diri {{ apel.bulan_ini }} kali pada bulan ini "
                      "({{ apel.bulan_ini_terbilang }} kali); seluruhnya {{ apel.total }} kali sejak bimbingan dimulai.")
    doc.add_paragraph().add_run("III. Catatan dan penilaian PK").bold = True
    doc.add_paragraph("{{ catatan }}")
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
    doc.add_paragraph()
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
    doc.add_paragraph("Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.")
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
    _signature(doc, None)
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
    doc.add_paragraph()
    doc.add_paragraph("Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya.")
    _two_signers(doc, ["Sekretaris,", "", "{{ sekretaris }}"],
                 ["{{ kop.kota }}, {{ tanggal_surat }}", "Ketua,", "", "{{ ketua }}"])
    _verification(doc)
    doc.save(HERE / "berita_acara_sidang_tpp.docx")


def client_card() -> None:
    doc = _base()
    _centre(doc, "{{ kop.kantor }}", bold=True)
    _centre(doc, "KARTU BIMBINGAN KLIEN", bold=True, size=13)
    _centre(doc, "Nomor: {{ nomor }}")
    table = doc.add_table(rows=1, cols=2)
    photo, data = table.rows[0].cells
    table.autofit = False
    photo.width, data.width = Cm(4), Cm(12)
    table.columns[0].width, table.columns[1].width = Cm(4), Cm(12)
    photo.paragraphs[0].add_run("{{ foto }}")
    photo.add_paragraph("{{ qr }}")
    lines = [("Nama", "{{ klien.nama }}"), ("Nomor register", "{{ klien.nomor_register }}"),
             ("Pembimbing Kemasyarakatan", "{{ pk.nama }}"), ("Jenis bimbingan", "{{ klien.jenis_bimbingan }}"),
             ("Dasar (SK)", "{{ klien.sk }}"), ("Masa bimbingan", "{{ klien.mulai }} s.d. {{ klien.ekspirasi }}"),
             ("Wajib lapor", "{{ jadwal }}")]
    for index, (label, value) in enumerate(lines):
        paragraph = data.paragraphs[0] if index == 0 else data.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    doc.add_paragraph("Kartu ini wajib dibawa setiap melapor diri. Keaslian: {{ verifikasi }}").runs[0].font.size = Pt(8)
    doc.add_page_break()
    _centre(doc, "CATATAN WAJIB LAPOR", bold=True)
    grid = doc.add_table(rows=4, cols=4)
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, ["No.", "Tanggal", "Hasil bimbingan", "Paraf PK"]):
        cell.text = text
    grid.rows[1].cells[0].text = "{%tr for b in baris %}"
    grid.rows[2].cells[0].text = "{{ b }}"
    grid.rows[3].cells[0].text = "{%tr endfor %}"
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
    table = doc.add_table(rows=1, cols=3)
    for cell, lines in zip(table.rows[0].cells, (["Klien,", "", "{{ klien.nama }}"],
                                                 ["Orang tua / wali,", "", "{{ penjamin.nama }}"],
                                                 ["{{ kop.kota }}, {{ tanggal_surat }}", "Pembimbing Kemasyarakatan,",
                                                  "", "{{ pk.nama }}", "NIP. {{ pk.nip }}"])):
        for index, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            paragraph.add_run(line if line else "\n")
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
    doc.add_paragraph("Demikian berita acara ini dibuat dengan sebenarnya.")
    doc.add_paragraph()
    _signature(doc, None)
    _verification(doc)
    doc.save(HERE / "berita_acara_pengakhiran.docx")


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
    print("written:", ", ".join(p.name for p in sorted(HERE.glob("*.docx"))))
