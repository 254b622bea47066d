"""The documentation site: its generated reference pages cover every clause, scheme field,
diagnostic code and command, and the whole site builds with `mkdocs build --strict`."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
from conftest import ROOT

from generator import cli
from generator.codes import CODES
from generator.load.editorschema import fields
from generator.reference.commands import command_names
from generator.reference.markdown import anchor


def load_hooks():
    spec = importlib.util.spec_from_file_location("site_hooks", ROOT / "docs" / "hooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def hooks():
    return load_hooks()


@pytest.fixture(scope="module")
def pages(hooks):
    return hooks.reference_pages(ROOT)


def test_the_catalogue_has_every_clause_with_its_note(pages, library):
    page = pages["reference/clauses.md"]
    missing = [cid for cid in library.clauses if f"{{#{anchor(cid)}}}" not in page]
    assert missing == []
    assert page.count('!!! note "Drafting note"') == sum(1 for c in library.clauses.values()
                                                         if c.note)
    assert "**`board.quorum_text`**" in page  # a value the scheme supplies, marked
    assert "(replace)" in page  # an example scheme's change listed under its clause


def test_the_scheme_reference_has_every_field(pages, library):
    page = pages["reference/scheme.md"]
    paths = [path for path, _ in fields(library.documents)]
    assert "board.members.role" in paths
    assert [p for p in paths if f'<a id="{p}"></a>' not in page] == []


def test_the_diagnostics_reference_has_every_code(pages):
    page = pages["reference/codes.md"]
    assert [name for name in CODES if f"### {name} {{#{anchor(name)}}}" not in page] == []
    assert "**Example:**" in page


def test_the_home_page_lists_every_command(hooks):
    listed = hooks.home_commands()
    names = command_names(cli.parser())
    assert {"check", "build", "schema", "new", "redline"} <= set(names)
    assert [n for n in names if f"- `s75 {n}" not in listed] == []
    assert "<!-- commands -->" in (ROOT / "docs" / "index.md").read_text("utf-8")


def test_every_example_draft_is_a_page_linked_to_its_word_file(pages):
    twins = [p for p in sorted((ROOT / "output").glob("*/*.md"))
             if not p.name.endswith((".deviations.md", ".manifest.md"))]
    assert twins
    for twin in twins:
        page = pages[f"drafts/{twin.parent.name}/{twin.name}"]
        assert f"]({twin.stem}.docx)" in page
        assert twin.read_text("utf-8").partition("\n")[2].strip()[:200] in page


def test_the_law_page_appears_only_with_a_law_table(pages):
    assert ("reference/law.md" in pages) == (ROOT / "clauses" / "law.yaml").is_file()


def test_the_site_builds_strictly(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                           "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp_path / "site")],
                          capture_output=True, text=True, timeout=600,
                          env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1",
                               "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr[-3000:]
    site = tmp_path / "site"
    assert (site / "reference" / "clauses" / "index.html").is_file()
    assert list((site / "drafts").glob("*/*.docx"))


def test_the_rules_page_has_every_rule_and_is_in_the_navigation(pages, hooks):
    from generator.checks.rules import rules

    page = pages["reference/rules.md"]
    assert page.startswith("# Rules\n")
    assert [r.id for r in rules() if f"| `{r.id}` |" not in page] == []
    config = hooks.on_config({"nav": [{"Reference": []}, {"Example drafts": []}]})
    assert {"Rules": "reference/rules.md"} in config["nav"][0]["Reference"]
