"""Redline two .docx drafts: NEW with every difference from OLD as Word tracked changes.

`make_redline(old, new, author, when)` returns a .docx built on NEW's package (styles, numbering,
settings, headers, footers and relationships are NEW's). Inside the main document and inside the
headers and footers used by the final section, every difference from OLD is a tracked insertion
(`w:ins`) or deletion (`w:del`) carrying the author and date, so accepting every change gives
NEW's text and rejecting every change gives OLD's.

How it works
------------
* Block alignment. The body (and each header/footer, and each table cell) is a list of blocks:
  paragraphs, tables and anything else. Each block gets a text key (a paragraph's text with each
  field as one marker; a table's cell texts) and `difflib.SequenceMatcher` aligns the two lists.
  Numbering produced by styles or numbering definitions is not part of the text, so a paragraph
  whose only change is its number matches unchanged and needs no markup.
* Equal blocks keep NEW's XML untouched (fields, bookmarks, hyperlinks and all), unless their
  formatting differs, in which case they go through the changed-paragraph path below, which then
  produces only formatting revisions.
* In a stretch of differing blocks, paragraphs are paired with paragraphs (and tables with tables)
  by a small dynamic programme that maximises word similarity; pairs need half their words in
  common, except that a lone paragraph replacing a lone paragraph is always paired. (A stretch
  too long to score every combination is paired by searching near each block's position.)
* A changed paragraph is diffed word by word (words, spaces and punctuation are tokens; a field,
  from its begin to its end character, is one token, so a field whose code or result changed
  shows as the old field deleted and the new one inserted; a field running over several
  paragraphs, like the table of contents, is compared piece by piece). Equal tokens carry NEW's
  run formatting, with `w:rPrChange` recording OLD's where it differs; inserted tokens carry
  NEW's formatting; deleted tokens carry OLD's (text in `w:delText`, field code in
  `w:delInstrText`). The paragraph keeps NEW's properties, with `w:pPrChange` recording OLD's
  where they differ. NEW's bookmarks and other zero-width markers stay where they were; NEW's
  hyperlinks wrap the runs they wrapped.
* A paragraph only in NEW is NEW's XML with its runs wrapped in `w:ins` and its paragraph mark
  inserted (`w:pPr/w:rPr/w:ins`). A paragraph only in OLD is a copy of OLD's with its runs in
  `w:del` and its mark deleted. Whole tables are marked the same way, every row as well
  (`w:trPr/w:ins` or `w:del`). Paired tables are compared row by row and paired rows (same
  number of cells) cell by cell, each cell's content as a list of blocks.
* A paragraph mark with no paragraph after it to merge into (last in a body, cell or header, or
  right before a table) is never itself inserted or deleted: LibreOffice cannot remove it when
  accepting or rejecting (and Word does not delete a paragraph mark before a table). Where a
  stretch of inserted or deleted paragraphs ends there, the paragraph before the stretch carries
  the revision on its mark instead, and the stretch's last mark records the other version's
  paragraph properties in `w:pPrChange` (a deleted paragraph just before inserted ones is merged
  into the first inserted one to the same end). Only a stretch that starts right after a table
  and ends right before one cannot be settled: there one empty paragraph is left behind when the
  changes are rejected (or, for deleted stretches, accepted).
* Revision ids start above every `w:id` already in NEW's parts. The package is written as a
  deterministic zip by `writers.docx_package.normalise_package`.

Copies of OLD's content (deleted paragraphs and tables) leave out what would refer to OLD's
package or clash with NEW's: bookmarks whose names NEW also uses (others are kept, renumbered),
hyperlinks (the text stays, the link goes), images and other drawings, footnote, endnote and
comment references, comment ranges, section breaks and equations.

Not tracked
-----------
* Headers and footers other than those referenced by the final section's properties, and header
  or footer parts that exist in only one of the drafts (NEW's are kept as they are).
* Footnotes, endnotes and comments (NEW's are kept).
* Formatting of table, row and cell properties, section properties, hyperlink targets, and the
  run formatting of paragraph marks; changes to these show NEW's without a revision.
* Images, drawings and equations present only in OLD (not shown as deletions), and content
  controls (the text inside is compared; the control itself is not).
* Moves: moved text shows as a deletion where it was and an insertion where it is.
* Drafts that already contain tracked changes are refused with a plain message.

Settings: `w:trackRevisions` is not switched on (NEW's settings part is kept as it is). The
revisions show and can be accepted or rejected without it; leaving it off means a reviewer's
own edits to the redline are not tracked on top of the comparison.
"""

from __future__ import annotations

import copy
import difflib
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import groupby
from posixpath import dirname, normpath
from posixpath import join as join_path

from lxml import etree

from .writers.docx_package import normalise_package

