"""The import templates: an .xlsx with lists and formats, and a bare .csv.

The workbook has three sheets: "Data Klien" (the headers; required ones bold on
yellow; date columns formatted DD/MM/YYYY; NIK and registration number as text
so Excel does not mangle them; drop-down lists for coded columns), "Petunjuk"
(how to fill each column) and "Daftar" (the codes and their meaning, which the
drop-downs read).
"""
from __future__ import annotations

import io

from flask_babel import gettext as _

from app.clients.child_age import MAX_AGE_EXCLUSIVE, MIN_AGE
from app.imports.cells import MAX_YEAR, MIN_YEAR
from app.imports.columns import CODE, COLUMNS, DATE, KIND, NIK, NUMBER, NUMBER_RANGE, how_to_fill
from app.imports.parse import column_letter

DATA_SHEET, NOTES_SHEET, LISTS_SHEET = "Data Klien", "Petunjuk", "Daftar"
CSV_SEPARATOR = ";"  # what Excel set to Indonesian expects


def _codes(column, kinds: dict[str, str]) -> dict[str, str]:
    if column.kind == KIND:
        return kinds
    return {code: str(label) for code, label in column.choices.items()}


def xlsx(kinds: dict[str, str], max_rows: int) -> bytes:
    """``kinds``: code -> name of the active supervision kinds."""
    from datetime import date

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    data = book.active
    data.title = DATA_SHEET
    notes = book.create_sheet(NOTES_SHEET)
    lists = book.create_sheet(LISTS_SHEET)
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    last = max_rows + 1

    list_column = 0
    for index, column in enumerate(COLUMNS):
        letter = column_letter(index)
        cell = data.cell(row=1, column=index + 1, value=column.header)
        cell.font = Font(bold=column.required)
        if column.required:
            cell.fill = required_fill
        data.column_dimensions[letter].width = max(14, len(column.header) + 4)
        cells = f"{letter}2:{letter}{last}"
        if column.kind == DATE:
            data.column_dimensions[letter].number_format = "DD/MM/YYYY"
            check = DataValidation(type="date", operator="between", formula1=f"DATE({MIN_YEAR},1,1)",
                                   formula2=f"DATE({MAX_YEAR},12,31)", allow_blank=True)
        elif column.kind in (NIK,) or column.field == "registration_number":
            data.column_dimensions[letter].number_format = "@"
            check = DataValidation(type="textLength", operator="equal", formula1="16", allow_blank=True) \
                if column.kind == NIK else None
        elif column.kind == NUMBER:
            low, high = NUMBER_RANGE[column.field]
            check = DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high),
                                   allow_blank=True)
        elif column.kind in (CODE, KIND):
            codes = _codes(column, kinds)
            list_letter = column_letter(list_column * 3)
            lists.cell(row=1, column=list_column * 3 + 1, value=column.header).font = Font(bold=True)
            for row, (code, label) in enumerate(codes.items(), start=2):
                lists.cell(row=row, column=list_column * 3 + 1, value=code)
                lists.cell(row=row, column=list_column * 3 + 2, value=label)
            lists.column_dimensions[column_letter(list_column * 3 + 1)].width = 32
            end = max(2, len(codes) + 1)
            check = DataValidation(type="list", formula1=f"{LISTS_SHEET}!${list_letter}$2:${list_letter}${end}",
                                   allow_blank=True)
            list_column += 1
        else:
            data.column_dimensions[letter].number_format = "@"
            check = None
        if check is not None:
            check.error = how_to_fill(column)
            check.errorTitle = str(_("Value not accepted"))
            check.prompt = how_to_fill(column)
            check.showErrorMessage = check.showInputMessage = True
            check.add(cells)
            data.add_data_validation(check)
    data.freeze_panes = "A2"

    notes.column_dimensions["A"].width = 26
    notes.column_dimensions["B"].width = 12
    notes.column_dimensions["C"].width = 90
    lines = [
        str(_("Client register import: how to fill the sheet \"%(sheet)s\"", sheet=DATA_SHEET)),
        str(_("One client per row from row 2. Do not rename, remove or move the headers of row 1; optional columns "
              "may be left empty.")),
        str(_("Columns with a yellow header are required.")),
        str(_("Type values, not formulas: a cell beginning with =, +, - or @ is refused.")),
        str(_("At most %(n)d rows per file. A registration number already in the register is skipped, never "
              "changed, so the same file can be uploaded again safely.", n=max_rows)),
        str(_("Every row is checked before anything is saved; you see every problem with its row and column.")),
        str(_("Imported clients are registered (status \"Registered\") without a PK; assign the PK and start the "
              "supervision as for a client registered by hand.")),
    ]
    for row, line in enumerate(lines, start=1):
        notes.cell(row=row, column=1, value=line).font = Font(bold=row == 1)
    start = len(lines) + 2
    for col, title in enumerate((_("Column"), _("Required"), _("How to fill")), start=1):
        notes.cell(row=start, column=col, value=str(title)).font = Font(bold=True)
    for row, column in enumerate(COLUMNS, start=start + 1):
        notes.cell(row=row, column=1, value=column.header)
        notes.cell(row=row, column=2, value=str(_("Yes") if column.required else _("No")))
        notes.cell(row=row, column=3, value=how_to_fill(column)).alignment = Alignment(wrap_text=True)
    example = start + len(COLUMNS) + 2
    notes.cell(row=example, column=1, value=str(_("Dates"))).font = Font(bold=True)
    notes.cell(row=example, column=3, value=str(_(
        "Excel dates, or text as DD/MM/YYYY, DD-MM-YYYY, YYYY-MM-DD or \"14 Maret 2010\". The child must have been "
        "%(min)d to under %(max)d on the date of the offence (UU 11/2012).", min=MIN_AGE, max=MAX_AGE_EXCLUSIVE)))
    notes.cell(row=example + 1, column=3, value=date(2010, 3, 14)).number_format = "DD/MM/YYYY"

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes() -> bytes:
    """Headers only, ';'-separated, UTF-8 with a BOM so that Excel shows the letters right."""
    return ("\ufeff" + CSV_SEPARATOR.join(c.header for c in COLUMNS) + "\r\n").encode("utf-8")
