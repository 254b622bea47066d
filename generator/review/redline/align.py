"""Align two lists of blocks: text keys, similarity and pairing of replaced stretches."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from lxml import etree  # type: ignore[import-untyped]

from generator.review.redline.ooxml import SECTPR, TBL, TBLGRID, TBLPR, TC, TCPR, TR, P, _sig
from generator.review.redline.tokens import _Parsed, _Tokenizer

MAX_PAIRING_CELLS = 40_000  # beyond this many old x new blocks, pairing searches a band

SIMILAR = 0.5


class _Aligner:
    """The redliner's block alignment (a base of `_Redliner`, which fills the caches)."""

    _parsed: dict[etree._Element, _Parsed]
    _keys: dict[etree._Element, str]
    _words: dict[etree._Element, list[str]]

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


# ---------------------------------------------------------------------------------------------
# Helpers for alignment




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
