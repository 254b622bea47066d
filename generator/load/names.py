"""Check the names a clause text or condition uses against the names clause text may use
(`model.context`): every variable, attribute and compared option, on every branch, without
rendering anything."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from jinja2 import nodes

from generator.diagnostics import did_you_mean
from generator.model.context import ANY, ListOf, Lookup, Options, Shape

Scope = dict[str, Shape]


@dataclass(frozen=True)
class NameProblem:
    """A name or option a text uses that does not exist; `line` counts within the text."""

    line: int
    code: str
    message: str


def check_names(tree: nodes.Template, scope: Scope) -> list[NameProblem]:
    """Return every unknown name, attribute or option used in a parsed text."""
    checker = _Checker()
    own = {name: ANY for name in _assigned(tree)}
    checker.visit(tree, {**scope, **own})
    return checker.problems


def shape_of_expression(tree: nodes.Template | None, scope: Scope) -> Shape:
    """Return the shape of a compiled condition's expression (`{{ (expr) }}`), or ANY."""
    if tree is None or not tree.body or not isinstance(tree.body[0], nodes.Output):
        return ANY
    return _Checker().shape_of(tree.body[0].nodes[0], scope)


def _assigned(tree: nodes.Node) -> Iterator[str]:
    """Return the names a text sets for itself ({% set %}, macros and their arguments)."""
    for node in tree.find_all((nodes.Assign, nodes.AssignBlock, nodes.Macro, nodes.CallBlock)):
        if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
            target = node.target
            yield from ([target.name] if isinstance(target, nodes.Name)
                        else (n.name for n in target.find_all(nodes.Name)))
        elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
            if isinstance(node, nodes.Macro):
                yield node.name
            yield from (arg.name for arg in node.args if isinstance(arg, nodes.Name))


class _Checker:
    """Walks a template's syntax tree with the shapes of the names in scope."""

    def __init__(self) -> None:
        self.problems: list[NameProblem] = []

    def report(self, node: nodes.Node, code: str, message: str) -> None:
        """Record a problem at the node's line."""
        self.problems.append(NameProblem(node.lineno or 1, code, message))

    def visit(self, node: nodes.Node, scope: Scope) -> None:
        """Check `node` and everything below it."""
        if isinstance(node, nodes.For):
            self._for(node, scope)
        elif isinstance(node, nodes.Test) and node.name in ("defined", "undefined"):
            return  # `x is defined` asks whether a name exists: it may not
        elif isinstance(node, nodes.Compare):
            self._compare(node, scope)
        elif isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            self.shape_of(node, scope)
        elif isinstance(node, nodes.Call):
            self._call(node, scope)
        else:
            for child in node.iter_child_nodes():
                self.visit(child, scope)

    def _call(self, node: nodes.Call, scope: Scope) -> None:
        """Check a call; a helper over fixed keys (`law('data_protection')`) must be given one
        of them, written out."""
        helper = self.shape_of(node.node, scope)
        for child in node.iter_child_nodes():
            if child is not node.node:
                self.visit(child, scope)
        if not isinstance(helper, Lookup):
            return
        first = node.args[0] if node.args else None
        name = node.node.name if isinstance(node.node, nodes.Name) else "the helper"
        if not isinstance(first, nodes.Const) or not isinstance(first.value, str):
            self.report(node, "unknown-option", f"`{name}()` takes the name of a subject of the "
                        "law table (clauses/law.yaml), written in quotation marks")
        elif first.value not in helper.keys:
            self.report(first, "unknown-option",
                        f"`{first.value}` is not a subject of the law table (clauses/law.yaml)."
                        f"{did_you_mean(first.value, helper.keys)}".rstrip())

    def _for(self, node: nodes.For, scope: Scope) -> None:
        iterated = self.shape_of(node.iter, scope)
        item = iterated.item if isinstance(iterated, ListOf) else ANY
        inner = dict(scope, loop=ANY)
        for index, target in enumerate(node.target.find_all(nodes.Name)):
            inner[target.name] = item if index == 0 and isinstance(node.target, nodes.Name) \
                else ANY
        for child in node.body:
            self.visit(child, inner)
        for child in node.else_:
            self.visit(child, scope)
        if node.test is not None:
            self.visit(node.test, inner)

    def shape_of(self, node: nodes.Node, scope: Scope) -> Shape:
        """Return the shape of an expression, reporting names and attributes that do not exist."""
        if isinstance(node, nodes.Name):
            if node.name not in scope:
                self.report(node, "undefined-variable", f"`{node.name}` is not a name clause "
                            f"text can use.{did_you_mean(node.name, scope)}".rstrip())
                return ANY
            return scope[node.name]
        if isinstance(node, nodes.Getattr):
            return self._member(node, self.shape_of(node.node, scope), node.attr)
        if isinstance(node, nodes.Getitem):
            outer = self.shape_of(node.node, scope)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self._member(node, outer, node.arg.value)
            self.visit(node.arg, scope)
            return outer.item if isinstance(outer, ListOf) else ANY
        self.visit(node, scope)
        return ANY

    def _member(self, node: nodes.Getattr | nodes.Getitem, outer: Shape, name: str) -> Shape:
        if not isinstance(outer, dict):
            return ANY
        if name not in outer:
            self.report(node, "undefined-variable",
                        f"`{_dotted(node)}` is not a name clause text can use."
                        f"{did_you_mean(name, outer)}".rstrip())
            return ANY
        return outer[name]

    def _compare(self, node: nodes.Compare, scope: Scope) -> None:
        left = self.shape_of(node.expr, scope)
        for operand in node.ops:
            right = self.shape_of(operand.expr, scope)
            if operand.op in ("eq", "ne"):
                self._options(operand.expr, left, _constants(operand.expr))
                self._options(node.expr, right, _constants(node.expr))
            elif operand.op in ("in", "notin"):
                self._options(operand.expr, left, _constants(operand.expr, listed=True))
                member = right.item if isinstance(right, ListOf) else None
                self._options(node.expr, member, _constants(node.expr))

    def _options(self, node: nodes.Node, shape: Shape | None, words: list[str]) -> None:
        if not isinstance(shape, Options):
            return
        for word in words:
            if word not in shape.values and word != "":
                allowed = ", ".join(f"`{v}`" for v in shape.values)
                self.report(node, "unknown-option",
                            f"`{word}` is not one of the options it is compared with "
                            f"({allowed}).{did_you_mean(word, shape.values)}".rstrip())


def _constants(node: nodes.Node, listed: bool = False) -> list[str]:
    """Return the text constants of a node: itself, or the items of a literal list."""
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return [node.value]
    if listed and isinstance(node, (nodes.List, nodes.Tuple)):
        return [item.value for item in node.items
                if isinstance(item, nodes.Const) and isinstance(item.value, str)]
    return []


def _dotted(node: nodes.Node) -> str:
    """Return `a.b.c` for a chain of attribute look-ups."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_dotted(node.node)}.{node.arg.value}"
    return "…"

