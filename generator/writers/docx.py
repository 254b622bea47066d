"""The Word writer: the template owns styles and numbering; this fills in the clauses."""

from __future__ import annotations

import copy
import datetime
import io
from collections.abc import Mapping, Sequence
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, Twips
from docxtpl import DocxTemplate  # type: ignore[import-untyped]
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree  # type: ignore[import-untyped]

from generator.errors import TemplateProblem
from generator.model.draft import (
    BLANK,
    NOTE_AUTHOR,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    Clause,
    Draft,
    Item,
    Paragraph,
    Run,
    Table,
)
from generator.ooxml import build as ooxml
from generator.ooxml.ns import w
from generator.ooxml.numbering import Numbering
from generator.ooxml.package import normalise_package
from generator.ooxml.properties import set_properties
from generator.ooxml.styles import Styles
from generator.writers.options import WriterOptions
from generator.writers.tablewidths import column_widths

MARKER = "[[BODY]]"


class BodyWriter:
    """Inserts the draft's paragraphs and tables before the template's body marker."""

    def __init__(self, doc: Any, draft: Draft, notes: str = "none",
                 when: datetime.datetime | None = None) -> None:
        """Start writing into a rendered template, before its body marker; drafting notes are
        written as `notes` says (comments dated `when`, inline, or none)."""
        self.doc = doc
        self.draft = draft
        self.notes = notes
        self.when = when
        self.marker = _find_marker(doc)
        self.bookmark_id = 0
        self._style_ids: dict[str, str] = {}
        self._direct_numbering = styles_sharing_a_level(doc)

    def style(self, name: str) -> str:
        """Return the style id for a style name; a missing style is an error, never a fallback."""
        if name not in self._style_ids:
            try:
                self._style_ids[name] = self.doc.styles[name].style_id
            except KeyError:
                raise TemplateProblem(f"the Word template has no style `{name}`") from None
        return self._style_ids[name]

    def add(self, style: str, runs: list[Run], anchor: str = "",
            prefix: Sequence[etree._Element] = ()) -> etree._Element:
        """Add a paragraph of runs in `style`, bookmarked when `anchor` is given."""
        style_id = self.style(style)
        p = ooxml.paragraph(style_id)
        if style_id in self._direct_numbering:
            p[0].append(copy.deepcopy(self._direct_numbering[style_id]))
        for element in prefix:
            p.append(element)
        for element in self.run_elements(runs):
            p.append(element)
        if anchor:
            self.bookmark_id += 1
            ooxml.bookmark(p, ooxml.bookmark_name(anchor), self.bookmark_id)
        self.marker.addprevious(p)
        return p

    def run_elements(self, runs: list[Run]) -> list[etree._Element]:
        """Return the runs as Word runs: terms bold in quotation marks, references as fields."""
        out = []
        for item in runs:
            if item.kind == "term":
                out += [ooxml.run(QUOTE_OPEN), ooxml.run(item.value, bold=True),
                        ooxml.run(QUOTE_CLOSE)]
            elif item.kind == "ref":
                name = ooxml.bookmark_name(item.value)
                out += ooxml.field_runs(f"REF {name} \\r \\h", self.draft.ref_text(item.value))
            else:
                out.append(ooxml.run(item.value))
        return out

    def text(self, style: str, text: str, anchor: str = "") -> etree._Element:
        """Add a paragraph of plain text."""
        return self.add(style, [Run("text", text)] if text else [], anchor)

    def table(self, table: Table) -> None:
        """Add a caption kept with its table, and the table: columns as wide as their content
        needs, a bold header row repeated on every page, bold total rows, no row split across
        pages."""
        if table.caption:
            caption = self.text("Table Caption", table.caption)
            etree.SubElement(caption.find(w("pPr")), w("keepNext"))
        word_table = self.doc.add_table(rows=0, cols=len(table.header))
        word_table.style = self.doc.styles["Table Grid"] if "Table Grid" in [
            s.name for s in self.doc.styles] else None
        word_table.alignment = WD_TABLE_ALIGNMENT.CENTER
        word_table.autofit = False
        widths = column_widths(table)
        self._row(word_table, table.header, True, table.numeric_from, widths, header=True)
        for index, row in enumerate(table.rows):
            self._row(word_table, row, index in table.total_rows, table.numeric_from, widths)
        for column, width in zip(word_table.columns, widths, strict=True):
            column.width = Twips(width)
        self.marker.addprevious(word_table._tbl)
        self.text("Table Text", "")

    def _row(self, word_table: Any, cells: list[str], bold: bool, numeric_from: int,
             widths: list[int], header: bool = False) -> None:
        """Add a row of 10-point cells of the given widths, figures from `numeric_from`
        right-aligned, that never splits across pages (and, for the header, repeats on each)."""
        row = word_table.add_row()
        properties = row._tr.get_or_add_trPr()
        etree.SubElement(properties, w("cantSplit"))
        if header:
            etree.SubElement(properties, w("tblHeader"))
        for index, value in enumerate(cells):
            cell = row.cells[index]
            cell.width = Twips(widths[index])
            para = cell.paragraphs[0]
            para.style = self.doc.styles["Table Text"]
            run = para.add_run(value)
            run.bold = bold
            run.font.size = Pt(10)
            if index >= numeric_from:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def comment(self, paragraph: etree._Element, text: str) -> None:
        """Anchor a Word comment holding `text` to the runs of `paragraph` (its comment range
        round them, its reference mark after them)."""
        comment = self.doc.comments.add_comment(text=text, author=NOTE_AUTHOR, initials="DN")
        element = comment._comment_elm
        if self.when is not None:
            element.set(w("date"), self.when.strftime("%Y-%m-%dT%H:%M:%SZ"))
        else:
            element.attrib.pop(w("date"), None)
        ident = str(comment.comment_id)
        runs = paragraph.findall(w("r"))
        start = ooxml.new_element(w("commentRangeStart"), {w("id"): ident})
        end = ooxml.new_element(w("commentRangeEnd"), {w("id"): ident})
        reference = ooxml.new_element(w("r"))
        style = etree.SubElement(reference, w("rPr"))
        etree.SubElement(style, w("rStyle")).set(w("val"), self.style("annotation reference"))
        etree.SubElement(reference, w("commentReference")).set(w("id"), ident)
        if runs:
            runs[0].addprevious(start)
            runs[-1].addnext(end)
        else:
            paragraph.append(start)
            paragraph.append(end)
        end.addnext(reference)

    def finish(self) -> None:
        """Remove the marker paragraph."""
        self.marker.getparent().remove(self.marker)


