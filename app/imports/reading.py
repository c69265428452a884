"""Reading an uploaded register file into a table of raw cells.

The content decides the format, never the file name: a workbook is a zip with
``xl/workbook.xml``, a CSV is text; anything else (a PDF or photo renamed .xlsx,
an old .xls) is refused by name. Formulas are read as formulas
(``data_only=False``) so they can be refused; nothing is ever evaluated.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field

import filetype
from flask_babel import gettext as _

from app.errors import DomainError

XLSX, CSV = "xlsx", "csv"
# Header cells read at most; the template has about twenty columns.
MAX_COLUMNS = 100
ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or a password-protected .xlsx
SEPARATORS = ";,\t"


class FileRefused(DomainError):
    """The file as a whole cannot be read; the messages say why."""


@dataclass(frozen=True)
class Formula:
    """A cell holding a formula, kept as written and never evaluated."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass
class Table:
    kind: str
    headers: list  # raw header cells of the first row
    rows: list[tuple[int, list]] = field(default_factory=list)  # (row number as in the sheet, raw cells)


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int
    max_unpacked_bytes: int


def check_size(data: bytes, limits: Limits) -> None:
    """The refusals that need no reading: an empty file, a file above the limit (told at the upload)."""
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise FileRefused(_("The file is empty."))
    if len(data) > limits.max_bytes:
        # The caller reads at most one byte past the limit, so the true size is not known here.
        raise FileRefused(_("The file is larger than the limit of %(limit)s KB. Split it into several files.",
                            limit=limits.max_bytes // 1024))


def read_table(data: bytes, limits: Limits) -> Table:
    check_size(data, limits)
    if data.startswith(ZIP_SIGNATURE):
        return _read_xlsx(data, limits)
    if data.startswith(OLE_SIGNATURE):
        raise FileRefused(_("This is an old Excel file (.xls) or a workbook with a password. Save it as an Excel "
                            "workbook (.xlsx) without a password, or as CSV."))
    kind = filetype.guess(data)
    if kind is not None:
        raise FileRefused(_("The file is not a spreadsheet: its content is %(kind)s. Upload the template filled in, "
                            "as .xlsx or .csv.", kind=kind.extension.upper()))
    return _read_csv(data, limits)


def _check_rows(table: Table, limits: Limits) -> Table:
    if not table.headers or not any(filled(h) for h in table.headers):
        raise FileRefused(_("The first row must hold the column headers of the template; it is empty."))
    if not table.rows:
        raise FileRefused(_("The file has column headers but no rows of data."))
    return table


def filled(value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _too_many(limits: Limits) -> FileRefused:
    return FileRefused(_("The file has more than %(limit)d rows of data; split it into several files.",
                         limit=limits.max_rows))


# -- Excel ---------------------------------------------------------------------

def _read_xlsx(data: bytes, limits: Limits) -> Table:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileRefused(_("The workbook cannot be read; it may be damaged. Save it again as .xlsx."))
    if "xl/workbook.xml" not in names:
        what = "DOCX" if "word/document.xml" in names else ("ODS" if "content.xml" in names else "ZIP")
        raise FileRefused(_("The file is not an Excel workbook: its content is %(kind)s. Upload the template "
                            "filled in, as .xlsx or .csv.", kind=what))
    if unpacked > limits.max_unpacked_bytes:
        raise FileRefused(_("The workbook unpacks to %(size)s MB; the limit is %(limit)s MB. Split it into "
                            "several files.", size=unpacked // 2**20, limit=limits.max_unpacked_bytes // 2**20))
    if not _intact(data):
        raise FileRefused(_("The workbook cannot be read; it may be damaged. Save it again as .xlsx."))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
        sheet = book["Data Klien"] if "Data Klien" in book.sheetnames else book.worksheets[0]
        table = _sheet_rows(sheet, limits)
        book.close()
    except FileRefused:
        raise
    except Exception:  # noqa: BLE001 - an uploaded workbook may be broken in any way; none may become a 500
        raise FileRefused(_("The workbook cannot be read; it may be damaged. Save it again as .xlsx."))
    return _check_rows(table, limits)


def _intact(data: bytes) -> bool:
    """Every member of the archive read to its end with a matching checksum (after the
    unpacked size is known to be within the limit): openpyxl reads only the parts it
    needs, so a damaged or doctored member would otherwise pass unseen."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.testzip() is None
    except Exception:  # noqa: BLE001 - BadZipFile, zlib.error, encrypted or unknown compression
        return False


def _cell_value(cell):
    value = cell.value
    if getattr(cell, "data_type", None) == "f" or (value is not None and type(value).__name__ in (
            "ArrayFormula", "DataTableFormula")):
        return Formula(str(getattr(value, "text", value) or "="))
    return value


def _last_row(limits: Limits) -> int:
    """Rows read at most, empty ones included: formatted empty rows (a million of them
    fit in a small file) would otherwise keep the reader busy for minutes."""
    return limits.max_rows * 2 + 1000


def _sheet_rows(sheet, limits: Limits) -> Table:
    table = Table(XLSX, [])
    for number, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
        if number > _last_row(limits):
            raise FileRefused(_("The sheet goes on beyond row %(n)d (empty or formatted rows); delete the rows "
                                "below the data and upload again.", n=_last_row(limits)))
        values = [_cell_value(c) for c in cells]
        if number == 1:
            while values and not filled(values[-1]):
                values.pop()
            table.headers = values
            continue
        if any(filled(v) for v in values):
            if len(table.rows) >= limits.max_rows:
                raise _too_many(limits)
            table.rows.append((number, values))
    return table


# -- CSV -----------------------------------------------------------------------

def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        if b"\x00" in data:
            raise FileRefused(_("The file is not a spreadsheet or text file. Upload the template filled in, "
                                "as .xlsx or .csv."))
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRefused(_("The characters of the file cannot be read. Save it as \"CSV UTF-8\"."))


def separator(first_line: str) -> str:
    """The separator the header row uses: ';' (Excel in Indonesian), ',' or a tab.
    Headers never contain one, so the most frequent is the one."""
    counts = {sep: first_line.count(sep) for sep in SEPARATORS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _read_csv(data: bytes, limits: Limits) -> Table:
    text = decode(data)
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=separator(first_line), strict=True)
    table = Table(CSV, [])
    try:
        for number, values in enumerate(reader, start=1):
            if number == 1:
                table.headers = values
                while table.headers and not table.headers[-1].strip():
                    table.headers.pop()
                continue
            if any(v.strip() for v in values):
                if len(table.rows) >= limits.max_rows:
                    raise _too_many(limits)
                table.rows.append((number, values))
    except csv.Error:
        raise FileRefused(_("The CSV file cannot be read (a quote is not closed, or a cell is too long)."))
    return _check_rows(table, limits)
