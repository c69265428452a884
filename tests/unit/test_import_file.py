"""Reading an import file: type by content, encodings, separators, limits, the
columns of the header row, and the templates reading back."""
from __future__ import annotations

import io
import zipfile

import pytest

from app.imports import template
from app.imports.columns import COLUMNS
from app.imports.parse import column_letter, parse
from app.imports.reading import CSV, XLSX, FileRefused, Formula, Limits, decode, read_table, separator

LIMITS = Limits(max_bytes=200_000, max_rows=50, max_unpacked_bytes=2_000_000)
HEADERS = [c.header for c in COLUMNS]


def workbook(rows: list[list], headers=None, title="Data Klien") -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(headers if headers is not None else HEADERS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def refused(data: bytes, limits=LIMITS) -> list[str]:
    with pytest.raises(FileRefused) as exc:
        parse(data, limits)
    return exc.value.messages


def test_column_letters_are_as_a_spreadsheet_names_them():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


@pytest.mark.parametrize("data,fragment", [
    (b"", "The file is empty"),
    (b"\xef\xbb\xbf\r\n\r\n", "The file is empty"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3 binary", "its content is PDF"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "its content is PNG"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel file (.xls)"),
    (b"PK\x03\x04 not really a zip", "may be damaged"),
    (b"Nomor Register\x00;Nama", "not a spreadsheet or text file"),
    (b"x" * 300_000, "larger than the limit of 195 KB"),
    (b'"Nomor Register;Nama Lengkap\r\n', "cannot be read"),
])
def test_files_that_are_not_a_register_are_refused_by_content(data, fragment):
    assert any(fragment in m for m in refused(data)), refused(data)


def test_a_word_document_renamed_xlsx_is_named_as_such():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    assert "its content is DOCX" in refused(out.getvalue())[0]


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused_before_it_is_opened():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", " " * 3_000_000)  # compresses to a few KB
    assert "unpacks to 2 MB; the limit is 1 MB" in refused(out.getvalue())[0]


def test_a_broken_workbook_is_refused_not_crashed():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<not-a-workbook")
    assert "may be damaged" in refused(out.getvalue())[0]


def test_header_only_and_headerless_files_are_refused():
    assert "no rows of data" in refused(workbook([]))[0]
    assert "no rows of data" in refused(template.csv_bytes())[0]
    assert "first row must hold the column headers" in refused(workbook([["x"]], headers=[None, None]))[0]


def test_rows_beyond_the_limit_are_refused_and_empty_rows_do_not_count():
    row = ["IMP"] + [None] * (len(HEADERS) - 1)
    assert len(parse(workbook([row] * 50 + [[None]] * 20), LIMITS)) == 50
    assert "more than 50 rows" in refused(workbook([row] * 51))[0]
    csv = ";".join(HEADERS) + "\r\n" + "IMP;x\r\n" * 51
    assert "more than 50 rows" in refused(csv.encode())[0]


def test_a_sheet_of_endless_formatted_empty_rows_is_refused_not_read_for_minutes():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append(["A-1"])
    for number in range(3, 1200):
        sheet.row_dimensions[number].height = 20  # written as empty <row> elements
    saved = io.BytesIO()
    book.save(saved)
    # ... and a sheet that declares them in its dimension, as a crafted file can.
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b'<dimension ref="A1:U2"/>', b'<dimension ref="A1:U1199"/>')
                assert b"A1:U1199" in content
            target.writestr(item, content)
    small = Limits(max_bytes=200_000, max_rows=5, max_unpacked_bytes=2_000_000)
    assert "beyond row 1010" in refused(out.getvalue(), small)[0]
    roomy = Limits(max_bytes=200_000, max_rows=100, max_unpacked_bytes=2_000_000)
    assert len(parse(out.getvalue(), roomy)) == 1  # 100 rows of data allow 1,200 rows in all


def test_row_numbers_are_those_of_the_sheet_with_empty_rows_kept_out():
    rows = parse(workbook([["A-1"], [], [None, None], ["A-4"]]), LIMITS)
    assert [(r.number, r.cells["registration_number"]) for r in rows] == [(2, "A-1"), (5, "A-4")]


def test_formulas_are_kept_as_formulas_never_evaluated():
    rows = parse(workbook([["A-1", "=CONCAT(\"Bu\",\"di\")", None, "=IF(1,\"L\",\"P\")"]]), LIMITS)
    assert rows[0].cells["full_name"] == Formula('=CONCAT("Bu","di")')
    assert isinstance(rows[0].cells["sex"], Formula)


def test_the_data_sheet_is_found_by_name_else_the_first_sheet_is_read():
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Catatan"
    book.active.append(["bukan data"])
    data = book.create_sheet("Data Klien")
    data.append(HEADERS)
    data.append(["A-9"])
    out = io.BytesIO()
    book.save(out)
    assert parse(out.getvalue(), LIMITS)[0].cells["registration_number"] == "A-9"
    assert parse(workbook([["A-8"]], title="Sheet1"), LIMITS)[0].cells["registration_number"] == "A-8"