def styles_sharing_a_level(doc: Any) -> dict[str, etree._Element]:
    """Return, by style id, the numbering (`w:numPr`) of each paragraph style numbered at a
    list level that names another style as its own (`w:lvl/w:pStyle`), such as Schedule
    Paragraph, which shares its level with Heading 2. Word numbers such a style from the style
    alone; LibreOffice numbers only the level's own style, so these paragraphs carry the same
    numbering directly as well (the numbers are unchanged in Word)."""
    lists = Numbering(doc.part.numbering_part.element, Styles(doc.styles.element))
    shared = {}
    for style in doc.styles.element.iter(w("style")):
        numpr = style.find(f"{w('pPr')}/{w('numPr')}")
        num_id = numpr.find(w("numId")) if numpr is not None else None
        if num_id is None:
            continue
        ilvl = numpr.find(w("ilvl"))
        index = int(ilvl.get(w("val"))) if ilvl is not None else 0
        level = lists.levels_of(num_id.get(w("val"))).get(index)
        if level is not None and level.style not in (None, style.get(w("styleId"))):
            shared[style.get(w("styleId"))] = numpr
    return shared


def _find_marker(doc: Any) -> etree._Element:
    """Return the template's body-marker paragraph; a template without one is an error."""
    for paragraph in doc.paragraphs:
        if paragraph.text.strip() == MARKER:
            return paragraph._p
    raise TemplateProblem(f"the Word template has no `{MARKER}` paragraph for the body")


