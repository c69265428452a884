"""Saving a filled letter without compressing again what the template already holds compressed.

python-docx writes every part of a package and deflates it at every save. Of a letter, most bytes are
parts no render changes (styles of about 350 KB, the styles with effects, the theme, the thumbnail:
app.documents.compiled keeps them unparsed). Here a part whose bytes are exactly those of the template's
member is copied into the new file as the template stores it, already compressed, with its CRC and
sizes; every other part (the filled body, headers, footers, relationships, content types, new images)
is written by python-docx's own zip writer. The result is the same package python-docx writes: the same
members with the same contents (tests/unit/test_compiled_templates.py reads every member back, CRC checked).

This reaches into ``zipfile``'s writer (its file object, member list and end of the last member): the
steps are those of ``ZipFile._open_to_write`` and ``_ZipWriteFile.close`` for a seekable output, and a
non-seekable one is written the ordinary way.
"""
from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass

from docx.opc.pkgwriter import PackageWriter

_LOCAL_HEADER = 30  # bytes before the name and the extra field of a local file header
_ENCRYPTED, _DATA_DESCRIPTOR = 0x01, 0x08


@dataclass(frozen=True)
class Member:
    info: zipfile.ZipInfo
    content: bytes  # uncompressed, as read (CRC checked)
    stored: bytes  # as the archive holds it (compressed)


def members(data: bytes) -> dict[str, Member]:
    """Every plainly stored or deflated member of a .docx, with its compressed bytes."""
    found = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.flag_bits & _ENCRYPTED or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                continue
            content = archive.read(info)
            header = data[info.header_offset:info.header_offset + _LOCAL_HEADER]
            if header[:4] != b"PK\x03\x04":
                continue
            name_length, extra_length = struct.unpack("<HH", header[26:30])
            begin = info.header_offset + _LOCAL_HEADER + name_length + extra_length
            found[info.filename] = Member(info, content, data[begin:begin + info.compress_size])
    return found


def _copy(archive: zipfile.ZipFile, member: Member) -> None:
    source = member.info
    info = zipfile.ZipInfo(source.filename, source.date_time)
    info.compress_type, info.external_attr = source.compress_type, source.external_attr or 0o600 << 16
    info.CRC, info.compress_size, info.file_size = source.CRC, source.compress_size, source.file_size
    info.flag_bits = 0  # sizes and CRC in the header, no data descriptor
    with archive._lock:
        archive.fp.seek(archive.start_dir)
        info.header_offset = archive.fp.tell()
        archive._writecheck(info)
        archive._didModify = True
        archive.fp.write(info.FileHeader(False))
        archive.fp.write(member.stored)
        archive.start_dir = archive.fp.tell()
        archive.filelist.append(info)
        archive.NameToInfo[info.filename] = info


class _Writer:
    """The interface of python-docx's zip package writer (docx.opc.phys_pkg._ZipPkgWriter)."""

    def __init__(self, pkg_file, kept: dict[str, Member]):
        self._zipf = zipfile.ZipFile(pkg_file, "w", compression=zipfile.ZIP_DEFLATED)
        self._kept = kept if self._zipf._seekable else {}

    def close(self):
        self._zipf.close()

    def write(self, pack_uri, blob):
        member = self._kept.get(pack_uri.membername)
        if member is not None and len(blob) == member.info.file_size and blob == member.content:
            _copy(self._zipf, member)
        else:
            self._zipf.writestr(pack_uri.membername, blob)


def save(document, stream, kept: dict[str, Member]) -> None:
    """``document.save(stream)`` (docx.opc.package.OpcPackage.save), copying the members of ``kept``
    whose bytes a part still has."""
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    writer = _Writer(stream, kept)
    PackageWriter._write_content_types_stream(writer, package.parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, package.parts)
    writer.close()
