"""Assemble a draft: the outline's clauses, changed as the scheme says, rendered and numbered."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.assemble.context import chosen_variant, date_text
from generator.assemble.numbering import number_draft
from generator.assemble.tables import board_table, contributions_tables, line_contributions_table
from generator.assemble.textrender import (
    RenderError,
    define,
    join_and,
    literal_runs,
    make_environment,
    ref,
    render,
    to_runs,
)
from generator.diagnostics import Diagnostic, Loc, did_you_mean, error
from generator.load.library import Library, LibraryClause, Outline
from generator.load.scheme import Change, Scheme
from generator.model.draft import Clause, Definition, Draft, Item, Paragraph, PartyLine, Run, Source

VARIANT_FIELDS = {"risk-share": "risk_share"}
ELEMENT_KEYS = {"id", "text", "title", "when", "for_each", "as", "numbered", "table", "items",
                "definitions", "subclauses"}


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


def conditions(values: dict[str, Any]) -> dict[str, bool]:
    """Return the named conditions clause files may use in `when:`."""
    lines = values["funds"]["lines"]
    return {
        "pooled": any(line["arrangement"] == "pooled" for line in lines),
        "aligned": any(line["arrangement"] == "aligned" for line in lines),
        "lead_commissioning": values["lead_commissioner"] is not None,
        "integrated_provision": "integrated_provision" in values["flexibilities"],
        "has_board": values["board"]["present"],
    }


class Renderer:
    """Renders library clauses against one scheme's values."""

    def __init__(self, values: dict[str, Any], draft_parties: list[dict]):
        self.values = {**values, **conditions(values)}
        self.env = make_environment({"ref": ref, "define": define, "join": join_and,
                                     "money": self._money})
        self.parties = draft_parties
        self.diagnostics: list[Diagnostic] = []
        self._source: Any = None

    def _money(self, amount: Any) -> str:
        from generator.assemble.money import pounds, to_pounds
        return pounds(to_pounds(float(amount), self.values["funds"]["units"]))

    def holds(self, expression: str | None, local: dict[str, Any], path: tuple) -> bool:
        """Return whether a `when:` condition holds; a broken condition is reported as false."""
        if not expression:
            return True
        try:
            return bool(self.env.compile_expression(expression)(**{**self.values, **local}))
        except Exception as exc:  # noqa: BLE001 - any failure is the clause file's mistake
            self._report(path, "bad-condition", f"the condition `{expression}` cannot be "
                         f"evaluated: {exc}")
            return False

    def text(self, text: str, local: dict[str, Any], path: tuple) -> list[Run]:
        """Return library text rendered as runs (empty on error, which is reported)."""
        try:
            return to_runs(render(self.env, text, {**self.values, **local}))
        except RenderError as exc:
            self._report(path, exc.code, exc.message, exc.line - 1)
            return []

    def items_of(self, expression: str, local: dict[str, Any], path: tuple) -> list[Any]:
        """Return the list a `for_each:` names."""
        try:
            result = self.env.compile_expression(expression)(**{**self.values, **local})
        except Exception as exc:  # noqa: BLE001
            self._report(path, "bad-for-each", f"`for_each: {expression}` fails: {exc}")
            return []
        return list(result or [])

    def _report(self, path: tuple, code: str, message: str, extra_lines: int = 0) -> None:
        loc = self._source.loc(path) if self._source else Loc("?")
        text_loc = self._source.locs.get(path) if self._source else None
        if text_loc is not None:
            loc = Loc(loc.path, loc.line + max(extra_lines, 0), loc.col)
        cid = self._source.data.get("id", "?") if self._source else "?"
        self.diagnostics.append(error(loc, code, f"clause `{cid}`: {message}"))

    # Elements ---------------------------------------------------------------------------

    def clause(self, lib: LibraryClause, variant: str, kind: str) -> Clause:
        """Return a library clause rendered (with the chosen variant's body)."""
        self._source = lib.source
        data = lib.data
        body, base = (data["variants"][variant], ("variants", variant)) if variant else (data, ())
        clause = Clause(lib.id, self._plain(data["title"], {}, ("title",)), kind)
        clause.note = data.get("note_for_lawyers", "").strip()
        clause.satisfies = list(data.get("satisfies") or [])
        if body.get("text"):
            clause.lead = self.text(body["text"], {}, base + ("text",))
        clause.paragraphs = self.paragraphs(body.get("subclauses") or [], {},
                                            base + ("subclauses",))
        clause.sections = self.sections(body.get("sections") or [], {}, base + ("sections",))
        return clause

    def _plain(self, text: str, local: dict, path: tuple) -> str:
        return "".join(r.value for r in self.text(text, local, path))

    def sections(self, elements: list, local: dict, path: tuple) -> list[Clause]:
        """Return a schedule's sections, repeating `for_each` sections."""
        out = []
        for index, element in enumerate(elements):
            here = path + (index,)
            if not isinstance(element, dict):
                self._report(here, "bad-element", "a schedule section must have a `title`")
                continue
            for scope in self._scopes(element, local, here):
                if not self.holds(element.get("when"), scope, here + ("when",)):
                    continue
                section = Clause(element.get("id", ""), self._plain(element.get("title", ""), scope,
                                                                     here + ("title",)), "section")
                section.anchor = element.get("id", "")
                if element.get("text"):
                    section.lead = self.text(element["text"], scope, here + ("text",))
                section.paragraphs = self.paragraphs(element.get("subclauses") or [], scope,
                                                     here + ("subclauses",))
                out.append(section)
        return out

    def _scopes(self, element: dict, local: dict, path: tuple) -> list[dict]:
        if "for_each" not in element:
            return [local]
        name = element.get("as", "item")
        return [{**local, name: value}
                for value in self.items_of(element["for_each"], local, path + ("for_each",))]

    def paragraphs(self, elements: list, local: dict, path: tuple) -> list[Paragraph]:
        """Return numbered paragraphs for a list of subclause elements."""
        out: list[Paragraph] = []
        for index, element in enumerate(elements):
            here = path + (index,)
            if isinstance(element, str):
                out.append(Paragraph(self.text(element, local, here)))
                continue
            if not isinstance(element, dict):
                self._report(here, "bad-element",
                             "a subclause must be text or `text:` with options")
                continue
            unknown = set(element) - ELEMENT_KEYS
            if unknown:
                key = sorted(unknown)[0]
                self._report(here, "unknown-key", f"unknown key `{key}` in a subclause."
                             f"{did_you_mean(key, ELEMENT_KEYS)}")
            for scope in self._scopes(element, local, here):
                if self.holds(element.get("when"), scope, here + ("when",)):
                    out.extend(self._paragraph(element, scope, here))
        return out

    def _paragraph(self, element: dict, scope: dict, path: tuple) -> list[Paragraph]:
        table = element.get("table")
        if table:
            return self._tables(table, scope, element)
        paragraph = Paragraph(numbered=element.get("numbered", True), anchor=element.get("id", ""))
        if element.get("text"):
            paragraph.runs = self.text(element["text"], scope, path + ("text",))
        paragraph.items = self.items(element.get("items") or [], scope, path + ("items",))
        for index, entry in enumerate(element.get("definitions") or []):
            where = path + ("definitions", index)
            if self.holds(entry.get("when"), scope, where + ("when",)):
                paragraph.definitions.append(
                    Definition(entry["term"], self.text(entry["text"], scope, where + ("text",))))
        return [paragraph]

    def _tables(self, name: str, scope: dict, element: dict) -> list[Paragraph]:
        funds = self.values["funds"]
        if name == "contributions":
            tables = contributions_tables(funds, self.parties)
        elif name == "line_contributions":
            tables = [line_contributions_table(scope["line"], funds, self.parties)]
        else:
            tables = [board_table(self.values["board"])]
        return [Paragraph(table=t, numbered=False, anchor=element.get("id", "")) for t in tables]

    def items(self, elements: list, local: dict, path: tuple) -> list[Item]:
        """Return listed items, (a), (b) ..., with any sub-items."""
        out = []
        for index, element in enumerate(elements):
            here = path + (index,)
            if isinstance(element, str):
                out.append(Item(self.text(element, local, here)))
                continue
            if not isinstance(element, dict):
                continue
            for scope in self._scopes(element, local, here):
                if self.holds(element.get("when"), scope, here + ("when",)):
                    runs = self.text(element.get("text", ""), scope, here + ("text",))
                    out.append(Item(runs, self.items(element.get("items") or [], scope,
                                                     here + ("items",))))
        return out


