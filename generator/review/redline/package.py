"""Read and write .docx packages: parts, relationships, stories and the deterministic zip."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from posixpath import dirname, normpath
from posixpath import join as join_path

from lxml import etree

from generator.errors import DocxUnreadable
from generator.ooxml.package import normalise_package
from generator.review.redline.ooxml import (
    BODY,
    BOOKMARK_START,
    OFFICE_DOCUMENT,
    PKG_REL_NS,
    R_NS,
    REVISIONS,
    SECTPR,
    W_NAME,
    W_TYPE,
    _w,
)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)




# ---------------------------------------------------------------------------------------------
# Reading packages


@dataclass
class _Package:
    """A .docx read into memory: its parts and the parsed main document."""

    label: str
    parts: dict[str, bytes]
    main: str
    document: etree._Element


def _read_package(data: bytes, label: str) -> _Package:
    """Return the package in `data`; raise DocxUnreadable in plain words if it is not a .docx."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {info.filename: archive.read(info)
                     for info in archive.infolist() if not info.is_dir()}
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError,
            NotImplementedError):
        raise DocxUnreadable(f"{label} is not a Word document (.docx): it cannot be opened as "
                             f"one") from None
    main = _main_part(parts)
    if main not in parts:
        raise DocxUnreadable(f"{label} is not a Word document (.docx): it has no document part")
    document = _parse(parts, main, label)
    if document.tag != _w("document") or document.find(BODY) is None:
        raise DocxUnreadable(f"{label} is not a Word document (.docx): it has no document body")
    _refuse_revisions(document, label)
    return _Package(label, parts, main, document)


def _parse(parts: dict[str, bytes], name: str, label: str) -> etree._Element:
    """Return the parsed XML of one part; raise DocxUnreadable if it is damaged."""
    try:
        return etree.fromstring(parts[name], _PARSER)
    except etree.XMLSyntaxError:
        raise DocxUnreadable(f"{label} is a damaged Word document: its part {name} is not "
                             f"well-formed XML") from None


def _refuse_revisions(root: etree._Element, label: str) -> None:
    """Raise DocxUnreadable if a story already holds tracked changes."""
    if next(root.iter(*REVISIONS), None) is not None:
        raise DocxUnreadable(f"{label} already contains tracked changes; accept or reject them "
                             f"in Word first, then compare again")


def _main_part(parts: dict[str, bytes]) -> str:
    """Return the name of the main document part, as the package relationships give it."""
    for target, kind in _relationships(parts, "").values():
        if kind == OFFICE_DOCUMENT:
            return target
    return "word/document.xml"


def _relationships(parts: dict[str, bytes], source: str) -> dict[str, tuple[str, str]]:
    """Return {relationship id: (target part name, type)} for the internal relationships of a
    part (the package itself when `source` is empty)."""
    folder, name = dirname(source), source.rsplit("/", 1)[-1]
    rels = join_path(folder, "_rels", f"{name}.rels") if source else "_rels/.rels"
    if rels not in parts:
        return {}
    try:
        root = etree.fromstring(parts[rels], _PARSER)
    except etree.XMLSyntaxError:
        return {}
    found = {}
    for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        target = target[1:] if target.startswith("/") else normpath(join_path(folder, target))
        found[rel.get("Id", "")] = (target, rel.get("Type", ""))
    return found


def _header_footer_parts(package: _Package) -> dict[tuple[str, str], str]:
    """Return {(reference kind, type): part name} for the final section's headers/footers."""
    sect = package.document.find(BODY).find(SECTPR)
    if sect is None:
        return {}
    rels = _relationships(package.parts, package.main)
    found = {}
    for ref in sect:
        if ref.tag in (_w("headerReference"), _w("footerReference")):
            target = rels.get(ref.get(f"{{{R_NS}}}id", ""), ("", ""))[0]
            if target in package.parts:
                found[(etree.QName(ref).localname, ref.get(W_TYPE, "default"))] = target
    return found


def _highest_id(parts: dict[str, bytes]) -> int:
    """Return the highest w:id used in any XML part of the package (0 when there is none)."""
    highest = 0
    for name, data in parts.items():
        if name.endswith(".xml"):
            for match in re.finditer(rb'\bw:id="(-?\d+)"', data):
                highest = max(highest, int(match.group(1)))
    return highest


def _bookmark_names(roots: list[etree._Element]) -> set[str]:
    """Return every bookmark name used in the given stories."""
    return {b.get(W_NAME, "") for root in roots for b in root.iter(BOOKMARK_START)}


# ---------------------------------------------------------------------------------------------
# Writing packages


def _serialise(root: etree._Element) -> bytes:
    """Return an XML part as Word writes it: UTF-8, standalone declaration."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _zip(parts: dict[str, bytes]) -> bytes:
    """Return the parts as a deterministic .docx (fixed order and dates, no compression)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return normalise_package(buffer.getvalue())
