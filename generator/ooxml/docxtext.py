"""Read any .docx as Word shows it: one paragraph per line, led by its computed number.

Word stores list numbers as rules, not text: a paragraph says which list (numId) and level
(ilvl) it belongs to, directly or through its style, and word/numbering.xml says how each level
counts and prints. This module runs those rules over the body in document order, so a draft
edited in Word shows its live numbers. Fields show their results, never their instructions, and
tracked changes are read as if all were accepted.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

from generator.errors import DocxUnreadable

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
BULLET = "\u2022"
MAX_LEVELS = 9
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, zlib.error,
              NotImplementedError, RuntimeError, ValueError)


def w(tag: str) -> str:
    """Return the Clark name of a WordprocessingML tag or attribute."""
    return f"{{{W_NS}}}{tag}"




@dataclass
class DocParagraph:
    """One line of the text: a body paragraph, or one table row with its cells joined by " | "."""

    number: str
    text: str
    style: str
    level: int | None = None
    bookmarks: list[str] = field(default_factory=list)
    in_table: bool = False

    def line(self) -> str:
        """Return the line printed: the number, a space and the text (either may be empty)."""
        return " ".join(part for part in (self.number, self.text) if part)


def read_paragraphs(data: bytes) -> list[DocParagraph]:
    """Return the body's paragraphs and table rows in document order, numbered as Word shows them.

    Paragraphs with neither text nor a number are left out. Raises DocxUnreadable for a file
    that is not a readable Word document.
    """
    document, styles_xml, numbering_xml = _open_package(data)
    styles = _Styles(styles_xml)
    numbering = _Numbering(numbering_xml, styles)
    body = document.find(w("body"))
    if body is None:
        return []
    return _BodyReader(styles, numbering).read(body)


def format_docx_text(data: bytes) -> str:
    """Return the document as stable text: one line per paragraph or table row, newline-ended.

    Each line is "{number} {text}", or just the text when the paragraph is not numbered. The text
    is empty when the body has nothing to show. Raises DocxUnreadable for an unreadable file.
    """
    lines = [paragraph.line() for paragraph in read_paragraphs(data)]
    return "".join(line + "\n" for line in lines)


# --- the package -------------------------------------------------------------------------------


def _open_package(data: bytes) -> tuple[etree._Element, etree._Element | None,
                                         etree._Element | None]:
    """Return the parsed main document, styles and numbering parts (the last two may be None)."""
    if not data:
        raise DocxUnreadable("the file is empty, so it is not a Word document")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS:
        raise DocxUnreadable(
            "not a Word .docx document (it is not a zip package); an old .doc file or a "
            "password-protected document must be saved from Word as an unprotected .docx first"
        ) from None
    with archive:
        names = {name.lower(): name for name in archive.namelist()}
        main = _main_part_name(archive, names)
        raw = _read_part(archive, names, main)
        if raw is None:
            raise DocxUnreadable(f"not a Word document: the package has no {main} part")
        document = _parse_part(raw, main)
        if document.tag != w("document"):
            raise DocxUnreadable("not a Word document: its main part is not a word-processing "
                                 "document (is it a spreadsheet or a presentation?)")
        related = _related_parts(archive, names, main)
        styles = _optional_part(archive, names, related.get("styles", "word/styles.xml"))
        numbering = _optional_part(archive, names, related.get("numbering", "word/numbering.xml"))
    return document, styles, numbering


def _read_part(archive: zipfile.ZipFile, names: dict[str, str], name: str) -> bytes | None:
    """Return the bytes of a part (part names ignore case), or None when there is no such part."""
    actual = names.get(name.lower())
    if actual is None:
        return None
    try:
        return archive.read(actual)
    except ZIP_ERRORS:
        raise DocxUnreadable(f"the file is damaged: its {name} part cannot be unpacked") from None


def _parse_part(raw: bytes, name: str) -> etree._Element:
    """Return the root element of an XML part; Strict Open XML is read as Transitional."""
    raw = raw.replace(STRICT_W_NS.encode(), W_NS.encode())
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True,
                             remove_pis=True)
    try:
        root = etree.fromstring(raw, parser)
    except (etree.XMLSyntaxError, ValueError):
        message = f"the file is damaged: its {name} part is not well-formed XML"
        raise DocxUnreadable(message) from None
    if root is None:
        raise DocxUnreadable(f"the file is damaged: its {name} part is empty")
    return root


def _optional_part(archive: zipfile.ZipFile, names: dict[str, str],
                   name: str) -> etree._Element | None:
    """Return the parsed part, or None when the package does not have it."""
    raw = _read_part(archive, names, name)
    return None if raw is None else _parse_part(raw, name)


def _relationships(archive: zipfile.ZipFile, names: dict[str, str],
                   source: str) -> list[tuple[str, str]]:
    """Return (type, part name) for each internal relationship of a part ("" for the package)."""
    folder, base = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    raw = _read_part(archive, names, rels_name)
    if raw is None:
        return []
    found = []
    for rel in _parse_part(raw, rels_name).iter(f"{{{RELS_NS}}}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
        found.append((rel.get("Type", ""), posixpath.normpath(path)))
    return found


def _main_part_name(archive: zipfile.ZipFile, names: dict[str, str]) -> str:
    """Return the name of the main document part, as the package relationships give it."""
    for kind, name in _relationships(archive, names, ""):
        if kind.endswith("/officeDocument"):
            return name
    return "word/document.xml"


def _related_parts(archive: zipfile.ZipFile, names: dict[str, str], main: str) -> dict[str, str]:
    """Return the styles and numbering part names the main document's relationships give."""
    related = {}
    for kind, name in _relationships(archive, names, main):
        short = kind.rsplit("/", 1)[-1]
        if short in ("styles", "numbering"):
            related.setdefault(short, name)
    return related


