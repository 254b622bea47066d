"""Values a scheme marks illustrative: `{ illustrative: 1240 }` written in place of `1240`.

The marked value is unwrapped in each file before validation, so the schema and every check see
the plain value, and its path is recorded. Text that prints as written gets the marker appended
here, so it shows wherever it prints; figures and dates keep their plain value and are marked by
assembly where they are formatted (tables, totals, dates), from the paths recorded.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from generator.diagnostics import Diagnostic, Loc, error
from generator.load.yamlio import Loaded
from generator.model.scheme import ILLUSTRATIVE_MARK

KEY = "illustrative"
Path_ = tuple[Any, ...]

# Where a marked figure or date is printed (list positions and keys the scheme chooses as None).
FIGURES: tuple[Path_, ...] = (
    ("funds", "lines", None, "contributions", None, None),
    ("funds", "totals", None, None),
    ("board", "delegated_limit", "amount"),
    ("board", "delegated_limits", None),
    ("board", "delegated_limits", None, "amount"),
    ("fixed_shares", None),
)
DATES: tuple[Path_, ...] = (
    ("agreement_date",), ("commencement_date",), ("term", "end"),
    ("board", "meetings_in_public", "from"),
)
# Text that names something (a party, a clause, a choice) rather than printing as written.
NAMING_KEYS = {"id", "extends", "party", "host", "lead_commissioner", "short_name", "type",
               "clause", "after", "choose", "reason", "status", "documents", "flexibilities",
               "units", "arrangement", "model", "decision_rule", "risk_share", "parts"}
NAMING_TOPS = {"vocabulary", "headings", "titles", "variables", "documents", "flexibilities"}


@dataclass(frozen=True)
class Mark:
    """A value marked illustrative in one file: its path, where it is written, the value and
    what it is (`text`, `figure` or `date`; empty when a marker cannot print there)."""

    path: Path_
    loc: Loc
    value: Any
    kind: str


def unwrap(layer: Loaded) -> list[Mark]:
    """Return the marks of one file, each `{ illustrative: value }` replaced in its data by the
    plain value (so validation sees the value as if written plainly)."""
    marks: list[Mark] = []
    _walk(layer, layer.data, (), marks)
    for mark in marks:
        for sub in [p for p in layer.locs if p[: len(mark.path) + 1] == mark.path + (KEY,)]:
            del layer.locs[sub]
    return marks


def _walk(layer: Loaded, node: Any, path: Path_, marks: list[Mark]) -> None:
    entries: list[tuple[Any, Any]] = (list(node.items()) if isinstance(node, dict) else
                                      list(enumerate(node)) if isinstance(node, list) else [])
    for key, value in entries:
        here = path + (key,)
        if _is_wrapper(value):
            plain = value[KEY]
            node[key] = plain
            marks.append(Mark(here, layer.loc(here), plain, kind_of(here, plain)))
        else:
            _walk(layer, value, here, marks)


def _is_wrapper(value: Any) -> bool:
    """Return whether `value` is `{ illustrative: v }` around one plain value (not true/false,
    which never print: a fund line's own `illustrative: true` stays as it is)."""
    if not isinstance(value, dict) or list(value) != [KEY]:
        return False
    inner = value[KEY]
    return isinstance(inner, (str, int, float, datetime.date)) and not isinstance(inner, bool)


def kind_of(path: Path_, value: Any) -> str:
    """Return how a marked value prints: `figure`, `date` or `text`, or "" when it does not
    print as written (a name, a choice, a count)."""
    if isinstance(value, datetime.date):
        return "date" if any(_matches(path, p) for p in DATES) else ""
    if isinstance(value, (int, float)):
        return "figure" if any(_matches(path, p) for p in FIGURES) else ""
    named = [step for step in path if isinstance(step, str)]
    if not named or named[0] in NAMING_TOPS or named[-1] in NAMING_KEYS:
        return ""
    if named[0] == "parties" and named[-1] == "name":
        return ""
    if named == ["review", "frequency"] or (named[0] == "changes" and named[-1] == "title"):
        return ""
    return "text"


def _matches(path: Path_, pattern: Path_) -> bool:
    if len(path) != len(pattern):
        return False
    return all(p is None or p == s for s, p in zip(path, pattern, strict=True))


def add_text_markers(layer: Loaded, marks: list[Mark]) -> None:
    """Append the marker to each marked text value of the file, where it sits in the data."""
    for mark in marks:
        if mark.kind != "text":
            continue
        node: Any = layer.data
        for step in mark.path[:-1]:
            node = node[step]
        node[mark.path[-1]] = f"{mark.value} {ILLUSTRATIVE_MARK}"


def unprintable(marks: list[Mark]) -> list[Diagnostic]:
    """Return an error for each mark on a value whose marker could not print."""
    return [error(mark.loc, "illustrative-unsupported",
                  f"`{'.'.join(str(s) for s in mark.path if isinstance(s, str))}` cannot be "
                  "marked illustrative: it is a name, a choice or a count the drafts work from, "
                  "not a value they print as written. Only figures of money, dates and printed "
                  "text can be marked; write the plain value")
            for mark in marks if not mark.kind]
