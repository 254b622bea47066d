"""Render compiled library clauses against one scheme's values: conditions decide what is
printed, `for_each` repeats, tables are generated, and text becomes runs."""

from __future__ import annotations

from typing import Any

from generator.assemble.money import pounds, to_pounds
from generator.assemble.tables import (
    board_table,
    contributions_tables,
    line_contributions_table,
    party_contributions_table,
)
from generator.assemble.textrender import render, to_runs
from generator.diagnostics import Diagnostic, Loc, error
from generator.errors import RenderError
from generator.load.conditions import scope_for
from generator.load.elements import Body, Element
from generator.load.library import LibraryClause
from generator.load.texts import Condition, Text, define, join_and, ref
from generator.model.draft import Clause, Definition, Item, Paragraph, Run
from generator.model.law import LawBook, LawTable

Scope = dict[str, Any]


class Renderer:
    """Renders library clauses against one scheme's values."""

    def __init__(self, values: dict[str, Any], draft_parties: list[dict],
                 law: LawBook | None = None):
        self.law = law or LawBook(LawTable(), None, Loc("?"))
        self.values = {**scope_for(values), "ref": ref, "define": define, "join": join_and,
                       "money": self._money, "included": self._included, "law": self.law.law,
                       "in_force": self.law.in_force,
                       "law_during_term": self.law.during_term,
                       "in_force_during_term": self.law.in_force_during_term}
        self.parties = draft_parties
        self.diagnostics: list[Diagnostic] = []
        self._clause_id = "?"
        self.printed: set[str] | None = None  # the clauses the draft prints, once planned

    def _included(self, clause_id: str) -> bool:
        """Return whether the draft prints the clause or schedule `clause_id` (not one left
        out, not applicable, or kept only as "Not used"). Known only once the draft is planned,
        so it may be used in clause text and `when:`, never in `applies_when:`."""
        if self.printed is None:
            raise RenderError("included() cannot decide whether a clause applies: it is known "
                              "only once the clauses are chosen")
        return clause_id in self.printed

    def _money(self, amount: Any) -> str:
        return pounds(to_pounds(float(amount), self.values["funds"]["units"]))

    def _report(self, loc: Loc, code: str, message: str) -> None:
        self.diagnostics.append(error(loc, code, f"clause `{self._clause_id}`: {message}"))

    def holds(self, condition: Condition | None, local: Scope) -> bool:
        """Return whether a condition holds; one that fails to evaluate is reported, and false."""
        if condition is None:
            return True
        try:
            return condition.holds({**self.values, **local})
        except Exception as exc:  # noqa: BLE001 - any failure is the clause file's mistake
            self._report(condition.loc, "bad-condition", f"the condition `{condition.source}` "
                         f"cannot be evaluated: {exc}")
            return False

    def applies(self, lib: LibraryClause) -> bool:
        """Return whether a library clause's `applies_when:` holds for this scheme (for a clause
        repeated with `for_each`, whether it holds for any item)."""
        self._clause_id = lib.id
        if lib.for_each is not None:
            return bool(self.repeated(lib))
        return self.holds(lib.applies_when, {})

    def value_at(self, dotted: str, local: Scope | None = None) -> Any:
        """Return the clause-text value at a dotted path such as `board.model` (names in `local`
        first), or None."""
        node: Any = {**self.values, **local} if local else self.values
        for step in dotted.split("."):
            node = node.get(step) if isinstance(node, dict) else None
        return node

    def text(self, text: Text, local: Scope) -> list[Run]:
        """Return clause text rendered as runs (empty on error, which is reported)."""
        try:
            return to_runs(render(text, {**self.values, **local}))
        except RenderError as exc:
            loc = text.loc
            if text.exact:
                loc = Loc(loc.path, loc.line + max(exc.line - 1, 0), loc.col)
            self._report(loc, exc.code, exc.message)
            return []

    def plain(self, text: Text, local: Scope) -> str:
        """Return clause text rendered as plain text (a heading)."""
        return "".join(r.value for r in self.text(text, local))

    def _items_of(self, condition: Condition, local: Scope) -> list[Any]:
        """Return the list a `for_each:` names."""
        try:
            result = condition.value({**self.values, **local})
            return list(result or []) if not isinstance(result, (str, dict)) else [result]
        except Exception as exc:  # noqa: BLE001
            self._report(condition.loc, "bad-for-each",
                         f"`for_each: {condition.source}` fails: {exc}")
            return []

    def _variant(self, element: Element, local: Scope) -> Element | None:
        """Return the element to print: itself, or the variant its `variant_by` field chooses
        (None when no variant matches and there is no `otherwise`)."""
        if not element.variant_by:
            return element
        return element.chosen(self.value_at(element.variant_by, local))

    def _scopes(self, element: Element, local: Scope) -> list[Scope]:
        if element.for_each is None:
            return [local]
        return [{**local, element.as_name: value}
                for value in self._items_of(element.for_each, local)]

    # Clauses ------------------------------------------------------------------------------

    def clause(self, lib: LibraryClause, variant: str, kind: str,
               local: Scope | None = None) -> Clause:
        """Return a library clause rendered (with the chosen variant's body); `local` holds
        the item of a clause repeated with `for_each`."""
        self._clause_id = lib.id
        scope = local or {}
        body: Body = lib.variants[variant].body if variant else lib.body
        clause = Clause(lib.id, self.plain(lib.title_text, scope), kind)
        clause.note = " ".join(part.text for part in lib.notes if self.holds(part.when, scope))
        clause.satisfies = list(lib.satisfies)
        if body.text is not None:
            clause.lead = self.text(body.text, scope)
        clause.paragraphs = self.paragraphs(body.subclauses, scope)
        clause.sections = self.sections(body.sections, scope)
        return clause

    def repeated(self, lib: LibraryClause) -> list[Scope]:
        """Return the scopes of a clause repeated with `for_each`: one per item (only those for
        which its `applies_when:` holds)."""
        assert lib.for_each is not None
        self._clause_id = lib.id
        scopes = [{lib.as_name: item} for item in self._items_of(lib.for_each, {})]
        return [s for s in scopes if self.holds(lib.applies_when, s)]

    def title(self, lib: LibraryClause) -> str:
        """Return a library clause's title as printed."""
        self._clause_id = lib.id
        return self.plain(lib.title_text, {})

    def sections(self, elements: list[Element], local: Scope) -> list[Clause]:
        """Return a schedule's sections, repeating `for_each` sections."""
        out = []
        for element in elements:
            for scope in self._scopes(element, local):
                if not self.holds(element.when, scope):
                    continue
                title = self.plain(element.title, scope) if element.title else ""
                section = Clause(element.id, title, "section")
                section.anchor = element.id
                if element.text is not None:
                    section.lead = self.text(element.text, scope)
                section.paragraphs = self.paragraphs(element.subclauses, scope)
                out.append(section)
        return out

    def paragraphs(self, elements: list[Element], local: Scope) -> list[Paragraph]:
        """Return numbered paragraphs for a list of subclause elements."""
        out: list[Paragraph] = []
        for element in elements:
            for scope in self._scopes(element, local):
                chosen = self._variant(element, scope) if self.holds(element.when, scope) else None
                if chosen is not None and self.holds(chosen.when, scope):
                    out.extend(self._paragraph(chosen, scope))
        return out

    def _paragraph(self, element: Element, scope: Scope) -> list[Paragraph]:
        """Return the paragraphs one element prints: a table, or its own paragraph followed by
        those of its `subclauses:` (a group, such as one party's signature block, repeated
        with `for_each:`); a group with no text of its own prints only its subclauses."""
        if element.table:
            return self._tables(element, scope)
        grouped = self.paragraphs(element.subclauses, scope)
        if element.subclauses and element.text is None and not element.items \
                and not element.definitions:
            return grouped
        paragraph = Paragraph(numbered=element.numbered, anchor=element.id)
        if element.text is not None:
            paragraph.runs = self.text(element.text, scope)
        paragraph.items = self.items(element.items, scope)
        fold_single_item(paragraph)
        for entry in element.definitions:
            if self.holds(entry.when, scope):
                paragraph.definitions.append(Definition(entry.term, self.text(entry.text, scope)))
        return [paragraph, *grouped]

    def _tables(self, element: Element, scope: Scope) -> list[Paragraph]:
        funds = self.values["funds"]
        if element.table == "contributions":
            tables = contributions_tables(funds, self.parties)
        elif element.table == "party_contributions":
            if not isinstance(scope.get("party"), dict):
                self._report(element.loc, "bad-table", "`table: party_contributions` must be "
                             "inside a clause or section with `for_each:` over parties and "
                             "`as: party`")
                return []
            tables = [party_contributions_table(scope["party"], funds)]
        elif element.table == "line_contributions":
            if not isinstance(scope.get("line"), dict):
                self._report(element.loc, "bad-table", "`table: line_contributions` must be "
                             "inside a section with `for_each: funds.lines` and `as: line`")
                return []
            tables = [line_contributions_table(scope["line"], funds, self.parties)]
        else:
            tables = [board_table(self.values["board"])]
        return [Paragraph(table=t, numbered=False, anchor=element.id) for t in tables]

    def items(self, elements: list[Element], local: Scope) -> list[Item]:
        """Return listed items, (a), (b) ..., with any sub-items."""
        out = []
        for element in elements:
            for scope in self._scopes(element, local):
                chosen = self._variant(element, scope) if self.holds(element.when, scope) else None
                if chosen is not None and self.holds(chosen.when, scope):
                    runs = self.text(chosen.text, scope) if chosen.text is not None else []
                    out.append(Item(runs, self.items(chosen.items, scope)))
        close_list(out)
        return out


