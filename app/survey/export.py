"""A year's IKM as an .xlsx workbook: one row per office and quarter, the nine element scores as real
numbers (NRR, 1-4, and on the 25-100 scale), the index and its grade."""
from __future__ import annotations

import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.survey.elements import ELEMENTS, GRADE_LABELS
from app.survey.queries import Summary

HEADER_ROW = 3


def workbook(summaries: list[Summary], year: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "IKM"
    ws.cell(row=1, column=1, value=_("Community satisfaction index (IKM) %(year)d", year=year)).font = Font(
        bold=True, size=14)
    headers = [_("Office"), _("Quarter"), _("Respondents")]
    headers += [_("NRR %(element)s", element=e.name) for e in ELEMENTS]
    headers += [_("Index %(element)s", element=e.name) for e in ELEMENTS]
    headers += [_("IKM"), _("Grade"), _("Performance")]
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=str(text))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for line, summary in enumerate(summaries, start=HEADER_ROW + 1):
        result = summary.result
        values = [summary.office.name, summary.quarter, result.respondents]
        values += [float(s) for s in result.scores]
        values += [float(v) for v in result.element_indexes]
        values += [float(result.index), result.grade, str(GRADE_LABELS[result.grade])]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=line, column=col, value=value)
            if isinstance(value, float):
                cell.number_format = "0.00"
    ws.column_dimensions["A"].width = 32
    for col in range(2, len(headers) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 12
    ws.freeze_panes = f"B{HEADER_ROW + 1}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
