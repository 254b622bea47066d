"""Which clause of one document is which clause of another: by the generated bookmark (the
clause id), then by heading, then by text, so a clause whose bookmark a lawyer deleted, or whose
heading they renamed, is still found."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.review.clausetext import ClauseText

SIMILAR_TEXT = 0.6  # the share of words two clauses must share to count as one clause reworded


@dataclass
class Matching:
    """The clauses of `old` and `new` paired up, with those only in one of them."""

    pairs: list[tuple[ClauseText, ClauseText]] = field(default_factory=list)
    removed: list[ClauseText] = field(default_factory=list)
    added: list[ClauseText] = field(default_factory=list)

    def moved(self) -> list[tuple[ClauseText, ClauseText]]:
        """Return the pairs that do not keep their relative order (outside a longest common
        subsequence of the paired clauses), in the new document's order."""
        old_order = {id(a): i for i, a in enumerate(a for a, _ in self.pairs)}
        by_new = sorted(self.pairs, key=lambda pair: pair[1].position)
        sequence = [old_order[id(a)] for a, _ in by_new]
        kept = set(_increasing(sequence))
        return [pair for i, pair in enumerate(by_new) if i not in kept]


def match(old: list[ClauseText], new: list[ClauseText]) -> Matching:
    """Return the clauses of two documents paired: same id first, then same heading, then the
    most similar text among the clauses still unpaired."""
    for position, clause in enumerate(new):
        clause.position = position
    for position, clause in enumerate(old):
        clause.position = position
    result = Matching()
    free_new = list(new)
    pending = []
    new_by_id = {c.id: c for c in new}
    for clause in old:
        partner = new_by_id.get(clause.id)
        if partner is not None and partner in free_new:
            free_new.remove(partner)
            result.pairs.append((clause, partner))
        else:
            pending.append(clause)
    pending = _pair_by(pending, free_new, result, lambda a, b: bool(a.title) and
                       _plain(a.title) == _plain(b.title))
    pending = _pair_by(pending, free_new, result,
                       lambda a, b: similarity(a, b) >= SIMILAR_TEXT)
    result.removed = pending
    result.added = free_new
    result.pairs.sort(key=lambda pair: pair[0].position)
    return result


def _pair_by(pending: list[ClauseText], free_new: list[ClauseText], result: Matching,
             same: Callable[[ClauseText, ClauseText], bool]) -> list[ClauseText]:
    """Pair each pending clause with the first free clause `same` accepts; return the rest."""
    left = []
    for clause in pending:
        partner = next((c for c in free_new if same(clause, c)), None)
        if partner is None:
            left.append(clause)
        else:
            free_new.remove(partner)
            result.pairs.append((clause, partner))
    return left


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def similarity(old: ClauseText, new: ClauseText) -> float:
    """Return how alike two clauses' texts are, from 0 (nothing shared) to 1 (the same words)."""
    before = " ".join(line.key for line in old.lines if not line.comment).split()
    after = " ".join(line.key for line in new.lines if not line.comment).split()
    if not before or not after:
        return 0.0
    return difflib.SequenceMatcher(a=before, b=after, autojunk=False).ratio()


def _increasing(sequence: list[int]) -> list[int]:
    """Return the indexes of a longest increasing subsequence of `sequence`."""
    best: list[list[int]] = []
    for index, value in enumerate(sequence):
        chain = max((c for c in best if sequence[c[-1]] < value), key=len, default=[])
        best.append([*chain, index])
    return max(best, key=len, default=[])