# Words that may open a listed item and are lower-cased when a one-item list is folded into its
# lead-in; any other first word (a name, a defined term) keeps its capital.
LOWERED = frozenset({"the", "a", "an", "any", "all", "each", "every", "those", "these", "such",
                     "adults", "residents", "children", "people", "persons", "patients",
                     "carers", "older", "young"})
ITEM_ENDINGS = ("; and", "; or", ", and", ", or", ";", ",", ".")


def _ending(item: Item) -> str | None:
    """Return the text of an item's last run when it is plain text, else None."""
    if not item.runs or item.runs[-1].kind != "text":
        return None
    return item.runs[-1].value.rstrip()


def _end_with(item: Item, old: str, new: str) -> None:
    tail = item.runs[-1].value.rstrip()
    item.runs[-1] = Run("text", tail[: len(tail) - len(old)] + new)


def close_list(items: list[Item]) -> None:
    """End a list as a list of provisions ends: a list whose items all end with a bare ";" (one
    repeated for each entry of a list of values) joins its last two items with "; and" and ends
    with a full stop, and a last item ending with a bare ";" ends with a full stop instead.
    Items with their own items, and items ending otherwise, are left as written."""
    if not items or items[-1].items:
        return
    endings = [_ending(item) for item in items]
    last = endings[-1]
    if last is None or not last.endswith(";"):
        return
    uniform = all(e is not None and e.endswith(";") and not item.items
                  for e, item in zip(endings, items, strict=True))
    if uniform and len(items) > 1:
        _end_with(items[-2], ";", "; and")
    _end_with(items[-1], ";", ".")


