"""The clause catalogue: every clause of the vanilla library with its id, title, documents,
condition, variants, statutory heads, what it needs from a scheme, its drafting note, the
example schemes that change it, and its text with the scheme's values marked."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from generator.load.library import Library, LibraryClause
from generator.reference.markdown import anchor, code, escaped, inline

DEFINE = re.compile(r"define\('([^']+)'\)")
REF = re.compile(r"ref\('([a-z0-9-]+)'\)")
JINJA = re.compile(r"({{.*?}}|{%.*?%})", re.S)
TEXT_KEYS = ("text", "label", "term")
LIST_KEYS = ("subclauses", "items", "definitions", "sections")
Changes = dict[str, list[tuple[str, str]]]


def catalogue(library: Library, root: Path, changes: Changes) -> str:
    """Return the Markdown page of every clause, document by document in outline order, with
    `changes` (clause id -> (scheme file, kind of change)) listed under each clause."""
    parts = ["# Clause catalogue\n\n"
             "Every clause of the vanilla library, in the order each document's outline gives. "
             "In the text, **`bold code`** marks a value the scheme supplies (or a "
             "cross-reference the generator numbers) and `code` marks wording that depends on "
             "the scheme (a condition). Change a clause from a scheme by its id (see "
             "[Changing the vanilla text](../scheme-format.md#changing-the-vanilla-text)).\n"]
    seen: set[str] = set()
    for document, outline in sorted(library.outlines.items()):
        parts.append(f"\n## {escaped(outline.title)}\n")
        order = [cid for _, cid in outline.ordered()] + sorted(outline.optional)
        order += sorted(cid for cid in library.ids_for(document) if cid not in order)
        for cid in dict.fromkeys(order):
            clause = library.clauses.get(cid)
            if clause is None or cid in seen:
                continue
            seen.add(cid)
            parts.append(_entry(clause, library, root, changes.get(cid, [])))
    return "".join(parts)


def _entry(clause: LibraryClause, library: Library, root: Path,
           changed: list[tuple[str, str]]) -> str:
    """Return the catalogue entry of one clause."""
    facts = [("Id", code(clause.id)), ("Documents", ", ".join(code(d) for d in clause.documents)),
             ("Kind", clause.kind), ("Status", _status(clause, library))]
    if clause.applies_when is not None:
        facts.append(("Applies when", code(clause.applies_when.source)))
    if clause.variants:
        by = f" (chosen by {code(clause.variant_by)})" if clause.variant_by else ""
        facts.append(("Variants", "; ".join(
            f"{code(v.name)}: {escaped(v.label)}" + (" *(default)*" if v.name ==
                                                     clause.default_variant else "")
            for v in clause.variants.values()) + by))
    if clause.satisfies:
        facts.append(("Statutory heads", "; ".join(_head(h, library) for h in clause.satisfies)))
    if clause.needs:
        facts.append(("Needs from the scheme", ", ".join(code(n) for n in clause.needs)))
    facts.append(("File", code(clause.file)))
    facts.append(("Changed by example schemes", "; ".join(
        f"{code(file)} ({kind})" for file, kind in changed) or "none"))
    lines = [f"\n### {escaped(clause.title)} {{#{anchor(clause.id)}}}\n\n"]
    lines += [f"- **{name}:** {value}\n" for name, value in facts]
    if clause.note:
        lines.append(f"\n!!! note \"Drafting note\"\n    {escaped(clause.note)}\n")
    text = clause_text(root / clause.file)
    if text:
        lines.append("\n" + text)
    return "".join(lines)


def _status(clause: LibraryClause, library: Library) -> str:
    """Return whether the clause is required, optional or standard in its outlines."""
    for outline in library.outlines.values():
        if clause.id in outline.required_ids():
            return "required"
        if clause.id in outline.optional:
            return "optional (a scheme brings it in with `include`)"
    return "standard"


def _head(head: str, library: Library) -> str:
    """Return a statutory head with what it covers, from the outline that lists it."""
    for outline in library.outlines.values():
        for rule in outline.heads:
            if rule.subject == head and rule.covers:
                return f"{escaped(head)} ({escaped(rule.covers)})"
    return escaped(head)


def clause_text(path: Path) -> str:
    """Return a clause file's text as a Markdown list, its scheme values marked."""
    data = YAML(typ="safe", pure=True).load(path.read_text("utf-8"))
    if not isinstance(data, dict):
        return ""
    lines: list[str] = []
    _element(data, 0, lines, top=True)
    variants = data.get("variants")
    if isinstance(variants, dict):
        for name, body in variants.items():
            lines.append(f"- *Variant {code(name)}:*")
            _element(body, 1, lines, top=True)
    return "\n".join(lines) + "\n" if lines else ""


def _element(node: Any, depth: int, lines: list[str], top: bool = False) -> None:
    """Append the list lines of one element of a clause (text, items, variants by a field)."""
    pad = "    " * depth
    if isinstance(node, str):
        lines.append(f"{pad}- {marked(node)}")
        return
    if not isinstance(node, dict):
        return
    if "variant_by" in node and isinstance(node.get("variants"), dict):
        lines.append(f"{pad}- *Worded by {code(node['variant_by'])}:*")
        for name, body in node["variants"].items():
            lines.append(f"{pad}    - *{code(name)}:*")
            for item in body if isinstance(body, list) else [body]:
                _element(item, depth + 2, lines)
        return
    if not top:
        words = [marked(str(node[k])) for k in TEXT_KEYS if isinstance(node.get(k), str)]
        when = f" *(when {code(node['when'])})*" if node.get("when") else ""
        title = f"**{marked(node['title'])}** " if isinstance(node.get("title"), str) else ""
        if words or title:
            lines.append(f"{pad}- {title}{' — '.join(words)}{when}")
            depth += 1
    elif isinstance(node.get("text"), str):
        lines.append(f"{pad}- {marked(node['text'])}")
    for key in LIST_KEYS:
        for item in node.get(key) or []:
            _element(item, depth, lines)


def _value(expression: str) -> str:
    """Return a template value as the catalogue shows it: a defined term as it prints, a
    cross-reference as a link to the clause, anything else as bold code."""
    term = DEFINE.fullmatch(expression)
    if term:
        return f"“**{inline(term[1])}**”"
    ref = REF.fullmatch(expression)
    if ref:
        return f"[clause {code(ref[1])}](#{anchor(ref[1])})"
    return f"**{code(expression)}**"


def marked(text: str) -> str:
    """Return clause text with its template parts marked: values in bold code, conditions in
    code, the rest escaped."""
    out = []
    for part in JINJA.split(" ".join(text.split())):
        if part.startswith("{{"):
            out.append(_value(part[2:-2].strip()))
        elif part.startswith("{%"):
            out.append(code(part))
        else:
            out.append(inline(part))
    return "".join(out)
