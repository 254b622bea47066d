"""Tag names, tag sets and small WordprocessingML helpers shared by the redline modules
(namespaces come from `generator.ooxml.ns`)."""

from __future__ import annotations

import copy

from lxml import etree  # type: ignore[import-untyped]

from generator.ooxml.build import new_element
from generator.ooxml.ns import W14_NS, XML_SPACE, m, mc, w

BODY, P, R, T, TBL, TR, TC = (w(n) for n in ("body", "p", "r", "t", "tbl", "tr", "tc"))
PPR, RPR, TRPR, TCPR, SECTPR = (w(n) for n in ("pPr", "rPr", "trPr", "tcPr", "sectPr"))
TBLPR, TBLGRID, TBLPREX = (w(n) for n in ("tblPr", "tblGrid", "tblPrEx"))
INS, DEL, DELTEXT, INSTR, DELINSTR = (
    w(n) for n in ("ins", "del", "delText", "instrText", "delInstrText"))
FLDCHAR, FLDSIMPLE, HYPERLINK = (w(n) for n in ("fldChar", "fldSimple", "hyperlink"))
SDT, SDTCONTENT = w("sdt"), w("sdtContent")
RPRCHANGE, PPRCHANGE = w("rPrChange"), w("pPrChange")
BOOKMARK_START, BOOKMARK_END = w("bookmarkStart"), w("bookmarkEnd")
W_ID, W_NAME, W_TYPE = w("id"), w("name"), w("type")

ANCHORS = frozenset(w(n) for n in (
    "bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "permStart",
    "permEnd"))
IGNORED = frozenset(w(n) for n in (
    "pPr", "rPr", "proofErr", "lastRenderedPageBreak", "sdtPr", "sdtEndPr", "smartTagPr",
    "customXmlPr"))
RUN_CONTAINERS = frozenset(w(n) for n in ("hyperlink", "smartTag", "customXml", "dir", "bdo"))
REVISIONS = frozenset(w(n) for n in (
    "ins", "del", "moveFrom", "moveTo", "moveFromRangeStart", "moveToRangeStart", "rPrChange",
    "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange", "tblGridChange",
    "numberingChange", "cellIns", "cellDel", "cellMerge"))
NOT_IN_DELETIONS = frozenset([
    *(w(n) for n in ("drawing", "pict", "object", "footnoteReference", "endnoteReference",
                      "commentReference", "commentRangeStart", "commentRangeEnd", "permStart",
                      "permEnd", "proofErr", "lastRenderedPageBreak")),
    m("oMath"), m("oMathPara"), mc("AlternateContent")])
UNWRAPPED_IN_DELETIONS = frozenset(w(n) for n in (
    "hyperlink", "smartTag", "customXml", "sdt", "sdtContent", "dir", "bdo"))
PPR_TAIL = frozenset([RPR, SECTPR, PPRCHANGE])
ISOLATED_PIECES = frozenset([FLDCHAR, INSTR])


def _sig(element: etree._Element) -> tuple:
    """Return a comparable signature of an element: tags, attributes (without revision-save ids)
    and text, recursively, leaving out bookmarks, proofing marks and the like."""
    attrs = tuple(sorted((k, v) for k, v in element.attrib.items()
                         if not etree.QName(k).localname.startswith("rsid")
                         and not k.startswith(f"{{{W14_NS}}}")))
    children = tuple(_sig(c) for c in element
                     if isinstance(c.tag, str) and c.tag not in ANCHORS
                     and c.tag not in (w("proofErr"), w("lastRenderedPageBreak")))
    text = (element.text or "").strip() if len(element) else element.text
    return element.tag, attrs, text, children


def _props_sig(props: etree._Element | None, leave_out: frozenset[str] = frozenset()) -> tuple:
    """Return the signature of a property element's children, leaving out some tags."""
    if props is None:
        return ()
    return tuple(_sig(c) for c in props if isinstance(c.tag, str) and c.tag not in leave_out)


def _ensure_ppr(paragraph: etree._Element) -> etree._Element:
    """Return the paragraph's w:pPr, creating it as the first child if missing."""
    ppr = paragraph.find(PPR)
    if ppr is None:
        ppr = new_element(PPR)
        paragraph.insert(0, ppr)
    return ppr


def _ensure_mark_rpr(ppr: etree._Element) -> etree._Element:
    """Return the paragraph mark's w:rPr, creating it after the base paragraph properties."""
    rpr = ppr.find(RPR)
    if rpr is None:
        rpr = new_element(RPR)
        later = [c for c in ppr if c.tag in (SECTPR, PPRCHANGE)]
        if later:
            later[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    return rpr


def _mark_state(paragraph: etree._Element) -> str:
    """Return "ins", "del" or "plain": how the paragraph's mark is tracked."""
    ppr = paragraph.find(PPR)
    rpr = ppr.find(RPR) if ppr is not None else None
    if rpr is not None and rpr.find(DEL) is not None:
        return "del"
    if rpr is not None and rpr.find(INS) is not None:
        return "ins"
    return "plain"


def _unwrap(element: etree._Element) -> None:
    """Replace an element by its content children (its property children are dropped)."""
    for child in list(element):
        if child.tag not in IGNORED:
            element.addprevious(child)
    element.getparent().remove(element)


def _expand_simple_field(simple: etree._Element) -> None:
    """Replace a w:fldSimple by the equivalent complex field runs, in place."""
    runs = simple.findall(R)
    rpr = runs[0].find(RPR) if runs else None
    pieces = [_field_run(rpr, "begin"), _field_run(rpr, None, simple.get(w("instr"), "")),
              _field_run(rpr, "separate"), *runs, _field_run(rpr, "end")]
    for piece in pieces:
        simple.addprevious(piece)
    simple.getparent().remove(simple)


def _field_run(rpr: etree._Element | None, char: str | None, code: str = "") -> etree._Element:
    """Return a run holding a field character (begin/separate/end) or a field code."""
    run = new_element(R)
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    if char is None:
        instr = etree.SubElement(run, INSTR)
        instr.set(XML_SPACE, "preserve")
        instr.text = code
    else:
        etree.SubElement(run, FLDCHAR).set(w("fldCharType"), char)
    return run
