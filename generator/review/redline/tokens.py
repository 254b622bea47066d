"""Cut a paragraph into diff tokens: words, spaces, punctuation, whole fields and markers."""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree  # type: ignore[import-untyped]

from generator.ooxml.build import new_element
from generator.ooxml.ns import w
from generator.review.redline.ooxml import (
    FLDCHAR,
    FLDSIMPLE,
    HYPERLINK,
    IGNORED,
    INSTR,
    RPR,
    RUN_CONTAINERS,
    SDT,
    SDTCONTENT,
    W_TYPE,
    P,
    R,
    T,
    _expand_simple_field,
    _sig,
)

WORD = re.compile(r"\w+(?:[.,'’]\w+)*|\s+|[^\w\s]")



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
    if tag == w("tab"):
        return "\t"
    if tag in (w("br"), w("cr")):
        kind = piece.child.get(W_TYPE, "textWrapping")
        return "\n" if kind == "textWrapping" else f"\x0c{kind}"
    if tag == w("noBreakHyphen"):
        return "\u2011"
    if tag == w("softHyphen"):
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
                holder = new_element(P)
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
        char = piece.child.get(w("fldCharType")) if piece.child.tag == FLDCHAR else None
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
            elif tag == FLDCHAR and piece.child.get(w("fldCharType")) == "separate":
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


def _cleanup(opcodes: Sequence[tuple[str, int, int, int, int]], old: list[str]
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
