"""The redliner: NEW's blocks merged with OLD's differences as tracked changes."""

from __future__ import annotations

import copy
from datetime import datetime

from lxml import etree  # type: ignore[import-untyped]

from generator.ooxml.build import new_element
from generator.review.redline.align import _cell_blocks, _cells, _table_items
from generator.review.redline.marks import _BlockMarker
from generator.review.redline.ooxml import (
    PPR,
    TBL,
    TBLGRID,
    TBLPR,
    TC,
    TCPR,
    TR,
    P,
    _props_sig,
    _sig,
)
from generator.review.redline.tokens import _Parsed

# ---------------------------------------------------------------------------------------------
# The redliner


class _Redliner(_BlockMarker):
    """Builds tracked changes for one OLD/NEW pair; holds the revision ids and caches.

    Its parts are layered: `_Revisions` (ids, author, date), `_Aligner` (block alignment and its
    caches), `_ParagraphWriter` (word-by-word paragraphs) and `_BlockMarker` (whole blocks)."""

    def __init__(self, author: str, when: datetime, first_id: int, names: set[str]) -> None:
        super().__init__(author, when, first_id)
        self.new_names = names
        self.kept_bookmarks: dict[str, str] = {}
        self._parsed: dict[etree._Element, _Parsed] = {}
        self._keys: dict[etree._Element, str] = {}
        self._words: dict[etree._Element, list[str]] = {}

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
        table = new_element(TBL, dict(new.attrib))
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
        row = new_element(TR, dict(new.attrib))
        cells = iter(_cells(old))
        for child in new:
            if child.tag != TC:
                row.append(copy.deepcopy(child))
                continue
            cell = new_element(TC, dict(child.attrib))
            if child.find(TCPR) is not None:
                cell.append(copy.deepcopy(child.find(TCPR)))
            cell.extend(self.container(_cell_blocks(next(cells)), _cell_blocks(child)))
            row.append(cell)
        return row
