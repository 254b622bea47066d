"""Assemble a draft: the outline's clauses, changed as the scheme says, rendered and numbered."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from generator.assemble import terms
from generator.assemble.context import document_date, shown_date, term_end
from generator.assemble.numbering import number_draft, template_numbering
from generator.assemble.reflists import order_reference_lists
from generator.assemble.refwords import fit_reference_words
from generator.assemble.render import Renderer
from generator.assemble.written import Resolver, slug
from generator.diagnostics import Diagnostic, Loc, error
from generator.errors import TemplateProblem
from generator.load.library import PARTS, Library, LibraryClause, Outline
from generator.model.draft import Clause, Draft, Paragraph, PartyLine, Source
from generator.model.law import LawBook
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
    title: str = ""  # a heading the scheme gives it (rename, or replace with a title)
    scope: dict[str, Any] = field(default_factory=dict)  # the item of a repeated clause
    from_clause: bool = False  # a clause the scheme moved among the schedules


@dataclass
class Assembly:
    """The result of assembling one document for one scheme."""

    draft: Draft | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    omitted: dict[str, Change] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)  # not applicable to this scheme


def added_id(change: Change) -> str:
    """Return the id of the clause an `add` change creates: its own id, or its title's slug."""
    return change.id or slug(change.title or "")


# The order in which the kinds of change are applied, whatever the order they are written in:
# clauses are brought in and added first (so later changes can name them), then moved, then
# given their text and headings, and only then left out, so an omitted clause still anchors
# what was placed before or after it.
PHASES = ("include", "add", "move", "order", "replace", "rename", "variants", "omit")


def plan(outline: Outline, library: Library, scheme: SchemeModel, values: dict[str, Any],
         renderer: Renderer) -> Assembly:
    """Return the clauses this document will contain, in order, after the scheme's changes."""
    assembly = Assembly(None)
    order: list[Planned] = [Planned(cid, part, library.clauses.get(cid))
                            for part, cid in outline.ordered() if cid in library.clauses]
    placer = _Placer(order, outline, library, assembly)
    for phase in PHASES:
        for change in scheme.changes:
            if change.kind == phase:
                placer.apply(change)
    order = [p for p in order if p.id not in placer.removed]
    for planned in order:
        _choose_variant(planned, scheme, values)
    kept = []
    for planned in order:
        lib = planned.library
        if lib and planned.change is None and not renderer.applies(lib):
            assembly.skipped.add(planned.id)
            continue
        kept += _repeated(planned, renderer)
    assembly.planned = _place_copies(kept, placer.missed, outline, library, assembly)
    return assembly


def _place_copies(order: list[Planned], missed: list[Change], outline: Outline,
                  library: Library, assembly: Assembly) -> list[Planned]:
    """Return the clauses after applying, once the clauses repeated with `for_each` are copied,
    the changes that named a copy (one partner's contribution schedule, say) and so found
    nothing to change before."""
    placer = _Placer(order, outline, library, assembly)
    for phase in PHASES:
        for change in missed:
            if change.kind == phase:
                placer.apply(change)
    return [p for p in order if p.id not in placer.removed]


def _repeated(planned: Planned, renderer: Renderer) -> list[Planned]:
    """Return a planned clause, or one copy per item of a clause repeated with `for_each` (its
    id followed by the item's short name or name)."""
    lib = planned.library
    if lib is None or lib.for_each is None or planned.change is not None:
        return [planned]
    return [replace(planned, id=copy_id(planned.id, scope[lib.as_name]), scope=scope)
            for scope in renderer.repeated(lib)]


def copy_id(clause_id: str, item: Any) -> str:
    """Return the id of the copy of a repeated clause made for one item: the clause's id
    followed by the item's short name or name ("schedule-partner-contributions-the-council")."""
    label = (item.get("short_name") or item.get("name")) if isinstance(item, dict) else item
    return f"{clause_id}-{slug(str(label))}"


def possible_copy_ids(library: Library, values: dict[str, Any]) -> list[str]:
    """Return the ids the copies of the library's repeated clauses could have in a scheme: one
    per party and per fund line, for each clause repeated with `for_each`."""
    items = list(values["parties"]) + list(values["funds"]["lines"])
    return [copy_id(cid, item) for cid, lib in library.clauses.items()
            if lib.for_each is not None for item in items]


