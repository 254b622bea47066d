"""Clause-level comparison of two documents: clauses added, removed, moved and changed (by id
and number), with word-level changes inside each changed clause."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from generator.review.clausetext import ClauseText, Line
from generator.review.matching import match


@dataclass
class Comparison:
    """What differs between two documents, clause by clause."""

    added: list[ClauseText] = field(default_factory=list)
    removed: list[ClauseText] = field(default_factory=list)
    moved: list[tuple[ClauseText, ClauseText]] = field(default_factory=list)
    changed: list[tuple[ClauseText, ClauseText]] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        """Return True when nothing was added, removed, moved or changed."""
        return not (self.added or self.removed or self.moved or self.changed)

    def counts(self) -> str:
        """Return '2 changed, 1 added, 0 removed, 0 moved'."""
        return (f"{len(self.changed)} changed, {len(self.added)} added, "
                f"{len(self.removed)} removed, {len(self.moved)} moved")


def compare(old: list[ClauseText], new: list[ClauseText]) -> Comparison:
    """Return the clause-level differences from `old` to `new`, clauses paired by id, then by
    heading, then by text (see `matching`)."""
    matching = match(old, new)
    result = Comparison(added=matching.added, removed=matching.removed,
                        moved=matching.moved())
    for before, after in sorted(matching.pairs, key=lambda pair: pair[1].position):
        if _keys(before) != _keys(after):
            result.changed.append((before, after))
    return result


def _keys(clause: ClauseText) -> tuple:
    return (clause.title, tuple(line.key for line in clause.lines))


def word_diff(old: str, new: str) -> str:
    """Return `new` with words removed from `old` as [-...-] and words added as {+...+}."""
    before, after = old.split(), new.split()
    out = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(" ".join(after[b1:b2]))
            continue
        if a2 > a1:
            out.append("[-" + " ".join(before[a1:a2]) + "-]")
        if b2 > b1:
            out.append("{+" + " ".join(after[b1:b2]) + "+}")
    return " ".join(out)


def line_changes(old: ClauseText, new: ClauseText) -> list[str]:
    """Return the changed lines of a clause: '~ ' with word changes, '- ' removed, '+ ' added."""
    out = []
    if old.title != new.title:
        out.append(f"~ title: {word_diff(old.title, new.title)}")
    matcher = difflib.SequenceMatcher(a=[line.key for line in old.lines],
                                      b=[line.key for line in new.lines], autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        out += _block_changes(old.lines[a1:a2], new.lines[b1:b2])
    return out


def _similar(before: Line, after: Line) -> bool:
    """Return True when two lines are one line reworded rather than two different lines."""
    ratio = difflib.SequenceMatcher(a=before.key.split(), b=after.key.split(),
                                    autojunk=False).ratio()
    return ratio >= 0.5


def _block_changes(gone: list[Line], came: list[Line]) -> list[str]:
    """Return a replaced block as reworded lines (~) where lines correspond, else - and +."""
    out = []
    while gone or came:
        if gone and came and _similar(gone[0], came[0]):
            out.append(f"~ {_pair(gone.pop(0), came.pop(0))}")
        elif gone and (not came or not any(_similar(gone[0], line) for line in came)):
            out.append(f"- {gone.pop(0).shown()}")
        else:
            out.append(f"+ {came.pop(0).shown()}")
    return out


def _pair(before: Line, after: Line) -> str:
    number = after.number if before.number == after.number else (
        f"{before.number or '-'}\u2192{after.number or '-'}")
    return f"{number} {word_diff(before.text, after.text)}".strip()


def _renumbered(old: ClauseText, new: ClauseText) -> str:
    return "" if old.number == new.number else f" (was {old.number or 'unnumbered'})"


def report(comparison: Comparison, old_label: str, new_label: str) -> list[str]:
    """Return the comparison as lines for people: a header, one entry per clause, a count."""
    lines = [f"--- {old_label}", f"+++ {new_label}"]
    for clause in comparison.added:
        lines.append(f"added    {clause.number or '-'} {clause.id}: {clause.title}")
    for clause in comparison.removed:
        lines.append(f"removed  {clause.number or '-'} {clause.id}: {clause.title}")
    for before, after in comparison.moved:
        lines.append(f"moved    {after.id}: {before.number or '-'} \u2192 {after.number or '-'}")
    for before, after in comparison.changed:
        lines.append(f"changed  {after.number or '-'} {after.id}: {after.title}"
                     f"{_renumbered(before, after)}")
        lines += [f"    {change}" for change in line_changes(before, after)]
    lines.append(comparison.counts() if not comparison.identical else "identical")
    return lines
