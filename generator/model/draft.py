"""The draft: one document model between the readers and the writers.

Readers (library, scheme, assembly) build a Draft; writers (Markdown, Word, manifest) only read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.diagnostics import Loc

QUOTE_OPEN, QUOTE_CLOSE = "\u201c", "\u201d"  # around a defined term where it is defined
BLANK = "." * 54  # a line left to be completed by hand (a date, a signature, a name)
NOTE_AUTHOR = "Drafting note"  # the author of the Word comments that hold drafting notes


@dataclass(frozen=True)
class Run:
    """A piece of inline text: plain text, a defined term (bold) or a cross-reference."""

    kind: str  # "text" | "term" | "ref"
    value: str


def joined_text(runs: list[Run]) -> list[Run]:
    """Return the runs with empty plain text left out and neighbouring plain text joined into
    one run."""
    out: list[Run] = []
    for run in runs:
        if run.kind == "text" and not run.value:
            continue
        if run.kind == "text" and out and out[-1].kind == "text":
            out[-1] = Run("text", out[-1].value + run.value)
        else:
            out.append(run)
    return out


@dataclass
class Item:
    """A listed item, (a) or (i), possibly with its own items."""

    runs: list[Run]
    items: list[Item] = field(default_factory=list)
    number: str = ""  # as the document prints it, from the template's numbering


@dataclass
class Definition:
    """A defined term and what it means."""

    term: str
    runs: list[Run]


@dataclass
class Table:
    """A table: header rows, body rows; rows in `total_rows` are printed bold."""

    header: list[str]
    rows: list[list[str]]
    total_rows: set[int] = field(default_factory=set)
    caption: str = ""
    numeric_from: int = 1  # columns from this index are right-aligned figures


@dataclass
class Paragraph:
    """A numbered (or unnumbered) paragraph of a clause: text, items, definitions or a table."""

    runs: list[Run] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    table: Table | None = None
    numbered: bool = True
    anchor: str = ""
    number: str = ""  # as the document prints it ("3.2", "1."), from the template's numbering


@dataclass
class Source:
    """Where a clause came from: library file and line, the scheme layer, the variant."""

    file: str
    line: int
    layer: str = "vanilla"
    variant: str = ""


@dataclass
class Clause:
    """A clause, a schedule, a section of a schedule, a front-matter block, or an unnumbered
    block after the schedules (the execution)."""

    id: str
    title: str
    kind: str  # "front" | "clause" | "schedule" | "section" | "end"
    lead: list[Run] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Clause] = field(default_factory=list)
    number: str = ""  # as a cross-reference prints it ("3", "Schedule 1")
    label: str = ""  # as the heading prints it, from the template's numbering ("3.")
    anchor: str = ""
    source: Source | None = None
    note: str = ""
    satisfies: list[str] = field(default_factory=list)
    not_used: bool = False


@dataclass
class PartyLine:
    """A party as printed on the cover."""

    name: str
    short_name: str
    type_label: str


@dataclass(frozen=True)
class Deviation:
    """One departure from the vanilla model, and the scheme file (layer) that makes it."""

    layer: str  # the scheme file, as loaded, or "vanilla"
    kind: str  # omitted, replaced, renamed, added, moved, reordered, included, variant,
    #            variable, defined (a term), heading, acknowledged (a warning)
    subject: str
    detail: str
    reason: str
    loc: Loc
    clause: str = ""  # the library clause it touches (for an addition, the one it follows)


@dataclass
class Provenance:
    """Where a draft came from: the scheme files of its chain (base first) and its departures
    from the vanilla model."""

    scheme_files: list[str] = field(default_factory=list)
    deviations: list[Deviation] = field(default_factory=list)


@dataclass
class Draft:
    """A whole document ready for the writers."""

    document: str  # section75 | mou | tor
    doc_title: str
    scheme_id: str
    scheme_title: str
    status: str
    date_text: str
    parties: list[PartyLine]
    front: list[Clause] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    schedules: list[Clause] = field(default_factory=list)
    end: list[Clause] = field(default_factory=list)  # unnumbered blocks after the schedules
    numbers: dict[str, str] = field(default_factory=dict)  # anchor -> number as printed
    titles: dict[str, str] = field(default_factory=dict)  # anchor -> heading title
    created: str = ""  # ISO date for document properties
    cover_text: str = ""  # what the document is, as its cover says it
    provenance: Provenance = field(default_factory=Provenance)

    def all_clauses(self) -> list[Clause]:
        """Return front matter, clauses, schedules and end blocks in document order."""
        return self.front + self.clauses + self.schedules + self.end

    def ref_text(self, anchor: str) -> str:
        """Return the number a cross-reference to `anchor` prints."""
        return self.numbers.get(anchor, "")
