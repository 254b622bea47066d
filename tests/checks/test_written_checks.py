"""The document checks run again on the Draft read back from the written .docx, so a fault in
the Word writer cannot drop a required clause, lose a cross-reference or misnumber a clause
unnoticed: the build then reports it and writes nothing."""

from __future__ import annotations

from conftest import SOUTHAMPTON
from test_readback import without_heading

from generator import writers
from generator.checks.registry import checks
from generator.writers import Format
from generator.writers.docx import write_docx


def faulty_writer(monkeypatch, fault) -> None:
    """Make the registered Word writer pass its output through `fault`."""
    monkeypatch.setitem(writers.WRITERS, "docx",
                        Format(".docx", lambda draft, options: fault(write_docx(draft, options))))


def test_the_written_phase_has_the_document_rules(monkeypatch):
    names = [c.name for c in checks("written")]
    assert names == ["required-clauses-written", "clauses-written", "numbers-written",
                     "references-written",
                     "nothing-left-over"]


def test_a_writer_that_drops_a_required_clause_is_caught(cli, tmp_path, monkeypatch):
    faulty_writer(monkeypatch, lambda data: without_heading(data, "term"))
    out = tmp_path / "out"
    status, lines = cli("build", SOUTHAMPTON, "--doc", "section75", "--out", out)
    assert status == 1
    assert any("error[written-draft]: required clause `term` is not in the written document"
               in line for line in lines), lines
    assert any("error[written-draft]: clause `aims-and-outcomes` is numbered `3` in the "
               "written document, not `4`" in line for line in lines), lines
    assert not out.exists()


def test_a_writer_that_drops_a_referred_clause_is_caught(cli, tmp_path, monkeypatch):
    faulty_writer(monkeypatch, lambda data: without_heading(data, "schedule-governance"))
    status, lines = cli("build", SOUTHAMPTON, "--doc", "section75", "--out", tmp_path / "out")
    assert status == 1
    assert any("error[written-draft]: a cross-reference in clause `governance` points at "
               "`_Ref_schedule_governance`, which has no bookmark" in line for line in lines), lines