# --- small readers ----------------------------------------------------------------------------


def _val(element: etree._Element | None) -> str | None:
    """Return an element's w:val, or None when the element is missing."""
    return None if element is None else element.get(w("val"))


def _int(text: str | None) -> int | None:
    """Return text as an integer, or None when it is missing or not a whole number."""
    try:
        return None if text is None else int(text)
    except ValueError:
        return None


def _toggle(element: etree._Element | None) -> bool | None:
    """Return a toggle property's value (on unless w:val says off), or None when it is not set."""
    if element is None:
        return None
    return element.get(w("val"), "true").lower() not in ("0", "false", "off")


# --- styles -----------------------------------------------------------------------------------

BUILT_IN_NAMES = {"caption": "Caption", "header": "Header", "footer": "Footer", "title": "Title",
                  "normal": "Normal", "toc heading": "TOC Heading"}


@dataclass
class _Style:
    """What this module needs of one style: its name, parent, numbering and hidden setting."""

    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    hidden: bool | None


def _style_name(raw: str) -> str:
    """Return a style name as Word's interface shows it ("heading 1" is shown "Heading 1")."""
    lower = raw.lower()
    if lower in BUILT_IN_NAMES:
        return BUILT_IN_NAMES[lower]
    match = re.fullmatch(r"(heading|toc) ([1-9])", lower)
    if match:
        return ("Heading " if match.group(1) == "heading" else "TOC ") + match.group(2)
    return raw


def _read_style(element: etree._Element) -> _Style:
    """Return the parts of a w:style element this module uses."""
    style_id = element.get(w("styleId"), "")
    numpr = element.find(f"{w('pPr')}/{w('numPr')}")
    num_id = ilvl = None
    if numpr is not None:
        num_id = _val(numpr.find(w("numId")))
        ilvl = _int(_val(numpr.find(w("ilvl"))))
    return _Style(name=_style_name(_val(element.find(w("name"))) or style_id),
                  based_on=_val(element.find(w("basedOn"))), num_id=num_id, ilvl=ilvl,
                  hidden=_toggle(element.find(f"{w('rPr')}/{w('vanish')}")))


