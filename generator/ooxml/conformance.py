"""The package rules a .docx must keep for Word to open it unrepaired and as written.

`package_problems(data)` checks what LibreOffice forgives and Word may not: properties in the
schema's order, every numbering id used defined (with its abstract definition), every internal
relationship pointing at a part that exists and has a content type, bookmark ids unique, and
every REF field naming a bookmark the document has. It returns the problems as lines of text
(none for a sound package), for the tests that hold every committed draft and template to them.
"""

from __future__ import annotations

import posixpath
import re

from lxml import etree  # type: ignore[import-untyped]

from generator.ooxml.ns import clark, w
from generator.ooxml.package import CONTENT_TYPES, Package, read_package
from generator.ooxml.schemaorder import order_problems

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_PARTS = ("word/document.xml", "word/styles.xml", "word/numbering.xml")
REF_FIELD = re.compile(r"^\s*(?:REF|PAGEREF)\s+(\S+)")


def package_problems(data: bytes) -> list[str]:
    """Return every problem found in the .docx `data` (an empty list when there is none)."""
    package = read_package(data)
    problems = []
    for part in _xml_parts(package):
        problems += [f"{part}: {p}" for p in order_problems(package.xml(part))]
    problems += _numbering_problems(package)
    problems += _relationship_problems(package)
    problems += _bookmark_problems(package)
    return problems


def _xml_parts(package: Package) -> list[str]:
    """Return the WordprocessingML parts to check: the main ones, headers and footers."""
    extra = [r.target for r in package.relationships(package.main)
             if r.kind in ("header", "footer")]
    return [p for p in (*XML_PARTS, *extra) if package.name(p) is not None]


def _numbering_problems(package: Package) -> list[str]:
    """Return a line for each numbering id used but not defined, or defined on an abstract
    definition that does not exist."""
    numbering = package.optional_xml("word/numbering.xml")
    abstracts = set() if numbering is None else {
        a.get(w("abstractNumId")) for a in numbering.iter(w("abstractNum"))}
    defined: dict[str | None, str | None] = {} if numbering is None else {
        n.get(w("numId")): _abstract_of(n) for n in numbering.iter(w("num"))}
    problems = []
    for part in ("word/document.xml", "word/styles.xml"):
        root = package.optional_xml(part)
        used = set() if root is None else {e.get(w("val")) for e in root.iter(w("numId"))}
        for num_id in sorted(u for u in used if u not in (None, "0")):
            if num_id not in defined:
                problems.append(f"{part}: numbering id {num_id} is used but not defined")
            elif defined[num_id] not in abstracts:
                problems.append(f"word/numbering.xml: numbering id {num_id} points at abstract "
                                f"definition {defined[num_id]}, which does not exist")
    return problems


def _abstract_of(num: etree._Element) -> str | None:
    element = num.find(w("abstractNumId"))
    return None if element is None else element.get(w("val"))


def _relationship_problems(package: Package) -> list[str]:
    """Return a line for each internal relationship whose target part is missing, and each
    part without a content type."""
    problems = []
    sources = [""] + [n for n in package.names if not n.endswith(".rels")]
    for source in sources:
        for relation in package.relationships(source):
            if package.name(relation.target) is None:
                problems.append(f"{source or 'the package'}: relationship {relation.id} points "
                                f"at {relation.target}, which is not in the package")
    typed = _content_typed(package)
    for name in package.names:
        if name != CONTENT_TYPES and not _has_type(name, typed):
            problems.append(f"{name}: the part has no content type")
    return problems


def _content_typed(package: Package) -> tuple[set[str], set[str]]:
    """Return the (overridden part names, default extensions) of [Content_Types].xml."""
    root = package.xml(CONTENT_TYPES)
    overrides = {e.get("PartName", "").lstrip("/").lower()
                 for e in root.iter(clark(CT_NS, "Override"))}
    defaults = {e.get("Extension", "").lower() for e in root.iter(clark(CT_NS, "Default"))}
    return overrides, defaults


def _has_type(name: str, typed: tuple[set[str], set[str]]) -> bool:
    overrides, defaults = typed
    base = posixpath.basename(name)
    extension = base.rsplit(".", 1)[-1].lower() if "." in base else ""
    return name.lower() in overrides or extension in defaults


def _bookmark_problems(package: Package) -> list[str]:
    """Return a line for each bookmark id used twice and each REF field naming no bookmark."""
    document = package.main_document()
    problems = []
    seen: set[str | None] = set()
    names = set()
    for start in document.iter(w("bookmarkStart")):
        ident = start.get(w("id"))
        if ident in seen:
            problems.append(f"{package.main}: bookmark id {ident} is used twice")
        seen.add(ident)
        names.add(start.get(w("name")))
    for instruction in document.iter(w("instrText")):
        match = REF_FIELD.match(instruction.text or "")
        if match and match.group(1) not in names:
            problems.append(f"{package.main}: the field `{(instruction.text or '').strip()}` "
                            "names a bookmark the document does not have")
    return problems
