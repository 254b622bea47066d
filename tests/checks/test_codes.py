"""One table of diagnostic codes: every code the generator reports is in it, every code in it is
reported somewhere, and docs/diagnostics.md is generated from it."""

from __future__ import annotations

import ast

import pytest
from conftest import ROOT

from generator.codes import CODES, code_table_markdown
from generator.diagnostics import Loc, error, warning
from generator.errors import ToolError


def codes_in_source() -> set[str]:
    """Return every string literal in generator/ that names a code of the table."""
    found = set()
    for path in (ROOT / "generator").rglob("*.py"):
        if path.name == "codes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and node.value in CODES:
                found.add(node.value)
    return found


def test_every_code_in_the_table_is_used():
    assert sorted(set(CODES) - codes_in_source()) == []


def test_a_code_not_in_the_table_is_a_fault_of_the_tool():
    with pytest.raises(ToolError, match="`no-such-code` is not a known error code"):
        error(Loc("x.yaml"), "no-such-code", "message")
    with pytest.raises(ToolError, match="`totals-mismatch` is not a known warning code"):
        warning(Loc("x.yaml"), "totals-mismatch", "message")


def test_the_diagnostics_page_is_generated_from_the_table(cli):
    assert (ROOT / "docs" / "diagnostics.md").read_text("utf-8") == code_table_markdown()
    status, lines = cli("codes")
    assert status == 0 and len(lines) == len(CODES)
    assert lines[0].startswith("file-missing")


def test_an_internal_failure_says_what_the_tool_was_doing(capsys, monkeypatch):
    from generator.assemble.render import Renderer
    from generator.cli import main

    def fail(*args, **kwargs):
        raise KeyError("no such thing")
    monkeypatch.setattr(Renderer, "clause", fail)
    assert main(["check", str(ROOT / "schemes" / "croydon-icu.yaml")]) == 2
    assert capsys.readouterr().err == (
        "s75: internal error while checking schemes/croydon-icu.yaml, making its section75 "
        "document: KeyError: 'no such thing'\n")
