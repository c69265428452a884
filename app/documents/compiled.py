"""Word templates compiled once per file content, filled afresh for every letter.

docxtpl, at every render, serialises each part of the template (body, headers, footers,
footnotes, core properties), cleans the XML with a few dozen regular expressions and compiles
the result as a Jinja template: about half of a letter's render time, the same work for the
same file every time. Here that work is kept per SHA-256 of the file's bytes (a bounded LRU):

* what is kept is only what follows from the file: the file's bytes, its sandboxed Jinja
  environment (app.documents.sandbox) and the compiled template of each part. A compiled Jinja
  template holds no data of a render (every render makes its own context), and the sandbox
  forbids a template to change what it is given;
* what holds a letter's data is made new for every letter: the python-docx Document, opened from
  the kept bytes, and the DocxTemplate around it (its images, ids, rendered parts). The parts a
  render never touches (styles, settings, numbering, fonts, theme: most of a template's bytes) are
  opened as they are, not parsed, and saved as they came (``open_document``);
* the key is the content, read at every issue: an uploaded new version (another file, another
  hash) or a file changed in place is compiled at its first use; nothing needs to be invalidated.

Saving copies the template's unchanged members as they are stored, compressed (app.documents.docx_save).

The parts are cleaned and post-processed exactly as docxtpl does (its own ``patch_xml``,
``resolve_listing``, ``fix_tables``); tests/unit/test_compiled_templates.py compares the
result with docxtpl's own render byte for byte.
"""
from __future__ import annotations

import hashlib
import io
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.package import Unmarshaller
from docx.opc.part import Part, PartFactory
from docx.opc.pkgreader import PackageReader
from docx.package import Package
from docxtpl import DocxTemplate
from jinja2 import Template
from jinja2.sandbox import ImmutableSandboxedEnvironment

from app.documents import docx_save, sandbox

MAX_ENTRIES = 32  # nine document types, a few versions of each in use at once
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")  # as docxtpl renders them


@dataclass
class Entry:
    """What one template file compiles to; shared by every letter made from that file."""
    sha256: str
    data: bytes
    env: ImmutableSandboxedEnvironment = field(default_factory=sandbox.environment)
    parts: dict[str, Template] = field(default_factory=dict)
    compiled: int = 0  # how many parts were compiled (a test counts it)
    lock: threading.Lock = field(default_factory=threading.Lock)

    _members: dict | None = None

    def document(self) -> DocxDocument:
        """A Document of one's own, opened from the file's bytes."""
        return open_document(self.data)

    def members(self) -> dict[str, docx_save.Member]:
        """The file's members with their compressed bytes (app.documents.docx_save), read once."""
        if self._members is None:
            self._members = docx_save.members(self.data)
        return self._members

    def template(self, key: str, source) -> Template:
        """The compiled template of one part; ``source()`` gives its cleaned XML on the first use."""
        found = self.parts.get(key)
        if found is None:
            with self.lock:
                found = self.parts.get(key)
                if found is None:
                    found = self.env.from_string(source())
                    self.parts[key] = found
                    self.compiled += 1
        return found


# Parts no render reads or changes: kept as the template's own bytes (python-docx parses them on open and
# writes them out again on save, for nothing). The body, headers, footers, notes, core properties and
# the relationships are python-docx's as ever.
AS_THEY_ARE = frozenset({CT.WML_STYLES, CT.WML_SETTINGS, CT.WML_WEB_SETTINGS, CT.WML_NUMBERING,
                         CT.WML_FONT_TABLE, CT.OFC_THEME})


class _Parts(PartFactory):
    """python-docx's part factory, but the parts of AS_THEY_ARE stay unparsed."""

    @staticmethod
    def part_class_selector(content_type: str, reltype: str):
        return Part if content_type in AS_THEY_ARE else None


