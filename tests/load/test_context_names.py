"""The names clause text may use (model.context) are exactly the values assembly builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from generator.assemble.context import build_context
from generator.load.scheme import load_scheme
from generator.load.typed import to_model
from generator.model.context import VALUES, ListOf, Options

SCHEMES = sorted((ROOT / "schemes").rglob("*.yaml"))


def undeclared(value, shape, path: str) -> list[str]:
    """Return the paths in `value` that `shape` does not declare."""
    if isinstance(shape, ListOf) and isinstance(value, list):
        return [p for item in value for p in undeclared(item, shape.item, f"{path}[]")]
    if isinstance(shape, Options) and value not in (None, ""):
        return [] if value in shape.values else [f"{path} = {value!r}"]
    if not isinstance(shape, dict) or not isinstance(value, dict):
        return []
    out = [f"{path}.{key}" for key in value if key not in shape]
    for key, inner in value.items():
        if key in shape:
            out += undeclared(inner, shape[key], f"{path}.{key}")
    return out


@pytest.mark.parametrize("path", SCHEMES, ids=lambda p: str(p.relative_to(ROOT / "schemes")))
def test_values_have_exactly_the_declared_names(path: Path, library):
    merged, problems = load_scheme(path)
    assert merged is not None and not [p for p in problems if p.severity == "error"]
    values = build_context(to_model(merged), library.variables, library.phrases).values
    assert sorted(values) == sorted(VALUES)
    assert undeclared(values, VALUES, "") == []
