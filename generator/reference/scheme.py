"""The scheme reference: every field of the scheme format, from the schema `s75 check`
validates with (its type, allowed values, default, description and an example)."""

from __future__ import annotations

import json
from typing import Any

from generator.load.editorschema import fields, thawed
from generator.reference.markdown import code, escaped, table

TYPE_WORDS = {"string": "text", "list": "list", "dict": "mapping", "number": "number",
              "integer": "whole number", "boolean": "true/false", "date": "date (YYYY-MM-DD)"}


def scheme_reference(documents: tuple[str, ...]) -> str:
    """Return the Markdown page listing every field of the scheme format."""
    rows = [_row(path, rules) for path, rules in fields(documents)]
    return (
        "# Scheme reference\n\n"
        "Every key a scheme file may hold, generated from the rules `s75 check` validates with "
        "(the same rules `s75 schema` gives an editor). A key inside a list item is written "
        "with the list's name (`parties.name` is the `name:` of each party). *Required* keys "
        "must be in every item that has the section; the keys every merged scheme needs, and "
        "those each document needs, are in [the scheme format](../scheme-format.md).\n\n"
        + table(["key", "type", "allowed values", "default", "what it holds", "example"], rows))


def _row(path: str, rules: dict[str, Any]) -> list[str]:
    """Return the table row of one field."""
    found = rules.get("meta")
    meta: dict[str, Any] = found if isinstance(found, dict) else {}
    kinds = rules.get("type", "")
    kinds = [kinds] if isinstance(kinds, str) else list(kinds)
    kind = " or ".join(TYPE_WORDS.get(k, k) for k in kinds)
    items = rules.get("schema") if rules.get("type") == "list" else None
    allowed = rules.get("allowed") or (items.get("allowed") if isinstance(items, dict) else None)
    if isinstance(items, dict) and isinstance(items.get("type"), str) and not allowed:
        kind += f" of {TYPE_WORDS.get(items['type'], items['type'])}"
    description = escaped(meta.get("description", ""))
    if rules.get("required"):
        description = f"*Required.* {description}"
    return [f'<a id="{path}"></a>{code(path)}', kind,
            ", ".join(code(a) for a in allowed) if allowed else "",
            code(_json(rules["default"])) if "default" in rules else "",
            description, code(_json(meta["example"])) if "example" in meta else ""]


def _json(value: Any) -> str:
    """Return a value as YAML's flow style would show it (JSON is a subset)."""
    if isinstance(value, str):
        return value
    return json.dumps(thawed(value), ensure_ascii=False)