def open_document(data: bytes) -> DocxDocument:
    """What ``docx.Document(stream)`` gives, through _Parts (docx.opc.package.OpcPackage.open)."""
    package = Package()
    Unmarshaller.unmarshal(PackageReader.from_file(io.BytesIO(data)), package, _Parts)
    part = package.main_document_part
    if part.content_type != CT.WML_DOCUMENT_MAIN:
        raise ValueError(f"not a Word document: {part.content_type}")
    return part.document


_entries: OrderedDict[str, Entry] = OrderedDict()
_lock = threading.Lock()


def entry(data: bytes) -> Entry:
    """The compiled form of a template file's bytes (made on the first use of these bytes)."""
    digest = hashlib.sha256(data).hexdigest()
    with _lock:
        found = _entries.get(digest)
        if found is not None:
            _entries.move_to_end(digest)
            return found
        found = _entries[digest] = Entry(digest, data)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
        return found


def clear() -> None:
    with _lock:
        _entries.clear()


def load(path: Path) -> CompiledDocxTemplate:
    """A fresh DocxTemplate for one letter, over the compiled form of the file as it is now."""
    return CompiledDocxTemplate(entry(Path(path).read_bytes()))


class CompiledDocxTemplate(DocxTemplate):
    """A DocxTemplate whose parts come compiled from an Entry; one instance per letter.

    ``render`` fills with the entry's sandboxed environment whatever ``jinja_env`` is given
    (the sandbox is the only environment a letter is filled in)."""

    def __init__(self, compiled: Entry) -> None:
        super().__init__(io.BytesIO(compiled.data))
        self.compiled = compiled

    def render(self, context, jinja_env=None, autoescape: bool = False) -> None:
        if jinja_env is not None and jinja_env is not self.compiled.env:
            raise ValueError("a compiled template is filled in its own sandbox only")
        super().render(context, jinja_env=self.compiled.env)

    def save(self, filename, *args, **kwargs) -> None:
        """docxtpl's save, the template's unchanged members copied as they are stored."""
        self.init_docx(reload=False)
        self.pre_processing()
        docx_save.save(self.docx, filename, self.compiled.members())
        self.post_processing(filename)
        self.is_saved = True

    def init_docx(self, reload: bool = True):
        if not self.docx or (self.is_rendered and reload):
            self.docx = self.compiled.document()
            self.is_rendered = False

    def _fill(self, key: str, source, part, context) -> str:
        """docxtpl's render_xml_part, with the compile looked up instead of done."""
        def cleaned():
            return re.sub(r"<w:p([ >])", r"\n<w:p\1", self.patch_xml(source()))

        template = self.compiled.template(key, cleaned)
        self.current_rendering_part = part
        dst_xml = template.render(context)
        dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
        dst_xml = dst_xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        return self.resolve_listing(dst_xml)

    def build_xml(self, context, jinja_env=None):
        return self._fill("body", self.get_xml, self.docx._part, context)

    def build_headers_footers_xml(self, context, uri, jinja_env=None):
        for rel_key, part in self.get_headers_footers(uri):
            xml = self.get_part_xml(part)
            encoding = self.get_headers_footers_encoding(xml)
            yield rel_key, self._fill(f"{uri}#{rel_key}", lambda xml=xml: xml, part, context).encode(encoding)

    def render_properties(self, context, jinja_env=None) -> None:
        properties = self.docx.core_properties
        for name in PROPERTIES:
            initial = getattr(properties, name)
            template = self.compiled.template(f"property#{name}", lambda initial=initial: initial)
            setattr(properties, name, template.render(context))

    def render_footnotes(self, context, jinja_env=None) -> None:
        seen = set()
        for section in self.docx.sections:
            for part in section.part.package.parts:
                if part.content_type != FOOTNOTES:
                    continue
                key = f"footnotes#{part.partname}"
                blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
                if key in seen:  # docxtpl fills the footnotes again for every section; once is the same
                    continue
                seen.add(key)
                part._blob = self._fill(key, lambda blob=blob: blob, part, context).encode("utf-8")