def test_renamed_missing_doubled_and_unnamed_columns_are_all_named_at_once():
    headers = ["Nomor Register", "Nama", "Jenis Kelamin", "Tgl Lahir", "Tanggal Tindak Pidana", "Jenis Bimbingan",
               "Asal Klien", "jenis kelamin", None, "Catatan"]
    messages = refused(workbook([["A-1", "Budi", "L", None, None, None, None, None, "x"]], headers=headers))
    assert messages == [
        'The column "Jenis Kelamin" appears twice (columns C and H).',
        'Column B "Nama" is not a column of the template; did you mean "Nama Lengkap"?',
        'Column D "Tgl Lahir" is not a column of the template; did you mean "Tanggal Lahir"?',
        'Column J "Catatan" is not a column of the template.',
        'The required column "Nama Lengkap" is missing.',
        'The required column "Tanggal Lahir" is missing.',
        "Column I has data but no header.",
    ]


def test_headers_match_whatever_the_case_spacing_or_required_star():
    rows = parse(workbook([["A-1", "Budi"]], headers=["  nomor   register* ", "NAMA LENGKAP:"] + HEADERS[2:]), LIMITS)
    assert rows[0].cells["full_name"] == "Budi"


def test_optional_columns_may_be_left_out():
    required = [c.header for c in COLUMNS if c.required]
    rows = parse(workbook([["A-1"]], headers=required), LIMITS)
    assert set(rows[0].cells) == {c.field for c in COLUMNS if c.required}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_csv_in_the_usual_encodings_and_separators(encoding, sep):
    text = sep.join(HEADERS) + "\r\n" + sep.join(["A-1", "Andrés Lumière"] + [""] * (len(HEADERS) - 2)) + "\r\n"
    rows = parse(text.encode(encoding), LIMITS)
    assert rows[0].cells["full_name"] == "Andrés Lumière"
    assert rows[0].number == 2


def test_csv_quoted_cells_may_hold_separators_and_line_breaks():
    text = ";".join(HEADERS[:2]) + '\r\nA-1;"Budi; alias\r\nBuyung"\r\nA-2;Ani\r\n'
    table = read_table(text.encode(), LIMITS)
    assert table.kind == CSV and [n for n, _ in table.rows] == [2, 3]


def test_undecodable_text_is_refused():
    with pytest.raises(FileRefused, match="CSV UTF-8"):
        decode(b"Nomor Register;\x81\x8d\x8f\x90")


def test_separator_is_taken_from_the_header_row():
    assert separator("Nomor Register;Nama Lengkap") == ";"
    assert separator("Nomor Register,Nama Lengkap") == ","
    assert separator("Nomor Register\tNama Lengkap") == "\t"
    assert separator("Nomor Register") == ","


def test_the_xlsx_template_has_its_sheets_lists_and_formats_and_reads_back():
    from openpyxl import load_workbook

    data = template.xlsx({"PB": "Pembebasan Bersyarat", "CB": "Cuti Bersyarat"}, max_rows=5000)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Data Klien", "Petunjuk", "Daftar"]
    sheet = book["Data Klien"]
    assert [c.value for c in sheet[1]] == HEADERS
    letter = {c.field: column_letter(i) for i, c in enumerate(COLUMNS)}
    assert sheet.column_dimensions[letter["birth_date"]].number_format == "DD/MM/YYYY"
    assert sheet.column_dimensions[letter["nik"]].number_format == "@"
    assert sheet.column_dimensions[letter["registration_number"]].number_format == "@"
    lists = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    sex = lists[f"{letter['sex']}2:{letter['sex']}5001"]
    assert sex.type == "list" and sex.formula1.startswith("Daftar!$")
    kinds = lists[f"{letter['supervision_kind_id']}2:{letter['supervision_kind_id']}5001"]
    column = kinds.formula1.split("!$")[1].split("$")[0]
    assert [book["Daftar"][f"{column}{r}"].value for r in (2, 3)] == ["PB", "CB"]
    assert lists[f"{letter['birth_date']}2:{letter['birth_date']}5001"].type == "date"
    notes = [c.value for c in book["Petunjuk"]["A"] if c.value]
    assert set(HEADERS) <= set(notes)
    assert "no rows of data" in refused(data)[0]  # the template itself: headers, no example row to import


def test_the_csv_template_is_the_same_columns_with_a_bom_and_semicolons():
    data = template.csv_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").strip().split(";") == HEADERS
    table = read_table(data + b"A-1\r\n", LIMITS)
    assert table.kind == CSV and table.headers == HEADERS


def test_xlsx_kind_is_reported():
    assert read_table(workbook([["A-1"]]), LIMITS).kind == XLSX