class _Placer:
    """Applies a scheme's changes to the ordered list of one document's clauses."""

    def __init__(self, order: list[Planned], outline: Outline, library: Library,
                 assembly: Assembly):
        self.order = order
        self.outline = outline
        self.library = library
        self.assembly = assembly
        self.removed: set[str] = set()
        self.missed: list[Change] = []  # changes naming a clause not (yet) in the document
        self.last_added: dict[str, str] = {}  # anchor -> the last clause added after it

    def index(self, cid: str) -> int:
        """Return the position of clause `cid` in the document, or -1."""
        return next((i for i, p in enumerate(self.order) if p.id == cid), -1)

    def apply(self, change: Change) -> None:
        """Apply one change to this document (a change naming no clause of it does nothing,
        and is kept in `missed` when it may name a copy of a repeated clause)."""
        names = change.clauses if change.kind == "order" else [change.target, change.anchor]
        if change.kind in ("move", "order", "replace", "rename", "omit") and any(
                name and self.index(name) < 0 for name in names):
            self.missed.append(change)
        getattr(self, f"_{change.kind}")(change)

    def _include(self, change: Change) -> None:
        anchor = self.outline.optional.get(change.target)
        if anchor is None or self.index(change.target) >= 0 or self.index(anchor) < 0:
            return
        part = self.order[self.index(anchor)].part
        self.order.insert(self.index(anchor) + 1,
                          Planned(change.target, part, self.library.clauses[change.target]))

    def _add(self, change: Change) -> None:
        new_id = added_id(change)
        if not change.target:
            if change.schedule and change.document in ("", self.outline.document):
                self.order.append(Planned(new_id, "schedules", None, change))
            return
        at = self.index(change.target)
        if at < 0:
            return
        planned = Planned(new_id, self.order[at].part, None, change)
        if change.schedule:
            planned.part = "schedules"
        if change.before:
            self.order.insert(at, planned)
            return
        previous = self.last_added.get(change.target)
        after = self.index(previous) if previous else at
        self.order.insert(after + 1, planned)
        self.last_added[change.target] = new_id

    def _move(self, change: Change) -> None:
        at, anchor = self.index(change.target), self.index(change.anchor)
        if at < 0 or anchor < 0 or at == anchor:
            return
        moved, beside = self.order[at], self.order[anchor]
        if (moved.part, beside.part) == ("clauses", "schedules"):
            moved.part, moved.from_clause = "schedules", True  # it becomes a schedule
        if moved.part != beside.part:
            self.assembly.diagnostics.append(error(
                change.loc, "move-across-parts",
                f"`{change.target}` is a {_PART_WORD[moved.part]} and `{change.anchor}` is "
                f"a {_PART_WORD[beside.part]}: a clause can be moved among the clauses or the "
                "schedules (where it becomes a schedule), and a schedule only among the "
                "schedules"))
            return
        self.order.remove(moved)
        target = self.order.index(beside)
        self.order.insert(target if change.before else target + 1, moved)

    def _order(self, change: Change) -> None:
        listed = [cid for cid in dict.fromkeys(change.clauses) if self.index(cid) >= 0]
        for part in PARTS:
            ids = [cid for cid in listed if self.order[self.index(cid)].part == part]
            slots = sorted(self.index(cid) for cid in ids)
            chosen = [self.order[self.index(cid)] for cid in ids]
            for slot, planned in zip(slots, chosen, strict=True):
                self.order[slot] = planned

    def _replace(self, change: Change) -> None:
        at = self.index(change.target)
        if at < 0:
            return
        if change.writes_text:
            self.order[at].change = change
        if change.title:
            self.order[at].title = change.title

    def _rename(self, change: Change) -> None:
        at = self.index(change.target)
        if at >= 0:
            self.order[at].title = change.title or ""

    def _variants(self, change: Change) -> None:
        at = self.index(change.target)
        if at >= 0:
            planned = self.order[at]
            planned.variant = change.choose or ""
            planned.variant_change = change
            planned.variant_layer = change.layer

    def _omit(self, change: Change) -> None:
        at = self.index(change.target)
        if at < 0:
            return
        if change.keep_number:
            self.order[at].not_used = change
        else:
            self.removed.add(change.target)
        self.assembly.omitted[change.target] = change


