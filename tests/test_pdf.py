"""LibreOffice renders the Word drafts: the clause numbers and headings it prints must be the
ones in the Markdown twin (so live Word numbering and the twin agree)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


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


def body_text(pdf: Path) -> str:
    """Return the PDF's text from the page after the contents list."""
    pages = [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]
    start = next(i for i, page in enumerate(pages) if "Contents" in page) + 1
    return squash("\n".join(pages[start:]))


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
