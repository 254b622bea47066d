"""Lists of cross-references in number order: "clauses 20, 21 and 23", never "23, 20 and 21".

A clause may list several clauses it refers to ("clauses {{ ref('a') }}, {{ ref('b') }} and
{{ ref('c') }}"). Once a scheme moves or reorders clauses, the numbers they print may no longer
rise, which reads as a mistake. After numbering, every run of references joined only by ", ",
" and " or " or " (each optionally followed by "clause " or "paragraph ", as in "clause 23 or
clause 21") is put in the order of the numbers they print; the joining words stay where they
are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.model.draft import Clause, Draft, Item, Run

# the words that may join two references of one list
JOINER = re.compile(r"(?:, |,? (?:and|or) )(?:(?:clauses?|paragraphs?) )?")


def order_reference_lists(draft: Draft) -> None:
    """Put every list of cross-references in the draft in the order of the numbers shown."""
    for runs in _run_lists(draft):
        _order(runs, draft.numbers)


def _order(runs: list[Run], numbers: dict[str, str]) -> None:
    """Reorder, in place, each list of references in `runs`."""
    start = 0
    while start < len(runs):
        end = _list_end(runs, start)
        if end > start:
            refs = runs[start:end + 1:2]
            found = [_sort_key(numbers.get(r.value, "")) for r in refs]
            keys = [k for k in found if k is not None]
            if len(keys) == len(refs):
                order = sorted(range(len(refs)), key=lambda i: keys[i])
                runs[start:end + 1:2] = [refs[i] for i in order]
        start = end + 1


def _list_end(runs: list[Run], start: int) -> int:
    """Return the index of the last reference of a list starting at `start` (`start` itself
    when no list starts there)."""
    if runs[start].kind != "ref":
        return start
    end = start
    while end + 2 < len(runs) and runs[end + 1].kind == "text" \
            and JOINER.fullmatch(runs[end + 1].value) and runs[end + 2].kind == "ref":
        end += 2
    return end


def _sort_key(number: str) -> tuple[int, ...] | None:
    """Return a clause or paragraph number ("12", "12.3") as a sortable tuple (None for a
    schedule or anything else, which is left where it is)."""
    if not re.fullmatch(r"\d+(\.\d+)*", number):
        return None
    return tuple(int(part) for part in number.split("."))


def _run_lists(draft: Draft) -> Iterator[list[Run]]:
    for clause in draft.all_clauses():
        yield from clause_runs(clause)


def clause_runs(clause: Clause) -> Iterator[list[Run]]:
    """Yield every list of runs in a clause: its lead, paragraphs, definitions, items and
    sections."""
    yield clause.lead
    for paragraph in clause.paragraphs:
        yield paragraph.runs
        for definition in paragraph.definitions:
            yield definition.runs
        yield from _item_runs(paragraph.items)
    for section in clause.sections:
        yield from clause_runs(section)


def _item_runs(items: list[Item]) -> Iterator[list[Run]]:
    for item in items:
        yield item.runs
        yield from _item_runs(item.items)
