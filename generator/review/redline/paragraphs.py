"""Write a changed paragraph: its pieces unchanged, inserted or deleted, with formatting changes."""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass
from itertools import groupby

from lxml import etree  # type: ignore[import-untyped]

from generator.ooxml.build import new_element
from generator.ooxml.ns import R_NS, XML_SPACE
from generator.review.redline.align import _Aligner
from generator.review.redline.ooxml import (
    DELINSTR,
    DELTEXT,
    HYPERLINK,
    INSTR,
    ISOLATED_PIECES,
    NOT_IN_DELETIONS,
    PPR,
    PPR_TAIL,
    PPRCHANGE,
    RPR,
    RPRCHANGE,
    P,
    R,
    T,
    _ensure_ppr,
    _props_sig,
)
from generator.review.redline.revisions import _Revisions
from generator.review.redline.tokens import _cleanup, _Piece, _Token


@dataclass(eq=False)
class _Out:
    """A piece to write: whether it is unchanged, inserted or deleted, and where it goes."""

    status: str  # "same", "ins", "del" or "anchor"
    piece: _Piece
    link: etree._Element | None
    old_rpr: etree._Element | None = None  # OLD's formatting, where it differs from NEW's


class _ParagraphWriter(_Aligner, _Revisions):
    """The redliner's word-by-word paragraph diff (a base of `_Redliner`)."""

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
                    old_rpr = before if before is not None else new_element(RPR)
            outs.append(_Out("anchor" if piece.marker else status, piece, token.link, old_rpr))
        return outs

    def _write_paragraph(self, old: etree._Element, new: etree._Element, out: list[_Out]
                         ) -> etree._Element:
        """Return a new w:p with NEW's properties (and OLD's, if different) and the pieces."""
        paragraph = new_element(P, dict(new.attrib))
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


# ---------------------------------------------------------------------------------------------
# Helpers for writing a paragraph


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
