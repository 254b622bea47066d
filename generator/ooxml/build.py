"""Small builders for WordprocessingML elements: paragraphs, runs, fields and bookmarks.

Each builder returns a new lxml element declaring the `w` prefix, ready to be put into a
document part (where the declaration merges with the part's own).
"""

from __future__ import annotations

import hashlib
import re

from lxml import etree  # type: ignore[import-untyped]

from generator.ooxml.ns import W_NS, XML_SPACE, w

BOOKMARK_PREFIX = "_Ref_"
MAX_BOOKMARK = 40  # Word's limit on a bookmark name


def bookmark_name(anchor: str) -> str:
    """Return the hidden bookmark name for a clause anchor (at most 40 characters)."""
    name = BOOKMARK_PREFIX + re.sub(r"[^A-Za-z0-9]", "_", anchor)
    if len(name) > MAX_BOOKMARK:
        name = name[:31] + "_" + hashlib.sha1(anchor.encode()).hexdigest()[:8]
    return name


def new_element(tag: str, attrib: dict[str, str] | None = None) -> etree._Element:
    """Return a new element (tag as a Clark name) declaring the WordprocessingML prefix `w`."""
    return etree.Element(tag, attrib or {}, nsmap={"w": W_NS})


def paragraph(style_id: str) -> etree._Element:
    """Return an empty paragraph in the given style."""
    p = new_element(w("p"))
    ppr = etree.SubElement(p, w("pPr"))
    etree.SubElement(ppr, w("pStyle")).set(w("val"), style_id)
    return p


def run(text: str, bold: bool = False, italic: bool = False) -> etree._Element:
    """Return a run of text (spaces kept), bold or italic when asked."""
    r = new_element(w("r"))
    if bold or italic:
        rpr = etree.SubElement(r, w("rPr"))
        if bold:
            etree.SubElement(rpr, w("b"))
        if italic:
            etree.SubElement(rpr, w("i"))
    t = etree.SubElement(r, w("t"))
    t.set(XML_SPACE, "preserve")
    t.text = text
    return r


def field_runs(instruction: str, cached: str) -> list[etree._Element]:
    """Return the runs of a complex field whose cached result is `cached`."""
    return [field_char("begin"), instr_run(instruction), field_char("separate"), run(cached),
            field_char("end")]


def field_char(kind: str) -> etree._Element:
    """Return a run holding a field character (begin, separate or end)."""
    r = new_element(w("r"))
    etree.SubElement(r, w("fldChar")).set(w("fldCharType"), kind)
    return r


def instr_run(instruction: str) -> etree._Element:
    """Return a run holding a field instruction (with a space either side, as Word writes)."""
    r = new_element(w("r"))
    instr = etree.SubElement(r, w("instrText"))
    instr.set(XML_SPACE, "preserve")
    instr.text = f" {instruction} "
    return r


def bookmark(p: etree._Element, name: str, ident: int) -> None:
    """Wrap the paragraph's content (after its properties) in a bookmark, in place."""
    start = new_element(w("bookmarkStart"), {w("id"): str(ident), w("name"): name})
    end = new_element(w("bookmarkEnd"), {w("id"): str(ident)})
    ppr = p.find(w("pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def page_break() -> etree._Element:
    """Return a paragraph holding a page break."""
    p = new_element(w("p"))
    br = etree.SubElement(etree.SubElement(p, w("r")), w("br"))
    br.set(w("type"), "page")
    return p
