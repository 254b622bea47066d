"""The two drafts as packages: read through `generator.ooxml.package`, refused in the redliner's
words (naming OLD or NEW), with the stories, ids and bookmark names the redliner needs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped]

from generator.errors import DocxUnreadable
from generator.ooxml.ns import r, w
from generator.ooxml.package import Messages, Package, read_package
from generator.review.redline.ooxml import BODY, BOOKMARK_START, REVISIONS, SECTPR, W_NAME, W_TYPE

NOT_OPENED = "{label} is not a Word document (.docx): it cannot be opened as one"
NO_BODY = "{label} is not a Word document (.docx): it has no document body"
NOT_XML = "{label} is a damaged Word document: its part {part} is not well-formed XML"


def refusals(label: str) -> Messages:
    """Return how the refusals of one draft are worded, naming it by its label."""
    return Messages(empty=NOT_OPENED, not_zip=NOT_OPENED, unpack=NOT_OPENED,
                    no_main="{label} is not a Word document (.docx): it has no document part",
                    not_xml=NOT_XML, empty_part=NOT_XML, not_document=NO_BODY, label=label)


@dataclass
class _Package:
    """A draft read into memory: its label, its package and the parsed main document."""

    label: str
    package: Package
    document: etree._Element

    @property
    def main(self) -> str:
        """Return the name of the main document part."""
        return self.package.main

    def story(self, name: str) -> etree._Element:
        """Return a header or footer part parsed for editing, refusing tracked changes."""
        root = self.package.xml(name, editable=True)
        _refuse_revisions(root, self.label)
        return root


def _read_package(data: bytes, label: str) -> _Package:
    """Return the draft in `data`; raise DocxUnreadable in plain words if it is not a .docx,
    has no body or already holds tracked changes."""
    messages = refusals(label)
    package = read_package(data, messages)
    document = package.main_document(editable=True)
    if document.find(BODY) is None:
        raise messages.say(NO_BODY)
    _refuse_revisions(document, label)
    return _Package(label, package, document)


def _refuse_revisions(root: etree._Element, label: str) -> None:
    """Raise DocxUnreadable if a story already holds tracked changes."""
    if next(root.iter(*REVISIONS), None) is not None:
        raise DocxUnreadable(f"{label} already contains tracked changes; accept or reject them "
                             f"in Word first, then compare again")


def _header_footer_parts(draft: _Package) -> dict[tuple[str, str], str]:
    """Return {(reference kind, type): part name} for the final section's headers/footers."""
    sect = draft.document.find(BODY).find(SECTPR)
    if sect is None:
        return {}
    targets = {rel.id: rel.target for rel in draft.package.relationships(draft.main)}
    found = {}
    for ref in sect:
        if ref.tag in (w("headerReference"), w("footerReference")):
            name = draft.package.name(targets.get(ref.get(r("id"), ""), ""))
            if name is not None:
                found[(etree.QName(ref).localname, ref.get(W_TYPE, "default"))] = name
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
