"""Mark whole blocks inserted or deleted, and settle marks of paragraphs that cannot merge."""

from __future__ import annotations

import copy

from lxml import etree  # type: ignore[import-untyped]

from generator.ooxml.build import new_element
from generator.ooxml.ns import W14_NS
from generator.review.redline.ooxml import (
    BODY,
    BOOKMARK_END,
    BOOKMARK_START,
    DEL,
    DELINSTR,
    DELTEXT,
    FLDSIMPLE,
    INS,
    INSTR,
    NOT_IN_DELETIONS,
    PPR,
    PPR_TAIL,
    PPRCHANGE,
    RPR,
    RUN_CONTAINERS,
    SDT,
    SDTCONTENT,
    SECTPR,
    TBLPREX,
    TR,
    TRPR,
    UNWRAPPED_IN_DELETIONS,
    W_ID,
    W_NAME,
    P,
    R,
    T,
    _ensure_mark_rpr,
    _ensure_ppr,
    _expand_simple_field,
    _mark_state,
    _unwrap,
)
from generator.review.redline.paragraphs import _ParagraphWriter


class _BlockMarker(_ParagraphWriter):
    """The redliner's whole-block revisions and paragraph-mark settling (a base of
    `_Redliner`, which fills in the bookmark names)."""

    new_names: set[str]  # bookmark names NEW's stories use
    kept_bookmarks: dict[str, str]  # id of a kept OLD bookmark -> its new id

    # Whole blocks inserted or deleted ------------------------------------------------------

    def mark(self, block: etree._Element, kind: str) -> list[etree._Element]:
        """Return a block marked wholly inserted (NEW's own) or deleted (a cleaned copy of
        OLD's); a deleted block may come back as several blocks, or none."""
        holder = new_element(BODY)
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
            props = new_element(TRPR)
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
# Helpers for marking blocks


def _new_view_ppr(paragraph: etree._Element) -> etree._Element:
    """Return a copy of a paragraph's base properties as they are after accepting changes."""
    ppr = new_element(PPR)
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
