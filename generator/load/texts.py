"""Clause text and conditions, compiled once when the library is loaded.

Clause strings are Jinja2 templates run in one sandboxed, strict environment: a name that does
not exist is an error, an empty value is an error, and helpers mark references and defined
terms with private-use characters that assembly turns into runs. A string with no template
syntax is kept as plain text and never goes through Jinja. Values from a scheme are data: they
are printed, never compiled.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from generator.diagnostics import Loc
from generator.errors import EmptyValue

TERM_START, TERM_END, REF_START, REF_END = "\ue000", "\ue001", "\ue002", "\ue003"
SENTINELS = TERM_START + TERM_END + REF_START + REF_END
TEMPLATE_SYNTAX = ("{{", "{%", "{#")


class Marked(str):
    """Text made by a helper (a reference or a defined term); printed with its markers."""


def _finalize(value: Any) -> Any:
    if isinstance(value, Marked):
        return value
    if value is None:
        raise EmptyValue()
    text = str(value)
    return text.translate({ord(c): None for c in SENTINELS})


def join_and(values: Iterable[Any], word: str = "and") -> str:
    """Return 'A, B and C' for a list of values (a party prints as its name)."""
    items = [str(_finalize(v)) if not isinstance(v, dict) else str(v.get("name", v))
             for v in values]
    if not items:
        raise EmptyValue()
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def ref(target: str) -> Marked:
    """Return a cross-reference marker for the clause, schedule or paragraph `target`."""
    return Marked(f"{REF_START}{target}{REF_END}")


def define(term: str) -> Marked:
    """Return a defined-term marker: printed bold in quotation marks."""
    return Marked(f"{TERM_START}{term}{TERM_END}")


MAX_TEXT = 100_000  # characters one clause text may render to, or a value in it may hold
MAX_DIGITS = 100  # digits a number computed in clause text may have


class TextLimit(Exception):
    """Clause text tried to make a value larger than clause text may."""


class ClauseEnvironment(SandboxedEnvironment):
    """The sandbox, with `*`, `**` and `+` watched so that clause text cannot build a huge
    string, list or number (the sandbox itself already bounds `range`)."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Return `left operator right`, refusing results larger than clause text may make."""
        if operator == "**":
            _check_power(left, right)
        elif operator == "*":
            _check_repeat(left, right)
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, (str, list, tuple)) and len(result) > MAX_TEXT:
            raise TextLimit(f"builds a value of more than {MAX_TEXT} items")
        return result


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, (int, float)) and isinstance(exponent, (int, float)):
        size = abs(exponent) * max(len(str(int(abs(base)))) if abs(base) >= 1 else 1, 1)
        if abs(exponent) > MAX_DIGITS or size > MAX_DIGITS:
            raise TextLimit(f"computes a number of more than {MAX_DIGITS} digits")


def _check_repeat(left: Any, right: Any) -> None:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(count, int) \
                and len(sequence) * count > MAX_TEXT:
            raise TextLimit(f"builds a value of more than {MAX_TEXT} items")


def make_environment() -> SandboxedEnvironment:
    """Return the sandboxed, strict environment clause text is compiled and rendered in."""
    env = ClauseEnvironment(undefined=StrictUndefined, autoescape=False, finalize=_finalize,
                            keep_trailing_newline=False)
    env.filters["join_and"] = join_and
    return env


ENVIRONMENT = make_environment()


@dataclass(frozen=True)
class Text:
    """A clause string as written, where it was written, and its compiled template (None for
    plain text, which needs no rendering)."""

    source: str
    loc: Loc
    template: Template | None = field(default=None, compare=False)
    tree: nodes.Template | None = field(default=None, compare=False)
    exact: bool = True  # `loc` is the string's own position (so text lines can be added to it)


@dataclass(frozen=True)
class Condition:
    """A `when:`, `applies_when:` or `for_each:` expression, compiled once."""

    source: str
    loc: Loc
    evaluate: Any = field(compare=False)  # a callable taking the names in scope
    tree: nodes.Template | None = field(default=None, compare=False)

    def value(self, scope: dict[str, Any]) -> Any:
        """Return the expression's value for the names in `scope`."""
        return self.evaluate(**scope)

    def holds(self, scope: dict[str, Any]) -> bool:
        """Return whether the condition is true for the names in `scope`."""
        return bool(self.evaluate(**scope))


class TextSyntaxError(Exception):
    """A clause string or condition is not valid template syntax; `line` counts within it."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message = message
        self.line = line


def compile_text(source: str, loc: Loc, exact: bool = True) -> Text:
    """Return the compiled text; raise TextSyntaxError when it is not valid template syntax."""
    if not any(mark in source for mark in TEMPLATE_SYNTAX):
        return Text(source, loc, exact=exact)
    try:
        tree = ENVIRONMENT.parse(source)
        template = ENVIRONMENT.from_string(tree)
    except TemplateSyntaxError as exc:
        raise TextSyntaxError(f"template syntax error: {exc.message}", exc.lineno or 1) from None
    return Text(source, loc, template, tree, exact)


def compile_condition(source: str, loc: Loc) -> Condition:
    """Return the compiled condition; raise TextSyntaxError when it is not an expression."""
    try:
        evaluate = ENVIRONMENT.compile_expression(source)
        tree = ENVIRONMENT.parse("{{ (" + source + ") }}")
    except TemplateSyntaxError as exc:
        raise TextSyntaxError(f"the condition `{source}` is not a valid expression: "
                              f"{exc.message}", 1) from None
    return Condition(source, loc, evaluate, tree)
