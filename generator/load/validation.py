"""Validate loaded YAML against a cerberus schema and turn cerberus errors into diagnostics
a commissioner can act on."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

from cerberus import Validator, errors

from generator.diagnostics import Diagnostic, did_you_mean, did_you_mean_or_list, error
from generator.load.yamlio import Loaded

TYPE_WORDS = {
    "string": "text",
    "list": "a list (lines starting with '- ')",
    "dict": "a set of `key: value` entries",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "date": "a date written as YYYY-MM-DD, e.g. 2017-04-01",
}


def validate(loaded: Loaded, schema: dict, what: str = "scheme") -> list[Diagnostic]:
    """Return a diagnostic for every way `loaded.data` breaks `schema`."""
    return validate_sections(loaded, schema, what)[0]


def validate_sections(loaded: Loaded, schema: dict, what: str = "scheme"
                      ) -> tuple[list[Diagnostic], frozenset[str] | None]:
    """Return a diagnostic for every way `loaded.data` breaks `schema`, and the top-level keys
    under which something is wrong (a misspelt key inside a section breaks the section; a
    misspelt top-level key breaks nothing else). The set is None when the whole file is
    unusable (it is not a set of `key: value` entries)."""
    if not isinstance(loaded.data, dict):
        return [error(loaded.loc(()), "not-a-mapping",
                      f"a {what} file must be a set of `key: value` entries")], None
    unknown: list[Diagnostic] = []
    broken: set[str] = set()
    known = _without_unknown(loaded.data, {"type": "dict", "schema": schema}, (), loaded, unknown,
                             broken)
    validator = validator_for(schema)
    validator.validate(known, normalize=False)  # defaults are read from the schema, not filled in
    leaves = list(_leaves(validator._errors))
    broken |= {str(leaf.document_path[0]) for leaf in leaves if leaf.document_path}
    return (unknown + [_diagnostic(leaf, loaded, schema) for leaf in leaves],
            frozenset(broken))


_VALIDATORS: dict[str, Validator] = {}
MAX_VALIDATORS = 64  # distinct schemas kept (a run uses a handful)


def validator_for(schema: dict) -> Validator:
    """Return the cerberus validator of `schema`, made once per distinct schema in a run: making
    one checks the whole schema, which costs far more than validating a file with it."""
    key = repr(schema)
    found = _VALIDATORS.get(key)
    if found is None:
        if len(_VALIDATORS) >= MAX_VALIDATORS:
            _VALIDATORS.clear()
        found = _VALIDATORS[key] = Validator(schema, allow_unknown=False)
    return found


def _without_unknown(value: Any, rules: Any, path: tuple, loaded: Loaded,
                     found: list[Diagnostic], broken: set[str]) -> Any:
    """Return `value` without the keys its rules do not know, reporting each (in one pass, so
    a file of many unknown keys is reported in linear time) and adding the top-level key it is
    under to `broken`."""
    if not isinstance(rules, dict):
        return value
    inner = rules.get("schema")
    if isinstance(value, list) and isinstance(inner, dict) and rules.get("type") == "list":
        return [_without_unknown(item, inner, path + (i,), loaded, found, broken)
                for i, item in enumerate(value)]
    if not isinstance(value, dict):
        return value
    if isinstance(inner, dict) and "type" not in inner:  # a mapping with named keys
        kept = {}
        for key, item in value.items():
            if key in inner:
                kept[key] = _without_unknown(item, inner[key], path + (key,), loaded, found,
                                             broken)
            else:
                found.append(_unknown_key(path + (key,), list(inner), loaded))
                if path:
                    broken.add(str(path[0]))
        return kept
    values_rules = rules.get("valuesrules")
    if isinstance(values_rules, dict):
        return {key: _without_unknown(item, values_rules, path + (key,), loaded, found, broken)
                for key, item in value.items()}
    return value


def _unknown_key(path: tuple, choices: list[str], loaded: Loaded) -> Diagnostic:
    """Return the error for a key the schema does not allow at `path`, suggesting only the
    keys allowed at that level (listing them when none is close)."""
    hint = did_you_mean_or_list(path[-1], choices)
    where = f" in `{dotted_path(path[:-1])}`" if len(path) > 1 else ""
    return error(loaded.loc(path), "unknown-key",
                 f"unknown key `{path[-1]}`{where}.{hint}".rstrip())


def _leaves(error_list: Any) -> Iterator[errors.ValidationError]:
    for err in error_list:
        if err.is_group_error:
            yield from _leaves(err.child_errors)
        else:
            yield err


def _diagnostic(err: errors.ValidationError, loaded: Loaded, schema: dict) -> Diagnostic:
    path = tuple(err.document_path)
    loc = loaded.loc(path)
    dotted = dotted_path(path)
    if err.code == errors.UNKNOWN_FIELD.code:
        return _unknown_key(path, _keys_at(schema, path[:-1]), loaded)
    if err.code == errors.REQUIRED_FIELD.code:
        return error(loc, "missing-key", f"`{dotted}` is required here")
    return error(loc, _code(err), _message(err, dotted, schema))


def _code(err: errors.ValidationError) -> str:
    return {"type": "wrong-type", "allowed": "wrong-value", "regex": "wrong-format",
            "empty": "empty-value", "nullable": "empty-value"}.get(err.rule or "", "invalid-value")


def _message(err: errors.ValidationError, dotted: str, schema: dict) -> str:
    rule, value = err.rule, err.value
    if rule == "type":
        wanted = err.constraint if isinstance(err.constraint, str) else err.constraint[0]
        return (f"`{dotted}` should be {TYPE_WORDS.get(wanted, wanted)}, not {_describe(value)}"
                f"{_number_hint(wanted, value)}")
    if rule == "allowed":
        options = ", ".join(f"`{o}`" for o in err.constraint)
        hint = did_you_mean(value, err.constraint)
        return f"`{dotted}` cannot be `{value}`: write one of {options}.{hint}".rstrip()
    if rule == "regex":
        hint = _meta_hint(err, schema) or "the expected format"
        return f"`{value}` in `{dotted}` is not {hint}"
    if rule in ("empty", "nullable"):
        return _empty_message(err, dotted, schema)
    if rule == "min":
        return f"`{dotted}` must be at least {err.constraint}, not {value}"
    if rule == "max":
        return f"`{dotted}` must be at most {err.constraint:,}, not {value:,}"
    return f"`{dotted}`: {errors.BasicErrorHandler.messages.get(err.code, 'invalid value')}"


def _empty_message(err: errors.ValidationError, dotted: str, schema: dict) -> str:
    """Return what to write for an empty value: the words a list may hold, and whether leaving
    the key out is accepted (it is not for a key the schema requires)."""
    rules = _rules_of(err, schema) or {}
    items = rules.get("schema") if rules.get("type") == "list" else None
    options = items.get("allowed") if isinstance(items, dict) else None
    what = ("list at least one of " + ", ".join(f"`{o}`" for o in options)
            if options else "write a value")
    found = rules.get("meta")
    meta: dict = found if isinstance(found, dict) else {}
    if isinstance(meta.get("empty"), str):
        return f"`{dotted}` is empty: {meta['empty']}"
    if rules.get("required") or meta.get("needed"):
        return f"`{dotted}` is empty: {what}"
    default = rules.get("default")
    if isinstance(default, list):
        shown = ", ".join(str(d) for d in default)
        return f"`{dotted}` is empty: {what}, or leave the key out for the default [{shown}]"
    return f"`{dotted}` is empty: {what}, or leave the key out"


def dotted_path(path: tuple) -> str:
    """Return a path such as `funds.lines.contributions` (list positions left out: the line
    number already says which item)."""
    return ".".join(str(p) for p in path if not isinstance(p, int)) or "(top level)"


def _number_hint(wanted: str, value: Any) -> str:
    if wanted in ("number", "integer") and isinstance(value, str):
        digits = re.sub(r"[,£\s]", "", value)
        if digits.replace(".", "", 1).isdigit():
            return f": write {digits} (no commas, spaces or £ sign)"
    return ""


def _rules_of(err: errors.ValidationError, schema: dict) -> dict | None:
    """Return the rules of the value that failed, found by the error's schema path (None when
    the path cannot be followed)."""
    node: Any = {"schema": schema}
    for step in err.schema_path[:-1]:
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, dict) and isinstance(node.get("schema"), dict) \
                and step in node["schema"]:
            node = node["schema"][step]
        else:
            return None
    return node if isinstance(node, dict) else None


def _meta_hint(err: errors.ValidationError, schema: dict) -> str | None:
    """Return the `meta: hint` of the rule that failed, found by the error's schema path."""
    node = _rules_of(err, schema)
    meta = node.get("meta") if isinstance(node, dict) else None
    hint = meta.get("hint") if isinstance(meta, dict) else None
    return hint if isinstance(hint, str) else None


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text `{shown}`"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of `key: value` entries"
    return "an empty value" if value is None else type(value).__name__


def _keys_at(schema: dict, path: tuple) -> list[str]:
    """Return the keys the schema allows at `path` (list indexes are stepped over)."""
    node: Any = {"type": "dict", "schema": schema}
    for step in path:
        if not isinstance(node, dict):
            return []
        inner = node.get("schema")
        if node.get("type") == "list" or isinstance(step, int):
            node = inner
            if isinstance(step, int):
                continue
            inner = node.get("schema") if isinstance(node, dict) else None
        if isinstance(inner, dict) and step in inner:
            node = inner[step]
        else:
            return []
    inner = node.get("schema") if isinstance(node, dict) else None
    if isinstance(node, dict) and node.get("type") == "list" and isinstance(inner, dict):
        inner = inner.get("schema")
    return list(inner) if isinstance(inner, dict) else []
