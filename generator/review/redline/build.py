"""Build the redline .docx from two drafts: the entry point behind `make_redline`."""

from __future__ import annotations

from datetime import datetime

from lxml import etree  # type: ignore[import-untyped]

from generator.model.draft import NOTE_AUTHOR
from generator.ooxml.ns import w
from generator.ooxml.package import serialise_part, zip_parts
from generator.review.redline.align import _cell_blocks
from generator.review.redline.ooxml import BODY, SECTPR
from generator.review.redline.package import (
    _bookmark_names,
    _header_footer_parts,
    _highest_id,
    _Package,
    _read_package,
)
from generator.review.redline.redliner import _Redliner


def make_redline(old: bytes, new: bytes, author: str, when: datetime) -> bytes:
    """Return a .docx: NEW with every difference from OLD as tracked changes by `author` at
    `when`. Raise DocxUnreadable (a plain-English message) if either file is not a readable
    .docx or already contains tracked changes."""
    before, after = _read_package(old, "OLD"), _read_package(new, "NEW")
    stories = _paired_stories(before, after)
    parts = after.package.parts()
    _drop_drafting_notes(before)
    _drop_drafting_notes(after, parts)
    redliner = _Redliner(_clean_author(author), when, _highest_id(parts) + 1,
                         _bookmark_names([after.document, *(s[1] for s in stories.values())]))
    _redline_body(redliner, before.document.find(BODY), after.document.find(BODY))
    for old_root, new_root in stories.values():
        merged = redliner.container(_cell_blocks(old_root), _cell_blocks(new_root))
        for child in list(new_root):
            new_root.remove(child)
        new_root.extend(merged)
    redliner.drop_unpaired_bookmarks([after.document, *(s[1] for s in stories.values())])
    parts[after.main] = serialise_part(after.document)
    for name, (_, new_root) in stories.items():
        parts[name] = serialise_part(new_root)
    return zip_parts(parts)


def _drop_drafting_notes(draft: _Package, parts: dict[str, bytes] | None = None) -> None:
    """Remove the drafting notes a generated draft carries as Word comments (the comments, their
    ranges and reference marks), so a redline holds only the changes and any reviewer's own
    comments; with `parts`, write the slimmed comments part back into them."""
    name = draft.package.related(draft.main, "comments")
    if name is None or name not in draft.package.names:
        return
    root = draft.package.xml(name, editable=True)
    notes = {c.get(w("id")) for c in root.iter(w("comment")) if c.get(w("author")) == NOTE_AUTHOR}
    if not notes:
        return
    for comment in [c for c in root.iter(w("comment")) if c.get(w("id")) in notes]:
        root.remove(comment)
    for mark in list(draft.document.iter(w("commentRangeStart"), w("commentRangeEnd"))):
        if mark.get(w("id")) in notes:
            mark.getparent().remove(mark)
    for reference in list(draft.document.iter(w("commentReference"))):
        if reference.get(w("id")) in notes:
            holder = reference.getparent()
            holder.getparent().remove(holder)
    if parts is not None:
        parts[name] = serialise_part(root)


def _paired_stories(before: _Package, after: _Package
                    ) -> dict[str, tuple[etree._Element, etree._Element]]:
    """Return {NEW part name: (OLD root, NEW root)} for headers and footers in both drafts."""
    olds, news = _header_footer_parts(before), _header_footer_parts(after)
    stories = {}
    for slot, name in sorted(news.items()):
        if slot in olds and name not in stories:
            stories[name] = (before.story(olds[slot]), after.story(name))
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
