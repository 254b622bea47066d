"""Checks of an assembled document: the clauses its outline requires, the statutory heads it
must meet, the scheme data its clauses need, and cross-references that resolve."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from generator.assemble.assembly import Assembly
from generator.checks.registry import DocumentSubject, check
from generator.diagnostics import Diagnostic, Loc, error, warning
from generator.load.conditions import holds
from generator.load.library import Library, LibraryClause, Outline
from generator.load.texts import Condition, Text
from generator.model.draft import Clause, Draft
from generator.model.scheme import SchemeModel


def required_now(outline: Outline, scope: dict[str, Any]) -> list[str]:
    """Return the clauses the outline requires for a scheme, given its condition scope."""
    return [rule.subject for rule in outline.required if holds(rule.when, scope)]


def _present(assembly: Assembly) -> set[str]:
    """Return the ids of the clauses the draft prints (not those kept only as 'Not used')."""
    return {p.id for p in assembly.planned if p.not_used is None}


@check("document", ("required-clause-omitted", "required-clause-missing",
                    "replaced-required"))
def required_clauses(subject: DocumentSubject) -> list[Diagnostic]:
    """Return errors for required clauses the draft lacks, and for replaced required clauses."""
    return _required(subject.outline, subject.library, subject.scheme, subject.assembly,
                     _present(subject.assembly), _holder(subject))


# heads whose absence is a rule of its own (by default, `statutory-head-uncovered`)
HEAD_CODES = {"SI 2000/617 reg 9(4)": "council-reports-missing"}


@check("document", ("statutory-head-uncovered", "council-reports-missing"))
def statutory_heads(subject: DocumentSubject) -> list[Diagnostic]:
    """Return errors for statutory heads no clause of the draft meets."""
    return _heads(subject.outline, subject.library, subject.scheme, subject.assembly,
                  _present(subject.assembly), _holder(subject))


@check("document", ("missing-data",))
def clause_data(subject: DocumentSubject) -> list[Diagnostic]:
    """Return errors for scheme data a clause of the draft needs and the scheme lacks."""
    return _needs(subject.outline, subject.library, subject.scheme, subject.assembly,
                  subject.values)


@check("document", ("dangling-reference",))
def cross_references(subject: DocumentSubject) -> list[Diagnostic]:
    """Return errors for cross-references to clauses the draft does not have (except those
    caused by omitting a required clause, which is reported as that)."""
    required = set(required_now(subject.outline, subject.scope()))
    return _refs(subject.assembly, subject.library, subject.scheme, required)


def _holder(subject: DocumentSubject) -> Callable[[Condition | None], bool]:
    scope = subject.scope()
    return lambda condition: holds(condition, scope)


def _heads_of(library: Library, cid: str) -> str:
    clause = library.clauses.get(cid)
    heads = clause.satisfies if clause else None
    return f" ({'; '.join(heads)})" if heads else ""


def _required(outline, library, scheme, assembly, present, holds) -> list[Diagnostic]:
    out = []
    for entry in outline.required:
        cid = entry.subject
        if not holds(entry.when) or cid in present:
            if cid in present:
                out += _replaced_required(cid, library, assembly)
            continue
        why = f"clause `{cid}` is required in the {outline.title}{_heads_of(library, cid)}"
        change = assembly.omitted.get(cid)
        if change is not None:
            out.append(error(change.loc, "required-clause-omitted",
                             f"{why}: it cannot be omitted. Remove this omission, or use "
                             "`replace` to change its wording"))
        elif cid in assembly.skipped:
            out.append(error(scheme.loc, "required-clause-missing",
                             f"{why}, but its condition does not hold for this scheme"))
        else:
            out.append(error(scheme.loc, "required-clause-missing",
                             f"{why}, but it is missing"))
    return out


def _replaced_required(cid: str, library: Library, assembly: Assembly) -> list[Diagnostic]:
    planned = next(p for p in assembly.planned if p.id == cid)
    change = planned.change
    if change is None or change.kind != "replace":
        return []
    heads = _heads_of(library, cid)
    if not heads:
        return []
    return [warning(change.loc, "replaced-required",
                    f"clause `{cid}` is required{heads}: check that the replacement still covers "
                    "what the law requires")]


def _heads(outline, library, scheme, assembly, present, holds) -> list[Diagnostic]:
    out = []
    for entry in outline.heads:
        head = entry.subject
        if not holds(entry.when):
            continue
        covering = [cid for cid in present
                    if cid in library.clauses and head in library.clauses[cid].satisfies]
        if covering:
            continue
        would = [cid for cid, c in library.clauses.items()
                 if head in c.satisfies and outline.document in c.documents]
        omitted = [assembly.omitted[c] for c in would if c in assembly.omitted]
        loc = omitted[0].loc if omitted else scheme.loc
        names = ", ".join(f"`{c}`" for c in would) or "none in the library"
        out.append(error(loc, HEAD_CODES.get(head, "statutory-head-uncovered"),
                         f"{head} ({entry.covers}) is not covered: no clause in the draft meets "
                         f"it. Clauses that would: {names}"))
    return out


def _needs(outline, library, scheme, assembly, values) -> list[Diagnostic]:
    out = []
    required = outline.required_ids()
    for planned in assembly.planned:
        lib = planned.library
        if lib is None or planned.change is not None or planned.not_used is not None:
            continue
        for need in lib.needs:
            if _filled(values, need) or _filled(scheme, need):
                continue
            label = "required clause" if planned.id in required else "clause"
            # omitting is offered only where it is accepted and clears the error: not for a
            # required clause, nor for one a scheme choice brings in (`applies_when`), whose
            # data the text around it prints too
            fix = ("add it" if planned.id in required or lib.applies_when is not None
                   else "add it, or omit the clause with a reason")
            out.append(error(_need_loc(scheme, need), "missing-data",
                             f"{label} `{planned.id}`{_heads_of(library, planned.id)} needs "
                             f"`{need}` in the scheme: {fix}"))
    return out


def _need_loc(scheme: SchemeModel, need: str) -> Loc:
    """Return where the data a clause needs should be written: the section holding it when the
    scheme has that section, the key itself when it is written but empty, else the top of the
    scheme."""
    steps = need.split(".")[:-1]
    node: Any = scheme
    for step in steps:
        parent, node = node, getattr(node, step, None)
        if node is None or (hasattr(node, "present") and not node.present):
            return scheme.loc
    return parent.at(steps[-1]) if steps else scheme.at(need)


def _filled(source: Any, need: str) -> bool:
    """Return True when the dotted path `need` holds a value in the clause-text values (a dict)
    or in the typed scheme (dataclasses whose fields are named as the scheme's keys)."""
    node: Any = source
    for step in need.split("."):
        node = node.get(step) if isinstance(node, dict) else getattr(node, step, None)
    return node not in (None, "", [], {})


def _refs(assembly: Assembly, library: Library, scheme: SchemeModel,
          required: set[str]) -> list[Diagnostic]:
    """Return one error per omission that leaves references dangling, naming every clause that
    would have to change (all at once, not one layer per run), and one per other reference to
    a clause the draft does not have."""
    assert assembly.draft is not None
    draft = assembly.draft
    graph = _ReferenceGraph(draft, library)
    out = []
    by_omission: dict[str, list[Clause]] = {}
    for clause, target in unresolved_references(draft):
        change = _omission_of(target, assembly, library)
        if change is not None and change.target in required:
            continue
        if change is not None:
            holders = by_omission.setdefault(change.target, [])
            if clause not in holders:
                holders.append(clause)
            continue
        loc_clause = library.clauses.get(clause.id)
        loc = loc_clause.loc if loc_clause else scheme.loc
        out.append(error(loc, "dangling-reference",
                         f"clause `{clause.id}` refers to `{target}`, which is not in "
                         "this draft"))
    for omitted, holders in by_omission.items():
        change = assembly.omitted[omitted]
        out.append(error(change.loc, "dangling-reference",
                         _dangling_message(omitted, holders, graph, required)))
    return out


class _ReferenceGraph:
    """Which clause of a draft refers to which: anchors mapped to the clause holding them."""

    def __init__(self, draft: Draft, library: Library | None = None):
        self.clauses = draft.all_clauses()
        self.owner: dict[str, Clause] = {}
        for clause in self.clauses:
            for anchor in _anchors_of(clause):
                self.owner[anchor] = clause
        # the clauses each library clause asks about with included(): its references to them
        # fall away by themselves when they are omitted
        self.guarded: dict[str, set[str]] = {
            cid: included_in(lib) for cid, lib in (library.clauses if library else {}).items()}

    def _refers(self, clause: Clause, target: str, ids: set[int]) -> bool:
        owner = self.owner.get(target)
        return id(owner) in ids and owner is not None \
            and owner.id not in self.guarded.get(clause.id, set())

    def referrers(self, clauses: list[Clause]) -> list[Clause]:
        """Return the clauses (other than these) that refer to any of `clauses`, leaving out a
        reference the clause prints only while the clause it points at is included."""
        ids = {id(c) for c in clauses}
        return [c for c in self.clauses if id(c) not in ids
                and any(self._refers(c, t, ids) for t in _targets(c))]

    def consequences(self, first: list[Clause], required: set[str]
                     ) -> list[tuple[Clause, Clause]]:
        """Return (clause, the clause it refers to) for every clause that would dangle in turn
        if `first` were omitted too, and so on until nothing more would (a required clause is
        listed but not followed further: it cannot be omitted)."""
        gone = list(first)
        found: list[tuple[Clause, Clause]] = []
        seen = {id(c) for c in first}
        while True:
            more = [c for c in self.referrers(gone) if id(c) not in seen]
            if not more:
                return found
            for clause in more:
                seen.add(id(clause))
                target = next(g for g in gone
                              if any(self._refers(clause, t, {id(g)}) for t in _targets(clause)))
                found.append((clause, target))
            gone += [c for c in more if c.id not in required]


INCLUDED = re.compile(r"""included\(\s*['"]([^'"]+)['"]\s*\)""")


def included_in(lib: LibraryClause) -> set[str]:
    """Return the ids a library clause's text and conditions ask about with `included()`."""
    found: set[str] = set()
    stack: list[Any] = [lib.body, lib.title_text, list(lib.variants.values())]
    while stack:
        node = stack.pop()
        if isinstance(node, (Text, Condition)):
            found |= set(INCLUDED.findall(node.source))
        elif isinstance(node, (list, tuple)):
            stack += list(node)
        elif isinstance(node, dict):
            stack += list(node.values())
        elif dataclasses.is_dataclass(node) and not isinstance(node, type):
            stack += [getattr(node, f.name) for f in dataclasses.fields(node)]
    return found


def _anchors_of(clause: Clause) -> set[str]:
    found = {clause.anchor} | {p.anchor for p in clause.paragraphs if p.anchor}
    for section in clause.sections:
        found |= _anchors_of(section)
    return {a for a in found if a}


def _named(clause: Clause) -> str:
    """Return a clause as a message names it: its id and number."""
    number = clause.number if clause.kind != "clause" else f"clause {clause.number}"
    where = f", {clause.source.file}:{clause.source.line}" if clause.source else ""
    return f"`{clause.id}` ({number}{where})"


def _dangling_message(omitted: str, holders: list[Clause], graph: _ReferenceGraph,
                      required: set[str]) -> str:
    """Return what omitting `omitted` leaves dangling and, for the clauses referring to it, the
    fixes that work: omit them too (with whatever would dangle in turn), or replace their text
    (the only fix for a required clause)."""
    names = ", ".join(_named(c) for c in holders)
    rewrite, blocked, free, cascades = [], [], [], []
    for holder in holders:
        then = graph.consequences([holder], required)
        hit = [c.id for c, _ in then if c.id in required]
        if holder.id in required:
            rewrite.append(holder.id)
        elif hit:
            blocked.append(f"`{holder.id}` (omitting it too would in turn leave the required "
                           f"{_ids(hit)} referring to an omitted clause)")
        elif then:
            cascades.append(f"`{holder.id}` and then {_ids([c.id for c, _ in then])}")
        else:
            free.append(holder.id)
    fixes = []
    if rewrite:
        fixes.append(f"replace the text of {_ids(rewrite)} (required: cannot be omitted)")
    if blocked:
        fixes.append("replace the text of " + ", ".join(blocked))
    if free:
        fixes.append(f"omit {_ids(free)} too, or replace {'its' if len(free) == 1 else 'their'} "
                     "text")
    for cascade in cascades:
        fixes.append(f"omit {cascade}, which refer to it in turn, or replace its text")
    return (f"omitting `{omitted}` leaves {names} referring to it. To omit it: "
            + "; ".join(fixes) + " (replacement text refers to what stays with [[clause:ID]])"
            f". Or keep `{omitted}`")


def _ids(ids: list[str]) -> str:
    unique = list(dict.fromkeys(ids))
    shown = ", ".join(f"`{i}`" for i in unique[:6])
    return shown + (f" and {len(unique) - 6} more" if len(unique) > 6 else "")


def _omission_of(anchor: str, assembly: Assembly, library: Library):
    """Return the omission that removed the clause holding `anchor`, or None."""
    for cid, change in assembly.omitted.items():
        if cid == anchor or (cid in library.clauses and anchor in library.clauses[cid].anchors):
            return change
    return None


def unresolved_references(draft: Draft) -> list[tuple[Clause, str]]:
    """Return (clause, target) for every cross-reference whose target the draft does not have."""
    return [(clause, target) for clause in draft.all_clauses()
            for target in sorted(_targets(clause)) if target not in draft.numbers]


def _targets(clause: Clause) -> set[str]:
    found = {r.value for r in clause.lead if r.kind == "ref"}
    for paragraph in clause.paragraphs:
        found |= {r.value for r in paragraph.runs if r.kind == "ref"}
        for definition in paragraph.definitions:
            found |= {r.value for r in definition.runs if r.kind == "ref"}
        stack = list(paragraph.items)
        while stack:
            item = stack.pop()
            found |= {r.value for r in item.runs if r.kind == "ref"}
            stack += item.items
    for section in clause.sections:
        found |= _targets(section)
    return found
