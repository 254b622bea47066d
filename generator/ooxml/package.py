"""Read and write .docx packages: the zip, its parts and relationships, parsed safely.

`read_package(data)` returns a `Package` or raises `DocxUnreadable` in plain English; `Messages`
words the refusals (the default suits a file named on its own; the redliner words them for OLD
and NEW). Parts are parsed with a parser that expands no entities and reaches no network.
`zip_parts(parts)` and `normalise_package(data)` write a deterministic zip: fixed dates, a fixed
entry order and stored (uncompressed) entries, so git can delta-compress committed drafts.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped]

from generator.errors import DocxUnreadable
from generator.ooxml.ns import STRICT_W_NS, W_NS, rel, w

CONTENT_TYPES = "[Content_Types].xml"
DEFAULT_MAIN = "word/document.xml"
FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, zlib.error,
              NotImplementedError, RuntimeError, ValueError)

_EDIT_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_READ_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                               remove_comments=True, remove_pis=True)


@dataclass(frozen=True)
class Messages:
    """How refusals are worded; `{part}` is replaced by a part name, `{label}` by the label."""

    empty: str = "the file is empty, so it is not a Word document"
    not_zip: str = ("not a Word .docx document (it is not a zip package); an old .doc file or a "
                    "password-protected document must be saved from Word as an unprotected "
                    ".docx first")
    unpack: str = "the file is damaged: its {part} part cannot be unpacked"
    no_main: str = "not a Word document: the package has no {part} part"
    not_xml: str = "the file is damaged: its {part} part is not well-formed XML"
    empty_part: str = "the file is damaged: its {part} part is empty"
    not_document: str = ("not a Word document: its main part is not a word-processing document "
                         "(is it a spreadsheet or a presentation?)")
    label: str = ""

    def say(self, template: str, part: str = "") -> DocxUnreadable:
        """Return the refusal a template words, ready to raise."""
        return DocxUnreadable(template.format(part=part, label=self.label))


@dataclass(frozen=True)
class Relationship:
    """An internal relationship of a part: its id, type URI and target part name."""

    id: str
    type: str
    target: str

    @property
    def kind(self) -> str:
        """Return the last segment of the type URI ("styles", "header", "officeDocument")."""
        return self.type.rsplit("/", 1)[-1]


class Package:
    """A .docx opened in memory: its parts (read when asked for) and its main part's name."""

    def __init__(self, archive: zipfile.ZipFile, messages: Messages) -> None:
        self.archive = archive
        self.messages = messages
        self.names = [info.filename for info in archive.infolist() if not info.is_dir()]
        self._lower: dict[str, str] = {}
        for name in self.names:
            self._lower.setdefault(name.lower(), name)
        self.main = DEFAULT_MAIN

    def name(self, part: str) -> str | None:
        """Return the name a part has in the package (names ignore case), None if absent."""
        return self._lower.get(part.lower())

    def read(self, part: str) -> bytes | None:
        """Return the bytes of a part, or None when the package has no such part; raise
        DocxUnreadable when the part cannot be unpacked."""
        actual = self.name(part)
        if actual is None:
            return None
        try:
            return self.archive.read(actual)
        except ZIP_ERRORS:
            raise self.messages.say(self.messages.unpack, part) from None

    def parts(self) -> dict[str, bytes]:
        """Return every part's bytes by name, in the package's order."""
        return {name: self.read(name) or b"" for name in self.names}

    def xml(self, part: str, editable: bool = False) -> etree._Element:
        """Return the root element of an XML part; raise DocxUnreadable if it is missing or
        damaged. For reading, Strict Open XML is read as Transitional and comments and
        processing instructions are dropped; `editable` keeps the part exactly as written."""
        raw = self.read(part)
        if raw is None:
            raise self.messages.say(self.messages.no_main, part)
        if not editable:
            raw = raw.replace(STRICT_W_NS.encode(), W_NS.encode())
        try:
            root = etree.fromstring(raw, _EDIT_PARSER if editable else _READ_PARSER)
        except (etree.XMLSyntaxError, ValueError):
            raise self.messages.say(self.messages.not_xml, part) from None
        if root is None:
            raise self.messages.say(self.messages.empty_part, part)
        return root

    def optional_xml(self, part: str | None) -> etree._Element | None:
        """Return the parsed part (for reading), or None when there is no such part."""
        return None if part is None or self.name(part) is None else self.xml(part)

    def main_document(self, editable: bool = False) -> etree._Element:
        """Return the parsed main part; raise DocxUnreadable unless it is a w:document."""
        document = self.xml(self.main, editable)
        if document.tag != w("document"):
            raise self.messages.say(self.messages.not_document, self.main)
        return document

    def relationships(self, source: str) -> list[Relationship]:
        """Return the internal relationships of a part ("" for the package itself), in order."""
        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if self.name(rels_name) is None:
            return []
        found = []
        for element in self.xml(rels_name).iter(rel("Relationship")):
            target = element.get("Target", "")
            if element.get("TargetMode") == "External" or not target:
                continue
            path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            found.append(Relationship(element.get("Id", ""), element.get("Type", ""),
                                      posixpath.normpath(path)))
        return found

    def related(self, source: str, kind: str) -> str | None:
        """Return the first part a part relates to with this kind of relationship, or None."""
        return next((r.target for r in self.relationships(source) if r.kind == kind), None)


def read_package(data: bytes, messages: Messages | None = None) -> Package:
    """Return the package in `data`, its main part found through the package relationships.

    Raises DocxUnreadable, worded by `messages`, when the data is empty or not a zip package, or
    the package has no main part.
    """
    messages = messages or Messages()
    if not data:
        raise messages.say(messages.empty)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS:
        raise messages.say(messages.not_zip) from None
    package = Package(archive, messages)
    main = package.related("", "officeDocument") or DEFAULT_MAIN
    actual = package.name(main)
    if actual is None:
        raise messages.say(messages.no_main, main)
    package.main = actual
    return package


# --- writing ----------------------------------------------------------------------------------


def serialise_part(root: etree._Element) -> bytes:
    """Return an XML part as Word writes it: UTF-8 with a standalone declaration."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def zip_parts(parts: dict[str, bytes]) -> bytes:
    """Return the parts as a deterministic .docx (see `normalise_package`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return normalise_package(buffer.getvalue())


def normalise_package(data: bytes) -> bytes:
    """Return the package re-zipped with fixed dates, a fixed entry order and no compression."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    ordered = [n for n in names if n == CONTENT_TYPES] + sorted(
        n for n in names if n != CONTENT_TYPES)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, FIXED_ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()
