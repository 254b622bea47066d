"""A document's styles (word/styles.xml) as the readers need them: displayed names, list
numbering and hidden text, inherited through w:basedOn."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped]

from generator.ooxml.ns import w
from generator.ooxml.values import toggle, val, whole

BUILT_IN_NAMES = {"caption": "Caption", "header": "Header", "footer": "Footer", "title": "Title",
                  "normal": "Normal", "toc heading": "TOC Heading"}


@dataclass
class Style:
    """What the readers need of one style: its name, parent, numbering and hidden setting."""

    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    hidden: bool | None


def style_name(raw: str) -> str:
    """Return a style name as Word's interface shows it ("heading 1" is shown "Heading 1")."""
    lower = raw.lower()
    if lower in BUILT_IN_NAMES:
        return BUILT_IN_NAMES[lower]
    match = re.fullmatch(r"(heading|toc) ([1-9])", lower)
    if match:
        return ("Heading " if match.group(1) == "heading" else "TOC ") + match.group(2)
    return raw


def read_style(element: etree._Element) -> Style:
    """Return the parts of a w:style element the readers use."""
    style_id = element.get(w("styleId"), "")
    numpr = element.find(f"{w('pPr')}/{w('numPr')}")
    num_id = ilvl = None
    if numpr is not None:
        num_id = val(numpr.find(w("numId")))
        ilvl = whole(val(numpr.find(w("ilvl"))))
    return Style(name=style_name(val(element.find(w("name"))) or style_id),
                 based_on=val(element.find(w("basedOn"))), num_id=num_id, ilvl=ilvl,
                 hidden=toggle(element.find(f"{w('rPr')}/{w('vanish')}")))


class Styles:
    """The document's styles, with inheritance through w:basedOn."""

    def __init__(self, root: etree._Element | None) -> None:
        self.styles: dict[str, Style] = {}
        self.default_paragraph: str | None = None
        for element in [] if root is None else root.iter(w("style")):
            style_id = element.get(w("styleId"))
            if style_id is None:
                continue
            self.styles[style_id] = read_style(element)
            is_default = element.get(w("default")) in ("1", "true", "on")
            if element.get(w("type")) == "paragraph" and is_default:
                self.default_paragraph = style_id

    def chain(self, style_id: str | None) -> list[Style]:
        """Return the style and its ancestors, nearest first (a loop in w:basedOn is cut)."""
        found: list[Style] = []
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            found.append(style)
            style_id = style.based_on
        return found

    def paragraph_style(self, style_id: str | None) -> str | None:
        """Return the style a paragraph uses: its own, else the default paragraph style."""
        return style_id if style_id in self.styles else self.default_paragraph

    def name(self, style_id: str | None) -> str:
        """Return the displayed name of a style, the id itself when unknown, "" for none."""
        if style_id is None:
            return ""
        style = self.styles.get(style_id)
        return style.name if style else style_id

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """Return the (numId, ilvl) a style gives, each inherited separately (None when unset)."""
        num_id = ilvl = None
        for style in self.chain(style_id):
            num_id = style.num_id if num_id is None else num_id
            ilvl = style.ilvl if ilvl is None else ilvl
        return num_id, ilvl

    def hidden(self, style_id: str | None) -> bool:
        """Return whether a style (or an ancestor) makes its text hidden."""
        for style in self.chain(style_id):
            if style.hidden is not None:
                return style.hidden
        return False
