"""`s75 diff A.docx B.docx` pairs clauses the way `s75 absorb` does: a clause inserted early
renumbers every later clause and every cross-reference to them, and none of those clauses is
reported as changed; a clause whose heading a lawyer renamed and whose bookmark they deleted is
still found as the same clause."""

from __future__ import annotations

import docx
from conftest import ROOT

CROYDON = ROOT / "schemes" / "croydon-icu.yaml"
DOCUMENT = "section75-agreement.docx"


def test_renumbered_references_are_not_changes(cli, tmp_path):
    added = tmp_path / "added.yaml"
    added.write_text(f"extends: {CROYDON}\n" + """changes:
  add:
    - id: early-clause
      title: Early Clause
      after: term
      text: The Partners shall meet before the Commencement Date.
      reason: A test of renumbering.
""", encoding="utf-8")
    assert cli("build", CROYDON, "--out", tmp_path / "a", "--doc", "section75")[0] == 0
    assert cli("build", added, "--out", tmp_path / "b", "--doc", "section75")[0] == 0
    old = tmp_path / "a" / "croydon-icu" / DOCUMENT
    new = tmp_path / "b" / "croydon-icu" / DOCUMENT
    renumbered = [p.text for p in docx.Document(str(new)).paragraphs
                  if "Clauses 26, 28, 29 and 30" in p.text]
    assert renumbered, "the cross-references after the insertion are renumbered"
    status, out = cli("diff", old, new)
    assert status == 1
    assert [line for line in out if line.startswith(("added", "changed", "removed", "moved"))
            ] == ["added    3. early-clause: Early Clause"]
    assert out[-1] == "0 changed, 1 added, 0 removed, 0 moved"


def test_renamed_clause_without_its_bookmark_is_the_same_clause(cli, tmp_path):
    old = ROOT / "output" / "croydon-icu" / DOCUMENT
    document = docx.Document(str(old))
    heading = next(p for p in document.paragraphs
                   if p.style.name == "Heading 1" and p.text == "Complaints")
    for mark in heading._p.xpath("./w:bookmarkStart | ./w:bookmarkEnd"):
        heading._p.remove(mark)
    heading.runs[0].text = "Complaints and Compliments"
    new = tmp_path / "renamed.docx"
    document.save(str(new))
    status, out = cli("diff", old, new)
    assert status == 1
    assert "changed  22. complaints-and-compliments: Complaints and Compliments" in out
    assert "    ~ title: Complaints {+and Compliments+}" in out
    assert out[-1] == "1 changed, 0 added, 0 removed, 0 moved"
