"""Read any .docx as Word shows it: one paragraph per line, led by its computed number.

Word stores list numbers as rules, not text (see `numbering`); this module runs those rules over
the body in document order, so a draft edited in Word shows its live numbers. Fields show their
results, never their instructions, and tracked changes are read as if all were accepted. Each
paragraph also keeps its text as segments (run text with its bold setting and the field it is
the result of), for readers that need more than the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree  # type: ignore[import-untyped]

from generator.ooxml.fields import Field, FieldState
from generator.ooxml.ns import m, w
from generator.ooxml.numbering import BULLET, Numbering
from generator.ooxml.package import Package, read_package
from generator.ooxml.styles import Styles
from generator.ooxml.values import hexadecimal, toggle, val

PASS_THROUGH = {w(tag) for tag in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "dir",
                                   "bdo")}
BLOCKS = {w("p"), w("tbl"), w("bookmarkStart")}
SPACES = {w(tag) for tag in ("tab", "ptab", "br", "cr")}
MATH = {m("oMath"), m("oMathPara")}
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
SYMBOL_FONT = {0xB7: BULLET, 0xA7: "\u2663", 0xD3: "\u00a9", 0xD2: "\u00ae", 0xB0: "\u00b0",
               0xB4: "\u00d7", 0xAE: "\u2192", 0xAC: "\u2190", 0xA3: "\u2264", 0xB3: "\u2265"}


@dataclass(frozen=True)
class Segment:
    """A piece of a paragraph's visible text: bold when its run is bold itself (not through a
    style), and the field it is the result of, if any. Each shown field's result starts with an
    empty segment, so a field whose result is empty still has one."""

    text: str
    bold: bool = False
    field: Field | None = None


@dataclass
class DocParagraph:
    """One line of the text: a body paragraph, or one table row with its cells joined by " | "."""

    number: str
    text: str
    style: str
    level: int | None = None
    bookmarks: list[str] = field(default_factory=list)
    in_table: bool = False
    segments: list[Segment] = field(default_factory=list)  # paragraphs only
    cells: list[str] = field(default_factory=list)  # table rows only: each cell's text
    row: int | None = None  # table rows only: the row's index within its table
    comments: list[str] = field(default_factory=list)  # ids of the comments referenced here

    def line(self) -> str:
        """Return the line printed: the number, a space and the text (either may be empty)."""
        return " ".join(part for part in (self.number, self.text) if part)


def read_paragraphs(data: bytes) -> list[DocParagraph]:
    """Return the body's paragraphs and table rows in document order, numbered as Word shows them.

    Paragraphs with neither text nor a number are left out. Raises DocxUnreadable for a file
    that is not a readable Word document.
    """
    return DocumentText(read_package(data)).body()


def format_docx_text(data: bytes) -> str:
    """Return the document as stable text: one line per paragraph or table row, newline-ended.

    Each line is "{number} {text}", or just the text when the paragraph is not numbered. The text
    is empty when the body has nothing to show. Raises DocxUnreadable for an unreadable file.
    """
    text = DocumentText(read_package(data))
    comments = text.comments()
    lines = []
    for paragraph in text.body():
        lines.append(paragraph.line())
        lines += [comments[i].line() for i in paragraph.comments if i in comments]
    return "".join(line + "\n" for line in lines)


@dataclass(frozen=True)
class Comment:
    """A Word comment: its author and its text (paragraphs joined by a space)."""

    author: str
    text: str

    def line(self) -> str:
        """Return the line textconv prints for the comment, after the paragraph it marks."""
        return f"Comment ({self.author}): {self.text}" if self.author else f"Comment: {self.text}"


def normalise(text: str) -> str:
    """Return text with invisible characters removed and each run of white space (including
    non-breaking spaces) made one space, trimmed at both ends."""
    return " ".join(text.translate(INVISIBLE).split())


class DocumentText:
    """A package's main document with the styles and numbering it uses, read as lines."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.document = package.main_document()
        self.styles = Styles(package.optional_xml(
            package.related(package.main, "styles") or "word/styles.xml"))
        self.numbering_root = package.optional_xml(
            package.related(package.main, "numbering") or "word/numbering.xml")

    def body(self) -> list[DocParagraph]:
        """Return the body's lines in document order (none when there is no body)."""
        body = self.document.find(w("body"))
        return [] if body is None else self._reader().read(body)

    def comments(self) -> dict[str, Comment]:
        """Return the document's comments by id (none when it has no comments part)."""
        name = self.package.related(self.package.main, "comments")
        root = None if name is None else self.package.optional_xml(name)
        if root is None:
            return {}
        return {c.get(w("id"), ""): Comment(c.get(w("author"), ""),
                                            normalise(" ".join("".join(t.text or "" for t in
                                                                       p.iter(w("t")))
                                                               for p in c.iter(w("p")))))
                for c in root.iter(w("comment"))}

    def headers_and_footers(self) -> list[DocParagraph]:
        """Return the lines of every header and footer part the main document relates to."""
        lines = []
        for relationship in self.package.relationships(self.package.main):
            if relationship.kind in ("header", "footer"):
                root = self.package.optional_xml(relationship.target)
                lines += [] if root is None else self._reader().read(root)
        return lines

    def _reader(self) -> _BodyReader:
        """Return a reader with fresh list counters and field state."""
        return _BodyReader(self.styles, Numbering(self.numbering_root, self.styles))


