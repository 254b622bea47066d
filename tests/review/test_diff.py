"""`s75 diff`: clause-level comparison of two schemes, two .docx drafts, or a scheme against a
git revision (a real repository), with word-level changes inside changed clauses."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from conftest import ROOT, SOUTHAMPTON, extending

S75 = Path(sys.executable).parent / "s75"
AGREEMENT = ROOT / "output" / "southampton-bcf-2017" / "section75-agreement.docx"


def run(*args, cwd: Path = ROOT, env: dict | None = None) -> tuple[int, list[str], str]:
    """Run the real `s75` command; return exit status, stdout lines and stderr."""
    done = subprocess.run([str(S75), *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)
    return done.returncode, done.stdout.splitlines(), done.stderr


def test_identical_schemes(scheme_file):
    same = scheme_file(extending(""), name="same.yaml")
    status, out, _ = run("diff", SOUTHAMPTON, same, "--doc", "section75")
    assert status == 0
    assert out[-1] == "identical"


def test_two_schemes(scheme_file):
    changed = scheme_file(extending("""
        variables:
          force_majeure_months: 6
        changes:
          omit:
            - clause: vat
              reason: Not needed for this test.
          add:
            - after: audit
              title: Annual Assurance Statement
              text: Each Partner will give the Partnership Board an annual assurance statement.
              reason: Wanted by the auditors.
        """), name="changed.yaml")
    status, out, _ = run("diff", SOUTHAMPTON, changed, "--doc", "section75")
    assert status == 1
    assert out[0] == f"--- {SOUTHAMPTON}: Section 75 Partnership Agreement"
    assert any(line.startswith("added    ") and "annual-assurance-statement: Annual Assurance "
               "Statement" in line for line in out)
    assert any(line.startswith("removed  ") and " vat: VAT" in line for line in out)
    force = out.index(next(line for line in out if " force-majeure: " in line))
    assert out[force].startswith("changed  ")
    assert "[-3-] {+6+}" in out[force + 1]
    assert out[-1].endswith("1 added, 1 removed, 0 moved")
    # Clauses after the omission are renumbered, and their cross-references with them, but
    # that is not a change of wording: only the clauses whose words changed are reported.
    changed_ids = [line.split(": ")[0].split()[-1] for line in out if line.startswith("changed")]
    assert "term" not in changed_ids


def clause_blocks(document) -> dict[str, list]:
    """Return the body elements of each clause of a generated draft, keyed by its bookmark."""
    body = document.element.body
    blocks: dict[str, list] = {}
    current = None
    for element in body.iterchildren():
        style = element.find(".//{*}pStyle")
        name = style.get(docx.oxml.ns.qn("w:val")) if style is not None else ""
        if name in ("Heading1", "ScheduleHeading"):
            mark = element.find(".//{*}bookmarkStart")
            current = mark.get(docx.oxml.ns.qn("w:name")) if mark is not None else None
            blocks[current] = []
        if current:
            blocks[current].append(element)
    return blocks


def edited_copy(tmp_path: Path) -> Path:
    """Return a copy of the Southampton agreement edited as a lawyer might in Word: the VAT
    clause (15) moved after Standards of Conduct (18), and a word changed in the Audit clause."""
    document = docx.Document(str(AGREEMENT))
    blocks = clause_blocks(document)
    vat, later = blocks["_Ref_vat"], blocks["_Ref_standards_of_conduct"]
    anchor = later[-1]
    for element in reversed(vat):
        anchor.addnext(element)
    for paragraph in document.paragraphs:
        if paragraph.text.startswith("Each Partner shall keep") and paragraph.runs:
            paragraph.runs[0].text = paragraph.runs[0].text.replace("shall keep", "must keep")
            break
    path = tmp_path / "edited.docx"
    document.save(str(path))
    return path


def test_two_docx_drafts_moved_and_changed(tmp_path):
    edited = edited_copy(tmp_path)
    status, out, _ = run("diff", AGREEMENT, edited)
    assert status == 1
    moved = [line for line in out if line.startswith("moved")]
    assert moved == ["moved    vat: 15. → 18."]
    changed = [line for line in out if line.startswith("changed")]
    assert any(" audit: Audit" in line and "(was 16.)" in line for line in changed), out
    assert any("[-shall-] {+must+}" in line for line in out)


def test_same_docx_is_identical():
    status, out, _ = run("diff", AGREEMENT, AGREEMENT)
    assert (status, out[-1]) == (0, "identical")


def git(*args, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path) -> Path:
    """Return a real git repository holding the project's clauses, templates and schemes."""
    project = tmp_path / "project"
    for folder in ("clauses", "templates", "schemes"):
        shutil.copytree(ROOT / folder, project / folder)
    git("init", "-q", cwd=project)
    git("config", "user.email", "reviewer@example.org", cwd=project)
    git("config", "user.name", "Reviewer", cwd=project)
    git("add", ".", cwd=project)
    git("commit", "-q", "-m", "First version", cwd=project)
    scheme = project / "schemes" / "southampton-bcf-2017.yaml"
    scheme.write_text(scheme.read_text().replace("  frequency: monthly", "  frequency: quarterly"))
    git("commit", "-q", "-am", "Board meets quarterly", cwd=project)
    return project


def test_scheme_against_git_revision(repository):
    env = {"S75_ROOT": str(repository)}
    scheme = "schemes/southampton-bcf-2017.yaml"
    status, out, err = run("diff", scheme, "--from", "HEAD~1", "--doc", "section75",
                           cwd=repository, env=env)
    assert status == 1, err
    assert out[0] == f"--- {scheme} at HEAD~1: Section 75 Partnership Agreement"
    assert any("[-monthly,-] {+quarterly,+}" in line for line in out), out
    status, out, _ = run("diff", scheme, "--from", "HEAD", "--doc", "section75",
                         cwd=repository, env=env)
    assert (status, out[-1]) == (0, "identical")


def test_unknown_revision(repository):
    status, out, err = run("diff", "schemes/southampton-bcf-2017.yaml", "--from", "nope",
                           cwd=repository, env={"S75_ROOT": str(repository)})
    assert status == 2
    assert err == "s75: `nope` is not a revision of this repository\n"


def test_cannot_compare_a_draft_with_a_scheme():
    status, _, err = run("diff", AGREEMENT, SOUTHAMPTON)
    assert status == 2
    assert err == ("s75: compare two .docx files or two scheme .yaml files, not one of each\n")
