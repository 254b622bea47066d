"""Mistakes in the clause library itself are reported with the clause file and line."""

from __future__ import annotations

import shutil

from conftest import ROOT, SOUTHAMPTON


def copy_project(tmp_path, monkeypatch):
    for folder in ("clauses", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.setenv("S75_ROOT", str(tmp_path))
    return tmp_path


def test_undefined_variable_in_clause_text(cli, tmp_path, monkeypatch):
    root = copy_project(tmp_path, monkeypatch)
    clause = root / "clauses" / "section75" / "boilerplate" / "waiver.yaml"
    clause.write_text(clause.read_text().replace(
        "subclauses:", "text: The {{ board.nmae }} may waive nothing.\nsubclauses:", 1))
    status, out = cli("check", SOUTHAMPTON)
    assert status == 1
    assert any(f"{clause}".endswith(line.split(":")[0]) or "waiver.yaml" in line for line in out)
    assert any("error[undefined-variable]: clause `waiver`: `nmae` is not defined for this "
               "scheme. Did you mean `name`?" in line for line in out)


def test_statutory_head_left_uncovered(cli, tmp_path, monkeypatch):
    root = copy_project(tmp_path, monkeypatch)
    for path in (root / "clauses").rglob("*.yaml"):
        text = path.read_text()
        if "reg 7(3)(e)" in text:
            path.write_text(text.replace("SI 2000/617 reg 7(3)(e)", "SI 2000/617 reg 7(3)(z)"))
    status, out = cli("check", SOUTHAMPTON)
    assert status == 1
    assert any("error[statutory-head-uncovered]: SI 2000/617 reg 7(3)(e) (the staff, goods, "
               "services or accommodation each Partner provides) is not covered" in line
               for line in out)