def _symbol(element: etree._Element) -> str:
    """Return a best-effort character for a w:sym (symbol-font codes are mapped where known)."""
    code = hexadecimal(element.get(w("char")))
    if code is None:
        return ""
    if code >= 0xF000:
        code -= 0xF000
    if (element.get(w("font")) or "").lower() == "symbol" and code in SYMBOL_FONT:
        return SYMBOL_FONT[code]
    return chr(code) if code >= 0x20 else ""


def _children(container: etree._Element, wanted: set[str]) -> list[etree._Element]:
    """Return the children of a container with the wanted tags, looking through content
    controls and custom XML (so a paragraph, table, row or cell wrapped in either is found)."""
    found = []
    for child in container:
        if child.tag in wanted:
            found.append(child)
        elif child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            found += [] if content is None else _children(content, wanted)
        elif child.tag == w("customXml"):
            found += _children(child, wanted)
    return found


def _hidden(rpr: etree._Element | None, inherited: bool) -> bool:
    """Return whether run properties hide text (w:vanish), else the inherited setting."""
    for tag in ("vanish", "specVanish"):
        own = toggle(None if rpr is None else rpr.find(w(tag)))
        if own is not None:
            return own
    return inherited


def _bold(rpr: etree._Element | None) -> bool:
    """Return whether run properties make the run bold themselves (w:b)."""
    return bool(toggle(None if rpr is None else rpr.find(w("b"))))


@dataclass
class _Raw:
    """A paragraph as read, before it is numbered."""

    segments: list[Segment]
    bookmarks: list[str]
    ppr: etree._Element | None
    style_id: str | None
    mark_deleted: bool
    mark_hidden: bool


