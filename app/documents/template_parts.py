"""Every text of a .docx that docxtpl hands to Jinja, exactly as it hands it over
(after its own preprocessing), and where in the document a line of it stands.

docxtpl renders the body, each header and footer, the footnotes and some of the
document's properties (title, subject, author...); a field hidden in any of them
runs like one in the body, so the check reads them all.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from docx.oxml import parse_xml
from flask_babel import gettext as _

# The same split docxtpl makes before rendering (render_xml_part): one paragraph a line.
PARAGRAPH = re.compile(r"<w:p([ >])")
FIELD = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")  # those docxtpl renders
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


@dataclass(frozen=True)
class Part:
    kind: str  # body, header, footer, footnotes, property
    name: str  # the property's name, else ""
    source: str  # the text Jinja parses

    def where(self, lineno: int) -> str:
        """Where line ``lineno`` stands, in the words of someone looking at the document in Word."""
        if self.kind == "property":
            return _("the document property “%(name)s”", name=self.name)
        paragraph = max(lineno - 1, 1)  # line 1 is what comes before the first paragraph
        return {"body": _("paragraph %(number)s", number=paragraph),
                "header": _("the header, paragraph %(number)s", number=paragraph),
                "footer": _("the footer, paragraph %(number)s", number=paragraph),
                "footnotes": _("the footnotes, paragraph %(number)s", number=paragraph)}[self.kind]

    def line_text(self, lineno: int) -> str:
        """The line's words without the XML."""
        lines = self.source.splitlines() or [""]
        raw = lines[min(max(lineno, 1), len(lines)) - 1]
        return " ".join(html.unescape(re.sub(r"<[^>]+>", "", raw)).split())


def _split(xml: str) -> str:
    return PARAGRAPH.sub(r"\n<w:p\1", xml)


def parts(template) -> list[Part]:
    """The texts of a DocxTemplate that rendering would fill."""
    template.init_docx()
    out = [Part("body", "", _split(template.patch_xml(template.get_xml())))]
    for kind, uri in (("header", template.HEADER_URI), ("footer", template.FOOTER_URI)):
        for _key, part in template.get_headers_footers(uri):
            xml = template.xml_to_string(parse_xml(part.blob))
            out.append(Part(kind, "", _split(template.patch_xml(xml))))
    for part in template.docx.part.package.parts:
        if part.content_type == FOOTNOTES:
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            out.append(Part("footnotes", "", _split(template.patch_xml(blob))))
    for name in PROPERTIES:
        value = getattr(template.docx.core_properties, name) or ""
        if "{" in value:
            out.append(Part("property", name, value))
    return out


def excerpt(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
