"""Read a written .docx back into the draft model, and check what was actually written.

`read_back(data, known_anchors)` rebuilds a Draft from the file alone, through the project's
OOXML layer: front matter, clauses and schedules start at the headings the Word writer uses, each
identified by the hidden `_Ref_...` bookmark on its heading and numbered by the document's own
numbering, so a number is what Word shows. Cross-references come back as `Run("ref", anchor)`,
with the text each one shows kept in `WrittenDraft.refs`. The checks of the written file
(`checks.written`) compare it with the draft it was written from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.assemble.textrender import SENTINELS
from generator.model.draft import (
    NOTE_AUTHOR,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    Clause,
    Definition,
    Draft,
    Item,
    Paragraph,
    Run,
    Table,
    joined_text,
)
from generator.ooxml.build import BOOKMARK_PREFIX, bookmark_name
from generator.ooxml.docxtext import DocParagraph, DocumentText, Segment
from generator.ooxml.fields import ref_target
from generator.ooxml.numbering import reference_text
from generator.ooxml.package import read_package
from generator.ooxml.properties import core_properties
from generator.writers.docx import MARKER

HEADINGS = {"Front Heading": "front", "Heading 1": "clause", "Schedule Heading": "schedule"}
SECTION_HEADING = "Heading 2"
SCHEDULE_TITLE = "Schedule Title"
CONTENTS = ("TOC", "Contents Heading")
LEAD_STYLES = {"Body Indent", "Normal"}
ITEM_DEPTH = {"Clause 3": 1, "Schedule 3": 1, "Clause 4": 2, "Schedule 4": 2}
DEFINITION = "Definition"
NOTE, NOTE_PREFIX = "Drafting Note", "Drafting note: "
CAPTION = "Table Caption"
NOT_USED = "Not used"
SCHEME_PREFIX = "Generated from scheme "


@dataclass(frozen=True)
class WrittenRef:
    """A cross-reference as written: the anchor it points at, its bookmark, the text it shows."""

    anchor: str
    bookmark: str
    shown: str


@dataclass
class WrittenDraft(Draft):
    """A Draft read back from a .docx, with what only the file can show."""

    refs: list[WrittenRef] = field(default_factory=list)  # every REF field, in order
    bookmarks: dict[str, str] = field(default_factory=dict)  # bookmark name -> paragraph text
    text: str = ""  # all text shown: body, tables, headers and footers, one line each

    def has_anchor(self, anchor: str) -> bool:
        """Return whether the file has the hidden bookmark of `anchor`."""
        return bookmark_name(anchor) in self.bookmarks


def read_back(data: bytes, known_anchors: Iterable[str]) -> WrittenDraft:
    """Return the draft a written .docx holds, read from the file alone.

    A bookmark name is mapped back to the anchor in `known_anchors` it was made from (names are
    lossy), or kept as it is when none was. Raises DocxUnreadable if the file cannot be read.
    """
    package = read_package(data)
    reader = DocumentText(package)
    body = reader.body()
    builder = _Builder(_new_draft(core_properties(package)),
                       {bookmark_name(a): a for a in known_anchors})
    comments = reader.comments()
    for paragraph in body:
        builder.add(paragraph)
        notes = [comments[i].text for i in paragraph.comments
                 if i in comments and comments[i].author == NOTE_AUTHOR]
        if notes and builder.clause is not None:
            builder.clause.note = " ".join(notes)
    written = builder.draft
    written.bookmarks = {name: p.text for p in body for name in p.bookmarks}
    written.text = "\n".join(p.text for p in body + reader.headers_and_footers())
    return written


def leftovers(written: WrittenDraft) -> list[str]:
    """Return problems with what the text shows: the body marker, internal markers."""
    problems = []
    if MARKER in written.text:
        problems.append("the body marker was left in the document")
    if any(c in written.text for c in SENTINELS):
        problems.append("internal markers were left in the document text")
    return problems


def written_bookmarks(data: bytes) -> dict[str, str]:
    """Return bookmark name -> text of the paragraph it marks, for every bookmark written."""
    return read_back(data, ()).bookmarks


def reference_number(label: str) -> str:
    """Return a computed label as the model and cross-references print it: "4." gives "4"."""
    return reference_text(label)


def _new_draft(props: dict[str, str]) -> WrittenDraft:
    """Return an empty read-back draft described by the package's core properties."""
    doc_title = props["subject"]
    suffix = f": {doc_title}"
    title = props["title"]
    scheme_title = title[:-len(suffix)] if doc_title and title.endswith(suffix) else title
    comments = props["comments"]
    scheme_id = comments[len(SCHEME_PREFIX):] if comments.startswith(SCHEME_PREFIX) else ""
    return WrittenDraft(document="", doc_title=doc_title, scheme_id=scheme_id,
                        scheme_title=scheme_title, status=props["keywords"], date_text="",
                        parties=[])


