"""A new document type is a folder under templates/ (an outline and a Word template) and its
clauses: no code changes. Proved by adding one to a copy of the project and building it."""

from __future__ import annotations

import shutil
import textwrap

import docx
from conftest import ROOT

OUTLINE = """\
document: letter
title: Letter of Intent
file: letter-of-intent
template: template.docx
front: [letter-parties]
clauses: [letter-intent, letter-next-steps]
required:
  - clause: letter-intent
"""

CLAUSES = {
    "letter-parties.yaml": """\
id: letter-parties
title: Parties
documents: [letter]
kind: front
subclauses:
  - for_each: parties
    as: party
    text: "{{ party.name }} ({{ define(party.short_name) }})"
""",
    "letter-intent.yaml": """\
id: letter-intent
title: Intent
documents: [letter]
subclauses:
  - The Parties intend to work together on {{ scheme.topic }}.
  - The next steps are in clause {{ ref('letter-next-steps') }}.
""",
    "letter-next-steps.yaml": """\
id: letter-next-steps
title: Next Steps
documents: [letter]
subclauses:
  - The Parties shall meet within one month of the date of this letter.
""",
}

SCHEME = """\
id: intent-example
title: Example Letter of Intent
topic: joint working on falls prevention
status: draft
documents: [letter]
parties:
  - name: Example Integrated Care Board
    short_name: the ICB
    type: icb
  - name: Example Borough Council
    short_name: the Council
    type: unitary_council
"""


def make_project(tmp_path):
    """Return a copy of the project with a `letter` document type added."""
    for folder in ("clauses", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    letter = tmp_path / "templates" / "letter"
    letter.mkdir()
    (letter / "outline.yaml").write_text(OUTLINE)
    shutil.copy(ROOT / "templates" / "mou" / "template.docx", letter / "template.docx")
    clauses = tmp_path / "clauses" / "letter"
    clauses.mkdir()
    for name, text in CLAUSES.items():
        (clauses / name).write_text(text)
    (tmp_path / "schemes").mkdir()
    (tmp_path / "schemes" / "intent.yaml").write_text(SCHEME)
    return tmp_path


def test_a_new_document_type_builds_without_code_changes(cli, tmp_path, monkeypatch):
    project = make_project(tmp_path / "project")
    monkeypatch.setenv("S75_ROOT", str(project))
    out = tmp_path / "out"
    status, lines = cli("build", project / "schemes" / "intent.yaml", "--out", out)
    assert status == 0, lines
    folder = out / "intent-example"
    assert sorted(p.name for p in folder.iterdir()) == [
        "letter-of-intent.deviations.md", "letter-of-intent.docx",
        "letter-of-intent.manifest.json", "letter-of-intent.md"]
    twin = (folder / "letter-of-intent.md").read_text()
    assert twin.startswith("# Letter of Intent\n")
    assert "## 1. Intent" in twin and "## 2. Next Steps" in twin
    assert "1.2 The next steps are in clause 2." in twin
    assert "Example Borough Council (“**the Council**”)" in twin
    written = [p.text for p in docx.Document(str(folder / "letter-of-intent.docx")).paragraphs]
    assert "The Parties intend to work together on joint working on falls prevention." in written


def test_the_new_type_is_required_and_checked_like_the_others(cli, tmp_path, monkeypatch):
    project = make_project(tmp_path / "project")
    monkeypatch.setenv("S75_ROOT", str(project))
    scheme = project / "schemes" / "intent.yaml"
    scheme.write_text(SCHEME + textwrap.dedent("""\
        changes:
          omit:
            - clause: letter-intent
              reason: Not wanted.
        """))
    status, lines = cli("check", scheme)
    assert status == 1
    assert any("error[required-clause-omitted]: clause `letter-intent` is required in the "
               "Letter of Intent: it cannot be omitted" in line for line in lines), lines


def test_a_scheme_naming_an_unknown_document_type(cli, tmp_path, monkeypatch):
    project = make_project(tmp_path / "project")
    monkeypatch.setenv("S75_ROOT", str(project))
    scheme = project / "schemes" / "intent.yaml"
    scheme.write_text(SCHEME.replace("documents: [letter]", "documents: [leter]"))
    status, lines = cli("check", scheme)
    assert status == 1
    assert any("error[wrong-value]: `documents` cannot be `leter`: write one of `letter`, `mou`, "
               "`section75`, `tor`. Did you mean `letter`?" in line for line in lines), lines
