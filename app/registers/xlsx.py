"""A register book as an .xlsx workbook, laid out to be filtered and printed.

Dates are real date cells (dd/mm/yyyy) and numbers real numbers, so a sheet
can be sorted and summed; a title block names the book, the office and the
period; the header row stays frozen and carries an autofilter.
"""
from __future__ import annotations

import io
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from app.registers.base import DATE, INT, Book, Row

DATE_FORMAT = "dd/mm/yyyy"
NUMBER_WIDTH = 6
TITLE_ROWS = 3  # book, office, period; then one empty row; then the header
HEADER_ROW = TITLE_ROWS + 2
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
EXCEL_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})
TOP_WRAP = Alignment(wrap_text=True, vertical="top")
STRUCK = Font(strike=True)


def _cell_value(kind: str, value):
    if value is None or value == "":
        return None
    if kind == DATE:
        return value.date() if isinstance(value, datetime) else value
    if kind == INT:
        return int(value)
    return str(value)


def workbook(book: Book, rows: list[Row], *, title: str, office: str, period: str, number_header: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = book.sheet.translate(EXCEL_FORBIDDEN)[:31]
    last = get_column_letter(len(book.columns) + 1)

    for row, (text, size) in enumerate(((title.upper(), 14), (office, 12), (period, 11)), start=1):
        cell = ws.cell(row=row, column=1, value=text)
        cell.font = Font(bold=row < 3, size=size)
        ws.merge_cells(f"A{row}:{last}{row}")

    headers = [number_header] + [str(c.header) for c in book.columns]
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = BOX

    for n, row in enumerate(rows, start=1):
        line = HEADER_ROW + n
        ws.cell(row=line, column=1, value=n).border = BOX
        for col, column in enumerate(book.columns, start=2):
            cell = ws.cell(row=line, column=col, value=_cell_value(column.type, column.value(row)))
            cell.border = BOX
            cell.alignment = TOP_WRAP
            if column.type == DATE:
                cell.number_format = DATE_FORMAT
            if row.struck and column.strikes:
                cell.font = STRUCK

    ws.column_dimensions["A"].width = NUMBER_WIDTH
    for col, column in enumerate(book.columns, start=2):
        ws.column_dimensions[get_column_letter(col)].width = column.width
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(rows), 1)}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.oddFooter.center.text = "&P / &N"

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def file_name(book: Book, office_code: str | None, filter_part: str) -> str:
    """``register-klien_BPS-A_2026-01-01_2026-12-31.xlsx``: the book, the office, the filter; no person."""
    parts = [book.slug, office_code or "semua-kantor", filter_part]
    safe = "_".join(p for p in parts if p)
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in safe) + ".xlsx"