def fold_single_item(paragraph: Paragraph) -> None:
    """Fold a list of one item into the text that leads into it, as one sentence ("The Eligible
    Persons are: (a) adults ..." becomes "The Eligible Persons are adults ..."): a list of one
    is not drafted as a list. Only a plain item is folded, after a lead-in ending with a colon;
    an item that is itself a label and a text ("Southampton City Council: up to ...") stays."""
    if len(paragraph.items) != 1 or paragraph.definitions or not paragraph.runs:
        return
    item = paragraph.items[0]
    lead, runs = paragraph.runs, item.runs
    if item.items or not runs or lead[-1].kind != "text" or runs[0].kind != "text" \
            or runs[-1].kind != "text" or not lead[-1].value.rstrip().endswith(":") \
            or any(r.kind == "text" and ":" in r.value for r in runs):
        return
    first, *rest = runs[0].value.lstrip().split(" ", 1)
    if first.lower() in LOWERED and first[:1].isupper() and first[1:].islower():
        first = first.lower()
    runs = [Run("text", " ".join([first, *rest])), *runs[1:]]
    tail = runs[-1].value.rstrip()
    for ending in ITEM_ENDINGS:
        if tail.endswith(ending):
            tail = tail[: -len(ending)].rstrip()
            break
    runs[-1] = Run("text", tail + ".")
    head = lead[-1].value.rstrip()[:-1].rstrip()
    paragraph.runs = [*lead[:-1], Run("text", head + " "), *runs]
    paragraph.items = []
