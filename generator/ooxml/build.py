"""Small builders for WordprocessingML elements: paragraphs, runs, fields and bookmarks."""

from __future__ import annotations

import hashlib
import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def bookmark_name(anchor: str) -> str:
    """Return the hidden bookmark name for a clause anchor (at most 40 characters)."""
    name = "_Ref_" + re.sub(r"[^A-Za-z0-9]", "_", anchor)
    if len(name) > 40:
        name = name[:31] + "_" + hashlib.sha1(anchor.encode()).hexdigest()[:8]
    return name


def paragraph(style_id: str) -> OxmlElement:
    """Return an empty paragraph in the given style."""
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    pstyle = OxmlElement("w:pStyle")
    pstyle.set(qn("w:val"), style_id)
    ppr.append(pstyle)
    p.append(ppr)
    return p


def run(text: str, bold: bool = False, italic: bool = False) -> OxmlElement:
    """Return a run of text (spaces kept)."""
    r = OxmlElement("w:r")
    if bold or italic:
        rpr = OxmlElement("w:rPr")
        if bold:
            rpr.append(OxmlElement("w:b"))
        if italic:
            rpr.append(OxmlElement("w:i"))
        r.append(rpr)
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    return r


def field_runs(instruction: str, cached: str) -> list[OxmlElement]:
    """Return the runs of a complex field whose cached result is `cached`."""
    return [field_char("begin"), instr_run(instruction), field_char("separate"), run(cached),
            field_char("end")]


def field_char(kind: str) -> OxmlElement:
    """Return a run holding a field character (begin, separate or end)."""
    r = OxmlElement("w:r")
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    r.append(el)
    return r


def instr_run(instruction: str) -> OxmlElement:
    """Return a run holding a field instruction."""
    r = OxmlElement("w:r")
    el = OxmlElement("w:instrText")
    el.set(qn("xml:space"), "preserve")
    el.text = f" {instruction} "
    r.append(el)
    return r


def bookmark(p: OxmlElement, name: str, ident: int) -> None:
    """Wrap the paragraph's content in a bookmark."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(ident))
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def page_break() -> OxmlElement:
    """Return a paragraph holding a page break."""
    p = OxmlElement("w:p")
    r = OxmlElement("w:r")
    br = OxmlElement("w:br")
    br.set(qn("w:type"), "page")
    r.append(br)
    p.append(r)
    return p
