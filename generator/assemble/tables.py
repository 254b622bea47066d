"""Generated tables: financial contributions and board membership."""

from __future__ import annotations

from typing import Any

from generator.assemble.money import figure
from generator.model.draft import Table
from generator.model.scheme import ILLUSTRATIVE_MARK

DASH = "\u2013"


def contributions_tables(funds: dict[str, Any], parties: list[dict]) -> list[Table]:
    """Return one table per financial year: each line's contribution by partner, with totals."""
    payers = _payers(funds, parties)
    tables = []
    for year in funds["years"]:
        header = ["Scheme"] + [column_label(p) for p in payers] + ["Total"]
        rows, column_totals = [], [0.0] * len(payers)
        column_marked = [False] * len(payers)
        for line in funds["lines"]:
            amounts = line["contributions"].get(year, {})
            if not amounts:
                continue
            cells = [amounts.get(p) for p in payers]
            marks = [(year, p) in line.get("illustrative_cells", ()) for p in payers]
            for i, amount in enumerate(cells):
                column_totals[i] += amount or 0
                column_marked[i] = column_marked[i] or marks[i]
            rows.append([line["name"]] + [_cell(a, m) for a, m in zip(cells, marks, strict=True)]
                        + [_figure(sum(a or 0 for a in cells), any(marks))])
        rows.append(["Total"] + [_figure(t, m) for t, m in zip(column_totals, column_marked,
                                                                 strict=True)]
                    + [_figure(sum(column_totals), any(column_marked))])
        caption = f"Financial Contributions {year} ({funds['units_label']})"
        tables.append(Table(header, rows, {len(rows) - 1}, caption))
    return tables


def line_contributions_table(line: dict[str, Any], funds: dict[str, Any],
                             parties: list[dict]) -> Table:
    """Return one scheme line's contributions by financial year and partner."""
    payers = _payers({"lines": [line]}, parties)
    rows = []
    for year in line["years"]:
        amounts = line["contributions"][year]
        cells = [amounts.get(p) for p in payers]
        marks = [(year, p) in line.get("illustrative_cells", ()) for p in payers]
        rows.append([year] + [_cell(a, m) for a, m in zip(cells, marks, strict=True)]
                    + [_figure(sum(a or 0 for a in cells), any(marks))])
    caption = f"{line['name']}: Financial Contributions ({funds['units_label']})"
    return Table(["Financial Year"] + [column_label(p) for p in payers] + ["Total"], rows, set(),
                 caption)


def party_contributions_table(party: dict[str, Any], funds: dict[str, Any]) -> Table:
    """Return one partner's contributions: each scheme line by financial year, with totals."""
    who, years = party["short_name"], funds["years"]
    rows, totals = [], [0.0] * len(years)
    for line in funds["lines"]:
        cells = [line["contributions"].get(year, {}).get(who) for year in years]
        if all(cell is None for cell in cells):
            continue
        for i, amount in enumerate(cells):
            totals[i] += amount or 0
        rows.append([line["name"]] + [_cell(a) for a in cells]
                    + [figure(sum(a or 0 for a in cells))])
    rows.append(["Total"] + [figure(t) for t in totals] + [figure(sum(totals))])
    caption = f"Financial Contributions of {party['name']} ({funds['units_label']})"
    return Table(["Scheme"] + list(years) + ["Total"], rows, {len(rows) - 1}, caption)


def board_table(board: dict[str, Any]) -> Table:
    """Return the board's membership: role, name (a column only when some member is named),
    partner and whether the member votes."""
    named = any(member["name"] for member in board["members"])
    rows = []
    for member in board["members"]:
        party = member["party"]["short_name"] if member["party"] else ""
        voting = "Co-opted, non-voting" if member["co_opted"] else (
            "Voting" if member["voting"] else "Non-voting")
        name = [member["name"] or DASH] if named else []
        rows.append([member["role"], *name, member["organisation"] or party, voting])
    appointed_by = ("Partner or organisation"
                    if any(member["organisation"] for member in board["members"]) else "Partner")
    header = ["Member", *(["Name"] if named else []), appointed_by, "Status"]
    return Table(header, rows, set(), f"Membership of the {board['name']}", numeric_from=99)


def column_label(short_name: str) -> str:
    """Return a column heading for a party: its short name without a leading 'the'."""
    words = short_name.split(" ", 1)
    return words[1] if len(words) == 2 and words[0].lower() == "the" else short_name


def _payers(funds: dict[str, Any], parties: list[dict]) -> list[str]:
    seen = {name for line in funds["lines"] for by in line["contributions"].values() for name in by}
    ordered = [p["short_name"] for p in parties if p["short_name"] in seen]
    return ordered + sorted(seen - set(ordered))


def _cell(amount: float | None, illustrative: bool = False) -> str:
    return DASH if amount is None else _figure(amount, illustrative)


def _figure(amount: float, illustrative: bool) -> str:
    """Return a table figure, with the illustrative marker after it when it is marked (or is a
    total of a marked figure)."""
    return f"{figure(amount)} {ILLUSTRATIVE_MARK}" if illustrative else figure(amount)
