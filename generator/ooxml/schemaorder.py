"""The order Office Open XML requires of the children of property elements.

The schema defines paragraph, run, style, table and cell properties as sequences: `w:numPr`
must come after `w:keepNext` in `w:pPr`, `w:lang` after `w:sz` in `w:rPr`, and so on. Word may
repair, or silently ignore, properties written out of order; LibreOffice tolerates them. The
template builder and the writers put properties in this order, and the package checks test it.
"""

from __future__ import annotations

from lxml import etree  # type: ignore[import-untyped]

from generator.ooxml.ns import W_NS

PPR = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
       "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
       "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
       "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
       "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
       "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
RPR = ("ins", "del", "moveFrom", "moveTo", "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps",
       "smallCaps", "strike", "dstrike", "outline", "shadow", "emboss", "imprint", "noProof",
       "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz",
       "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
       "em", "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange")
STYLE = ("name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
         "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
         "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr")
TBLPR = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
         "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
         "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange")
TCPR = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
        "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns",
        "cellDel", "cellMerge", "tcPrChange")
LVL = ("start", "numFmt", "lvlRestart", "pStyle", "isLgl", "suff", "lvlText", "lvlPicBulletId",
       "legacy", "lvlJc", "pPr", "rPr")

SEQUENCES: dict[str, tuple[str, ...]] = {
    "pPr": PPR, "rPr": RPR, "style": STYLE, "tblPr": TBLPR, "tcPr": TCPR, "lvl": LVL,
}


def _local(element: etree._Element) -> str | None:
    """Return the local name of a WordprocessingML element (None for other namespaces,
    comments and processing instructions)."""
    tag = element.tag
    if not isinstance(tag, str) or not tag.startswith(f"{{{W_NS}}}"):
        return None
    return tag[len(W_NS) + 2:]


def _sequence(element: etree._Element) -> tuple[str, ...] | None:
    """Return the child order the schema requires of `element`, or None when it has none here.
    (The `w:rPr` inside a `w:pPr` takes the run sequence too.)"""
    name = _local(element)
    return SEQUENCES.get(name) if name else None


def _rank(child: etree._Element, sequence: tuple[str, ...]) -> int | None:
    name = _local(child)
    return sequence.index(name) if name in sequence else None


def put_in_schema_order(root: etree._Element) -> None:
    """Reorder, in place, the children of every property element under `root` (itself
    included) into the schema's sequence; children the sequence does not name keep their place
    after the last named child before them."""
    for element in root.iter():
        sequence = _sequence(element)
        if sequence is None or len(element) < 2:
            continue
        children = list(element)
        keyed, last = [], -1
        for position, child in enumerate(children):
            rank = _rank(child, sequence)
            last = rank if rank is not None else last
            keyed.append(((last, position), child))
        ordered = [child for _key, child in sorted(keyed, key=lambda pair: pair[0])]
        if ordered != children:
            for child in children:
                element.remove(child)
            element.extend(ordered)


def order_problems(root: etree._Element) -> list[str]:
    """Return one line for each property element under `root` whose children are out of the
    schema's order ("w:pPr: w:numPr before w:keepNext"), first occurrence of each kind only."""
    problems: list[str] = []
    for element in root.iter():
        sequence = _sequence(element)
        if sequence is None:
            continue
        ranked = [(rank, _local(child)) for child in element
                  if (rank := _rank(child, sequence)) is not None]
        for (first, first_name), (second, second_name) in zip(ranked, ranked[1:], strict=False):
            if second < first:
                problem = f"w:{_local(element)}: w:{second_name} after w:{first_name}"
                if problem not in problems:
                    problems.append(problem)
                break
    return problems
