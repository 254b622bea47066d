"""One numbering truth: the numbers of the Markdown twin, of the cross-references and of the
contents page come from the Word template's own numbering definitions, so a template restyled
as the README invites (a level shown as 1.1.1 instead of (a)) changes them with the Word file.
Each test restyles a level in a copy of a real template, builds a real scheme with it, and
reads the written .docx back with the document text reader (the textconv driver)."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SOUTHAMPTON
from lxml import etree

from generator import writers
from generator.checks.readback import read_back
from generator.model.draft import Draft, Item, Paragraph
from generator.ooxml.docxtext import DocumentText
from generator.ooxml.numbering import reference_text
from generator.ooxml.package import read_package
from generator.pipeline import Built, Settings, load_project_library, process
from generator.review.clausetext import from_docx, from_draft
from generator.writers import Format
from generator.writers.docx import write_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
CLAUSES, SCHEDULES = "1", "2"  # the template's abstract lists for clauses and for schedules


def project(tmp_path: Path) -> Path:
    """Return a project root holding a copy of the library, templates and one real scheme."""
    for folder in ("clauses", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "schemes").mkdir()
    shutil.copy(SOUTHAMPTON, tmp_path / "schemes" / SOUTHAMPTON.name)
    return tmp_path


def restyle(template: Path, abstract: str, ilvl: int, **values: str) -> None:
    """Change one level of one list of a .docx file in place (see `restyled`)."""
    template.write_bytes(restyled(template.read_bytes(), abstract, ilvl, **values))


def restyled(docx: bytes, abstract: str, ilvl: int, **values: str) -> bytes:
    """Return a .docx with one level of one list changed: each of `values` (lvlText, numFmt,
    start, lvlRestart, suff) sets that element's w:val, adding the element when missing."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    root = etree.fromstring(parts["word/numbering.xml"])
    level = root.find(f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl[@w:ilvl='{ilvl}']",
                      NS)
    assert level is not None, f"the template has no level {ilvl} in list {abstract}"
    for name, value in values.items():
        element = level.find(f"w:{name}", NS)
        if element is None:
            element = etree.Element(f"{{{W}}}{name}")
            level.find("w:numFmt", NS).addnext(element)  # after start and numFmt, in order
        element.set(f"{{{W}}}val", value)
    parts["word/numbering.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                 standalone=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return buffer.getvalue()


def build(root: Path) -> Built:
    """Build the section 75 agreement of the project's scheme; return it, checked."""
    library, problems = load_project_library(root)
    assert not [p for p in problems if p.severity == "error"]
    result = process(root / "schemes" / SOUTHAMPTON.name, library, Settings(root),
                     requested="section75", write=True)
    assert result.ok, [d.message for d in result.diagnostics if d.severity == "error"]
    return result.built[0]


def item_labels(items: list[Item]) -> list[str]:
    out = []
    for item in items:
        out += [item.number, *item_labels(item.items)]
    return out


def paragraph_labels(paragraphs: list[Paragraph]) -> list[str]:
    out = []
    for paragraph in paragraphs:
        out += [paragraph.number, *item_labels(paragraph.items)]
    return out


def model_labels(draft: Draft) -> list[str]:
    """Return every number the draft prints, in document order."""
    out = []
    for clause in draft.all_clauses():
        out += [clause.label, *paragraph_labels(clause.paragraphs)]
        for section in clause.sections:
            out += [section.label, *paragraph_labels(section.paragraphs)]
    return [label for label in out if label]


def word_labels(docx: bytes) -> list[str]:
    """Return every number of the written body as Word computes it, contents left out."""
    return [p.number for p in DocumentText(read_package(docx)).body()
            if p.number and not p.style.startswith("TOC")]


def assert_twin_shows(markdown: str, labels: list[str], unnumbered: set[str]) -> None:
    """Assert the twin's lines lead with `labels` in order: each is found at the start of a
    later line than the one before (after any heading or list marker), and every heading and
    list item of the twin is one of those lines, except the `unnumbered` headings."""
    lines = markdown.splitlines()
    bare = [re.sub(r"^(#{2,3} |\s*- )", "", line) for line in lines]
    used, at = set(), 0
    for label in labels:
        while at < len(bare) and not re.match(re.escape(label) + r"( |:|$)", bare[at]):
            at += 1
        assert at < len(bare), f"the twin has no line numbered {label} where Word has one"
        used.add(at)
        at += 1
    marked = {i for i, line in enumerate(lines)
              if re.match(r"(#{2,3} |\s*- )", line) and line[3:] not in unnumbered}
    assert marked <= used, [lines[i] for i in sorted(marked - used)][:3]


def assert_one_truth(built: Built) -> None:
    """Assert the twin, the model, the .docx read back (textconv's reading and the clause diff's)
    and every cross-reference's shown text agree on every number."""
    docx = built.files["section75-agreement.docx"]
    markdown = built.files["section75-agreement.md"].decode()
    shown = word_labels(docx)
    assert model_labels(built.draft) == shown
    assert_twin_shows(markdown, shown, {c.title for c in built.draft.front + built.draft.end})
    as_written = [(c.id, c.number, [line.number for line in c.lines if line.number])
                  for c in from_docx(docx) if c.id != "cover"]
    as_modelled = [(c.id, c.number, [line.number for line in c.lines if line.number])
                   for c in from_draft(built.draft) if c.id != "cover"]
    assert as_written == as_modelled
    labels = {name: p.number for p in DocumentText(read_package(docx)).body()
              for name in p.bookmarks}
    refs = read_back(docx, built.draft.numbers).refs
    assert refs
    for ref in refs:
        assert ref.shown == reference_text(labels[ref.bookmark]) == built.draft.ref_text(
            ref.anchor)


def test_the_committed_template_numbers_items_by_letter(tmp_path):
    built = build(project(tmp_path))
    assert_one_truth(built)
    assert "(a)" in word_labels(built.files["section75-agreement.docx"])


def test_a_level_restyled_to_decimals_numbers_the_twin_as_word_does(tmp_path):
    root = project(tmp_path)
    template = root / "templates" / "section75" / "template.docx"
    restyle(template, CLAUSES, 2, lvlText="%1.%2.%3", numFmt="decimal")
    restyle(template, SCHEDULES, 3, lvlText="%2.%3.%4", numFmt="decimal")
    built = build(root)
    assert_one_truth(built)
    labels = word_labels(built.files["section75-agreement.docx"])
    assert "(a)" not in labels
    clause = next(c for c in built.draft.clauses if any(p.items for p in c.paragraphs))
    paragraph = next(p for p in clause.paragraphs if p.items)
    assert paragraph.items[0].number == f"{paragraph.number}.1"  # 3.2.1, not (a)
    markdown = built.files["section75-agreement.md"].decode()
    assert f"\n- {paragraph.number}.1 " in markdown
    schedule_items = [i.number for s in built.draft.schedules
                      for part in [s, *s.sections] for p in part.paragraphs for i in p.items]
    assert schedule_items and all(re.fullmatch(r"\d+\.\d+\.\d+", n) for n in schedule_items)


def test_a_restyled_paragraph_level_changes_the_references_and_contents(tmp_path):
    root = project(tmp_path)
    template = root / "templates" / "section75" / "template.docx"
    restyle(template, CLAUSES, 0, lvlText="Clause %1")
    restyle(template, CLAUSES, 1, lvlText="%1-%2", numFmt="upperLetter")
    built = build(root)
    assert_one_truth(built)
    draft = built.draft
    assert draft.clauses[0].label == draft.clauses[0].number == "Clause 1"
    numbered = [p.number for c in draft.clauses for p in c.paragraphs if p.number]
    assert numbered[0] == "1-A"
    markdown = built.files["section75-agreement.md"].decode()
    assert f"## Clause 1 {draft.clauses[0].title}" in markdown
    shown = {ref.shown for ref in read_back(built.files["section75-agreement.docx"],
                                            draft.numbers).refs}
    assert any(re.fullmatch(r"\d+-[A-Z]+", text) for text in shown)
    contents = [p.text for p in DocumentText(read_package(built.files[
        "section75-agreement.docx"])).body() if p.style == "TOC 1"]
    assert contents[0].startswith(f"Clause 1 {draft.clauses[0].title}")


@pytest.mark.parametrize("restart", ["0", "1"])
def test_restart_and_start_values_are_the_template_s(tmp_path, restart):
    root = project(tmp_path)
    template = root / "templates" / "section75" / "template.docx"
    restyle(template, CLAUSES, 2, lvlText="%3)", numFmt="decimal", start="5",
            lvlRestart=restart)
    built = build(root)
    assert_one_truth(built)
    items = [i.number for c in built.draft.clauses for p in c.paragraphs for i in p.items]
    assert items[0] == "5)"
    assert len(set(items)) == len(items) if restart == "0" else len(set(items)) < len(items)


def test_an_unreadable_template_is_a_located_error(tmp_path):
    root = project(tmp_path)
    template = root / "templates" / "section75" / "template.docx"
    template.write_bytes(b"not a Word file")
    library, _ = load_project_library(root)
    result = process(root / "schemes" / SOUTHAMPTON.name, library, Settings(root),
                     requested="section75", write=True)
    problems = [d for d in result.diagnostics if d.code == "template"]
    assert len(problems) == 1 and not result.built
    assert problems[0].loc.path.endswith("template.docx")
    assert "cannot be read" in problems[0].message


def test_a_written_file_numbered_otherwise_than_the_twin_is_caught(tmp_path, monkeypatch):
    """The read-back check compares every number Word computes with the model's: a Word file
    whose numbering no longer matches the template the twin was numbered from fails the build."""
    root = project(tmp_path)
    monkeypatch.setitem(writers.WRITERS, "docx", Format(".docx", lambda draft, options: restyled(
        write_docx(draft, options), CLAUSES, 2, lvlText="%3)")))
    library, _ = load_project_library(root)
    result = process(root / "schemes" / SOUTHAMPTON.name, library, Settings(root),
                     requested="section75", write=True)
    messages = [d.message for d in result.diagnostics if d.code == "written-draft"]
    assert not result.ok
    assert any(re.fullmatch(r"clause `[\w-]+` numbers `a\)` in the written document where the "
                            r"model numbers `\(a\)`", m) for m in messages), messages
