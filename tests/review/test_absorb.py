"""`s75 absorb`: a lawyer's edits to a generated draft, made in Word's file format with
python-docx (and as tracked changes written into the document's XML), come back into the scheme;
rebuilding the scheme then gives the lawyer's text, and the scheme file keeps its comments."""

from __future__ import annotations

import copy
import difflib
import shutil
from pathlib import Path

import docx
import pytest
from conftest import ROOT

from generator.ooxml.docxtext import format_docx_text

CROYDON = ROOT / "schemes" / "croydon-icu.yaml"
DOCUMENT = "section75-agreement.docx"
MARKER = "# A comment the absorb tests check survives byte for byte.\n"


@pytest.fixture
def workspace(tmp_path, cli):
    """Return (scheme copy, its built agreement): Croydon's scheme with a comment of its own."""
    scheme = tmp_path / "croydon-icu.yaml"
    scheme.write_text(MARKER + CROYDON.read_text(encoding="utf-8"), encoding="utf-8")
    status, _ = cli("build", scheme, "--out", tmp_path / "out", "--doc", "section75")
    assert status == 0
    return scheme, tmp_path / "out" / "croydon-icu" / DOCUMENT


def rebuild(cli, scheme: Path, folder: Path) -> Path:
    """Build the scheme again into `folder`; return the agreement."""
    status, out = cli("build", scheme, "--out", folder, "--doc", "section75")
    assert status == 0, out
    return folder / "croydon-icu" / DOCUMENT


def heading(document, title: str):
    """Return the top-level heading paragraph with this title."""
    return next(p for p in document.paragraphs
                if p.style.name == "Heading 1" and p.text.strip() == title)


def clause_body(document, title: str) -> list:
    """Return the paragraphs of a clause after its heading, up to the next heading."""
    start = heading(document, title)
    out, seen = [], False
    for p in document.paragraphs:
        if p._p is start._p:
            seen = True
            continue
        if seen and p.style.name in ("Heading 1", "Schedule Heading"):
            break
        if seen:
            out.append(p)
    return out


def set_text(paragraph, text: str) -> None:
    """Give a paragraph new text in its first run (fields and other runs removed)."""
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    for child in list(paragraph._p):
        if child.tag.endswith("}fldSimple") or child.tag.endswith("}hyperlink"):
            paragraph._p.remove(child)
    paragraph.runs[0].text = text


def replace_in_runs(paragraph, old: str, new: str) -> None:
    """Change words inside one run of a paragraph, leaving its fields as they are."""
    run = next(r for r in paragraph.runs if old in r.text)
    run.text = run.text.replace(old, new)


def absorb(cli, edited: Path, scheme: Path, *extra: str) -> tuple[int, list[str]]:
    return cli("absorb", edited, "--scheme", scheme, *extra)


def lines_of(path: Path) -> list[str]:
    return format_docx_text(path.read_bytes()).splitlines()


def assert_only_inserted(before: str, after: str) -> None:
    """Assert the scheme file text `after` is `before` with lines added or changed only where
    absorb wrote: the marker comment and every comment line are kept byte for byte."""
    assert after.startswith(MARKER)
    old_comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    new_comments = [line for line in after.splitlines() if line.lstrip().startswith("#")]
    assert old_comments == new_comments
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(),
                                      autojunk=False)
    for tag, a1, a2, _b1, _b2 in matcher.get_opcodes():
        assert tag in ("equal", "insert") or all(
            not line.lstrip().startswith("#") for line in before.splitlines()[a1:a2])


def round_trip(cli, scheme: Path, edited: Path, tmp_path: Path) -> tuple[list[str], list[str]]:
    """Absorb with --write, rebuild; return (absorb's report, textconv differences)."""
    before = scheme.read_text(encoding="utf-8")
    status, report = absorb(cli, edited, scheme, "--write")
    assert status == 0, report
    assert_only_inserted(before, scheme.read_text(encoding="utf-8"))
    rebuilt = rebuild(cli, scheme, tmp_path / "rebuilt")
    differences = [line for line in difflib.unified_diff(lines_of(edited), lines_of(rebuilt),
                                                         lineterm="", n=0)
                   if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return report, differences


def test_unedited_draft_has_nothing_to_absorb(cli, workspace):
    scheme, built = workspace
    status, out = absorb(cli, built, scheme)
    assert status == 0
    assert out[-1] == "nothing to absorb: the edited draft is the current draft"


def test_changed_words_become_a_replacement_keeping_references(cli, workspace, tmp_path):
    scheme, built = workspace
    document = docx.Document(str(built))
    second = clause_body(document, "Review")[0]
    replace_in_runs(second, "once in each", "twice in each")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    status, out = absorb(cli, edited, scheme)
    assert status == 0
    assert any(line.split() == ["wording", "changed", "review"] for line in out)
    assert "  replace:" in out
    text = "\n".join(out)
    assert "twice in each" in text
    # clause 21.2(a) refers to clause 4 through a field: written back as markup, not a number
    assert "[[clause:aims-and-outcomes]]" in text
    report, differences = round_trip(cli, scheme, edited, tmp_path)
    # the one difference left is the library's drafting note, which the report lists
    assert [line[:28] for line in differences] == ["-Comment (Drafting note): Th"]
    assert any("21. Review: its drafting note" in line for line in report)
