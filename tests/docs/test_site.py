"""The documentation site: its generated reference pages cover every clause, scheme field,
diagnostic code and command, and the whole site builds with `mkdocs build --strict`."""

from __future__ import annotations

import importlib.util
import io
import shutil
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


def test_with_pdfs_every_example_draft_links_its_pdf(hooks):
    pages = hooks.reference_pages(ROOT, pdf=True)
    drafts = hooks.draft_pages(ROOT / "output", pdf=True)
    assert drafts and all(page.pdf_uri == page.docx_uri.removesuffix(".docx") + ".pdf"
                          for page in drafts)
    for page in drafts:
        name = page.pdf_uri.rsplit("/", 1)[1]
        assert f"]({name})" in pages[page.uri]
        assert f"[PDF]({page.pdf_uri[7:]})" in pages["drafts/index.md"]
    assert "| PDF |" in pages["drafts/index.md"]


def test_the_site_pdfs_come_from_the_cache_when_it_has_them(hooks, tmp_path):
    import hashlib

    drafts = hooks.draft_pages(ROOT / "output", pdf=True)[:2]
    for page in drafts:
        key = hashlib.sha256(page.docx.read_bytes()).hexdigest()
        (tmp_path / f"{key}.pdf").write_bytes(b"%PDF " + page.uri.encode())
    made = hooks.example_pdfs(drafts, tmp_path)
    assert made == {page.pdf_uri: b"%PDF " + page.uri.encode() for page in drafts}


@pytest.mark.libreoffice
def test_libreoffice_makes_the_pdf_of_an_example_draft(hooks, tmp_path):
    from pypdf import PdfReader

    [page] = [p for p in hooks.draft_pages(ROOT / "output", pdf=True)
              if p.uri == "drafts/city-of-london/section75-agreement.md"]
    made = hooks.example_pdfs([page], tmp_path)[page.pdf_uri]
    text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(made)).pages[:3])
    assert "City of London" in text
    assert list(tmp_path.glob("*.pdf"))


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
    if shutil.which("soffice", path="/usr/bin:/bin"):  # the PDFs come with LibreOffice
        assert len(list((site / "drafts").glob("*/*.pdf"))) == len(
            list((site / "drafts").glob("*/*.docx")))


def test_the_rules_page_has_every_rule_and_is_in_the_navigation(pages, hooks):
    from generator.checks.rules import rules

    page = pages["reference/rules.md"]
    assert page.startswith("# Rules\n")
    assert [r.id for r in rules() if f"| `{r.id}` |" not in page] == []
    config = hooks.on_config({"nav": [{"Reference": []}, {"Example drafts": []}]})
    assert {"Rules": "reference/rules.md"} in config["nav"][0]["Reference"]
