"""List numbering (word/numbering.xml): how Word computes each paragraph's number.

A paragraph says which list (numId) and level (ilvl) it belongs to, directly or through its style,
and the numbering part says how each level counts and prints. `Numbering.number` counts one
paragraph in document order and returns its label as Word shows it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped]

from generator.ooxml.ns import w
from generator.ooxml.package import Package
from generator.ooxml.styles import Styles
from generator.ooxml.values import toggle, val, whole

BULLET = "\u2022"
MAX_LEVELS = 9


@dataclass
class Level:
    """One level of a list: how it starts, counts, restarts and prints."""

    start: int
    fmt: str
    text: str
    restart: int | None
    legal: bool
    style: str | None
    suffix: str = "tab"  # what follows the number: a tab, a space or nothing


@dataclass
class Num:
    """A w:num: the abstract list it uses and its per-level overrides."""

    abstract: str
    starts: dict[int, int]
    levels: dict[int, Level]


def read_level(element: etree._Element) -> Level:
    """Return a w:lvl as a Level (defaults as the standard gives them)."""
    text_el = element.find(w("lvlText"))
    text = "" if text_el is None or toggle(text_el.find(w("null"))) else (
        text_el.get(w("val")) or "")
    return Level(start=whole(val(element.find(w("start")))) or 0,
                 fmt=val(element.find(w("numFmt"))) or "decimal", text=text,
                 restart=whole(val(element.find(w("lvlRestart")))),
                 legal=bool(toggle(element.find(w("isLgl")))),
                 style=val(element.find(w("pStyle"))),
                 suffix=val(element.find(w("suff"))) or "tab")


def read_levels(element: etree._Element) -> dict[int, Level]:
    """Return the levels an abstract list defines, by level index."""
    levels = {}
    for lvl in element.findall(w("lvl")):
        index = whole(lvl.get(w("ilvl")))
        if index is not None and 0 <= index < MAX_LEVELS:
            levels[index] = read_level(lvl)
    return levels


def read_num(element: etree._Element) -> Num:
    """Return a w:num with its start overrides and level overrides."""
    num = Num(abstract=val(element.find(w("abstractNumId"))) or "", starts={}, levels={})
    for override in element.findall(w("lvlOverride")):
        index = whole(override.get(w("ilvl")))
        if index is None or not 0 <= index < MAX_LEVELS:
            continue
        start = whole(val(override.find(w("startOverride"))))
        if start is not None:
            num.starts[index] = start
        lvl = override.find(w("lvl"))
        if lvl is not None:
            num.levels[index] = read_level(lvl)
    return num


def reference_text(label: str) -> str:
    """Return the number a cross-reference to a paragraph labelled `label` shows: the label
    without its trailing full stops, as Word's REF field gives it ("4." gives "4")."""
    return label.rstrip(".")


class Numbering:
    """The document's lists, and the counters Word keeps while it numbers the body."""

    @classmethod
    def of_package(cls, package: Package) -> Numbering:
        """Return fresh counters over the styles and lists of a package's main document."""
        styles = Styles(package.optional_xml(
            package.related(package.main, "styles") or "word/styles.xml"))
        return cls(package.optional_xml(
            package.related(package.main, "numbering") or "word/numbering.xml"), styles)

    def __init__(self, root: etree._Element | None, styles: Styles) -> None:
        self.styles = styles
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.style_links: dict[str, str] = {}
        self.nums: dict[str, Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        for element in [] if root is None else root.findall(w("abstractNum")):
            abstract_id = element.get(w("abstractNumId"), "")
            self.abstracts[abstract_id] = read_levels(element)
            link = val(element.find(w("numStyleLink")))
            if link:
                self.style_links[abstract_id] = link
        for element in [] if root is None else root.findall(w("num")):
            self.nums[element.get(w("numId"), "")] = read_num(element)

    def fresh(self) -> Numbering:
        """Return the same lists with counters not yet used (the definitions are shared)."""
        copy = Numbering(None, self.styles)
        copy.abstracts, copy.style_links, copy.nums = self.abstracts, self.style_links, self.nums
        return copy

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

    def levels_of(self, num_id: str) -> dict[int, Level]:
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

    def number(self, ppr: etree._Element | None, style_id: str | None) -> tuple[str, int | None]:
        """Count a paragraph with these properties and style; return its label and level, or
        ("", None) when it is not numbered. Paragraphs must be counted in document order."""
        numpr = None if ppr is None else ppr.find(w("numPr"))
        num_id = val(None if numpr is None else numpr.find(w("numId")))
        ilvl = whole(val(None if numpr is None else numpr.find(w("ilvl"))))
        style_num, style_ilvl = self.styles.numbering(style_id)
        num_id = style_num if num_id is None else num_id
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return "", None
        if ilvl is None:
            ilvl = style_ilvl
        if ilvl is None:
            ilvl = self.level_for_style(num_id, style_id) or 0
        label = self.advance(num_id, ilvl)
        return ("", None) if label is None else (label, ilvl)

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


def _restarts(level: Level | None, index: int, used: int) -> bool:
    """Return whether the level at `index` restarts when a paragraph at level `used` is counted.

    w:lvlRestart is one-based: 0 means never; n restarts after any level up to n is used; a
    missing (or meaningless) value restarts after any higher level.
    """
    restart = None if level is None else level.restart
    if restart is None or restart < 0 or restart > index:
        return used < index
    return used < restart


def _label(level: Level, levels: dict[int, Level], counters: list[int | None],
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


FORMATS: dict[str, Callable[[int], str]] = {
    "lowerLetter": _letters, "upperLetter": lambda k: _letters(k).upper(),
    "lowerRoman": _roman, "upperRoman": lambda k: _roman(k).upper(), "ordinal": _ordinal,
    "decimalZero": lambda k: f"{k:02d}", "decimalEnclosedParen": lambda k: f"({k})",
    "decimalEnclosedFullstop": lambda k: f"{k}.",
    "chicago": lambda k: CHICAGO[(k - 1) % 4] * ((k - 1) // 4 + 1),
    "decimalEnclosedCircle": lambda k: chr(0x2460 + k - 1) if 1 <= k <= 20 else str(k),
}


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
    shown = FORMATS.get(fmt)
    return str(n) if shown is None else shown(n)
