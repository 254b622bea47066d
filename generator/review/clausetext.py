"""A document as a list of clauses of plain text lines, read from a draft model or from any .docx,
for clause-level comparison."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.assemble.assembly import slug
from generator.model.draft import (
    NOTE_AUTHOR,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    Clause,
    Draft,
    Item,
    Paragraph,
    Run,
)
from generator.ooxml.docxtext import Comment, DocParagraph, DocumentText, Segment
from generator.ooxml.package import read_package

TOP_STYLES = {"Heading 1", "Title", "Front Heading", "Schedule Heading"}
SKIPPED_STYLES = ("TOC", "Contents Heading")


@dataclass(frozen=True)
class Line:
    """One paragraph: its number as printed, its text, and the text compared (cross-references
    stand for their target, so a renumbered reference is not a change of wording)."""

    number: str
    text: str
    key: str
    style: str = ""  # the paragraph style of a line read from a .docx
    level: int | None = None  # its list level (1 a numbered paragraph, 2 an item, ...)
    in_table: bool = False  # a table row, its cells joined by " | "
    comment: bool = False  # a Word comment or drafting note, not text of the document
    bold: tuple[str, ...] = ()  # the pieces of a .docx line its runs make bold themselves

    def shown(self) -> str:
        """Return the line as the reader sees it."""
        return f"{self.number} {self.text}".strip()


@dataclass
class ClauseText:
    """A clause (or schedule, or front-matter block) as numbered plain lines."""

    id: str
    number: str
    title: str
    lines: list[Line] = field(default_factory=list)
    position: int = 0  # its place in its document, set when documents are matched

    def label(self) -> str:
        """Return 'number title' as a heading shows it."""
        return f"{self.number} {self.title}".strip()


def _runs(runs: list[Run], draft: Draft) -> tuple[str, str]:
    """Return (text as printed, text compared) for a list of runs."""
    shown, key = [], []
    for run in runs:
        if run.kind == "term":
            shown.append(f"{QUOTE_OPEN}{run.value}{QUOTE_CLOSE}")
            key.append(shown[-1])
        elif run.kind == "ref":
            shown.append(draft.ref_text(run.value))
            key.append(f"\u27e8{run.value}\u27e9")
        else:
            shown.append(run.value)
            key.append(run.value)
    return _squash("".join(shown)), _squash("".join(key))


def _squash(text: str) -> str:
    return " ".join(text.split())


def _line(number: str, runs: list[Run], draft: Draft) -> Line:
    text, key = _runs(runs, draft)
    return Line(number, text, key)


def _item_lines(items: list[Item], draft: Draft) -> list[Line]:
    out = []
    for item in items:
        out.append(_line(item.number, item.runs, draft))
        out += _item_lines(item.items, draft)
    return out


def _paragraph_lines(paragraph: Paragraph, draft: Draft) -> list[Line]:
    if paragraph.table is not None:
        table = paragraph.table
        rows = ([table.caption] if table.caption else []) + [
            " | ".join(row) for row in [table.header, *table.rows]]
        return [Line("", row, row) for row in rows]
    out = [_line(paragraph.number, paragraph.runs, draft)] if paragraph.runs else []
    for definition in paragraph.definitions:
        text, key = _runs(definition.runs, draft)
        term = f"{QUOTE_OPEN}{definition.term}{QUOTE_CLOSE}"
        out.append(Line("", f"{term} {text}", f"{term} {key}"))
    return out + _item_lines(paragraph.items, draft)


def _clause_lines(clause: Clause, draft: Draft) -> list[Line]:
    out = [_line("", clause.lead, draft)] if clause.lead else []
    for paragraph in clause.paragraphs:
        out += _paragraph_lines(paragraph, draft)
    for section in clause.sections:
        heading = f"{section.number}." if section.number else ""
        out.append(Line(heading, section.title, section.title))
        out += _clause_lines(section, draft)
    if clause.note and draft.status == "DRAFT":
        note = "Drafting note: " + _squash(clause.note)
        out.append(Line("", note, note))
    return out


def from_draft(draft: Draft) -> list[ClauseText]:
    """Return the draft's clauses, schedules and front matter as plain lines, in order."""
    cover = [draft.doc_title, draft.scheme_title, f"Status: {draft.status}",
             f"Date: {draft.date_text}", *[f"{p.name} ({p.short_name})" for p in draft.parties]]
    out = [ClauseText("cover", "", "Cover", [Line("", text, text) for text in cover])]
    for clause in draft.all_clauses():
        number = clause.number if clause.kind != "clause" else f"{clause.number}."
        title = "Not used" if clause.not_used else clause.title
        out.append(ClauseText(clause.id, number, title, _clause_lines(clause, draft)))
    return out