def write_docx(draft: Draft, options: WriterOptions) -> bytes:
    """Return the draft as a .docx: template cover, contents, clauses and schedules."""
    template = DocxTemplate(str(options.template))
    template.render(_cover_context(draft), jinja_env=SandboxedEnvironment(), autoescape=True)
    doc = template.docx
    writer = BodyWriter(doc, draft, options.notes_for(draft), document_time(draft, options))
    _contents(writer, draft, options.pages)
    for clause in draft.front:
        _front(writer, clause)
    for clause in draft.clauses:
        _clause(writer, clause)
    for schedule in draft.schedules:
        _schedule(writer, schedule)
    for block in draft.end:
        _end(writer, block)
    writer.finish()
    set_properties(doc, draft, document_time(draft, options))
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalise_package(buffer.getvalue())


def document_time(draft: Draft, options: WriterOptions) -> datetime.datetime:
    """Return the time the document is stamped with: the build time given, else the draft's own
    date, else 1 January 2000 (never the clock)."""
    if options.build_time is not None:
        return options.build_time
    if draft.created:
        return datetime.datetime.fromisoformat(draft.created)
    return datetime.datetime(2000, 1, 1)


def _cover_context(draft: Draft) -> dict[str, Any]:
    """Return the values the template's cover is rendered with."""
    date_line = f"Dated {draft.date_text or BLANK}"
    return {
        "status": draft.status,
        "scheme_title": draft.scheme_title,
        "doc_title": draft.doc_title,
        "cover_text": draft.cover_text,
        "date_line": date_line,
        "parties": [{"name": p.name, "short_name": p.short_name} for p in draft.parties],
    }


def _contents(writer: BodyWriter, draft: Draft, pages: Mapping[str, str]) -> None:
    """Add the table of contents (a TOC field holding its entries, each with a PAGEREF field
    to its heading's page, showing the page from `pages` (anchor -> page as laid out) when
    known, else left for Word or LibreOffice to fill) and a page break."""
    entries = [(f"{c.label}\t" + ("Not used" if c.not_used else c.title), c.anchor)
               for c in draft.clauses]
    entries += [(f"{s.label}: {s.title}", s.anchor) for s in draft.schedules]
    for index, (heading, anchor) in enumerate(entries):
        prefix = []
        if index == 0:
            prefix = [ooxml.field_char("begin"), ooxml.instr_run('TOC \\o "1-2" \\h \\z \\u'),
                      ooxml.field_char("separate")]
        p = writer.add("TOC 1", [Run("text", heading + "\t")], prefix=prefix)
        page = pages.get(anchor, "")
        for element in ooxml.field_runs(f"PAGEREF {ooxml.bookmark_name(anchor)} \\h", page):
            p.append(element)
        if index == len(entries) - 1:
            p.append(ooxml.field_char("end"))
    writer.marker.addprevious(ooxml.page_break())


def _front(writer: BodyWriter, clause: Clause) -> None:
    """Add a front-matter block: its heading in capitals, lead, paragraphs and note."""
    heading = writer.text("Front Heading", clause.title.upper(), clause.anchor)
    if clause.lead:
        writer.add("Normal", clause.lead)
    style = "Party" if clause.anchor.endswith("parties") else "Recital"
    for paragraph in clause.paragraphs:
        _paragraph(writer, paragraph, style, "Clause 3", "Clause 4")
    _note(writer, clause, heading)