class _Styles:
    """The document's styles, with inheritance through w:basedOn."""

    def __init__(self, root: etree._Element | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        for element in [] if root is None else root.iter(w("style")):
            style_id = element.get(w("styleId"))
            if style_id is None:
                continue
            self.styles[style_id] = _read_style(element)
            is_default = element.get(w("default")) in ("1", "true", "on")
            if element.get(w("type")) == "paragraph" and is_default:
                self.default_paragraph = style_id

    def chain(self, style_id: str | None) -> list[_Style]:
        """Return the style and its ancestors, nearest first (a loop in w:basedOn is cut)."""
        found: list[_Style] = []
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


# --- numbering --------------------------------------------------------------------------------


@dataclass
class _Level:
    """One level of a list: how it starts, counts, restarts and prints."""

    start: int
    fmt: str
    text: str
    restart: int | None
    legal: bool
    style: str | None


@dataclass
class _Num:
    """A w:num: the abstract list it uses and its per-level overrides."""

    abstract: str
    starts: dict[int, int]
    levels: dict[int, _Level]


def _read_level(element: etree._Element) -> _Level:
    """Return a w:lvl as a _Level (defaults as the standard gives them)."""
    text_el = element.find(w("lvlText"))
    text = "" if text_el is None or _toggle(text_el.find(w("null"))) else (
        text_el.get(w("val")) or "")
    return _Level(start=_int(_val(element.find(w("start")))) or 0,
                  fmt=_val(element.find(w("numFmt"))) or "decimal", text=text,
                  restart=_int(_val(element.find(w("lvlRestart")))),
                  legal=bool(_toggle(element.find(w("isLgl")))),
                  style=_val(element.find(w("pStyle"))))


def _read_levels(element: etree._Element) -> dict[int, _Level]:
    """Return the levels an abstract list defines, by level index."""
    levels = {}
    for lvl in element.findall(w("lvl")):
        index = _int(lvl.get(w("ilvl")))
        if index is not None and 0 <= index < MAX_LEVELS:
            levels[index] = _read_level(lvl)
    return levels


def _read_num(element: etree._Element) -> _Num:
    """Return a w:num with its start overrides and level overrides."""
    num = _Num(abstract=_val(element.find(w("abstractNumId"))) or "", starts={}, levels={})
    for override in element.findall(w("lvlOverride")):
        index = _int(override.get(w("ilvl")))
        if index is None or not 0 <= index < MAX_LEVELS:
            continue
        start = _int(_val(override.find(w("startOverride"))))
        if start is not None:
            num.starts[index] = start
        lvl = override.find(w("lvl"))
        if lvl is not None:
            num.levels[index] = _read_level(lvl)
    return num


class _Numbering:
    """The document's lists, and the counters Word keeps while it numbers the body."""

    def __init__(self, root: etree._Element | None, styles: _Styles) -> None:
        self.styles = styles
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.style_links: dict[str, str] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        for element in [] if root is None else root.findall(w("abstractNum")):
            abstract_id = element.get(w("abstractNumId"), "")
            self.abstracts[abstract_id] = _read_levels(element)
            link = _val(element.find(w("numStyleLink")))
            if link:
                self.style_links[abstract_id] = link
        for element in [] if root is None else root.findall(w("num")):
            self.nums[element.get(w("numId"), "")] = _read_num(element)

    def abstract_of(self, num_id: str) -> str | None:
        """Return the abstract list a num uses, following w:numStyleLink to the list style."""
        num = self.nums.get(num_id)
        abstract = None if num is None else num.abstract
        for _ in range(MAX_LEVELS):
            link = self.style_links.get(abstract or "")
            if link is None:
                break
            linked_num, _ilvl = self.styles.numbering(link)
            target = self.nums.get(linked_num or "")
            if target is None:
                break
            abstract = target.abstract
        return abstract if abstract in self.abstracts else None

    def levels_of(self, num_id: str) -> dict[int, _Level]:
        """Return a num's levels: its abstract list's, with the num's level overrides."""
        abstract = self.abstract_of(num_id)
        levels = dict(self.abstracts.get(abstract or "", {}))
        num = self.nums.get(num_id)
        if num is not None:
            levels.update(num.levels)
        return levels

    def level_for_style(self, num_id: str, style_id: str | None) -> int | None:
        """Return the level a list links to a paragraph style by w:lvl/w:pStyle, if any."""
        for index, level in sorted(self.levels_of(num_id).items()):
            if style_id is not None and level.style == style_id:
                return index
        return None

    def _counter_set(self, num_id: str, abstract: str) -> list[int | None]:
        """Return the counters a num advances: its own if it restarts numbering, else shared."""
        num = self.nums[num_id]
        key = f"num:{num_id}" if num.starts else f"abstract:{abstract}"
        return self.counters.setdefault(key, [None] * MAX_LEVELS)

    def advance(self, num_id: str, ilvl: int) -> str | None:
        """Count one paragraph at this list and level; return its label, None when unnumbered.

        A higher level not yet used counts as used at its start value, as in Word (so a level-2
        paragraph before the first level-1 paragraph makes that one number 2).
        """
        abstract = self.abstract_of(num_id)
        levels = self.levels_of(num_id)
        level = levels.get(ilvl)
        if abstract is None or level is None:
            return None
        starts = {index: lvl.start for index, lvl in levels.items()}
        starts.update(self.nums[num_id].starts)
        counters = self._counter_set(num_id, abstract)
        for higher in range(ilvl):
            if counters[higher] is None and higher in levels:
                counters[higher] = starts[higher]
        current = counters[ilvl]
        counters[ilvl] = starts.get(ilvl, 0) if current is None else current + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            if _restarts(levels.get(deeper), deeper, ilvl):
                counters[deeper] = None
        return _label(level, levels, counters, starts)


def _restarts(level: _Level | None, index: int, used: int) -> bool:
    """Return whether the level at `index` restarts when a paragraph at level `used` is counted.

    w:lvlRestart is one-based: 0 means never; n restarts after any level up to n is used; a
    missing (or meaningless) value restarts after any higher level.
    """
    restart = None if level is None else level.restart
    if restart is None or restart < 0 or restart > index:
        return used < index
    return used < restart


def _label(level: _Level, levels: dict[int, _Level], counters: list[int | None],
           starts: dict[int, int]) -> str:
    """Return the level's text with each %n replaced by level n's count in its format."""
    if level.fmt == "bullet":
        return BULLET

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        shown = levels.get(index)
        if shown is None:
            return ""
        count = counters[index]
        count = starts.get(index, 0) if count is None else count
        fmt = "decimal" if level.legal and shown.fmt not in ("none", "bullet") else shown.fmt
        return format_number(count, fmt)

    return re.sub(r"%([1-9])", value, level.text).strip()


# --- number formats ---------------------------------------------------------------------------

ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
         (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
CHICAGO = "*\u2020\u2021\u00a7"


def _letters(n: int) -> str:
    """Return a, b, ... z, aa, bb, ... for 1, 2, ... as Word counts letters."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    """Return n in lower-case Roman numerals."""
    out = []
    for amount, numeral in ROMAN:
        count, n = divmod(n, amount)
        out.append(numeral * count)
    return "".join(out)


def _ordinal(n: int) -> str:
    """Return 1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, ... 21st."""
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_number(n: int, fmt: str) -> str:
    """Return the count n as a list level of format `fmt` prints it.

    Formats not handled here (cardinal and ordinal text, and non-Latin scripts) print as
    decimal numbers; "none" prints nothing and "bullet" prints a bullet.
    """
    if fmt == "none":
        return ""
    if fmt == "bullet":
        return BULLET
    if n <= 0 and fmt in ("lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "chicago"):
        return str(n)
    simple = {
        "lowerLetter": _letters, "upperLetter": lambda k: _letters(k).upper(),
        "lowerRoman": _roman, "upperRoman": lambda k: _roman(k).upper(), "ordinal": _ordinal,
        "decimalZero": lambda k: f"{k:02d}", "decimalEnclosedParen": lambda k: f"({k})",
        "decimalEnclosedFullstop": lambda k: f"{k}.",
        "chicago": lambda k: CHICAGO[(k - 1) % 4] * ((k - 1) // 4 + 1),
        "decimalEnclosedCircle": lambda k: chr(0x2460 + k - 1) if 1 <= k <= 20 else str(k),
    }
    return simple[fmt](n) if fmt in simple else str(n)


# --- the body ---------------------------------------------------------------------------------

PASS_THROUGH = {w(tag) for tag in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "dir",
                                   "bdo", "fldSimple")}
BLOCKS = {w("p"), w("tbl"), w("bookmarkStart")}
SPACES = {w(tag) for tag in ("tab", "ptab", "br", "cr")}
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
SYMBOL_FONT = {0xB7: BULLET, 0xA7: "\u2663", 0xD3: "\u00a9", 0xD2: "\u00ae", 0xB0: "\u00b0",
               0xB4: "\u00d7", 0xAE: "\u2192", 0xAC: "\u2190", 0xA3: "\u2264", 0xB3: "\u2265"}


def normalise(text: str) -> str:
    """Return text with invisible characters removed and each run of white space (including
    non-breaking spaces) made one space, trimmed at both ends."""
    return " ".join(text.translate(INVISIBLE).split())


def _symbol(element: etree._Element) -> str:
    """Return a best-effort character for a w:sym (symbol-font codes are mapped where known)."""
    code = _int_hex(element.get(w("char")))
    if code is None:
        return ""
    if code >= 0xF000:
        code -= 0xF000
    if (element.get(w("font")) or "").lower() == "symbol" and code in SYMBOL_FONT:
        return SYMBOL_FONT[code]
    return chr(code) if code >= 0x20 else ""


def _int_hex(text: str | None) -> int | None:
    """Return a hexadecimal attribute as an integer, or None when it is missing or bad."""
    try:
        return None if text is None else int(text, 16)
    except ValueError:
        return None


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


@dataclass
class _Raw:
    """A paragraph as read, before it is numbered."""

    parts: list[str]
    bookmarks: list[str]
    ppr: etree._Element | None
    style_id: str | None
    mark_deleted: bool
    mark_hidden: bool


class _BodyReader:
    """Walks the body in document order, keeping field state and list counters as Word does."""

    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.fields: list[bool] = []
        self.pending: list[str] = []

    def read(self, body: etree._Element) -> list[DocParagraph]:
        """Return the body's lines: paragraphs and table rows, in order."""
        return self._blocks(body, in_table=False)

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
                raw.parts[:0], raw.bookmarks[:0] = carry.parts, carry.bookmarks
                carry = None
            if raw.mark_deleted:
                carry = raw
                continue
            out += self._finish(raw, in_table)
        return out + (self._finish(carry, in_table) if carry else [])

    def _paragraph(self, p: etree._Element) -> _Raw:
        """Read a paragraph's visible text and bookmarks, and how its mark is changed."""
        ppr = p.find(w("pPr"))
        style_id = self.styles.paragraph_style(_val(None if ppr is None else ppr.find(w("pStyle"))))
        mark = None if ppr is None else ppr.find(w("rPr"))
        raw = _Raw(parts=[], bookmarks=[], ppr=ppr, style_id=style_id,
                   mark_deleted=mark is not None and (mark.find(w("del")) is not None
                                                      or mark.find(w("moveFrom")) is not None),
                   mark_hidden=self._hidden(mark, self.styles.hidden(style_id)))
        self._inline(p, raw, self.styles.hidden(style_id))
        return raw

    def _inline(self, container: etree._Element, raw: _Raw, hidden: bool) -> None:
        """Collect the visible text of a paragraph's content, descending through wrappers."""
        for child in container:
            tag = child.tag
            if tag == w("r"):
                self._run(child, raw.parts, hidden)
            elif tag in PASS_THROUGH:
                self._inline(child, raw, hidden)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._inline(content, raw, hidden)
            elif tag == w("bookmarkStart"):
                raw.bookmarks.append(child.get(w("name"), ""))
            elif tag in (f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara") and self._showing():
                raw.parts.append("".join(t.text or "" for t in child.iter(f"{{{M_NS}}}t")))

    def _run(self, run: etree._Element, parts: list[str], paragraph_hidden: bool) -> None:
        """Collect a run's visible text, following the field characters it holds."""
        rpr = run.find(w("rPr"))
        style_hidden = self.styles.hidden(_val(None if rpr is None else rpr.find(w("rStyle"))))
        hidden = self._hidden(rpr, style_hidden or paragraph_hidden)
        for child in run:
            tag = child.tag
            if tag == w("fldChar"):
                self._field_char(child.get(w("fldCharType")))
            elif hidden or not self._showing():
                continue
            elif tag == w("t"):
                parts.append(child.text or "")
            elif tag in SPACES:
                parts.append(" ")
            elif tag == w("noBreakHyphen"):
                parts.append("-")
            elif tag == w("sym"):
                parts.append(_symbol(child))

    @staticmethod
    def _hidden(rpr: etree._Element | None, inherited: bool) -> bool:
        """Return whether run properties hide text (w:vanish), else the inherited setting."""
        for tag in ("vanish", "specVanish"):
            own = _toggle(None if rpr is None else rpr.find(w(tag)))
            if own is not None:
                return own
        return inherited

    def _field_char(self, kind: str | None) -> None:
        """Track complex fields: text shows only in the result part of every open field."""
        if kind == "begin":
            self.fields.append(False)
        elif kind == "separate" and self.fields:
            self.fields[-1] = True
        elif kind == "end" and self.fields:
            self.fields.pop()

    def _showing(self) -> bool:
        """Return whether text here is shown (outside any field instruction)."""
        return all(self.fields)

    def _finish(self, raw: _Raw, in_table: bool) -> list[DocParagraph]:
        """Number a paragraph as Word would; return its line, or nothing when there is none."""
        number, level = ("", None) if raw.mark_deleted else self._number(raw)
        number = "" if raw.mark_hidden else number
        text = normalise("".join(raw.parts))
        bookmarks = [name for name in self.pending + raw.bookmarks if name]
        self.pending = []
        if not text and not number:
            self.pending = bookmarks
            return []
        return [DocParagraph(number=number, text=text, style=self.styles.name(raw.style_id),
                             level=level, bookmarks=bookmarks, in_table=in_table)]

    def _number(self, raw: _Raw) -> tuple[str, int | None]:
        """Return a paragraph's list label and level, advancing the list counters."""
        numpr = None if raw.ppr is None else raw.ppr.find(w("numPr"))
        num_id = _val(None if numpr is None else numpr.find(w("numId")))
        ilvl = _int(_val(None if numpr is None else numpr.find(w("ilvl"))))
        style_num, style_ilvl = self.styles.numbering(raw.style_id)
        num_id = style_num if num_id is None else num_id
        if num_id is None or num_id == "0" or num_id not in self.numbering.nums:
            return "", None
        if ilvl is None:
            ilvl = style_ilvl
        if ilvl is None:
            ilvl = self.numbering.level_for_style(num_id, raw.style_id) or 0
        label = self.numbering.advance(num_id, ilvl)
        return ("", None) if label is None else (label, ilvl)

    def _table(self, tbl: etree._Element) -> list[DocParagraph]:
        """Return one line per table row, its cells' text joined by " | "."""
        props = tbl.find(w("tblPr"))
        style = self.styles.name(_val(None if props is None else props.find(w("tblStyle"))))
        rows = []
        for tr in _children(tbl, {w("tr")}):
            if tr.find(f"{w('trPr')}/{w('del')}") is not None:
                continue
            cells, bookmarks = [], []
            for tc in _children(tr, {w("tc")}):
                lines = self._blocks(tc, in_table=True)
                cells.append(" ".join(line.line() for line in lines))
                bookmarks += [name for line in lines for name in line.bookmarks]
            if any(cells):
                rows.append(DocParagraph(number="", text=normalise(" | ".join(cells)), style=style,
                                         bookmarks=bookmarks, in_table=True))
        return rows