def _bookmark_id(paragraph: DocParagraph) -> str:
    """Return the clause id a generated draft's hidden bookmark records, or ''. The heading's
    own bookmark is its last: those before it come from paragraphs deleted into it."""
    for name in reversed(paragraph.bookmarks):
        if name.startswith("_Ref_"):
            return name[len("_Ref_"):].replace("_", "-").lower()
    return ""


def from_docx(data: bytes) -> list[ClauseText]:
    """Return any .docx as clauses: a new clause at each top-level heading (its id from the
    generated bookmark, or from its title), paragraphs before the first heading as `cover`."""
    clauses = [ClauseText("cover", "", "Cover")]
    text = DocumentText(read_package(data))
    comments = text.comments()
    notes: dict[int, list[Line]] = {}
    for paragraph in text.body():
        if paragraph.style.startswith(SKIPPED_STYLES):
            continue
        current = clauses[-1]
        if paragraph.style in TOP_STYLES:
            title = paragraph.text
            cid = _bookmark_id(paragraph) or slug(title or paragraph.number, "untitled")
            clauses.append(ClauseText(cid, paragraph.number, title))
        elif paragraph.style == "Schedule Title" and not current.title and not current.lines:
            current.title = paragraph.text
            if current.id == slug(current.number, "untitled"):
                current.id = slug(paragraph.text, "untitled")
        else:
            current.lines.append(Line(
                paragraph.number, paragraph.text, reference_key(paragraph), paragraph.style,
                paragraph.level, paragraph.in_table,
                bold=tuple(s.text for s in paragraph.segments if s.bold and s.text.strip())))
        notes.setdefault(id(clauses[-1]), []).extend(
            _comment_line(comments[i]) for i in paragraph.comments if i in comments)
    for clause in clauses:  # a note is compared where a draft's note is: after its clause
        clause.lines += notes.get(id(clause), [])
    return _unique([c for c in clauses if c.id != "cover" or c.lines])


def _comment_line(comment: Comment) -> Line:
    """Return a comment as a line: a drafting note as the draft prints it, else as textconv."""
    text = ("Drafting note: " + comment.text if comment.author == NOTE_AUTHOR
            else comment.line())
    return Line("", text, text, comment=True)


REF_OPEN, REF_CLOSE = "\u27e8", "\u27e9"  # around a cross-reference's target in a key


def reference_key(paragraph: DocParagraph) -> str:
    """Return a paragraph's text with each cross-reference (a REF field) shown as its target
    bookmark, so a reference only renumbered reads the same."""
    if paragraph.in_table or not paragraph.segments:
        return paragraph.text
    out: list[str] = []
    current = None
    for segment in paragraph.segments:
        target = _ref_target(segment)
        if target:
            if segment.field is not current:
                out.append(f"{REF_OPEN}{target}{REF_CLOSE}")
                current = segment.field
            continue
        current = None
        out.append(segment.text)
    return _squash("".join(out))


def _ref_target(segment: Segment) -> str:
    """Return the bookmark a segment's REF field points to, or '' for any other text."""
    if segment.field is None:
        return ""
    words = segment.field.instruction.split()
    return words[1] if len(words) > 1 and words[0].upper() == "REF" else ""


def _unique(clauses: list[ClauseText]) -> list[ClauseText]:
    """Return the clauses with repeated ids made distinct (`id#2`, `id#3`)."""
    seen: dict[str, int] = {}
    for clause in clauses:
        seen[clause.id] = seen.get(clause.id, 0) + 1
        if seen[clause.id] > 1:
            clause.id = f"{clause.id}#{seen[clause.id]}"
    return clauses
