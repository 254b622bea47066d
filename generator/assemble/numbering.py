"""Clause numbers as the reader sees them, matching the Word template's numbering levels."""

from __future__ import annotations

from generator.model.draft import Clause, Draft, Item, Paragraph


def letters(n: int) -> str:
    """Return a, b, ... z, aa, bb ... for 1, 2, ..."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def roman(n: int) -> str:
    """Return i, ii, iii ... for 1, 2, 3 ..."""
    values = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
              (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, numeral in values:
        while n >= value:
            out, n = out + numeral, n - value
    return out


def number_draft(draft: Draft) -> None:
    """Give every clause, paragraph and item its number and record cross-reference targets."""
    for clause in draft.front:
        _number_front(clause)
    for index, clause in enumerate(draft.clauses, start=1):
        clause.number = str(index)
        _number_paragraphs(clause.paragraphs, f"{index}.", draft)
        _register(draft, clause.anchor, clause.number, clause.title)
    for index, schedule in enumerate(draft.schedules, start=1):
        schedule.number = f"Schedule {index}"
        _register(draft, schedule.anchor, schedule.number, schedule.title)
        _number_paragraphs(schedule.paragraphs, "", draft)
        for s_index, section in enumerate(schedule.sections, start=1):
            section.number = str(s_index)
            _register(draft, section.anchor, section.number, section.title)
            _number_paragraphs(section.paragraphs, f"{s_index}.", draft)


def _number_front(clause: Clause) -> None:
    count = 0
    for paragraph in clause.paragraphs:
        if not paragraph.numbered or paragraph.table:
            continue
        count += 1
        paragraph.number = (f"({count})"
                            if clause.anchor == "parties" or clause.id.endswith("parties")
                            else f"({chr(ord('A') + count - 1)})")
        _number_items(paragraph.items, 0)


def _number_paragraphs(paragraphs: list[Paragraph], prefix: str, draft: Draft) -> None:
    count = 0
    for paragraph in paragraphs:
        if paragraph.numbered and not paragraph.table:
            count += 1
            paragraph.number = f"{prefix}{count}"
            _register(draft, paragraph.anchor, paragraph.number, "")
        _number_items(paragraph.items, 0)


def _number_items(items: list[Item], depth: int) -> None:
    for index, item in enumerate(items, start=1):
        item.number = f"({letters(index)})" if depth % 2 == 0 else f"({roman(index)})"
        _number_items(item.items, depth + 1)


def _register(draft: Draft, anchor: str, number: str, title: str) -> None:
    if anchor:
        draft.numbers[anchor] = number
        draft.titles[anchor] = title
