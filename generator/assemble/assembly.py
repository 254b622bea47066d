"""Assemble a draft: the outline's clauses, changed as the scheme says, rendered and numbered."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.assemble import terms
from generator.assemble.context import date_text
from generator.assemble.numbering import number_draft
from generator.assemble.render import Renderer
from generator.assemble.textrender import literal_runs
from generator.diagnostics import Diagnostic
from generator.load.library import Library, LibraryClause, Outline
from generator.model.draft import Clause, Draft, Paragraph, PartyLine, Source
from generator.model.scheme import Change, SchemeModel


@dataclass
class Planned:
    """A clause chosen for the draft, before rendering."""

    id: str
    part: str
    library: LibraryClause | None
    change: Change | None = None  # the replace/add that supplied its text
    variant: str = ""
    variant_change: Change | None = None
    variant_layer: str = "vanilla"
    not_used: Change | None = None


@dataclass
class Assembly:
    """The result of assembling one document for one scheme."""

    draft: Draft | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    omitted: dict[str, Change] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)  # not applicable to this scheme


def scheme_clause(change: Change) -> Clause:
    """Return a clause whose text a scheme wrote (replace or add): printed literally."""
    cid = change.id or (change.target if change.kind == "replace" else "") \
        or slug(change.title or "added-clause")
    clause = Clause(cid, change.title or "", "clause")
    if change.text:
        clause.lead = literal_runs(change.text)
    clause.paragraphs = [Paragraph(literal_runs(t)) for t in change.subclauses]
    return clause


def added_id(change: Change) -> str:
    """Return the id of the clause an `add` change creates: its own id, or its title's slug."""
    return change.id or slug(change.title or "")


def slug(title: str, fallback: str = "added-clause") -> str:
    """Return an id made of the title's lower-case words joined by hyphens (or `fallback`)."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or fallback


def plan(outline: Outline, library: Library, scheme: SchemeModel, values: dict[str, Any],
         renderer: Renderer) -> Assembly:
    """Return the clauses this document will contain, in order, after the scheme's changes."""
    assembly = Assembly(None)
    order: list[Planned] = [Planned(cid, part, library.clauses.get(cid))
                            for part, cid in outline.ordered() if cid in library.clauses]
    optional = outline.optional
    for change in scheme.changes:
        _apply(change, order, optional, library, assembly, outline)
    for planned in order:
        _choose_variant(planned, scheme, values)
    kept = []
    for planned in order:
        lib = planned.library
        if lib and planned.change is None and not renderer.applies(lib):
            assembly.skipped.add(planned.id)
            continue
        kept.append(planned)
    assembly.planned = kept
    return assembly


def _apply(change: Change, order: list[Planned], optional: dict, library: Library,
           assembly: Assembly, outline: Outline) -> None:
    target = change.target
    ids = [p.id for p in order]
    if target not in ids:
        if change.kind == "include" and target in optional and optional[target] in ids:
            position = ids.index(optional[target]) + 1
            order.insert(position, Planned(target, "clauses", library.clauses[target]))
        return
    position = ids.index(target)
    planned = order[position]
    if change.kind == "omit":
        if change.keep_number:
            planned.not_used = change
        else:
            order.pop(position)
        assembly.omitted[target] = change
    elif change.kind == "replace":
        planned.change = change
    elif change.kind == "add":
        new = Planned(added_id(change), planned.part, None, change)
        order.insert(position + 1, new)
    elif change.kind == "variants":
        planned.variant = change.choose or ""
        planned.variant_change = change
        planned.variant_layer = change.layer


def _choose_variant(planned: Planned, scheme: SchemeModel, values: dict[str, Any]) -> None:
    lib = planned.library
    if lib is None or not lib.variants:
        return
    if planned.variant:
        return
    chosen, loc, given = scheme.field_at(lib.variant_by) if lib.variant_by else (None, None, False)
    if isinstance(chosen, str) and chosen in lib.variants:
        planned.variant = chosen
        planned.variant_layer = loc.path if given and loc is not None else "vanilla"
    else:
        planned.variant = lib.default_variant


def assemble(outline: Outline, library: Library, scheme: SchemeModel,
             values: dict[str, Any]) -> Assembly:
    """Return the assembled, numbered draft of `outline`'s document for `scheme`."""
    renderer = Renderer(values, values["parties"])
    assembly = plan(outline, library, scheme, values, renderer)
    draft = _empty_draft(outline, scheme, values)
    for planned in assembly.planned:
        clause = _render(planned, renderer, scheme)
        {"front": draft.front, "clauses": draft.clauses, "schedules": draft.schedules}[
            planned.part].append(clause)
    assembly.diagnostics += terms.apply_vocabulary(draft, scheme, library)
    number_draft(draft)
    assembly.diagnostics.extend(renderer.diagnostics)
    assembly.draft = draft
    return assembly


def _render(planned: Planned, renderer: Renderer, scheme: SchemeModel) -> Clause:
    kind = {"front": "front", "schedules": "schedule"}.get(planned.part, "clause")
    if planned.change is not None:
        clause = scheme_clause(planned.change)
        clause.id = planned.id
        if planned.library and not planned.change.title:
            clause.title = renderer.title(planned.library)
        clause.kind = kind
        clause.source = Source(planned.change.loc.path, planned.change.loc.line,
                               planned.change.layer)
    else:
        lib = planned.library
        assert lib is not None, "a planned clause has library text or a scheme's change"
        clause = renderer.clause(lib, planned.variant, kind)
        clause.source = Source(lib.file, lib.loc.line, planned.variant_layer, planned.variant)
    if planned.not_used is not None:
        clause.not_used = True
        clause.lead, clause.paragraphs, clause.sections = [], [], []
    clause.anchor = planned.id
    return clause


def _empty_draft(outline: Outline, scheme: SchemeModel, values: dict[str, Any]) -> Draft:
    date = scheme.agreement_date
    return Draft(
        document=outline.document,
        doc_title=outline.title,
        scheme_id=scheme.id,
        scheme_title=scheme.title_for(outline.document),
        status=scheme.status.upper(),
        date_text=date_text(date) or "",
        parties=[PartyLine(p["name"], p["short_name"], p["type_label"]) for p in values["parties"]],
        created=date.isoformat() if date else "",
    )
