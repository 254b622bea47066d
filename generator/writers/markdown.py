"""The Markdown twin: the same numbers, headings and text as the Word draft, for diffing."""

from __future__ import annotations

import re

from generator.model.draft import (
    BLANK,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    Clause,
    Draft,
    Item,
    Paragraph,
    Run,
    Table,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def escape(text: str) -> str:
    """Return text with Markdown's special characters escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def runs_text(runs: list[Run], draft: Draft) -> str:
    """Return runs as Markdown: defined terms bold in quotation marks, references as numbers."""
    out = []
    for run in runs:
        if run.kind == "term":
            out.append(f"{QUOTE_OPEN}**{escape(run.value)}**{QUOTE_CLOSE}")
        elif run.kind == "ref":
            out.append(escape(draft.ref_text(run.value)))
        else:
            out.append(escape(run.value))
    return "".join(out)


def write_markdown(draft: Draft, notes: bool | None = None) -> bytes:
    """Return the draft as Markdown (UTF-8, LF line ends, one blank line between blocks), its
    drafting notes as block quotes when `notes` (by default, in a draft only)."""
    blocks = _cover(draft)
    for clause in draft.front:
        blocks += _front(clause, draft, notes)
    for clause in draft.clauses:
        blocks += _clause(clause, draft, "##", notes)
    for schedule in draft.schedules:
        blocks += _schedule(schedule, draft, notes)
    for block in draft.end:
        blocks += _end(block, draft, notes)
    return ("\n\n".join(blocks).rstrip() + "\n").encode("utf-8")


def clause_blocks(clause: Clause, draft: Draft) -> list[str]:
    """Return the Markdown blocks one clause, schedule or front-matter block prints as."""
    if clause.kind == "front":
        return _front(clause, draft)
    if clause.kind == "schedule":
        return _schedule(clause, draft)
    if clause.kind == "end":
        return _end(clause, draft)
    return _clause(clause, draft, "##")


def _cover(draft: Draft) -> list[str]:
    blocks = [f"# {escape(draft.doc_title)}", f"**{escape(draft.scheme_title)}**",
              f"Status: {draft.status}"]
    blocks.append(f"Dated {escape(draft.date_text or BLANK)}")
    blocks.append("Between: " + "; ".join(escape(p.name) for p in draft.parties))
    return blocks


def _front(clause: Clause, draft: Draft, notes: bool | None = None) -> list[str]:
    blocks = [f"## {escape(clause.title)}"]
    if clause.lead:
        blocks.append(runs_text(clause.lead, draft))
    for paragraph in clause.paragraphs:
        blocks += _paragraph(paragraph, draft)
    return blocks + _note(clause, draft, notes)


def _end(block: Clause, draft: Draft, notes: bool | None = None) -> list[str]:
    """Return an unnumbered block after the schedules: heading, lead, lines, each section's
    lead and lines, and its note."""
    blocks = [f"## {escape(block.title)}"]
    if block.lead:
        blocks.append(runs_text(block.lead, draft))
    for paragraph in block.paragraphs:
        blocks += _paragraph(paragraph, draft)
    for section in block.sections:
        blocks.append(runs_text(section.lead, draft) if section.lead else escape(section.title))
        for paragraph in section.paragraphs:
            blocks += _paragraph(paragraph, draft)
    return blocks + _note(block, draft, notes)


def _clause(clause: Clause, draft: Draft, level: str, notes: bool | None = None) -> list[str]:
    """Return a clause or schedule section: its heading led by its number as the template's
    numbering prints it, its lead, paragraphs and note."""
    title = "*Not used*" if clause.not_used else escape(clause.title)
    blocks = [" ".join(part for part in (level, escape(clause.label), title) if part)]
    if clause.lead:
        blocks.append(runs_text(clause.lead, draft))
    for paragraph in clause.paragraphs:
        blocks += _paragraph(paragraph, draft)
    return blocks + _note(clause, draft, notes)


def _schedule(schedule: Clause, draft: Draft, notes: bool | None = None) -> list[str]:
    blocks = [f"## {escape(schedule.label)}: {escape(schedule.title)}"]
    if schedule.lead:
        blocks.append(runs_text(schedule.lead, draft))
    for paragraph in schedule.paragraphs:
        blocks += _paragraph(paragraph, draft)
    for section in schedule.sections:
        blocks += _clause(section, draft, "###", notes)
    return blocks + _note(schedule, draft, notes)


def _note(clause: Clause, draft: Draft, notes: bool | None) -> list[str]:
    """Return the clause's drafting note as a block quote, when notes are shown."""
    shown = draft.status == "DRAFT" if notes is None else notes
    if not clause.note or not shown:
        return []
    return [f"> Drafting note: {escape(' '.join(clause.note.split()))}"]


def _paragraph(paragraph: Paragraph, draft: Draft) -> list[str]:
    """Return a paragraph's blocks: its number as the template's numbering prints it and its
    text, its definitions, and its items as one list."""
    if paragraph.table is not None:
        return _table(paragraph.table)
    text = runs_text(paragraph.runs, draft)
    head = f"{escape(paragraph.number)} {text}".strip() if paragraph.number else text
    blocks = [head] if head else []
    for definition in paragraph.definitions:
        blocks.append(f"{QUOTE_OPEN}**{escape(definition.term)}**{QUOTE_CLOSE} "
                      f"{runs_text(definition.runs, draft)}")
    if paragraph.items:
        blocks.append("\n".join(_items(paragraph.items, draft, 1)))
    return blocks


def _items(items: list[Item], draft: Draft, depth: int) -> list[str]:
    """Return one line per item, as a Markdown list item led by its number ("- (a) ..."),
    nested two spaces a level, so that a web renderer shows a list (never a code block)
    and a diff still shows one item a line."""
    lines = []
    for item in items:
        shown = " ".join(part for part in (escape(item.number), runs_text(item.runs, draft))
                         if part)
        lines.append(f"{'  ' * (depth - 1)}- {shown}")
        lines += _items(item.items, draft, depth + 1)
    return lines


def _table(table: Table) -> list[str]:
    def row(cells: list[str], bold: bool = False) -> str:
        shown = [escape(c) for c in cells]
        if bold:
            shown = [f"**{c}**" if c else c for c in shown]
        return "| " + " | ".join(shown) + " |"

    align = ["---" if i < table.numeric_from else "---:" for i in range(len(table.header))]
    lines = [row(table.header), "| " + " | ".join(align) + " |"]
    lines += [row(r, i in table.total_rows) for i, r in enumerate(table.rows)]
    blocks = [f"*{escape(table.caption)}*"] if table.caption else []
    return blocks + ["\n".join(lines)]
