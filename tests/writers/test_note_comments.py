"""Drafting notes in Word are comments anchored to their clause (a real comments part, with its
relationship and content type, and a comment range and reference mark in the body), or inline
paragraphs, or left out, as `s75 build --notes` says; the Markdown twin follows."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import SOUTHAMPTON
from docx import Document

from generator.cli import main

COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


@pytest.fixture(scope="module")
def modes(tmp_path_factory) -> dict[str, Path]:
    """Build the Southampton terms of reference once in each notes mode (and once by default)."""
    out = {}
    for mode in ("default", "comments", "inline", "none"):
        folder = tmp_path_factory.mktemp(mode)
        extra = [] if mode == "default" else ["--notes", mode]
        assert main(["build", str(SOUTHAMPTON), "--doc", "tor", "--out", str(folder), *extra]) == 0
        out[mode] = folder / "southampton-bcf-2017"
    return out


def test_a_draft_carries_its_notes_as_comments_by_default(modes):
    default = (modes["default"] / "terms-of-reference.docx").read_bytes()
    assert default == (modes["comments"] / "terms-of-reference.docx").read_bytes()
    package = zipfile.ZipFile(io.BytesIO(default))
    assert "word/comments.xml" in package.namelist()
    assert COMMENTS_TYPE in package.read("[Content_Types].xml").decode()
    assert "relationships/comments" in package.read("word/_rels/document.xml.rels").decode()
    body = package.read("word/document.xml").decode()
    count = body.count("<w:commentReference ")
    assert count == body.count("<w:commentRangeStart ") == body.count("<w:commentRangeEnd ") > 10

    document = Document(io.BytesIO(default))
    comments = list(document.comments)
    assert len(comments) == count
    assert {c.author for c in comments} == {"Drafting note"}
    assert any(c.text.startswith("Under consensus") for c in comments)
    assert not [p for p in document.paragraphs if p.style.name == "Drafting Note"]
    assert not [p for p in document.paragraphs if "Drafting note" in p.text]


def test_each_comment_is_anchored_to_its_clause_heading(modes):
    document = Document(modes["comments"] / "terms-of-reference.docx")
    texts = {c.comment_id: c.text for c in document.comments}
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    anchored = {}
    for paragraph in document.paragraphs:
        for start in paragraph._p.iter(f"{ns}commentRangeStart"):
            anchored[paragraph.text] = texts[int(start.get(f"{ns}id"))]
    assert anchored["Decision-Making"].startswith("Under consensus")
    assert all(p.style.name in ("Heading 1", "Front Heading", "Schedule Title")
               for p in document.paragraphs if p.text in anchored)


def test_inline_notes_are_body_paragraphs_and_none_leaves_them_out(modes):
    inline = Document(modes["inline"] / "terms-of-reference.docx")
    notes = [p.text for p in inline.paragraphs if p.style.name == "Drafting Note"]
    assert notes and all(n.startswith("Drafting note: ") for n in notes)
    assert len(list(inline.comments)) == 0
    bare = Document(modes["none"] / "terms-of-reference.docx")
    assert not [p for p in bare.paragraphs if p.style.name == "Drafting Note"]
    assert len(list(bare.comments)) == 0


def test_the_twin_carries_notes_as_block_quotes_or_leaves_them_out_to_match(modes):
    def quotes(mode: str) -> list[str]:
        text = (modes[mode] / "terms-of-reference.md").read_text(encoding="utf-8")
        return [line for line in text.splitlines() if line.startswith("> Drafting note: ")]
    assert quotes("comments") == quotes("inline") == quotes("default")
    assert len(quotes("comments")) == len(list(
        Document(modes["comments"] / "terms-of-reference.docx").comments))
    assert quotes("none") == []


def test_a_final_document_has_no_notes_unless_asked(cli, tmp_path):
    final = tmp_path / "final.yaml"
    final.write_text(f"extends: {SOUTHAMPTON}\nstatus: final\n")
    status, out = cli("build", str(final), "--doc", "tor", "--out", str(tmp_path / "out"))
    if status != 0:
        pytest.skip("a final Southampton scheme does not build: " + " ".join(out[-3:]))
    built = next((tmp_path / "out").rglob("terms-of-reference.docx"))
    assert len(list(Document(built).comments)) == 0
    assert "> Drafting note" not in built.with_suffix(".md").read_text(encoding="utf-8")


def test_an_unknown_notes_mode_is_bad_usage(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--notes", "margin"])
    assert exit_.value.code == 2
    assert "invalid choice: 'margin'" in capsys.readouterr().err


@pytest.mark.libreoffice
def test_libreoffice_converts_a_commented_draft_to_pdf(modes, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice
    source = modes["comments"] / "terms-of-reference.docx"
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "terms-of-reference.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
