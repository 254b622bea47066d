"""The scheme format as a JSON Schema, translated from the cerberus schema `s75 check` validates
with, so an editor using the YAML language server completes keys and underlines mistakes by the
same rules (one source: generator/load/schema.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.load.illustrative import KEY as ILLUSTRATIVE
from generator.load.illustrative import NAMING_KEYS, NAMING_TOPS
from generator.load.schema import scheme_schema

DRAFT = "http://json-schema.org/draft-07/schema#"
SCHEMA_ID = "https://s75.invalid/scheme.schema.json"
TYPES = {"string": "string", "number": "number", "integer": "integer", "boolean": "boolean",
         "list": "array", "dict": "object"}
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def json_schema(documents: tuple[str, ...]) -> dict[str, Any]:
    """Return the JSON Schema (draft 7) of a scheme file for a library of `documents`."""
    top = _mapping(scheme_schema(documents), ())
    return {"$schema": DRAFT, "$id": SCHEMA_ID, "title": "s75 scheme",
            "description": "A topic scheme: what one arrangement changes from the vanilla "
                           "governance model. Every key is optional in a file that extends "
                           "another.", **top}


def fields(documents: tuple[str, ...]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield every field of the scheme format as (dotted path, its cerberus rules), parents
    before children, list levels stepped over (`board.members.role`)."""
    yield from _fields(scheme_schema(documents), "")


def _fields(schema: dict[str, Any], prefix: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for key, rules in schema.items():
        path = f"{prefix}{key}"
        yield path, rules
        inner = _named_keys(rules)
        if inner is not None:
            yield from _fields(inner, path + ".")


def _named_keys(rules: dict[str, Any]) -> dict[str, Any] | None:
    """Return the named keys of a mapping, or of each item of a list, that `rules` describe
    (None when they describe no such keys)."""
    inner = rules.get("schema")
    if rules.get("type") == "list" and isinstance(inner, dict) and not _is_named(inner):
        inner = inner.get("schema")
    return inner if _is_named(inner) else None


def _is_named(schema: Any) -> bool:
    """Return True for a mapping of named keys to their rules (not one key's rules: a party's
    keys include one called `type`, so the values tell them apart)."""
    return isinstance(schema, dict) and bool(schema) and all(
        isinstance(rules, dict) for rules in schema.values())


def _mapping(schema: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """Return the JSON Schema of a mapping with the named keys of `schema`."""
    required = [key for key, rules in schema.items() if rules.get("required")]
    out: dict[str, Any] = {
        "type": "object",
        "properties": {key: _rules(rules, path + (key,)) for key, rules in schema.items()},
        "additionalProperties": False}
    if required:
        out["required"] = required
    return out


def _rules(rules: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """Return the JSON Schema of one cerberus rule set at `path`, with its description, default
    and example, accepting `{ illustrative: value }` where the scheme format does."""
    kinds = rules.get("type", [])
    kinds = [kinds] if isinstance(kinds, str) else list(kinds)
    shapes = [_shape(kind, rules, path) for kind in kinds] or [{}]
    out: dict[str, Any] = shapes[0] if len(shapes) == 1 else {"anyOf": shapes}
    if _markable(kinds, rules, path):
        marked = {"type": "object", "properties": {ILLUSTRATIVE: dict(out)},
                  "required": [ILLUSTRATIVE], "additionalProperties": False,
                  "description": "the value, marked as an example rather than real"}
        out = {"anyOf": [out, marked]}
    found = rules.get("meta")
    meta: dict[str, Any] = found if isinstance(found, dict) else {}
    if meta.get("description"):
        out["description"] = meta["description"]
    if "default" in rules:
        out["default"] = thawed(rules["default"])
    if "example" in meta:
        out["examples"] = [thawed(meta["example"])]
    return out


def _shape(kind: str, rules: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """Return the JSON Schema of a value of cerberus type `kind` under `rules`."""
    if kind == "date":
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    out: dict[str, Any] = {"type": TYPES[kind]}
    if kind == "string":
        out |= _string(rules)
    elif kind in ("number", "integer"):
        out |= {name: rules[rule] for rule, name in (("min", "minimum"), ("max", "maximum"))
                if rule in rules}
    elif kind == "list":
        items = rules.get("schema")
        if isinstance(items, dict):
            out["items"] = _rules(items, path)
        if rules.get("empty") is False:
            out["minItems"] = 1
    elif kind == "dict":
        out |= _dict(rules, path)
    return out


def _string(rules: dict[str, Any]) -> dict[str, Any]:
    """Return the JSON Schema constraints of a text value: words allowed, pattern, not empty."""
    out: dict[str, Any] = {}
    if "allowed" in rules:
        out["enum"] = list(rules["allowed"])
    if "regex" in rules:
        out["pattern"] = f"^(?:{rules['regex']})$"
    if rules.get("empty") is False:
        out["minLength"] = 1
    return out


def _dict(rules: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """Return the JSON Schema of a mapping: its named keys, or the rules of its keys and
    values."""
    named = rules.get("schema")
    if isinstance(named, dict) and _is_named(named):
        return {k: v for k, v in _mapping(named, path).items() if k != "type"}
    out: dict[str, Any] = {}
    keys = rules.get("keysrules")
    if isinstance(keys, dict):
        out["propertyNames"] = _string(keys)
    values = rules.get("valuesrules")
    out["additionalProperties"] = _rules(values, path + ("*",)) if isinstance(values, dict) \
        else True
    return out


def _markable(kinds: list[str], rules: dict[str, Any], path: tuple[str, ...]) -> bool:
    """Return True where a value may be written `{ illustrative: value }`: a single text,
    figure or date that prints as written, not one that names or chooses something."""
    if not path or not set(kinds) & {"string", "number", "date"} or "list" in kinds \
            or "allowed" in rules:
        return False
    return path[0] not in NAMING_TOPS and path[-1] not in NAMING_KEYS \
        and "dict" not in kinds


def thawed(value: Any) -> Any:
    """Return `value` with tuples made lists again, as JSON writes them."""
    if isinstance(value, (list, tuple)):
        return [thawed(item) for item in value]
    if isinstance(value, dict):
        return {key: thawed(item) for key, item in value.items()}
    return value