__all__ = ["DocxUnreadable", "make_redline"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/" \
                  "officeDocument"


def _w(name: str) -> str:
    """Return the Clark name of a WordprocessingML element or attribute."""
    return f"{{{W_NS}}}{name}"


BODY, P, R, T, TBL, TR, TC = (_w(n) for n in ("body", "p", "r", "t", "tbl", "tr", "tc"))
PPR, RPR, TRPR, TCPR, SECTPR = (_w(n) for n in ("pPr", "rPr", "trPr", "tcPr", "sectPr"))
TBLPR, TBLGRID, TBLPREX = (_w(n) for n in ("tblPr", "tblGrid", "tblPrEx"))
INS, DEL, DELTEXT, INSTR, DELINSTR = (
    _w(n) for n in ("ins", "del", "delText", "instrText", "delInstrText"))
FLDCHAR, FLDSIMPLE, HYPERLINK = (_w(n) for n in ("fldChar", "fldSimple", "hyperlink"))
SDT, SDTCONTENT = _w("sdt"), _w("sdtContent")
RPRCHANGE, PPRCHANGE = _w("rPrChange"), _w("pPrChange")
BOOKMARK_START, BOOKMARK_END = _w("bookmarkStart"), _w("bookmarkEnd")
W_ID, W_NAME, W_TYPE = _w("id"), _w("name"), _w("type")

ANCHORS = frozenset(_w(n) for n in (
    "bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "permStart",
    "permEnd"))
IGNORED = frozenset(_w(n) for n in (
    "pPr", "rPr", "proofErr", "lastRenderedPageBreak", "sdtPr", "sdtEndPr", "smartTagPr",
    "customXmlPr"))
RUN_CONTAINERS = frozenset(_w(n) for n in ("hyperlink", "smartTag", "customXml", "dir", "bdo"))
REVISIONS = frozenset(_w(n) for n in (
    "ins", "del", "moveFrom", "moveTo", "moveFromRangeStart", "moveToRangeStart", "rPrChange",
    "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange", "tblGridChange",
    "numberingChange", "cellIns", "cellDel", "cellMerge"))
NOT_IN_DELETIONS = frozenset([
    *(_w(n) for n in ("drawing", "pict", "object", "footnoteReference", "endnoteReference",
                      "commentReference", "commentRangeStart", "commentRangeEnd", "permStart",
                      "permEnd", "proofErr", "lastRenderedPageBreak")),
    f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara", f"{{{MC_NS}}}AlternateContent"])
UNWRAPPED_IN_DELETIONS = frozenset(_w(n) for n in (
    "hyperlink", "smartTag", "customXml", "sdt", "sdtContent", "dir", "bdo"))
PPR_TAIL = frozenset([RPR, SECTPR, PPRCHANGE])
ISOLATED_PIECES = frozenset([FLDCHAR, INSTR])

WORD = re.compile(r"\w+(?:[.,'’]\w+)*|\s+|[^\w\s]")
SIMILAR = 0.5
MAX_PAIRING_CELLS = 40_000
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


class DocxUnreadable(Exception):
    """A file given as a draft is not a Word document this module can compare."""


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
# Small XML helpers


def _el(tag: str, attrib: dict[str, str] | None = None) -> etree._Element:
    """Return a new element in the WordprocessingML namespace (prefix w)."""
    return etree.Element(tag, attrib or {}, nsmap={"w": W_NS})


def _sig(element: etree._Element) -> tuple:
    """Return a comparable signature of an element: tags, attributes (without revision-save ids)
    and text, recursively, leaving out bookmarks, proofing marks and the like."""
    attrs = tuple(sorted((k, v) for k, v in element.attrib.items()
                         if not etree.QName(k).localname.startswith("rsid")
                         and not k.startswith(f"{{{W14_NS}}}")))
    children = tuple(_sig(c) for c in element
                     if isinstance(c.tag, str) and c.tag not in ANCHORS
                     and c.tag not in (_w("proofErr"), _w("lastRenderedPageBreak")))
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
        ppr = _el(PPR)
        paragraph.insert(0, ppr)
    return ppr


def _ensure_mark_rpr(ppr: etree._Element) -> etree._Element:
    """Return the paragraph mark's w:rPr, creating it after the base paragraph properties."""
    rpr = ppr.find(RPR)
    if rpr is None:
        rpr = _el(RPR)
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
    pieces = [_field_run(rpr, "begin"), _field_run(rpr, None, simple.get(_w("instr"), "")),
              _field_run(rpr, "separate"), *runs, _field_run(rpr, "end")]
    for piece in pieces:
        simple.addprevious(piece)
    simple.getparent().remove(simple)


def _field_run(rpr: etree._Element | None, char: str | None, code: str = "") -> etree._Element:
    """Return a run holding a field character (begin/separate/end) or a field code."""
    run = _el(R)
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    if char is None:
        instr = etree.SubElement(run, INSTR)
        instr.set(XML_SPACE, "preserve")
        instr.text = code
    else:
        etree.SubElement(run, FLDCHAR).set(_w("fldCharType"), char)
    return run


# ---------------------------------------------------------------------------------------------
# Paragraph tokens


@dataclass(eq=False)
class _Piece:
    """One run child (or a zero-width marker) with the run formatting it came with."""

    rpr: etree._Element | None
    child: etree._Element
    text: str | None = None  # a word of a w:t, which is built afresh when written
    marker: bool = False  # a zero-width marker (bookmark, ...) or content kept but not compared


@dataclass(eq=False)
class _Token:
    """A unit of the word diff: a word, a space, a tab, a whole field, ..."""

    key: str
    pieces: list[_Piece]
    link: etree._Element | None


@dataclass(eq=False)
class _Parsed:
    """A paragraph cut into tokens, with NEW's zero-width markers and where they sit."""

    tokens: list[_Token] = field(default_factory=list)
    anchors: list[tuple[int, etree._Element, etree._Element | None]] = field(
        default_factory=list)

    @property
    def text(self) -> str:
        """Return the paragraph's text key: every token's key, joined."""
        return "".join(t.key for t in self.tokens)


def _piece_key(piece: _Piece) -> str:
    """Return the diff key of a single non-text run child."""
    tag = piece.child.tag
    if tag == _w("tab"):
        return "\t"
    if tag in (_w("br"), _w("cr")):
        kind = piece.child.get(W_TYPE, "textWrapping")
        return "\n" if kind == "textWrapping" else f"\x0c{kind}"
    if tag == _w("noBreakHyphen"):
        return "\u2011"
    if tag == _w("softHyphen"):
        return "\u00ad"
    return f"\x04{_sig(piece.child)!r}"


class _Tokenizer:
    """Cuts one paragraph into tokens; a complex field closed in the paragraph is one token."""

    def __init__(self) -> None:
        self.parsed = _Parsed()
        self.field: list[_Piece] = []
        self.field_link: etree._Element | None = None
        self.depth = 0

    def paragraph(self, paragraph: etree._Element) -> _Parsed:
        """Return the tokens of a paragraph."""
        self._walk(paragraph, None)
        self._finish()
        return self.parsed

    def _walk(self, parent: etree._Element, link: etree._Element | None) -> None:
        """Feed every run, field and marker under a run container, in order."""
        for child in parent:
            tag = child.tag
            if not isinstance(tag, str) or tag in IGNORED:
                continue
            if tag == R:
                self._run(child, link)
            elif tag == HYPERLINK:
                self._walk(child, child)
            elif tag in RUN_CONTAINERS:
                self._walk(child, link)
            elif tag == SDT:
                content = child.find(SDTCONTENT)
                if content is not None:
                    self._walk(content, link)
            elif tag == FLDSIMPLE:
                holder = _el(P)
                holder.append(copy.deepcopy(child))
                _expand_simple_field(holder[0])
                self._walk(holder, link)
            else:
                self._anchor(child, link)

    def _run(self, run: etree._Element, link: etree._Element | None) -> None:
        """Feed each child of a run as a piece carrying the run's formatting."""
        rpr = run.find(RPR)
        for child in run:
            if isinstance(child.tag, str) and child.tag not in IGNORED:
                self._piece(_Piece(rpr, child), link)

    def _piece(self, piece: _Piece, link: etree._Element | None) -> None:
        """Add a piece to the open field, or open a field, or make ordinary tokens of it."""
        char = piece.child.get(_w("fldCharType")) if piece.child.tag == FLDCHAR else None
        if self.field:
            self.field.append(piece)
            self.depth += {"begin": 1, "end": -1}.get(char or "", 0)
            if self.depth == 0:
                self._close_field()
        elif char == "begin":
            self.field, self.field_link, self.depth = [piece], link, 1
        elif piece.child.tag == T:
            for word in WORD.findall(piece.child.text or ""):
                self.parsed.tokens.append(_Token(word, [_Piece(piece.rpr, piece.child, word)],
                                                 link))
        else:
            self.parsed.tokens.append(_Token(_piece_key(piece), [piece], link))

    def _anchor(self, element: etree._Element, link: etree._Element | None) -> None:
        """Keep a zero-width marker (or unknown element) in the field or beside the tokens."""
        if self.field:
            self.field.append(_Piece(None, element, marker=True))
        else:
            self.parsed.anchors.append((len(self.parsed.tokens), element, link))

    def _close_field(self) -> None:
        """Make the collected field, begin to end, a single token."""
        code, result, separated = [], [], False
        for piece in self.field:
            tag = piece.child.tag
            if tag == INSTR and not separated:
                code.append(piece.child.text or "")
            elif tag == FLDCHAR and piece.child.get(_w("fldCharType")) == "separate":
                separated = True
            elif tag == T and separated:
                result.append(piece.child.text or "")
        key = f"\x01{' '.join(''.join(code).split())}\x02{''.join(result)}\x03"
        self.parsed.tokens.append(_Token(key, self.field, self.field_link))
        self.field, self.depth = [], 0

    def _finish(self) -> None:
        """Break up a field left open at the paragraph's end into ordinary tokens."""
        while self.field:
            pieces, link = self.field, self.field_link
            self.field, self.depth = [], 0
            self.parsed.tokens.append(_Token(_piece_key(pieces[0]), [pieces[0]], link))
            for piece in pieces[1:]:
                if piece.marker:
                    self._anchor(piece.child, link)
                else:
                    self._piece(piece, link)


def _cleanup(opcodes: list[tuple[str, int, int, int, int]], old: list[str]
             ) -> list[tuple[str, int, int, int, int]]:
    """Return the opcodes with a lone space or punctuation mark between two changes folded into
    one replacement, so that a rewritten phrase reads as one deletion and one insertion."""
    ops = list(opcodes)
    k = 1
    while k < len(ops) - 1:
        tag, i1, i2 = ops[k][:3]
        trivial = tag == "equal" and i2 - i1 == 1 and (
            not old[i1].strip() or (len(old[i1]) == 1 and not old[i1].isalnum()))
        if trivial and ops[k - 1][0] != "equal" and ops[k + 1][0] != "equal":
            ops[k - 1:k + 2] = [("replace", ops[k - 1][1], ops[k + 1][2], ops[k - 1][3],
                                 ops[k + 1][4])]
            k = max(k - 1, 1)
        else:
            k += 1
    return ops


# ---------------------------------------------------------------------------------------------
# Writing a changed paragraph


@dataclass(eq=False)
class _Out:
    """A piece to write: whether it is unchanged, inserted or deleted, and where it goes."""

    status: str  # "same", "ins", "del" or "anchor"
    piece: _Piece
    link: etree._Element | None
    old_rpr: etree._Element | None = None  # OLD's formatting, where it differs from NEW's


# ---------------------------------------------------------------------------------------------
# The redliner


class _Redliner:
    """Builds tracked changes for one OLD/NEW pair; holds the revision ids and caches."""

    def __init__(self, author: str, when: datetime, first_id: int, names: set[str]) -> None:
        self.author = author
        self.date = _revision_date(when)
        self.next_id = first_id
        self.new_names = names
        self.kept_bookmarks: dict[str, str] = {}
        self._parsed: dict[etree._Element, _Parsed] = {}
        self._keys: dict[etree._Element, str] = {}
        self._words: dict[etree._Element, list[str]] = {}

    # Revision marks -------------------------------------------------------------------------

    def new_id(self) -> str:
        """Return an unused w:id."""
        self.next_id += 1
        return str(self.next_id - 1)

    def revision(self, kind: str) -> etree._Element:
        """Return an empty w:ins / w:del (or w:rPrChange, w:pPrChange) with id, author, date."""
        return _el(_w(kind), {W_ID: self.new_id(), _w("author"): self.author,
                              _w("date"): self.date})

    # Keys and similarity -------------------------------------------------------------------

    def parsed(self, paragraph: etree._Element) -> _Parsed:
        """Return the paragraph's tokens (cached)."""
        if paragraph not in self._parsed:
            self._parsed[paragraph] = _Tokenizer().paragraph(paragraph)
        return self._parsed[paragraph]

    def key(self, block: etree._Element) -> str:
        """Return a block's text key for alignment: paragraph text, table or row cell texts."""
        if block not in self._keys:
            self._keys[block] = self._compute_key(block)
        return self._keys[block]

    def _compute_key(self, block: etree._Element) -> str:
        """Return the text key of a block (see `key`)."""
        if block.tag == P:
            return "p" + self.parsed(block).text
        if block.tag == TBL:
            return "t" + "\x1e".join(self.key(row) for row in _table_items(block))
        if block.tag == TR:
            return "r" + "\x1f".join(
                "\x1d".join(self.key(b) for b in _cell_blocks(cell)) for cell in _cells(block))
        return f"x{_sig(block)!r}"

    def words(self, block: etree._Element) -> list[str]:
        """Return what similarity is measured on: a paragraph's words, a table's cell texts."""
        if block not in self._words:
            if block.tag == P:
                found = [t.key for t in self.parsed(block).tokens if t.key.strip()]
            elif block.tag == TBL:
                found = [self.key(b) for row in _table_items(block) if row.tag == TR
                         for cell in _cells(row) for b in _cell_blocks(cell)]
            else:
                found = [self.key(b) for cell in _cells(block) for b in _cell_blocks(cell)]
            self._words[block] = found
        return self._words[block]

    def compatible(self, old: etree._Element, new: etree._Element) -> bool:
        """Return whether two blocks can be diffed against each other."""
        if old.tag != new.tag or old.tag not in (P, TBL, TR):
            return False
        return old.tag != TR or len(_cells(old)) == len(_cells(new))

    def similarity(self, old: etree._Element, new: etree._Element) -> float:
        """Return how alike two compatible blocks are (0 to 1), or 0 below the pairing bar."""
        if not self.compatible(old, new):
            return 0.0
        a, b = self.words(old), self.words(new)
        if not a and not b:
            return 1.0
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
            return 0.0
        ratio = matcher.ratio()
        return ratio if ratio >= SIMILAR else 0.0

    # Alignment -----------------------------------------------------------------------------

    def align(self, olds: list[etree._Element], news: list[etree._Element]
              ) -> Iterator[tuple[str, etree._Element | None, etree._Element | None]]:
        """Yield ("same", old, new), ("pair", old, new), ("del", old, None) and
        ("ins", None, new) in document order."""
        matcher = difflib.SequenceMatcher(None, [self.key(b) for b in olds],
                                          [self.key(b) for b in news], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for old, new in zip(olds[i1:i2], news[j1:j2], strict=True):
                    yield "same", old, new
            else:
                yield from self._pair_up(olds[i1:i2], news[j1:j2])

    def _pair_up(self, olds: list[etree._Element], news: list[etree._Element]
                 ) -> Iterator[tuple[str, etree._Element | None, etree._Element | None]]:
        """Yield a replaced stretch as pairs of similar blocks, deletions and insertions."""
        pairs = self._pairs(olds, news)
        i = j = 0
        for pi, pj in [*pairs, (len(olds), len(news))]:
            for old in olds[i:pi]:
                yield "del", old, None
            for new in news[j:pj]:
                yield "ins", None, new
            if pi < len(olds):
                yield "pair", olds[pi], news[pj]
            i, j = pi + 1, pj + 1

    def _pairs(self, olds: list[etree._Element], news: list[etree._Element]
               ) -> list[tuple[int, int]]:
        """Return the (old index, new index) pairs, in order, with the greatest total
        similarity; a lone block replacing a lone compatible block is always paired."""
        m, n = len(olds), len(news)
        if m == 1 and n == 1:
            return [(0, 0)] if self.compatible(olds[0], news[0]) else []
        if m == 0 or n == 0:
            return []
        if m * n > MAX_PAIRING_CELLS:
            return self._pairs_banded(olds, news)
        sims = [[self.similarity(o, nw) for nw in news] for o in olds]
        best = [[0.0] * (n + 1) for _ in range(m + 1)]
        for i in range(m - 1, -1, -1):
            row, below = best[i], best[i + 1]
            for j in range(n - 1, -1, -1):
                score = max(below[j], row[j + 1])
                if sims[i][j]:
                    score = max(score, below[j + 1] + sims[i][j])
                row[j] = score
        return _trace(best, sims)

    def _pairs_banded(self, olds: list[etree._Element], news: list[etree._Element]
                      ) -> list[tuple[int, int]]:
        """Return pairs for a stretch too long to score every combination: each old block is
        tried against the new blocks near its proportional position only."""
        m, n = len(olds), len(news)
        band = max(8, MAX_PAIRING_CELLS // (2 * m))
        pairs: list[tuple[int, int]] = []
        j = 0
        for i, old in enumerate(olds):
            centre = i * n // m
            window = range(max(j, centre - band), min(n, centre + band))
            scored = [(self.similarity(old, news[k]), -k) for k in window]
            score, k = max(scored, default=(0.0, 0))
            if score:
                pairs.append((i, -k))
                j = -k + 1
        return pairs

    # Blocks --------------------------------------------------------------------------------

    def container(self, olds: list[etree._Element], news: list[etree._Element]
                  ) -> list[etree._Element]:
        """Return the merged blocks of a body, cell or header: NEW's, with OLD's differences
        as tracked changes."""
        out: list[etree._Element] = []
        for kind, old, new in self.align(olds, news):
            if kind == "same":
                out.append(self._same(old, new))
            elif kind == "pair":
                out.append(self._paired(old, new))
            elif kind == "del":
                out.extend(self.mark(old, "del"))
            else:
                out.extend(self.mark(new, "ins"))
        self._settle_marks(out)
        return out

    def _same(self, old: etree._Element, new: etree._Element) -> etree._Element:
        """Return an equal-text block: NEW's as it is, or diffed if its formatting differs."""
        if old.tag == P and self._paragraph_sig(old) == self._paragraph_sig(new):
            return new
        if old.tag != P and (old.tag not in (TBL, TR) or _sig(old) == _sig(new)):
            return new
        return self._paired(old, new)

    def _paired(self, old: etree._Element, new: etree._Element) -> etree._Element:
        """Return the diff of two paired blocks."""
        if new.tag == P:
            return self.paragraph(old, new)
        if new.tag == TBL:
            return self.table(old, new)
        return self.row(old, new)

    def _paragraph_sig(self, paragraph: etree._Element) -> tuple:
        """Return what must match for an equal-text paragraph to be kept untouched."""
        runs = tuple(_props_sig(p.rpr) for t in self.parsed(paragraph).tokens for p in t.pieces)
        return _props_sig(paragraph.find(PPR)), runs

    # Tables --------------------------------------------------------------------------------

    def table(self, old: etree._Element, new: etree._Element) -> etree._Element:
        """Return NEW's table compared row by row with OLD's."""
        table = _el(TBL, dict(new.attrib))
        for child in new:
            if child.tag in (TBLPR, TBLGRID):
                table.append(copy.deepcopy(child))
        for kind, a, b in self.align(_table_items(old), _table_items(new)):
            if kind == "same":
                table.append(self._same(a, b))
            elif kind == "pair":
                table.append(self._paired(a, b))
            else:
                table.extend(self.mark(a if kind == "del" else b, kind))
        return table

    def row(self, old: etree._Element, new: etree._Element) -> etree._Element:
        """Return NEW's row with each cell's content compared with the same cell of OLD's."""
        row = _el(TR, dict(new.attrib))
        cells = iter(_cells(old))
        for child in new:
            if child.tag != TC:
                row.append(copy.deepcopy(child))
                continue
            cell = _el(TC, dict(child.attrib))
            if child.find(TCPR) is not None:
                cell.append(copy.deepcopy(child.find(TCPR)))
            cell.extend(self.container(_cell_blocks(next(cells)), _cell_blocks(child)))
            row.append(cell)
        return row

    # Paragraphs ----------------------------------------------------------------------------

    def paragraph(self, old: etree._Element, new: etree._Element) -> etree._Element:
        """Return NEW's paragraph diffed word by word against OLD's."""
        before, after = self.parsed(old), self.parsed(new)
        okeys = [t.key for t in before.tokens]
        matcher = difflib.SequenceMatcher(None, okeys, [t.key for t in after.tokens],
                                          autojunk=False)
        out: list[_Out] = []
        anchors = iter(after.anchors)
        pending = next(anchors, None)
        for tag, i1, i2, j1, j2 in _cleanup(matcher.get_opcodes(), okeys):
            if tag != "equal":
                out.extend(_Out("del", p, None) for t in before.tokens[i1:i2]
                           for p in t.pieces if _deletable(p))
            for offset, j in enumerate(range(j1, j2)):
                while pending is not None and pending[0] <= j:
                    out.append(_Out("anchor", _Piece(None, pending[1]), pending[2]))
                    pending = next(anchors, None)
                token = after.tokens[j]
                status = "ins" if tag != "equal" else "same"
                old_token = before.tokens[i1 + offset] if tag == "equal" else None
                out.extend(self._token_out(token, status, old_token))
        while pending is not None:
            out.append(_Out("anchor", _Piece(None, pending[1]), pending[2]))
            pending = next(anchors, None)
        return self._write_paragraph(old, new, _links_for_deletions(out))

    def _token_out(self, token: _Token, status: str, old: _Token | None) -> list[_Out]:
        """Return the pieces to write for one NEW token, noting OLD formatting that differs."""
        outs = []
        for index, piece in enumerate(token.pieces):
            old_rpr = None
            if old is not None and index < len(old.pieces):
                before = old.pieces[index].rpr
                if _props_sig(before) != _props_sig(piece.rpr):
                    old_rpr = before if before is not None else _el(RPR)
            outs.append(_Out("anchor" if piece.marker else status, piece, token.link, old_rpr))
        return outs

    def _write_paragraph(self, old: etree._Element, new: etree._Element, out: list[_Out]
                         ) -> etree._Element:
        """Return a new w:p with NEW's properties (and OLD's, if different) and the pieces."""
        paragraph = _el(P, dict(new.attrib))
        if new.find(PPR) is not None:
            paragraph.append(copy.deepcopy(new.find(PPR)))
        self._record_old_properties(paragraph, old.find(PPR))
        for link, group in groupby(out, key=lambda o: o.link):
            target = paragraph
            if link is not None:
                target = etree.SubElement(paragraph, HYPERLINK, dict(link.attrib))
            for status, items in groupby(group, key=lambda o: o.status):
                self._write_status(target, status, list(items))
        return paragraph

    def _record_old_properties(self, paragraph: etree._Element,
                               old_ppr: etree._Element | None) -> None:
        """Add w:pPrChange holding OLD's paragraph properties where they differ from NEW's."""
        new_ppr = paragraph.find(PPR)
        if _props_sig(old_ppr, PPR_TAIL) == _props_sig(new_ppr, PPR_TAIL):
            return
        change = self.revision("pPrChange")
        recorded = etree.SubElement(change, PPR)
        for child in old_ppr if old_ppr is not None else []:
            if isinstance(child.tag, str) and child.tag not in PPR_TAIL:
                recorded.append(copy.deepcopy(child))
        ppr = _ensure_ppr(paragraph)
        for stale in ppr.findall(PPRCHANGE):
            ppr.remove(stale)
        ppr.append(change)

    def _write_status(self, target: etree._Element, status: str, items: list[_Out]) -> None:
        """Write pieces of one status: anchors as they are, others as runs (in w:ins/w:del)."""
        if status == "anchor":
            target.extend(copy.deepcopy(o.piece.child) for o in items)
            return
        if status != "same":
            wrapper = self.revision(status)
            target.append(wrapper)
            target = wrapper
        run: etree._Element | None = None
        previous: _Out | None = None
        for item in items:
            if run is None or not _same_run(previous, item):
                run = etree.SubElement(target, R)
                self._run_properties(run, item)
            _add_piece(run, item.piece, deleted=status == "del")
            previous = item

    def _run_properties(self, run: etree._Element, item: _Out) -> None:
        """Give a new run the piece's formatting, with OLD's in w:rPrChange if it differs."""
        if item.piece.rpr is not None:
            rpr = copy.deepcopy(item.piece.rpr)
            for stale in rpr.findall(RPRCHANGE):
                rpr.remove(stale)
            run.append(rpr)
        if item.old_rpr is None:
            return
        rpr = run.find(RPR)
        if rpr is None:
            rpr = etree.SubElement(run, RPR)
        change = self.revision("rPrChange")
        recorded = etree.SubElement(change, RPR)
        for child in item.old_rpr:
            if isinstance(child.tag, str) and child.tag != RPRCHANGE:
                recorded.append(copy.deepcopy(child))
        rpr.append(change)

    # Whole blocks inserted or deleted ------------------------------------------------------

    def mark(self, block: etree._Element, kind: str) -> list[etree._Element]:
        """Return a block marked wholly inserted (NEW's own) or deleted (a cleaned copy of
        OLD's); a deleted block may come back as several blocks, or none."""
        holder = _el(BODY)
        holder.append(copy.deepcopy(block) if kind == "del" else block)
        if kind == "del":
            self._clean_deleted(holder)
        for simple in list(holder.iter(FLDSIMPLE)):
            _expand_simple_field(simple)
        for row in holder.iter(TR):
            self._mark_row(row, kind)
        for paragraph in holder.iter(P):
            self._mark_paragraph(paragraph, kind)
        return list(holder)

    def _mark_row(self, row: etree._Element, kind: str) -> None:
        """Mark a table row as inserted or deleted (w:trPr/w:ins or w:del, after the rest)."""
        props = row.find(TRPR)
        if props is None:
            props = _el(TRPR)
            prex = row.find(TBLPREX)
            if prex is not None:
                prex.addnext(props)
            else:
                row.insert(0, props)
        props.append(self.revision(kind))

    def _mark_paragraph(self, paragraph: etree._Element, kind: str) -> None:
        """Mark a paragraph's mark and all its runs as inserted or deleted."""
        self.set_mark(paragraph, kind)
        self._wrap_runs(paragraph, kind)

    def set_mark(self, paragraph: etree._Element, kind: str | None) -> None:
        """Set how a paragraph mark is tracked: inserted, deleted, or (None) not at all."""
        rpr = _ensure_mark_rpr(_ensure_ppr(paragraph))
        for stale in [*rpr.findall(INS), *rpr.findall(DEL)]:
            rpr.remove(stale)
        if kind is not None:
            rpr.insert(0, self.revision(kind))
        elif len(rpr) == 0:
            rpr.getparent().remove(rpr)

    def _wrap_runs(self, parent: etree._Element, kind: str) -> None:
        """Wrap each stretch of runs under a run container in one w:ins / w:del."""
        stretch: list[etree._Element] = []
        for child in list(parent):
            if child.tag == R:
                stretch.append(child)
                continue
            self._wrap(stretch, kind)
            stretch = []
            if child.tag in RUN_CONTAINERS or child.tag in (SDT, SDTCONTENT):
                self._wrap_runs(child, kind)
        self._wrap(stretch, kind)

    def _wrap(self, runs: list[etree._Element], kind: str) -> None:
        """Put consecutive sibling runs into a new revision element."""
        if not runs:
            return
        wrapper = self.revision(kind)
        runs[0].addprevious(wrapper)
        for run in runs:
            wrapper.append(run)
            if kind == "del":
                for text in run.iter(T, INSTR):
                    text.tag = DELTEXT if text.tag == T else DELINSTR

    def _clean_deleted(self, holder: etree._Element) -> None:
        """Strip a copy of OLD's content of what would break NEW's package (see module doc)."""
        for element in list(holder.iter(*NOT_IN_DELETIONS)):
            element.getparent().remove(element)
        for run in list(holder.iter(R)):
            if all(child.tag == RPR for child in run):
                run.getparent().remove(run)
        for ppr in holder.iter(PPR):
            for sect in ppr.findall(SECTPR):
                ppr.remove(sect)
        for element in list(holder.iter(*UNWRAPPED_IN_DELETIONS)):
            _unwrap(element)
        for element in holder.iter():
            for name in [k for k in element.attrib if k.startswith(f"{{{W14_NS}}}")]:
                del element.attrib[name]
        for mark in list(holder.iter(BOOKMARK_START, BOOKMARK_END)):
            self._keep_or_drop_bookmark(mark)

    def _keep_or_drop_bookmark(self, mark: etree._Element) -> None:
        """Keep a deleted bookmark whose name NEW does not use, renumbered; drop the rest."""
        old_id = mark.get(W_ID, "")
        if mark.tag == BOOKMARK_START:
            name = mark.get(W_NAME, "")
            if name and name not in self.new_names:
                self.new_names.add(name)
                self.kept_bookmarks[old_id] = self.new_id()
                mark.set(W_ID, self.kept_bookmarks[old_id])
                return
        elif old_id in self.kept_bookmarks:
            mark.set(W_ID, self.kept_bookmarks.pop(old_id))
            return
        mark.getparent().remove(mark)

    # Paragraph marks that cannot merge -----------------------------------------------------

    def _settle_marks(self, blocks: list[etree._Element]) -> None:
        """Move revisions off paragraph marks that have no following paragraph to merge into
        (before a table, or last in the container); see the module docstring."""
        end = len(blocks)
        while end > 0:
            start = end
            while start > 0 and blocks[start - 1].tag == P \
                    and _mark_state(blocks[start - 1]) != "plain":
                start -= 1
            if start < end and (end == len(blocks) or blocks[end].tag != P):
                before = blocks[start - 1] if start > 0 and blocks[start - 1].tag == P else None
                self._settle_chain(blocks, start, end, before)
            end = start - 1 if start < end else end - 1

    def _settle_chain(self, blocks: list[etree._Element], start: int, end: int,
                      before: etree._Element | None) -> None:
        """Settle one chain blocks[start:end] of wholly inserted or deleted paragraphs."""
        last = blocks[end - 1]
        if _mark_state(last) == "del":
            if before is not None:
                self._swap_marks(before, last, "del", _new_view_ppr(before))
            return
        first_inserted = next(k for k in range(start, end) if _mark_state(blocks[k]) == "ins")
        if first_inserted > start:
            deleted = blocks.pop(first_inserted - 1)
            kept_ppr = _old_view_ppr(deleted)
            _prepend_runs(blocks[first_inserted - 1], deleted)
            self.set_mark(last, None)
            self._record_old_properties(last, kept_ppr)
        elif before is not None:
            self._swap_marks(before, last, "ins", _old_view_ppr(before))

    def _swap_marks(self, before: etree._Element, last: etree._Element, kind: str,
                    ppr: etree._Element) -> None:
        """Track `before`'s mark instead of `last`'s: `last` keeps the properties the other
        view needs, with the ones its own view needs recorded as the change."""
        self.set_mark(before, kind)
        own = _old_view_ppr(last) if kind == "del" else _new_view_ppr(last)
        self.set_mark(last, None)
        if kind == "del":
            _replace_base_ppr(last, ppr)
            self._record_old_properties(last, own)
        else:
            _replace_base_ppr(last, own)
            self._record_old_properties(last, ppr)

    # Post-pass -----------------------------------------------------------------------------

    def drop_unpaired_bookmarks(self, roots: list[etree._Element]) -> None:
        """Remove kept OLD bookmark starts whose end was not kept (their ids are still in
        `kept_bookmarks`; a kept end removes its start's entry)."""
        unpaired = set(self.kept_bookmarks.values())
        for root in roots:
            for mark in list(root.iter(BOOKMARK_START)):
                if mark.get(W_ID) in unpaired:
                    mark.getparent().remove(mark)


# ---------------------------------------------------------------------------------------------
# Helpers for the redliner


def _revision_date(when: datetime) -> str:
    """Return a w:date value (UTC, to the second); a naive datetime is taken as UTC."""
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _table_items(table: etree._Element) -> list[etree._Element]:
    """Return a table's rows (and any other content after its properties and grid)."""
    return [c for c in table if isinstance(c.tag, str) and c.tag not in (TBLPR, TBLGRID)]


def _cells(row: etree._Element) -> list[etree._Element]:
    """Return a row's cells."""
    return row.findall(TC)


def _cell_blocks(container: etree._Element) -> list[etree._Element]:
    """Return the blocks of a cell, body or header: everything but properties."""
    return [c for c in container
            if isinstance(c.tag, str) and c.tag not in (TCPR, SECTPR)]


def _trace(best: list[list[float]], sims: list[list[float]]) -> list[tuple[int, int]]:
    """Return the pairs chosen by the pairing programme's score table."""
    pairs, i, j = [], 0, 0
    m, n = len(sims), len(sims[0])
    while i < m and j < n:
        if sims[i][j] and best[i][j] == best[i + 1][j + 1] + sims[i][j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _links_for_deletions(out: list[_Out]) -> list[_Out]:
    """Return the pieces with deleted ones inside a hyperlink (both neighbours in the same
    link) put in that link, so that a change inside a link does not split it."""
    k = 0
    while k < len(out):
        if out[k].status != "del":
            k += 1
            continue
        end = k
        while end < len(out) and out[end].status == "del":
            end += 1
        before = out[k - 1].link if k > 0 else None
        after = out[end].link if end < len(out) else None
        if before is not None and before is after:
            for item in out[k:end]:
                item.link = before
        k = end
    return out


def _deletable(piece: _Piece) -> bool:
    """Return whether a piece of OLD's can be copied into NEW as deleted content: not a marker,
    and nothing that refers to OLD's relationships (images, notes, ...)."""
    if piece.marker or piece.child.tag in NOT_IN_DELETIONS:
        return False
    return not any(name.startswith(f"{{{R_NS}}}")
                   for element in piece.child.iter() for name in element.attrib)


def _same_run(previous: _Out | None, item: _Out) -> bool:
    """Return whether a piece can go into the same run as the previous one."""
    if previous is None or item.piece.child.tag in ISOLATED_PIECES \
            or previous.piece.child.tag in ISOLATED_PIECES:
        return False
    if _change_key(previous) != _change_key(item):
        return False
    return previous.piece.rpr is item.piece.rpr or \
        _props_sig(previous.piece.rpr) == _props_sig(item.piece.rpr)


def _change_key(item: _Out) -> tuple | None:
    """Return what OLD formatting a piece records (None: no formatting change)."""
    return None if item.old_rpr is None else _props_sig(item.old_rpr)


def _add_piece(run: etree._Element, piece: _Piece, deleted: bool) -> None:
    """Append a piece's content to a run (a word joins the run's last text element)."""
    text_tag = DELTEXT if deleted else T
    if piece.text is not None:
        last = run[-1] if len(run) else None
        if last is not None and last.tag == text_tag:
            last.text += piece.text
        else:
            element = etree.SubElement(run, text_tag)
            element.set(XML_SPACE, "preserve")
            element.text = piece.text
        return
    child = copy.deepcopy(piece.child)
    if deleted:
        for element in child.iter(T, INSTR):
            element.tag = DELTEXT if element.tag == T else DELINSTR
    run.append(child)


def _new_view_ppr(paragraph: etree._Element) -> etree._Element:
    """Return a copy of a paragraph's base properties as they are after accepting changes."""
    ppr = _el(PPR)
    for child in paragraph.find(PPR) if paragraph.find(PPR) is not None else []:
        if isinstance(child.tag, str) and child.tag not in PPR_TAIL:
            ppr.append(copy.deepcopy(child))
    return ppr


def _old_view_ppr(paragraph: etree._Element) -> etree._Element:
    """Return a copy of a paragraph's base properties as they are after rejecting changes."""
    props = paragraph.find(PPR)
    change = props.find(PPRCHANGE) if props is not None else None
    if change is not None and change.find(PPR) is not None:
        return copy.deepcopy(change.find(PPR))
    return _new_view_ppr(paragraph)


def _replace_base_ppr(paragraph: etree._Element, base: etree._Element) -> None:
    """Give a paragraph other base properties, keeping its mark formatting and section."""
    ppr = _ensure_ppr(paragraph)
    for child in list(ppr):
        if child.tag not in PPR_TAIL or child.tag == PPRCHANGE:
            ppr.remove(child)
    for index, child in enumerate(c for c in base if isinstance(c.tag, str)):
        ppr.insert(index, copy.deepcopy(child))


def _prepend_runs(target: etree._Element, source: etree._Element) -> None:
    """Move a paragraph's content (not its properties) to the start of another paragraph."""
    ppr = target.find(PPR)
    position = 1 if ppr is not None else 0
    for child in [c for c in source if c.tag != PPR]:
        target.insert(position, child)
        position += 1


# ---------------------------------------------------------------------------------------------
# Entry point


def make_redline(old: bytes, new: bytes, author: str, when: datetime) -> bytes:
    """Return a .docx: NEW with every difference from OLD as tracked changes by `author` at
    `when`. Raise DocxUnreadable (a plain-English message) if either file is not a readable
    .docx or already contains tracked changes."""
    before, after = _read_package(old, "OLD"), _read_package(new, "NEW")
    stories = _paired_stories(before, after)
    redliner = _Redliner(_clean_author(author), when, _highest_id(after.parts) + 1,
                         _bookmark_names([after.document, *(s[1] for s in stories.values())]))
    _redline_body(redliner, before.document.find(BODY), after.document.find(BODY))
    for old_root, new_root in stories.values():
        merged = redliner.container(_cell_blocks(old_root), _cell_blocks(new_root))
        for child in list(new_root):
            new_root.remove(child)
        new_root.extend(merged)
    redliner.drop_unpaired_bookmarks([after.document, *(s[1] for s in stories.values())])
    parts = dict(after.parts)
    parts[after.main] = _serialise(after.document)
    for name, (_, new_root) in stories.items():
        parts[name] = _serialise(new_root)
    return _zip(parts)


def _paired_stories(before: _Package, after: _Package
                    ) -> dict[str, tuple[etree._Element, etree._Element]]:
    """Return {NEW part name: (OLD root, NEW root)} for headers and footers in both drafts."""
    olds, news = _header_footer_parts(before), _header_footer_parts(after)
    stories = {}
    for slot, name in sorted(news.items()):
        if slot in olds and name not in stories:
            old_root = _parse(before.parts, olds[slot], before.label)
            new_root = _parse(after.parts, name, after.label)
            _refuse_revisions(old_root, before.label)
            _refuse_revisions(new_root, after.label)
            stories[name] = (old_root, new_root)
    return stories


def _redline_body(redliner: _Redliner, old_body: etree._Element,
                  new_body: etree._Element) -> None:
    """Replace NEW's body content by the merged blocks, keeping its w:sectPr last."""
    sect = new_body.find(SECTPR)
    merged = redliner.container(_cell_blocks(old_body), _cell_blocks(new_body))
    for child in list(new_body):
        new_body.remove(child)
    new_body.extend(merged)
    if sect is not None:
        new_body.append(sect)


def _clean_author(author: str) -> str:
    """Return the author name without characters XML cannot hold."""
    cleaned = "".join(c for c in author if c in "\t\n\r" or ord(c) >= 0x20)
    return cleaned.strip() or "s75"


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
