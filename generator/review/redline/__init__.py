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
  deterministic zip by `generator.ooxml.package.zip_parts`.

Copies of OLD's content (deleted paragraphs and tables) leave out what would refer to OLD's
package or clash with NEW's: bookmarks whose names NEW also uses (others are kept, renumbered),
hyperlinks (the text stays, the link goes), images and other drawings, footnote, endnote and
comment references, comment ranges, section breaks and equations.

Not tracked
-----------
* Headers and footers other than those referenced by the final section's properties, and header
  or footer parts that exist in only one of the drafts (NEW's are kept as they are).
* Footnotes, endnotes and comments (NEW's are kept, except the drafting notes a generated draft
  carries as comments, which are left out of the redline).
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

from generator.errors import DocxUnreadable
from generator.review.redline.build import make_redline

__all__ = ["DocxUnreadable", "make_redline"]