def scheme_clause(change: Change) -> Clause:
    """Return a clause whose text a scheme wrote (replace or add): printed literally."""
    data = change.data
    cid = data.get("id") or data.get("clause") or slug(data.get("title", "added-clause"))
    clause = Clause(cid, data.get("title", ""), "clause")
    if data.get("text"):
        clause.lead = literal_runs(data["text"])
    clause.paragraphs = [Paragraph(literal_runs(t)) for t in data.get("subclauses") or []]
    return clause


def slug(title: str, fallback: str = "added-clause") -> str:
    """Return an id made of the title's lower-case words joined by hyphens (or `fallback`)."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or fallback


def plan(outline: Outline, library: Library, scheme: Scheme, values: dict[str, Any],
         renderer: Renderer) -> Assembly:
    """Return the clauses this document will contain, in order, after the scheme's changes."""
    assembly = Assembly(None)
    order: list[Planned] = [Planned(cid, part, library.clauses.get(cid))
                            for part, cid in outline.ordered() if cid in library.clauses]
    optional = outline.data.get("optional") or {}
    for change in scheme.changes:
        _apply(change, order, optional, library, assembly, outline)
    for planned in order:
        _choose_variant(planned, scheme, values)
    kept = []
    for planned in order:
        lib = planned.library
        if lib and planned.change is None and lib.data.get("applies_when"):
            renderer._source = lib.source
            if not renderer.holds(lib.data["applies_when"], {}, ("applies_when",)):
                assembly.skipped.add(planned.id)
                continue
        kept.append(planned)
    assembly.planned = kept
    return assembly


