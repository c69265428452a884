"""The paper a letter is printed on: A4 unless the office prints on folio (F4), never US Letter
(shared/documents.md). Applied at issue to every section of the filled document, so an uploaded
template made on another paper size still comes out on the office's paper; margins stay as the
template sets them."""
from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.shared import Mm

SIZES_MM = {"A4": (210, 297), "F4": (215, 330)}
DEFAULT = "A4"


def apply(document, paper: str | None) -> None:
    """Set the paper of every section of a python-docx Document (landscape sections stay landscape)."""
    width, height = SIZES_MM.get(paper or DEFAULT, SIZES_MM[DEFAULT])
    for section in document.sections:
        if section.orientation == WD_ORIENT.LANDSCAPE:
            section.page_width, section.page_height = Mm(height), Mm(width)
        else:
            section.page_width, section.page_height = Mm(width), Mm(height)
