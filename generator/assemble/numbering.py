"""Clause numbers as Word prints them, computed from the Word template's own numbering.

Every paragraph the Word writer writes is counted here in the writer's order and style by the
template's numbering definitions (level text, format, start, restart), the rules the document
text reader (`generator.ooxml.numbering`) applies to a written file, so a restyled template
changes the Markdown twin, the cross-references and the contents page with the Word file.
"""

from __future__ import annotations

import functools
from pathlib import Path

from generator.errors import DocxUnreadable, TemplateProblem
from generator.model.draft import Clause, Draft, Item, Paragraph
from generator.ooxml.numbering import Numbering, reference_text
from generator.ooxml.package import read_package

# the styles the Word writer gives each part of a draft (see generator.writers.docx)
CONTENTS, PLAIN, INDENT = "TOC 1", "Normal", "Body Indent"
FRONT_HEADING, CLAUSE_HEADING, SECTION_HEADING = "Front Heading", "Heading 1", "Heading 2"
SCHEDULE_HEADING, SCHEDULE_TITLE = "Schedule Heading", "Schedule Title"
DEFINITION, CAPTION, TABLE_TEXT = "Definition", "Table Caption", "Table Text"
# paragraph, item and sub-item styles of each kind of block
CLAUSE_LEVELS = ("Clause 2", "Clause 3", "Clause 4")
SCHEDULE_LEVELS = ("Schedule Paragraph", "Schedule 3", "Schedule 4")
SECTION_LEVELS = ("Schedule 2", "Schedule 3", "Schedule 4")
PARTY_LEVELS = ("Party", "Clause 3", "Clause 4")
RECITAL_LEVELS = ("Recital", "Clause 3", "Clause 4")
END_LEVELS = (INDENT, "Clause 3", "Clause 4")


def template_numbering(template: Path) -> Numbering:
    """Return fresh list counters over the styles and numbering of the Word template at
    `template`; raises TemplateProblem when the file cannot be read as a Word document."""
    try:
        return _template_lists(template.read_bytes()).fresh()
    except (OSError, DocxUnreadable) as exc:
        raise TemplateProblem(f"the Word template cannot be read ({exc})") from None


@functools.lru_cache(maxsize=8)
def _template_lists(data: bytes) -> Numbering:
    """Return a template's lists, read once for each content (a batch builds many drafts from
    the same few templates); callers count with a `fresh` copy."""
    return Numbering.of_package(read_package(data))


class _Counter:
    """Counts paragraphs by style name, in document order, as Word numbers them."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.ids = {style.name: style_id for style_id, style in numbering.styles.styles.items()}

    def label(self, style: str | None) -> str:
        """Count one paragraph in `style`; return its number as printed, "" when unnumbered."""
        style_id = None if style is None else self.ids.get(style, style)
        return self.numbering.number(None, style_id)[0]


def number_draft(draft: Draft, numbering: Numbering) -> None:
    """Give every clause, paragraph and item the number Word prints for it from `numbering`
    (fresh counters over the template's lists), and record each cross-reference target's
    number as a reference to it prints."""
    counter = _Counter(numbering)
    for _entry in [*draft.clauses, *draft.schedules]:
        counter.label(CONTENTS)
    counter.label(None)  # the page break after the contents
    for clause in draft.front:
        _front(counter, clause)
    for clause in draft.clauses:
        _heading(counter, draft, clause, CLAUSE_HEADING)
        _lead(counter, clause, INDENT)
        _paragraphs(counter, draft, clause.paragraphs, CLAUSE_LEVELS)
    for schedule in draft.schedules:
        _heading(counter, draft, schedule, SCHEDULE_HEADING)
        counter.label(SCHEDULE_TITLE)
        _lead(counter, schedule, PLAIN)
        _paragraphs(counter, draft, schedule.paragraphs, SCHEDULE_LEVELS)
        for section in schedule.sections:
            _heading(counter, draft, section, SECTION_HEADING)
            _lead(counter, section, INDENT)
            _paragraphs(counter, draft, section.paragraphs, SECTION_LEVELS)
    for block in draft.end:
        _end(counter, block)


def _heading(counter: _Counter, draft: Draft, clause: Clause, style: str) -> None:
    """Number a clause, schedule or section heading and register it as a reference target."""
    clause.label = counter.label(style)
    clause.number = reference_text(clause.label)
    _register(draft, clause.anchor, clause.number, clause.title)


def _lead(counter: _Counter, clause: Clause, style: str) -> None:
    if clause.lead:
        counter.label(style)


def _front(counter: _Counter, clause: Clause) -> None:
    """Count a front-matter block: its heading, lead and paragraphs (the parties' or the
    recitals' own lists)."""
    counter.label(FRONT_HEADING)
    _lead(counter, clause, PLAIN)
    levels = PARTY_LEVELS if clause.anchor.endswith("parties") else RECITAL_LEVELS
    _paragraphs(counter, None, clause.paragraphs, levels)


def _end(counter: _Counter, block: Clause) -> None:
    """Count an unnumbered block after the schedules: page break, heading, lead, paragraphs,
    and each section's first line and paragraphs."""
    counter.label(None)
    counter.label(FRONT_HEADING)
    _lead(counter, block, PLAIN)
    _paragraphs(counter, None, block.paragraphs, END_LEVELS)
    for section in block.sections:
        counter.label(PLAIN)
        _paragraphs(counter, None, section.paragraphs, END_LEVELS)


def _paragraphs(counter: _Counter, draft: Draft | None, paragraphs: list[Paragraph],
                levels: tuple[str, str, str]) -> None:
    """Number paragraphs written in levels[0] (unnumbered ones in the indented body style),
    their items in levels[1] and deeper items in levels[2]; a numbered paragraph with an
    anchor is registered in `draft` when one is given and the paragraph is numbered."""
    style, item_style, sub_style = levels
    for paragraph in paragraphs:
        if paragraph.table is not None:
            _table(counter, paragraph)
            continue
        if paragraph.runs or paragraph.numbered:
            paragraph.number = counter.label(style if paragraph.numbered else INDENT)
            if draft is not None and paragraph.numbered:
                _register(draft, paragraph.anchor, reference_text(paragraph.number), "")
        for _definition in paragraph.definitions:
            counter.label(DEFINITION)
        _items(counter, paragraph.items, item_style, sub_style)


def _table(counter: _Counter, paragraph: Paragraph) -> None:
    """Count a table's caption, one paragraph a cell, and the empty line after it."""
    table = paragraph.table
    assert table is not None, "only a table paragraph is counted as a table"
    if table.caption:
        counter.label(CAPTION)
    for _cell in range(len(table.header) * (len(table.rows) + 1) + 1):
        counter.label(TABLE_TEXT)


def _items(counter: _Counter, items: list[Item], style: str, sub_style: str) -> None:
    """Number items in `style`, and their own items (at any depth) in `sub_style`."""
    for item in items:
        item.number = counter.label(style)
        _items(counter, item.items, sub_style, sub_style)


def _register(draft: Draft, anchor: str, number: str, title: str) -> None:
    if anchor:
        draft.numbers[anchor] = number
        draft.titles[anchor] = title