def _apply(change: Change, order: list[Planned], optional: dict, library: Library,
           assembly: Assembly, outline: Outline) -> None:
    data = change.data
    target = data.get("clause") or data.get("after")
    ids = [p.id for p in order]
    if target not in ids:
        if change.kind == "include" and target in optional and optional[target] in ids:
            position = ids.index(optional[target]) + 1
            order.insert(position, Planned(target, "clauses", library.clauses[target]))
        return
    position = ids.index(target)
    planned = order[position]
    if change.kind == "omit":
        if data.get("keep_number"):
            planned.not_used = change
        else:
            order.pop(position)
        assembly.omitted[target] = change
    elif change.kind == "replace":
        planned.change = change
    elif change.kind == "add":
        new = Planned(data.get("id") or slug(data.get("title", "")), planned.part, None, change)
        order.insert(position + 1, new)
    elif change.kind == "variants":
        planned.variant = data.get("choose", "")
        planned.variant_change = change
        planned.variant_layer = change.layer


def _choose_variant(planned: Planned, scheme: Scheme, values: dict[str, Any]) -> None:
    lib = planned.library
    if lib is None or not lib.variants():
        return
    if planned.variant:
        return
    field_name = VARIANT_FIELDS.get(planned.id)
    chosen, layer = chosen_variant(scheme, planned.id, field_name) if field_name else ("", "")
    if chosen in lib.variants():
        planned.variant, planned.variant_layer = chosen, layer
    else:
        planned.variant = lib.data.get("default_variant", "")


def assemble(outline: Outline, library: Library, scheme: Scheme,
             values: dict[str, Any]) -> Assembly:
    """Return the assembled, numbered draft of `outline`'s document for `scheme`."""
    renderer = Renderer(values, values["parties"])
    assembly = plan(outline, library, scheme, values, renderer)
    draft = _empty_draft(outline, scheme, values)
    for planned in assembly.planned:
        clause = _render(planned, renderer, scheme)
        {"front": draft.front, "clauses": draft.clauses, "schedules": draft.schedules}[
            planned.part].append(clause)
    number_draft(draft)
    assembly.diagnostics.extend(renderer.diagnostics)
    assembly.draft = draft
    return assembly


def _render(planned: Planned, renderer: Renderer, scheme: Scheme) -> Clause:
    kind = {"front": "front", "schedules": "schedule"}.get(planned.part, "clause")
    if planned.change is not None:
        clause = scheme_clause(planned.change)
        clause.id = planned.id
        if planned.library and not planned.change.data.get("title"):
            clause.title = renderer._plain(planned.library.data["title"], {}, ("title",))
        clause.kind = kind
        clause.source = Source(planned.change.loc.path, planned.change.loc.line,
                               planned.change.layer)
    else:
        clause = renderer.clause(planned.library, planned.variant, kind)
        layer = planned.variant_layer
        clause.source = Source(planned.library.source.path, planned.library.loc.line, layer,
                               planned.variant)
    if planned.not_used is not None:
        clause.not_used = True
        clause.lead, clause.paragraphs, clause.sections = [], [], []
    clause.anchor = planned.id
    return clause


def _empty_draft(outline: Outline, scheme: Scheme, values: dict[str, Any]) -> Draft:
    date = scheme.data.get("agreement_date")
    return Draft(
        document=outline.document,
        doc_title=outline.title,
        scheme_id=str(scheme.data.get("id", "")),
        scheme_title=str((scheme.data.get("titles") or {}).get(outline.document)
                         or scheme.data.get("title", "")),
        status=str(scheme.data.get("status", "draft")).upper(),
        date_text=date_text(date) or "",
        parties=[PartyLine(p["name"], p["short_name"], p["type_label"]) for p in values["parties"]],
        file_stem=outline.file_stem,
        template=str(outline.template_path),
        created=date.isoformat() if date else "",
    )