def _clause(writer: BodyWriter, clause: Clause) -> None:
    """Add a clause: its numbered heading, lead, paragraphs and note."""
    heading = writer.text("Heading 1", "Not used" if clause.not_used else clause.title,
                          clause.anchor)
    if clause.not_used:
        _set_aside(heading)
    if clause.lead:
        writer.add("Body Indent", clause.lead)
    for paragraph in clause.paragraphs:
        _paragraph(writer, paragraph, "Clause 2", "Clause 3", "Clause 4")
    _note(writer, clause, heading)


def _set_aside(heading: etree._Element) -> None:
    """Print a "Not used" heading in italics and not bold, so that it keeps its number without
    reading as a clause of substance."""
    for run in heading.iter(w("r")):
        props = run.find(w("rPr"))
        if props is None:
            props = etree.Element(w("rPr"))
            run.insert(0, props)
        for name in ("b", "i"):
            found = props.find(w(name))
            if found is None:
                found = etree.SubElement(props, w(name))
            found.set(w("val"), "1" if name == "i" else "0")


def _schedule(writer: BodyWriter, schedule: Clause) -> None:
    """Add a schedule: its numbered heading, title, lead, paragraphs, sections and note."""
    writer.text("Schedule Heading", "", schedule.anchor)
    title = writer.text("Schedule Title", schedule.title)
    if schedule.lead:
        writer.add("Normal", schedule.lead)
    for paragraph in schedule.paragraphs:
        _paragraph(writer, paragraph, "Schedule Paragraph", "Schedule 3", "Schedule 4")
    for section in schedule.sections:
        writer.text("Heading 2", section.title, section.anchor)
        if section.lead:
            writer.add("Body Indent", section.lead)
        for paragraph in section.paragraphs:
            _paragraph(writer, paragraph, "Schedule 2", "Schedule 3", "Schedule 4")
    _note(writer, schedule, title)


def _end(writer: BodyWriter, block: Clause) -> None:
    """Add an unnumbered block after the schedules (the execution), on a new page: its heading
    in capitals, lead, paragraphs, then each section (one party's block) as its lead and lines,
    none of them numbered, and its note."""
    writer.marker.addprevious(ooxml.page_break())
    heading = writer.text("Front Heading", block.title.upper(), block.anchor)
    if block.lead:
        writer.add("Normal", block.lead)
    for paragraph in block.paragraphs:
        _paragraph(writer, paragraph, "Body Indent", "Clause 3", "Clause 4")
    for section in block.sections:
        writer.add("Normal", section.lead or [Run("text", section.title)], section.anchor)
        for paragraph in section.paragraphs:
            _paragraph(writer, paragraph, "Body Indent", "Clause 3", "Clause 4")
    _note(writer, block, heading)


def _paragraph(writer: BodyWriter, paragraph: Paragraph, style: str, item_style: str,
               sub_style: str) -> None:
    """Add a paragraph (or its table), its definitions and its items."""
    if paragraph.table is not None:
        writer.table(paragraph.table)
        return
    if paragraph.runs or paragraph.numbered:
        writer.add(style if paragraph.numbered else "Body Indent", paragraph.runs, paragraph.anchor)
    for definition in paragraph.definitions:
        prefix = writer.run_elements([Run("term", definition.term), Run("text", " ")])
        writer.add("Definition", definition.runs, prefix=prefix)
    _items(writer, paragraph.items, item_style, sub_style)


def _items(writer: BodyWriter, items: list[Item], style: str, sub_style: str) -> None:
    """Add items in `style`, and their own items in `sub_style`."""
    for item in items:
        writer.add(style, item.runs)
        _items(writer, item.items, sub_style, sub_style)


def _note(writer: BodyWriter, clause: Clause, heading: etree._Element) -> None:
    """Add the clause's drafting note as the writer's notes mode says: a comment anchored to
    the clause's heading, a paragraph after the clause, or nothing."""
    if not clause.note or writer.notes == "none":
        return
    text = " ".join(clause.note.split())
    if writer.notes == "comments":
        writer.comment(heading, text)
    else:
        writer.add("Drafting Note", [Run("text", "Drafting note: " + text)])


