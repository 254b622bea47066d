"""LibreOffice renders the Word drafts: the clause numbers, headings and paragraph text it prints
must be the Markdown twin's (so live Word numbering, cross-references and the twin agree)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.libreoffice


def md_headings(markdown: str) -> list[str]:
    """Return every clause, schedule and section heading of the twin as 'number title'."""
    out = []
    for line in markdown.splitlines():
        match = re.match(r"^#{2,3} (\d+\.|Schedule \d+:) (.+)$", line)
        if match:
            number = match.group(1).rstrip(":")
            out.append(f"{number} {match.group(2).replace(chr(92), '')}")
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def without_running_heads(pages: list[str]) -> list[str]:
    """Return the pages without their running header and footer lines (lines repeated on most
    pages once page numbers are ignored)."""
    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip())
    counts: dict[str, int] = {}
    for page in pages:
        for line in set(map(key, page.splitlines())):
            counts[line] = counts.get(line, 0) + 1
    repeated = {line for line, n in counts.items() if n > max(2, len(pages) // 2)}
    return ["\n".join(line for line in page.splitlines() if key(line) not in repeated)
            for page in pages]


def body_text(pdf: Path) -> str:
    """Return the PDF's text from the page after the contents list, without running heads."""
    pages = [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]
    start = next(i for i, page in enumerate(pages) if "Contents" in page) + 1
    return squash("\n".join(without_running_heads(pages)[start:]))


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    from generator.cli import main

    out = tmp_path_factory.mktemp("pdf")
    assert main(["build", "--out", str(out / "drafts")]) == 0
    docs = sorted((out / "drafts").rglob("*.docx"))
    for doc in docs:
        target = out / "pdf" / doc.parent.name
        target.mkdir(parents=True, exist_ok=True)
        subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(target),
                        str(doc)], check=True, capture_output=True, timeout=300,
                       env={"HOME": str(out), "PATH": "/usr/bin:/bin"})
    return [(doc, out / "pdf" / doc.parent.name / (doc.stem + ".pdf")) for doc in docs]


def test_pdf_numbers_and_headings_match_the_twin(pdfs):
    assert pdfs
    for docx, pdf in pdfs:
        text = body_text(pdf)
        position = 0
        for heading in md_headings(docx.with_suffix(".md").read_text()):
            number, title = heading.split(" ", 1) if not heading.startswith("Schedule") else (
                heading.split(" ", 2)[0] + heading.split(" ", 2)[1], heading.split(" ", 2)[2])
            wanted = squash(number + title)
            found = text.find(wanted, position)
            assert found >= 0, f"{docx.parent.name}/{docx.name}: `{heading}` not found in order"
            position = found + len(wanted)


def md_paragraphs(markdown: str) -> list[str]:
    """Return the twin's body paragraphs (numbered and unnumbered, with list items) as plain
    text, skipping the cover lines, headings, tables and drafting notes (Word comments, which
    the PDF does not print)."""
    lines = markdown.split("\n## ", 1)[1].splitlines()[1:]
    out = []
    for line in lines:
        text = line.strip()
        if not text or text.startswith(("#", "|", "> Drafting note:")):
            continue
        text = re.sub(r"^(> |- )", "", text)
        text = text.replace("**", "").replace("\\", "").strip("*")
        out.append(text)
    return out


def test_pdf_text_matches_the_twin(pdfs):
    checked = 0
    for docx, pdf in pdfs:
        text = body_text(pdf)
        position = 0
        for paragraph in md_paragraphs(docx.with_suffix(".md").read_text()):
            wanted = squash(paragraph)
            found = text.find(wanted, position)
            assert found >= 0, f"{docx.parent.name}/{docx.name}: `{paragraph[:80]}` not in order"
            position = found + len(wanted)
            checked += 1
    assert checked > 3000
