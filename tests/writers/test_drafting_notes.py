"""Drafting notes are written for the lawyers who use a draft: no clause note, and no committed
draft (Word file or Markdown twin), carries the library's internal notation."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SOUTHAMPTON

from generator.ooxml.docxtext import format_docx_text
from generator.pipeline import Settings, process

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


def draft_notes(twin: Path) -> list[str]:
    """Return the drafting notes of a committed Markdown twin."""
    return [line for line in twin.read_text(encoding="utf-8").splitlines()
            if line.startswith("> Drafting note:")]


AGREEMENTS = [t for t in TWINS if t.name == "section75-agreement.md"]


@pytest.mark.parametrize("twin", AGREEMENTS, ids=lambda p: p.parent.name)
def test_notes_for_a_pool_appear_only_in_drafts_with_a_pool(twin: Path):
    pooled = "means the pooled fund" in twin.read_text(encoding="utf-8")
    about_a_pool = [n for n in draft_notes(twin) if "Pooled Fund" in n or "Host Partner" in n]
    assert bool(about_a_pool) == pooled


@pytest.mark.parametrize("twin", AGREEMENTS, ids=lambda p: p.parent.name)
def test_notes_for_the_better_care_fund_appear_only_in_its_drafts(twin: Path):
    body = [line for line in twin.read_text(encoding="utf-8").splitlines()
            if not line.startswith("> Drafting note:")]
    bcf = any("Better Care Fund" in line for line in body)
    about_bcf = [n for n in draft_notes(twin) if "Better Care Fund policy" in n
                 or "Better Care Fund plan" in n or "minimum contribution" in n]
    assert bool(about_bcf) == bcf, twin


def test_a_note_part_prints_only_where_its_condition_holds(library):
    result = process(SOUTHAMPTON, library, Settings(ROOT), "tor")
    assert result.ok, [d.format() for d in result.diagnostics]
    notes = {c.id: c.note for c in result.built[0].draft.all_clauses() if c.note}
    assert "Under consensus" in notes["tor-decision-making"]
    assert "block vote" not in notes["tor-decision-making"]
    assert "majority rule" not in notes["tor-decision-making"]
    whole = library.clauses["tor-decision-making"].note
    assert "Under consensus" in whole and "block vote" in whole and "majority rule" in whole


def test_a_misspelt_name_in_a_note_condition_is_a_located_error(cli, tmp_path, monkeypatch):
    for folder in ("clauses", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.setenv("S75_ROOT", str(tmp_path))
    clause = tmp_path / "clauses" / "section75" / "boilerplate" / "waiver.yaml"
    text = clause.read_text()
    start = text.index("note_for_lawyers:")
    end = text.index("\nsubclauses:")
    clause.write_text(text[:start] + "note_for_lawyers:\n  - A note.\n"
                      "  - when: board.modle\n    text: Another.\n" + text[end + 1:])
    status, out = cli("check", SOUTHAMPTON)
    assert status == 1
    assert any("waiver.yaml:" in line and "error[undefined-variable]" in line
               and "board.modle" in line for line in out), out


EVIDENCE = re.compile(r"\[(?:V|U|P)(?:\]|[ /,;])|\bseed \d{3}\b")
REPORTS = sorted((ROOT / "output").rglob("*.deviations.md"))


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_deviations_report_carries_evidence_marks_or_source_numbers(report):
    """The deviations report names clause ids in back-ticks on purpose, but the reasons it
    quotes from the schemes carry no evidence marks and no source papers by number."""
    assert EVIDENCE.findall(report.read_text("utf-8")) == []