class _Builder:
    """Builds the read-back draft paragraph by paragraph, as the Word writer laid it out."""

    def __init__(self, draft: WrittenDraft, anchors: dict[str, str]) -> None:
        self.draft = draft
        self.anchors = anchors
        self.clause: Clause | None = None  # the front block, clause or schedule being read
        self.container: Clause | None = None  # the clause or schedule section being read
        self.caption = ""

    def add(self, line: DocParagraph) -> None:
        """Add one line of the body to the draft (the cover and contents are left out)."""
        anchor = self._anchor(line)
        if anchor and line.number:
            self.draft.numbers[anchor] = reference_number(line.number)
        if line.style in HEADINGS:
            self._heading(line, self._kind(HEADINGS[line.style]), anchor)
        elif self.clause is None or self.container is None or line.style.startswith(CONTENTS):
            return
        elif line.row is not None:
            self._table_row(self.container, line)
        elif line.style == SCHEDULE_TITLE and self.clause.kind == "schedule":
            self.clause.title = line.text
        elif line.style == SECTION_HEADING and self.clause.kind == "schedule":
            self._section(self.clause, line, anchor)
        else:
            self._content(self.clause, self.container, line, anchor)

    def _kind(self, kind: str) -> str:
        """Return the kind a heading starts: a front-matter heading after the clauses begins an
        unnumbered block after the schedules (the execution)."""
        return "end" if kind == "front" and (self.draft.clauses or self.draft.schedules) \
            else kind

    def _anchor(self, line: DocParagraph) -> str:
        """Return the anchor of the line's hidden bookmark, or ""."""
        name = next((b for b in line.bookmarks if b.startswith(BOOKMARK_PREFIX)), "")
        return self.anchors.get(name, name)

    def _heading(self, line: DocParagraph, kind: str, anchor: str) -> None:
        """Start a front-matter block, clause or schedule."""
        clause = Clause(id=anchor, title=line.text, kind=kind, anchor=anchor,
                        number=reference_number(line.number), label=line.number,
                        not_used=kind == "clause" and line.text == NOT_USED)
        {"front": self.draft.front, "clause": self.draft.clauses,
         "schedule": self.draft.schedules, "end": self.draft.end}[kind].append(clause)
        if anchor:
            self.draft.titles[anchor] = clause.title
        self.clause = self.container = clause

    def _section(self, schedule: Clause, line: DocParagraph, anchor: str) -> None:
        """Start a section of a schedule."""
        section = Clause(id=anchor, title=line.text, kind="section", anchor=anchor,
                         number=reference_number(line.number), label=line.number)
        schedule.sections.append(section)
        self.container = section

    def _content(self, clause: Clause, container: Clause, line: DocParagraph,
                 anchor: str) -> None:
        """Add a paragraph, item, definition, caption or drafting note to the clause."""
        runs = self._runs(line.segments)
        if line.style == NOTE:
            clause.note = line.text.removeprefix(NOTE_PREFIX)
        elif line.style == CAPTION:
            self.caption = line.text
        elif line.style == DEFINITION:
            _holder(container).definitions.append(_definition(runs))
        elif line.style in ITEM_DEPTH:
            _add_item(_holder(container), Item(runs, number=line.number), ITEM_DEPTH[line.style])
        elif line.style in LEAD_STYLES and not container.paragraphs and not container.lead:
            container.lead = runs
        else:
            container.paragraphs.append(Paragraph(runs=runs, numbered=bool(line.number),
                                                  anchor=anchor, number=line.number))

    def _table_row(self, container: Clause, line: DocParagraph) -> None:
        """Add a table row: the first row of a table starts it, its cells as the header."""
        if line.row == 0:
            table = Table(header=line.cells, rows=[], caption=self.caption)
            container.paragraphs.append(Paragraph(table=table, numbered=False))
            self.caption = ""
        elif container.paragraphs and container.paragraphs[-1].table is not None:
            container.paragraphs[-1].table.rows.append(line.cells)

    def _runs(self, segments: list[Segment]) -> list[Run]:
        """Return a paragraph's segments as runs: REF fields as references (their shown text
        kept in the draft's refs), bold text in quotation marks as defined terms."""
        runs: list[Run] = []
        for group in _groups(segments):
            shown = "".join(s.text for s in group)
            target = None if group[0].field is None else ref_target(group[0].field.instruction)
            if target is not None:
                anchor = self.anchors.get(target, target)
                self.draft.refs.append(WrittenRef(anchor, target, shown))
                runs.append(Run("ref", anchor))
            elif group[0].bold and group[0].field is None and _quoted(runs):
                runs[-1] = Run("text", runs[-1].value[:-len(QUOTE_OPEN)])
                runs.append(Run("term", shown))
            elif runs and runs[-1].kind == "term" and shown.startswith(QUOTE_CLOSE):
                runs.append(Run("text", shown[len(QUOTE_CLOSE):]))
            else:
                runs.append(Run("text", shown))
        return joined_text(runs)


def _groups(segments: list[Segment]) -> list[list[Segment]]:
    """Return the segments in groups: each field's result is one group, other text is grouped
    by its bold setting."""
    groups: list[list[Segment]] = []
    for segment in segments:
        last = groups[-1][-1] if groups else None
        if last is not None and last.field is segment.field and (
                segment.field is not None or last.bold == segment.bold):
            groups[-1].append(segment)
        else:
            groups.append([segment])
    return groups


def _quoted(runs: list[Run]) -> bool:
    """Return whether the runs so far end in an opening quotation mark of plain text."""
    return bool(runs) and runs[-1].kind == "text" and runs[-1].value.endswith(QUOTE_OPEN)


def _holder(container: Clause) -> Paragraph:
    """Return the paragraph items and definitions belong to: the container's last, or a new
    unnumbered one when it has none (or its last is a table)."""
    if not container.paragraphs or container.paragraphs[-1].table is not None:
        container.paragraphs.append(Paragraph(numbered=False))
    return container.paragraphs[-1]


def _add_item(paragraph: Paragraph, item: Item, depth: int) -> None:
    """Add an item at depth 1 (an item) or 2 (an item of the last item)."""
    items = paragraph.items
    if depth > 1 and items:
        items = items[-1].items
    items.append(item)


def _definition(runs: list[Run]) -> Definition:
    """Return a definition paragraph's runs as a Definition: the term, then what it means."""
    if not runs or runs[0].kind != "term":
        return Definition(term="", runs=runs)
    rest = runs[1:]
    if rest and rest[0].kind == "text":
        rest[0] = Run("text", rest[0].value.removeprefix(" "))
    return Definition(term=runs[0].value, runs=joined_text(rest))
