"""The scheme changes that reproduce an edited draft: each difference between the draft the
scheme produces now and the edited one, classified and turned into an entry of `changes:` or a
scheme value to change, or listed as something that cannot be absorbed."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from generator.assemble.written import slug
from generator.review.absorb.rewrite import Targets, Unwritable, scheme_text
from generator.review.absorb.tracked import Revision, change_in, deletion_of
from generator.review.absorb.values import (
    DATE_FIELDS,
    ValueChange,
    contribution_changes,
    date_change,
    party_change,
    stated_totals,
)
from generator.review.clausetext import ClauseText, Line
from generator.review.matching import Matching

KINDS = ("wording changed", "heading renamed", "clause deleted", "clause added", "clause moved",
         "value changed", "defined term changed")


@dataclass
class Proposal:
    """One scheme change: the kind of difference, the `changes:` list it goes in (or '' for a
    value), the entry written there, and the value changed."""

    difference: str
    clause: str
    change: str = ""
    entry: dict[str, Any] = field(default_factory=dict)
    value: ValueChange | None = None


@dataclass
class Plan:
    """What absorbing an edited draft does: the proposals, and what it cannot absorb."""

    proposals: list[Proposal] = field(default_factory=list)
    not_absorbed: list[str] = field(default_factory=list)
    matched: int = 0


@dataclass
class Context:
    """What planning reads besides the two documents."""

    targets: Targets
    revisions: list[Revision]
    data: dict[str, Any]  # the scheme file's own data
    source: str  # the edited file's name, for reasons


def plan(matching: Matching, context: Context) -> Plan:
    """Return the plan that turns the current draft into the edited one."""
    result = Plan(matched=len(matching.pairs))
    for clause in matching.removed:
        result.proposals.append(_omit(clause, context))
    edited_order = _edited_order(matching)
    for clause in matching.added:
        added = _add(clause, edited_order, context, result)
        if added is not None:
            result.proposals.append(added)
    for _before, after in matching.moved():
        result.proposals.append(_move(after, edited_order, context))
    for before, after in matching.pairs:
        _changed(before, after, context, result)
    values = [p.value for p in result.proposals if p.value is not None]
    result.proposals += [Proposal("value changed", "funds.totals", value=total)
                         for total in stated_totals(values, context.data)]
    return result


def _reason(action: str, revision: Revision | None, context: Context) -> str:
    if revision is not None and revision.credit():
        return f"{action} in negotiation {revision.credit()}."
    return f"{action} in negotiation (edited draft {context.source})."


def _omit(clause: ClauseText, context: Context) -> Proposal:
    revision = deletion_of(clause.title, [line.text for line in clause.lines],
                           context.revisions)
    return Proposal("clause deleted", clause.id, "omit", {
        "clause": clause.id, "reason": _reason("Removed", revision, context)})


def _edited_order(matching: Matching) -> list[tuple[ClauseText, str]]:
    """Return the edited document's clauses in order, each with the id the scheme knows it by
    (the current draft's id for a matched clause, the new id for an added one)."""
    known = {id(after): before.id for before, after in matching.pairs}
    everything = [after for _, after in matching.pairs] + matching.added
    return [(c, known.get(id(c), slug(c.title or c.id, "added-clause")))
            for c in sorted(everything, key=lambda c: c.position)]


def _previous(clause: ClauseText, order: list[tuple[ClauseText, str]]) -> str:
    ids = [cid for c, cid in order if c.position < clause.position and cid != "cover"]
    return ids[-1] if ids else ""


def _add(clause: ClauseText, order: list[tuple[ClauseText, str]], context: Context,
         result: Plan) -> Proposal | None:
    new_id = slug(clause.title or clause.id, "added-clause")
    after = _previous(clause, order)
    try:
        text = scheme_text(clause.lines, context.targets)
    except Unwritable as why:
        result.not_absorbed.append(f"added clause {clause.label()}: {why}; add it by hand")
        return None
    if not after:
        result.not_absorbed.append(f"added clause {clause.label()}: it comes before every "
                                   "clause of the draft; add it by hand")
        return None
    result.not_absorbed += [f"added clause {clause.label()}: a comment ({line.text}); comments "
                            "are not scheme text" for line in clause.lines if line.comment]
    revision = change_in([clause.title], context.revisions)
    entry = {"id": new_id, "title": clause.title, "after": after, **text,
             "reason": _reason("Added", revision, context)}
    return Proposal("clause added", new_id, "add", entry)


def _move(clause: ClauseText, order: list[tuple[ClauseText, str]], context: Context) -> Proposal:
    cid = next(c_id for c, c_id in order if c is clause)
    return Proposal("clause moved", cid, "move", {
        "clause": cid, "after": _previous(clause, order),
        "reason": _reason("Moved", None, context)})


def _text_lines(clause: ClauseText) -> list[Line]:
    return [line for line in clause.lines if not line.comment]


def _changed(before: ClauseText, after: ClauseText, context: Context, result: Plan) -> None:
    """Add the proposals for one clause found in both documents."""
    _comments(before, after, result)
    old, new = _text_lines(before), _text_lines(after)
    title_changed = before.title != after.title
    body_changed = [line.key for line in old] != [line.key for line in new]
    if not body_changed and [x.bold for x in old] != [x.bold for x in new]:
        result.not_absorbed.append(f"{after.label()}: formatting changed (bold, italics, "
                                   "underlining or the like); the draft's formatting comes "
                                   "from its template")
    if body_changed and not _values_only(before, old, new, context, result):
        _reworded(before, after, context, result, title_changed)
        return
    if title_changed:
        revision = change_in([after.title, before.title], context.revisions)
        result.proposals.append(Proposal("heading renamed", before.id, "rename", {
            "clause": before.id, "title": after.title,
            "reason": _reason("Renamed", revision, context)}))


def _comments(before: ClauseText, after: ClauseText, result: Plan) -> None:
    old = {line.text for line in before.lines if line.comment}
    for line in after.lines:
        if line.comment and line.text not in old:
            result.not_absorbed.append(f"{after.label()}: a comment ({line.text}); comments are "
                                       "not scheme text")


def _reworded(before: ClauseText, after: ClauseText, context: Context, result: Plan,
              title_changed: bool) -> None:
    """Propose a replacement of the clause's whole text, or say why there can be none."""
    if any(line.style == "Definition" for line in _text_lines(after)):
        result.not_absorbed.append(f"{after.label()}: defined term changed; write the new "
                                   "wording under `vocabulary:` (`terms:` or `definitions:`)")
        return
    try:
        text = scheme_text(after.lines, context.targets)
    except Unwritable as why:
        result.not_absorbed.append(f"{after.label()}: wording changed, but {why}: edit the "
                                   "scheme by hand")
        return
    lines = [line.text for line in after.lines + before.lines]
    revision = change_in(lines, context.revisions)
    entry = {"clause": before.id, **({"title": after.title} if title_changed else {}), **text,
             "reason": _reason("Amended", revision, context)}
    result.proposals.append(Proposal("wording changed", before.id, "replace", entry))
    if any(line.comment and line.text.startswith("Drafting note:") for line in before.lines):
        result.not_absorbed.append(f"{after.label()}: its drafting note (a Word comment) is "
                                   "left out once the scheme writes the clause's text")


def _values_only(clause: ClauseText, old: list[Line], new: list[Line], context: Context,
                 result: Plan) -> bool:
    """Return True, adding the value changes, when every changed line of a clause changes only
    values the scheme holds; a generated table edited otherwise is listed as not absorbable."""
    matcher = difflib.SequenceMatcher(a=[x.key for x in old], b=[x.key for x in new],
                                      autojunk=False)
    found: list[ValueChange] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag != "replace" or a2 - a1 != b2 - b1:
            return _table_refused(clause, old[a1:a2] + new[b1:b2], result)
        for index, (was, now) in enumerate(zip(old[a1:a2], new[b1:b2], strict=True)):
            changes = _line_values(was, now, _header(old, a1 + index), context)
            if changes is None:
                return _table_refused(clause, [was, now], result)
            found += changes
    for change in found:
        if all(p.value is None or p.value.path != change.path for p in result.proposals):
            result.proposals.append(Proposal("value changed", clause.id, value=change))
    if any(change.path[0] in DATE_FIELDS for change in found):
        result.not_absorbed.append(f"{clause.label()}: dates computed from a changed date (the "
                                   "end of the term, notice dates) follow the new date when the "
                                   "draft is rebuilt")
    if any(line.in_table for line in old):
        result.not_absorbed.append(f"{clause.label()}: figures computed from a changed value "
                                   "(totals, sentences stating them, other tables showing it) "
                                   "follow the new value "
                                   "when the draft is rebuilt")
    return True


def _table_refused(clause: ClauseText, lines: list[Line], result: Plan) -> bool:
    if any(line.in_table for line in lines):
        result.not_absorbed.append(f"{clause.label()}: an edit inside a generated table that is "
                                   "not a value the scheme holds")
        return True
    return False


def _header(lines: list[Line], index: int) -> list[str]:
    """Return the cells of the header row of the table the line at `index` is in."""
    start = index
    while start > 0 and lines[start - 1].in_table:
        start -= 1
    return lines[start].text.split(" | ") if lines[start].in_table else []


def _line_values(was: Line, now: Line, header: list[str], context: Context
                 ) -> list[ValueChange] | None:
    if was.in_table and now.in_table:
        old, new = was.text.split(" | "), now.text.split(" | ")
        if len(old) != len(new):
            return None
        return contribution_changes(header, old, new, context.data)
    change = party_change(was, now, context.data) or date_change(was, now, context.data)
    return None if change is None else [change]