class _BodyReader:
    """Walks a story in document order, keeping field state and list counters as Word does."""

    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.fields = FieldState()
        self.pending: list[str] = []
        self.comment_ids: list[str] = []  # comment references met since the last line

    def read(self, story: etree._Element) -> list[DocParagraph]:
        """Return a story's lines (a body, header or footer): paragraphs and table rows."""
        return self._blocks(story, in_table=False)

    def _blocks(self, container: etree._Element, in_table: bool) -> list[DocParagraph]:
        """Return the lines of a body or cell, merging paragraphs whose mark was deleted."""
        out: list[DocParagraph] = []
        carry: _Raw | None = None
        for child in _children(container, BLOCKS):
            if child.tag == w("bookmarkStart"):
                self.pending.append(child.get(w("name"), ""))
                continue
            if child.tag == w("tbl"):
                out += self._finish(carry, in_table) if carry else []
                carry = None
                out += self._table(child)
                continue
            raw = self._paragraph(child)
            if carry is not None:
                raw.segments[:0], raw.bookmarks[:0] = carry.segments, carry.bookmarks
                carry = None
            if raw.mark_deleted:
                carry = raw
                continue
            out += self._finish(raw, in_table)
        return out + (self._finish(carry, in_table) if carry else [])

    def _paragraph(self, p: etree._Element) -> _Raw:
        """Read a paragraph's visible text and bookmarks, and how its mark is changed."""
        ppr = p.find(w("pPr"))
        style_id = self.styles.paragraph_style(val(None if ppr is None else ppr.find(w("pStyle"))))
        mark = None if ppr is None else ppr.find(w("rPr"))
        raw = _Raw(segments=[], bookmarks=[], ppr=ppr, style_id=style_id,
                   mark_deleted=mark is not None and (mark.find(w("del")) is not None
                                                      or mark.find(w("moveFrom")) is not None),
                   mark_hidden=_hidden(mark, self.styles.hidden(style_id)))
        self._inline(p, raw, self.styles.hidden(style_id))
        return raw

    def _inline(self, container: etree._Element, raw: _Raw, hidden: bool) -> None:
        """Collect the visible text of a paragraph's content, descending through wrappers."""
        for child in container:
            tag = child.tag
            if tag == w("r"):
                self._run(child, raw.segments, hidden)
            elif tag in PASS_THROUGH:
                self._inline(child, raw, hidden)
            elif tag == w("fldSimple"):
                simple = self.fields.begin_simple(child)
                if self.fields.showing():
                    raw.segments.append(Segment("", field=simple))
                self._inline(child, raw, hidden)
                self.fields.end_simple(simple)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._inline(content, raw, hidden)
            elif tag == w("bookmarkStart"):
                raw.bookmarks.append(child.get(w("name"), ""))
            elif tag in MATH and self.fields.showing():
                text = "".join(t.text or "" for t in child.iter(m("t")))
                raw.segments.append(Segment(text, field=self.fields.current()))

    def _run(self, run: etree._Element, segments: list[Segment], paragraph_hidden: bool) -> None:
        """Collect a run's visible text, following the field characters it holds."""
        rpr = run.find(w("rPr"))
        style_hidden = self.styles.hidden(val(None if rpr is None else rpr.find(w("rStyle"))))
        hidden = _hidden(rpr, style_hidden or paragraph_hidden)
        bold = _bold(rpr)
        for child in run:
            tag = child.tag
            if tag == w("commentReference"):
                self.comment_ids.append(child.get(w("id"), ""))
            elif tag == w("fldChar"):
                self._field_char(child.get(w("fldCharType")), segments)
            elif tag == w("instrText"):
                self.fields.instruction(child.text or "")
            elif hidden or not self.fields.showing():
                continue
            else:
                text = _run_text(child)
                if text:
                    segments.append(Segment(text, bold, self.fields.current()))

    def _field_char(self, kind: str | None, segments: list[Segment]) -> None:
        """Follow a field character; where a shown field's result begins, add an empty segment
        for it, so that a field with an empty result is still seen."""
        self.fields.char(kind)
        current = self.fields.current()
        if kind == "separate" and current is not None and self.fields.showing():
            segments.append(Segment("", field=current))

    def _finish(self, raw: _Raw, in_table: bool) -> list[DocParagraph]:
        """Number a paragraph as Word would; return its line, or nothing when there is none."""
        number, level = ("", None) if raw.mark_deleted else self.numbering.number(raw.ppr,
                                                                                  raw.style_id)
        number = "" if raw.mark_hidden else number
        text = normalise("".join(segment.text for segment in raw.segments))
        bookmarks = [name for name in self.pending + raw.bookmarks if name]
        self.pending = []
        if not text and not number:
            self.pending = bookmarks
            return []
        comments, self.comment_ids = self.comment_ids, []
        return [DocParagraph(number=number, text=text, style=self.styles.name(raw.style_id),
                             level=level, bookmarks=bookmarks, in_table=in_table,
                             segments=raw.segments, comments=comments)]

    def _table(self, tbl: etree._Element) -> list[DocParagraph]:
        """Return one line per table row, its cells' text joined by " | "."""
        props = tbl.find(w("tblPr"))
        style = self.styles.name(val(None if props is None else props.find(w("tblStyle"))))
        rows: list[DocParagraph] = []
        for tr in _children(tbl, {w("tr")}):
            if tr.find(f"{w('trPr')}/{w('del')}") is not None:
                continue
            cells, bookmarks, comments = [], [], []
            for tc in _children(tr, {w("tc")}):
                lines = self._blocks(tc, in_table=True)
                cells.append(" ".join(line.line() for line in lines))
                bookmarks += [name for line in lines for name in line.bookmarks]
                comments += [ident for line in lines for ident in line.comments]
            if any(cells):
                rows.append(DocParagraph(number="", text=normalise(" | ".join(cells)), style=style,
                                         bookmarks=bookmarks, in_table=True, cells=cells,
                                         row=len(rows), comments=comments))
        return rows


def _run_text(child: etree._Element) -> str:
    """Return the text a run's child shows: its text, a space, a hyphen or a symbol."""
    tag = child.tag
    if tag == w("t"):
        return child.text or ""
    if tag in SPACES:
        return " "
    if tag == w("noBreakHyphen"):
        return "-"
    if tag == w("sym"):
        return _symbol(child)
    return ""
