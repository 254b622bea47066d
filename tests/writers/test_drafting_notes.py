"""Drafting notes are written for the lawyers who use a draft: no clause note, and no committed
draft (Word file or Markdown twin), carries the library's internal notation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from generator.ooxml.docxtext import format_docx_text

VARIABLES = sorted(yaml.safe_load((ROOT / "clauses" / "variables.yaml").read_text()))
NOTATION = re.compile(
    r"\[(?:V|U|P)(?:\]|[ /,;])"  # evidence marks: [V], [U], [P], [V/P], [V heading]
    r"|\bseed \d{3}\b"                               # source papers by number
    r"|`"                                            # back-ticked keys and ids
    r"|\bthe brief\b|\bdomain notes\b"
    r"|\b(?:board|funds|mou|exit|review|term|changes|line)\.[a-z_]+"   # scheme keys
    r"|\b[a-z]+_[a-z_]+\b"                           # snake_case names (keys, options, variables)
    r"|\b(?:" + "|".join(map(re.escape, VARIABLES)) + r")\b",
    re.IGNORECASE,
)


def notation_in(text: str) -> list[str]:
    """Return every piece of internal notation in a text (Markdown escapes removed first)."""
    return [m.group(0) for m in NOTATION.finditer(text.replace("\\", ""))]


def clause_notes() -> list[tuple[str, str]]:
    """Return (file, note text) for every drafting note in the clause library."""
    notes = []
    for path in sorted((ROOT / "clauses").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        note = data.get("note_for_lawyers") if isinstance(data, dict) else None
        entries = note if isinstance(note, list) else [note] if note else []
        for entry in entries:
            text = entry.get("text", "") if isinstance(entry, dict) else entry
            notes.append((str(path.relative_to(ROOT)), str(text)))
    return notes


TWINS = sorted(p for p in (ROOT / "output").rglob("*.md") if not p.name.endswith(".deviations.md"))
DRAFTS = sorted((ROOT / "output").rglob("*.docx"))


def test_the_pattern_catches_each_kind_of_notation():
    for sample in ["usual practice [U].", "[V heading]", "[P/V]", "(seed 001)", "`board.model`",
                   "follows the brief", "the domain notes", "board.delegated_limit_text",
                   "advisory_delegated", "the dispute_escalation_days variable"]:
        assert notation_in(sample), sample
    assert not notation_in("regulation 7(3)(b) of SI 2000/617 [and see clause 12]")


def test_no_clause_note_carries_internal_notation():
    found = [(f, notation_in(t)) for f, t in clause_notes() if notation_in(t)]
    assert len(clause_notes()) > 80
    assert found == []


@pytest.mark.parametrize("twin", TWINS, ids=lambda p: str(p.relative_to(ROOT / "output")))
def test_no_committed_twin_carries_internal_notation(twin: Path):
    assert notation_in(twin.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: str(p.relative_to(ROOT / "output")))
def test_no_committed_word_draft_carries_internal_notation(draft: Path):
    assert notation_in(format_docx_text(draft.read_bytes())) == []
