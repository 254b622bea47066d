"""A clause of an edited draft written back as scheme text: its opening words (`text:`), its
numbered paragraphs and listed items (`subclauses:`), with each cross-reference written as
`[[clause:ID]]` or `[[schedule:ID]]` markup, never as a typed number."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.review.clausetext import REF_CLOSE, REF_OPEN, Line

REF = re.compile(f"{REF_OPEN}([^{REF_CLOSE}]*){REF_CLOSE}")
TYPED = re.compile(r"\b(clause|Schedule) ([0-9]+(?:\.[0-9]+)*)(?!\.?[0-9])(?! (?:of|to|in) )")
SECTION_STYLE = "Heading 2"  # a schedule's numbered section heading
ITEM_DEPTH = 3  # items nest at most three levels deep in scheme text


@dataclass
class Targets:
    """What references can point to: each bookmark's anchor, the anchors that are schedules,
    and the clause numbers of the edited document (for numbers a lawyer typed)."""

    anchors: dict[str, str] = field(default_factory=dict)  # bookmark name -> anchor
    schedules: set[str] = field(default_factory=set)
    numbers: dict[str, str] = field(default_factory=dict)  # "12" or "Schedule 2" -> anchor

    def markup(self, anchor: str) -> str:
        """Return the markup for a reference to `anchor`."""
        kind = "schedule" if anchor in self.schedules else "clause"
        return f"[[{kind}:{anchor}]]"


def with_markup(line: Line, targets: Targets) -> str | None:
    """Return a line's text with its cross-references as markup, or None when one points to
    something the scheme's draft does not have."""
    unknown = False

    def field_ref(found: re.Match[str]) -> str:
        nonlocal unknown
        anchor = targets.anchors.get(found.group(1))
        if anchor is None:
            unknown = True
            return found.group(0)
        return targets.markup(anchor)

    text = REF.sub(field_ref, line.key)
    return None if unknown else TYPED.sub(lambda m: _typed(m, targets), text)


def _typed(found: re.Match[str], targets: Targets) -> str:
    """Return a typed 'clause 12' as 'clause [[clause:ID]]' where 12 is a clause of the edited
    document; anything else as typed."""
    word, number = found.group(1), found.group(2)
    key = f"Schedule {number}" if word.lower().startswith("schedule") else number
    anchor = targets.numbers.get(key)
    if anchor is None:
        return found.group(0)
    return f"{word} {targets.markup(anchor)}" if key == number else targets.markup(anchor)


class Unwritable(Exception):
    """A clause whose edited text scheme text cannot hold; the message says why."""


def scheme_text(lines: list[Line], targets: Targets) -> dict[str, Any]:
    """Return {'text': ..., 'subclauses': [...], 'sections': [...]} (each only when there is
    one) for a clause's or a schedule's lines; a schedule's numbered sections (Heading 2) become
    `sections:`, each with its title and its own text.

    Raises Unwritable for a table, a definition list or a reference to a missing target."""
    lines = [line for line in lines if not line.comment]
    starts = [i for i, line in enumerate(lines) if line.style == SECTION_STYLE]
    if not starts:
        return _body(lines, targets, 0)
    out = _body(lines[:starts[0]], targets, 0)
    out["sections"] = []
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        title = with_markup(lines[start], targets)
        if title is None:
            raise Unwritable("a cross-reference in it points to no clause of the draft")
        out["sections"].append({"title": title, **_body(lines[start + 1:end], targets, 1)})
    return out


def _body(lines: list[Line], targets: Targets, shift: int) -> dict[str, Any]:
    """Return the opening words and numbered paragraphs of lines whose list levels are
    `shift` deeper than a clause's own."""
    out: dict[str, Any] = {}
    subclauses: list[Any] = []
    for line in lines:
        if line.in_table:
            raise Unwritable("it holds a table")
        if line.style == "Definition":
            raise Unwritable("it holds definitions")
        text = with_markup(line, targets)
        if text is None:
            raise Unwritable("a cross-reference in it points to no clause of the draft")
        _place(line, text, out, subclauses, shift)
    if subclauses:
        out["subclauses"] = [_plain(entry) for entry in subclauses]
    return out


def _place(line: Line, text: str, out: dict[str, Any], subclauses: list[Any],
           shift: int) -> None:
    """Put one line where it belongs: opening words, a paragraph, or an item of the last one."""
    level = max((line.level or 0) - shift, 0)
    if not line.number:
        if not subclauses and "text" not in out:
            out["text"] = text
        else:
            subclauses.append({"text": text, "numbered": False, "items": []})
        return
    if level <= 1 or not subclauses:
        subclauses.append({"text": text, "items": []})
        return
    parent = subclauses[-1]
    for _ in range(min(level, ITEM_DEPTH + 1) - 2):
        if not parent["items"]:
            break
        parent = parent["items"][-1]
    parent["items"].append({"text": text, "items": []})


def _plain(entry: dict[str, Any]) -> Any:
    """Return an entry in its shortest scheme form: a string when it is only text."""
    items = [_plain(item) for item in entry["items"]]
    if not items and entry.get("numbered", True):
        return entry["text"]
    shaped: dict[str, Any] = {"text": entry["text"]}
    if items:
        shaped["items"] = items
    if not entry.get("numbered", True):
        shaped["numbered"] = False
    return shaped
