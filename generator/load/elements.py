"""Compile the body of a clause file: its text, subclauses, items, definitions, tables and
schedule sections, each string compiled once and each name it uses checked.

The result is a tree of `Element`s that assembly renders against a scheme's values without
reading YAML again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.diagnostics import Diagnostic, Loc, did_you_mean, error
from generator.load.names import check_names, shape_of_expression
from generator.load.texts import Condition, Text, TextSyntaxError, compile_condition, compile_text
from generator.load.typography import curly_template
from generator.load.yamlio import Loaded
from generator.model.context import ANY, ListOf, Options, Shape, shape_at

TABLES = ("contributions", "line_contributions", "party_contributions", "board_membership")
ELEMENT_KEYS = ("id", "text", "title", "when", "for_each", "as", "numbered", "table", "items",
                "definitions", "subclauses", "variant_by", "variants")
OTHERWISE = "otherwise"  # the variant of an element printed when no other matches
Path_ = tuple[Any, ...]


@dataclass(frozen=True)
class DefinitionSpec:
    """A defined term, what it means, and when it is printed."""

    term: str
    text: Text
    when: Condition | None = None


@dataclass
class Element:
    """A subclause, an item or a schedule section, compiled. A plain string in the clause file
    is an Element with only `text`."""

    path: Path_
    loc: Loc
    id: str = ""
    text: Text | None = None
    title: Text | None = None
    when: Condition | None = None
    for_each: Condition | None = None
    as_name: str = "item"
    numbered: bool = True
    table: str = ""
    items: list[Element] = field(default_factory=list)
    definitions: list[DefinitionSpec] = field(default_factory=list)
    subclauses: list[Element] = field(default_factory=list)
    variant_by: str = ""  # a field with fixed options; the element prints the matching variant
    variants: dict[str, Element] = field(default_factory=dict)

    def chosen(self, value: object) -> Element | None:
        """Return the variant printed when the `variant_by` field has `value` (None: none)."""
        return self.variants.get(str(value)) or self.variants.get(OTHERWISE)


@dataclass
class Body:
    """A clause's (or a variant's) lead text, subclauses and schedule sections."""

    text: Text | None
    subclauses: list[Element]
    sections: list[Element]


class ClauseCompiler:
    """Compiles the parts of one clause file, collecting diagnostics at their lines."""

    def __init__(self, loaded: Loaded, clause_id: str, names: dict[str, Shape]):
        self.loaded = loaded
        self.clause_id = clause_id
        self.names = names
        self.diagnostics: list[Diagnostic] = []
        self.anchors: set[str] = {clause_id}

    def report(self, path: Path_, code: str, message: str, line: int = 1) -> None:
        """Record a problem at `path`, `line` lines into the text written there."""
        loc = self.loaded.loc(path)
        if path in self.loaded.locs and line > 1:
            loc = Loc(loc.path, loc.line + line - 1, loc.col)
        self.diagnostics.append(error(loc, code, f"clause `{self.clause_id}`: {message}"))

    def text(self, source: Any, path: Path_, scope: dict[str, Shape] | None = None) -> Text:
        """Return a clause string compiled, with every name it uses checked."""
        if not isinstance(source, str):
            self.report(path, "bad-element", "this must be text")
            source = ""
        try:
            compiled = compile_text(curly_template(source), self.loaded.loc(path),
                                    path in self.loaded.locs)
        except TextSyntaxError as exc:
            self.report(path, "template-syntax", exc.message, exc.line)
            return Text(source, self.loaded.loc(path))
        if compiled.tree is not None:
            for problem in check_names(compiled.tree, scope or self.names):
                self.report(path, problem.code, problem.message, problem.line)
        return compiled

    def condition(self, source: Any, path: Path_,
                  scope: dict[str, Shape] | None = None) -> Condition | None:
        """Return a condition compiled (None when there is none), its names checked."""
        if source is None:
            return None
        try:
            compiled = compile_condition(str(source), self.loaded.loc(path))
        except TextSyntaxError as exc:
            self.report(path, "bad-condition", exc.message)
            return None
        problems = check_names(compiled.tree, scope or self.names) if compiled.tree else []
        for problem in problems:
            self.report(path, problem.code, f"in the condition `{source}`: {problem.message}")
        return compiled

    def body(self, data: dict, base: Path_) -> Body:
        """Return the lead text, subclauses and sections of a clause or a variant."""
        text = self.text(data["text"], base + ("text",)) if data.get("text") else None
        return Body(text, self.elements(data.get("subclauses") or [], base + ("subclauses",),
                                        self.names),
                    self.sections(data.get("sections") or [], base + ("sections",)))

    def sections(self, raw: list, path: Path_) -> list[Element]:
        """Return a schedule's sections."""
        out = []
        for index, entry in enumerate(raw):
            here = path + (index,)
            if not isinstance(entry, dict):
                self.report(here, "bad-element", "a schedule section must have a `title`")
                continue
            out.append(self.element(entry, here, self.names))
        return out

    def elements(self, raw: list, path: Path_, scope: dict[str, Shape]) -> list[Element]:
        """Return the subclauses (or items) of a list in a clause file."""
        out = []
        for index, entry in enumerate(raw):
            here = path + (index,)
            if isinstance(entry, str):
                out.append(Element(here, self.loaded.loc(here), text=self.text(entry, here, scope)))
            elif isinstance(entry, dict):
                out.append(self.element(entry, here, scope))
            else:
                self.report(here, "bad-element",
                            "a subclause must be text or `text:` with options")
        return out

    def element(self, raw: dict, path: Path_, scope: dict[str, Shape]) -> Element:
        """Return one element written as `key: value` entries."""
        self._unknown_keys(raw, path)
        element = Element(path, self.loaded.loc(path), id=str(raw.get("id") or ""))
        if element.id:
            self.anchors.add(element.id)
        element.for_each = self.condition(raw.get("for_each"), path + ("for_each",), scope)
        if element.for_each is not None:
            element.as_name = str(raw.get("as", "item"))
            iterated = shape_of_expression(element.for_each.tree, scope)
            item = iterated.item if isinstance(iterated, ListOf) else ANY
            scope = {**scope, element.as_name: item}
        self._fill(element, raw, path, scope)
        return element

    def _fill(self, element: Element, raw: dict, path: Path_, scope: dict[str, Shape]) -> None:
        element.when = self.condition(raw.get("when"), path + ("when",), scope)
        if "variants" in raw or "variant_by" in raw:
            self._variants(element, raw, path, scope)
        if raw.get("text"):
            element.text = self.text(raw["text"], path + ("text",), scope)
        if raw.get("title") is not None:
            element.title = self.text(raw["title"], path + ("title",), scope)
        element.numbered = bool(raw.get("numbered", True))
        element.table = str(raw.get("table") or "")
        if element.table and element.table not in TABLES:
            self.report(path + ("table",), "bad-table",
                        f"there is no table `{element.table}`: write one of "
                        + ", ".join(f"`{t}`" for t in TABLES))
        element.items = self.elements(raw.get("items") or [], path + ("items",), scope)
        element.subclauses = self.elements(raw.get("subclauses") or [],
                                           path + ("subclauses",), scope)
        element.definitions = [self._definition(entry, path + ("definitions", i), scope)
                               for i, entry in enumerate(raw.get("definitions") or [])
                               if isinstance(entry, dict)]

    def _variants(self, element: Element, raw: dict, path: Path_,
                  scope: dict[str, Shape]) -> None:
        """Compile an element's variants, each named after an option of its `variant_by`."""
        element.variant_by = str(raw.get("variant_by") or "")
        options = self._options_of(element.variant_by, path + ("variant_by",), scope)
        variants = raw.get("variants")
        if not isinstance(variants, dict) or not variants:
            self.report(path, "bad-element", "`variants:` must give a wording for each option")
            return
        for name, body in variants.items():
            here = path + ("variants", name)
            if options is not None and name not in options and name != OTHERWISE:
                allowed = ", ".join(f"`{o}`" for o in options)
                self.report(here, "unknown-variant",
                            f"variant `{name}` is not an option of `{element.variant_by}` "
                            f"({allowed}, or `{OTHERWISE}`).{did_you_mean(name, options)}".rstrip())
            entry = body if isinstance(body, dict) else {"text": body}
            element.variants[str(name)] = self.element(entry, here, scope)

    def _options_of(self, dotted: str, path: Path_,
                    scope: dict[str, Shape]) -> tuple[str, ...] | None:
        """Return the options of the field `dotted` names, reporting one with none."""
        shape = shape_at(scope, dotted)
        if isinstance(shape, Options):
            return shape.values
        self.report(path, "bad-variant-by",
                    f"`variant_by: {dotted}` must name a scheme field with fixed options")
        return None

    def _definition(self, raw: dict, path: Path_, scope: dict[str, Shape]) -> DefinitionSpec:
        if "term" not in raw or "text" not in raw:
            self.report(path, "bad-element", "a definition needs `term:` and `text:`")
        return DefinitionSpec(str(raw.get("term", "")),
                              self.text(raw.get("text", ""), path + ("text",), scope),
                              self.condition(raw.get("when"), path + ("when",), scope))

    def _unknown_keys(self, raw: dict, path: Path_) -> None:
        for key in sorted(set(raw) - set(ELEMENT_KEYS), key=str):
            self.report(path, "unknown-key", f"unknown key `{key}` in a subclause."
                        f"{did_you_mean(key, ELEMENT_KEYS)}")