_PART_WORD = {"front": "part of the front matter", "clauses": "clause", "schedules": "schedule",
              "end": "part of the execution"}


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
    day, loc = scheme.document_date()
    law = LawBook(library.law, day, loc, term=(scheme.commencement_date, term_end(scheme)))
    renderer = Renderer(values, values["parties"], law)
    limit = scheme.board.delegated_limit
    resolver = Resolver(values, limit.amount if limit else None, _party_limits(scheme, values))
    assembly = plan(outline, library, scheme, values, renderer)
    renderer.printed = {p.id for p in assembly.planned if p.not_used is None}
    draft = _empty_draft(outline, scheme, values)
    draft.doc_title, draft.cover_text = (power_of_date(draft.doc_title, law),
                                         power_of_date(draft.cover_text, law))
    for planned in assembly.planned:
        clause = _render(planned, renderer, resolver)
        {"front": draft.front, "clauses": draft.clauses, "schedules": draft.schedules,
         "end": draft.end}[planned.part].append(clause)
    defined = terms.defined_terms(draft)  # [[term:...]] may name a term as the library has it
    assembly.diagnostics += terms.apply_vocabulary(draft, scheme, library, resolver.runs)
    try:
        numbering = template_numbering(outline.template_path)
    except TemplateProblem as exc:
        assembly.diagnostics.append(error(Loc(str(outline.template_path)), "template", str(exc)))
        return assembly
    number_draft(draft, numbering)
    fit_reference_words(draft, {p.id for p in assembly.planned if p.from_clause})
    order_reference_lists(draft)
    assembly.diagnostics.extend(renderer.diagnostics)
    assembly.diagnostics.extend(law.diagnostics())
    assembly.diagnostics.extend(resolver.verify(draft, defined | terms.defined_terms(draft)))
    assembly.draft = draft
    return assembly


def _party_limits(scheme: SchemeModel, values: dict[str, Any]) -> dict[str, float]:
    """Return each Partner's own delegated limit in pounds, by the Partner's name."""
    # in the scheme's order, each with its resolved party, then the Partners with no limit stated
    limits = scheme.board.delegated_limits
    printed = values["board"]["limits"][: len(limits)]
    return {entry["party"]["name"]: limit.amount
            for entry, limit in zip(printed, limits, strict=True)
            if entry["party"]}


def _render(planned: Planned, renderer: Renderer, resolver: Resolver) -> Clause:
    kind = {"front": "front", "schedules": "schedule", "end": "end"}.get(planned.part, "clause")
    if planned.change is not None:
        clause = resolver.clause(planned.change, planned.id, kind)
        clause.source = Source(planned.change.loc.path, planned.change.loc.line,
                               planned.change.layer)
        if kind == "clause":
            number_opening(clause)
    else:
        lib = planned.library
        assert lib is not None, "a planned clause has library text or a scheme's change"
        clause = renderer.clause(lib, planned.variant, kind, planned.scope)
        layer = lib.layer if planned.variant_layer == "vanilla" else planned.variant_layer
        clause.source = Source(lib.file, lib.loc.line, layer, planned.variant)
    if planned.title:
        clause.title = planned.title
    elif planned.library and planned.change is not None and not planned.change.title:
        clause.title = renderer.title(planned.library)
    if planned.not_used is not None:
        clause.not_used = True
        clause.lead, clause.paragraphs, clause.sections, clause.note = [], [], [], ""
    clause.anchor = planned.id
    return clause


def number_opening(clause: Clause) -> None:
    """Number the opening words a scheme writes for a clause of the body as its first
    sub-clause, as every other clause of the body is numbered from its first paragraph (a
    schedule's or the front matter's opening words stay as written)."""
    if not clause.lead:
        return
    clause.paragraphs.insert(0, Paragraph(runs=clause.lead, numbered=True))
    clause.lead = []


NHS_ACT_POWER = "section 75 of the National Health Service Act 2006"


def power_of_date(text: str, law: LawBook) -> str:
    """Return a title or cover line with the power to make partnership arrangements as it was
    on the document's date: before 1 March 2007 "Section 75 Partnership Agreement" becomes
    "Section 31 Partnership Agreement" and "section 75 of the National Health Service Act 2006"
    the wording of the law table (section 31 of the Health Act 1999); unchanged on a date with
    no such power in the table."""
    if not text or not law.in_force("partnership_power"):
        return text
    wording = law.law("partnership_power")
    number = re.match(r"section (\d+[A-Z]*)", wording)
    text = text.replace(NHS_ACT_POWER, wording)
    return text.replace("Section 75", f"Section {number[1]}") if number else text


def _empty_draft(outline: Outline, scheme: SchemeModel, values: dict[str, Any]) -> Draft:
    date = document_date(scheme, outline.document) or scheme.agreement_date
    return Draft(
        document=outline.document,
        doc_title=outline.title,
        scheme_id=scheme.id,
        scheme_title=scheme.title_for(outline.document),
        status=scheme.status.upper(),
        date_text=shown_date(scheme, outline.document) or "",
        parties=[PartyLine(p["name"], p["short_name"], p["type_label"]) for p in values["parties"]],
        created=date.isoformat() if date else "",
        cover_text=outline.cover,
    )
