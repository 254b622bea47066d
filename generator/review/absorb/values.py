"""Edits that change a value the scheme holds (a contribution, a party's name or address)
rather than the wording of a clause: found by looking the old text up among the scheme's own
values, so the scheme value is changed and every place that prints it follows."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from generator.review.clausetext import Line

PARTY_FIELDS = ("legal_name", "name", "address")
DATE_FIELDS = ("commencement_date", "agreement_date")
FIGURE = re.compile(r"£?-?[0-9][0-9,]*(\.[0-9]+)?")
DERIVED = "total"  # a row or column so headed is computed from the others


@dataclass(frozen=True)
class ValueChange:
    """A scheme value to change: where it is (keys and indexes), what it was, what it becomes,
    and what the draft showed."""

    path: tuple
    old: Any
    new: Any
    shown: str

    def where(self) -> str:
        """Return the path as it reads in the scheme, e.g. funds.lines[0].contributions...."""
        out = ""
        for step in self.path:
            out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
        return out


def party_change(old: Line, new: Line, data: dict[str, Any]) -> ValueChange | None:
    """Return the party detail an edited line changes, when the edit falls inside one."""
    for index, party in enumerate(data.get("parties") or []):
        if not isinstance(party, dict):
            continue
        for key in PARTY_FIELDS:
            value = party.get(key)
            if isinstance(value, str) and len(value) >= 3:
                changed = _within(old.text, new.text, value)
                if changed is not None:
                    return ValueChange(("parties", index, key), value, changed, value)
    return None


def date_change(old: Line, new: Line, data: dict[str, Any]) -> ValueChange | None:
    """Return the scheme date an edited line changes ("1 October 2013" to another date)."""
    for key in DATE_FIELDS:
        value = data.get(key)
        if not isinstance(value, datetime.date):
            continue
        printed = f"{value.day} {value:%B %Y}"
        changed = _within(old.text, new.text, printed)
        if changed is None:
            continue
        try:
            return ValueChange((key,), value,
                               datetime.datetime.strptime(changed, "%d %B %Y").date(), printed)
        except ValueError:
            return None
    return None


def _within(old: str, new: str, value: str) -> str | None:
    """Return what `value` became when `old` became `new` by an edit inside it, else None."""
    at = old.find(value)
    if at < 0:
        return None
    prefix, suffix = old[:at], old[at + len(value):]
    if not (new.startswith(prefix) and new.endswith(suffix)):
        return None
    became = new[len(prefix):len(new) - len(suffix)].strip()
    return became if became and became != value else None


def figure(text: str) -> float | None:
    """Return the number a table cell shows ('95,200', '£1,860'), or None."""
    text = text.strip()
    if not FIGURE.fullmatch(text):
        return None
    return float(text.replace("£", "").replace(",", ""))


def contribution_changes(header: list[str], old: list[str], new: list[str],
                         data: dict[str, Any]) -> list[ValueChange] | None:
    """Return the contributions a changed table row changes, or None when a changed cell is
    not a contribution the scheme holds (one it cannot tell from another counts as not)."""
    found = []
    for column, (before, after) in enumerate(zip(old, new, strict=True)):
        if before == after or _derived(old[0]) or _derived(_cell(header, column)):
            continue
        was, now = figure(before), figure(after)
        if was is None or now is None:
            return None
        leaf = _contribution(data, was, old[0], _cell(header, column))
        if leaf is None:
            return None
        found.append(ValueChange(leaf, _number(was), _number(now), before))
    return found


def _mapping(value: Any) -> dict[str, Any]:
    """Return the value when it is a mapping, else an empty one."""
    return value if isinstance(value, dict) else {}


def _derived(label: str) -> bool:
    return label.strip().lower().startswith(DERIVED)


def _cell(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _contribution(data: dict[str, Any], value: float, row: str, column: str) -> tuple | None:
    """Return the path of the one contribution equal to `value` that the row and column
    labels fit (the scheme line or year, the party), or None."""
    candidates = []
    funds = _mapping(data.get("funds"))
    for index, line in enumerate(funds.get("lines") or []):
        years = line.get("contributions") if isinstance(line, dict) else None
        for year, shares in (years or {}).items() if isinstance(years, dict) else ():
            for party, amount in (shares or {}).items() if isinstance(shares, dict) else ():
                if isinstance(amount, (int, float)) and float(amount) == value and _fits(
                        str(line.get("name", "")), str(year), str(party), row, column):
                    candidates.append(("funds", "lines", index, "contributions", year, party))
    return candidates[0] if len(candidates) == 1 else None


def _fits(line: str, year: str, party: str, row: str, column: str) -> bool:
    """Return True when a table cell's row and column labels can name this contribution."""
    bare = re.sub(r"^the\s+", "", party, flags=re.IGNORECASE).lower()
    in_row = row.strip().lower() in (line.lower(), year.lower())
    return in_row and (not column or bare == column.strip().lower()
                       or column.strip().lower() in party.lower())


def stated_totals(changes: list[ValueChange], data: dict[str, Any]) -> list[ValueChange]:
    """Return the changes the scheme's stated totals (`funds: totals:`) need so they still add
    up once the contributions change: the partner's total and the year's total move by the
    same amount."""
    stated = _mapping(_mapping(data.get("funds")).get("totals"))
    moved: dict[tuple, float] = {}
    for change in changes:
        if change.path[:2] != ("funds", "lines"):
            continue
        year, party = change.path[4], change.path[5]
        for key in (party, "total"):
            moved[(year, key)] = moved.get((year, key), 0.0) + change.new - change.old
    out = []
    for (year, key), delta in moved.items():
        row = stated.get(year)
        value = row.get(key) if isinstance(row, dict) else None
        if isinstance(value, (int, float)) and delta:
            out.append(ValueChange(("funds", "totals", year, key), value,
                                   _number(float(value) + delta), str(value)))
    return out
