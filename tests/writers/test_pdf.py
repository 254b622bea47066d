"""LibreOffice renders the Word drafts: the clause numbers, headings and paragraph text it prints
must be the Markdown twin's (so live Word numbering, cross-references and the twin agree)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.libreoffice


def md_headings(markdown: str) -> list[str]:
    """Return every clause, schedule and section heading of the twin as 'number title'."""
    out = []
    for line in markdown.splitlines():
        match = re.match(r"^#{2,3} (\d+\.|Schedule \d+:) (.+)$", line)
        if match:
            number = match.group(1).rstrip(":")
            title = re.sub(r"^\*(.+)\*$", r"\1", match.group(2))  # "*Not used*" is italic
            out.append(f"{number} {title.replace(chr(92), '')}")
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
    """Build every example with `--pdf` (one LibreOffice process per pass for the batch);
    return each (docx, pdf) pair."""
    from generator.cli import main

    out = tmp_path_factory.mktemp("pdf")
    assert main(["build", "--pdf", "--out", str(out / "drafts")]) == 0
    docs = sorted((out / "drafts").rglob("*.docx"))
    return [(doc, doc.with_suffix(".pdf")) for doc in docs]


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


# An entry's last line: its heading, a dot leader (one dot, or none but a space, when the
# heading wraps so that little room is left) and its page number.
CONTENTS_LINE = re.compile(r"^(.+?)(?:\.+\s*|\s+)(\d+)$")


def contents_lines(pdf: Path) -> list[tuple[str, int]]:
    """Return each contents entry the PDF prints as (heading squashed, page number); an entry
    whose heading wraps runs over several lines, the last ending with its page number."""
    pages = without_running_heads([page.extract_text() or "" for page in
                                   PdfReader(str(pdf)).pages])
    start = next(i for i, page in enumerate(pages) if "Contents" in page)
    lines = "\n".join(pages[start:start + 4]).split("Contents", 1)[1].splitlines()
    entries, pending = [], ""
    for line in lines:
        match = CONTENTS_LINE.match(line.strip())
        if match:
            entries.append((squash(pending + match.group(1)), int(match.group(2))))
            pending = ""
        elif entries and not line.strip():
            continue
        else:
            pending += line
        if len(entries) and not match and len(pending) > 400:
            break  # past the contents
    return entries


def test_the_pdf_contents_give_the_page_each_heading_falls_on(pdfs):
    checked = 0
    for docx, pdf in pdfs:
        pages = [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]
        entries = contents_lines(pdf)
        twin = docx.with_suffix(".md").read_text()
        headings = re.findall(r"^## (?:\d+\.|Schedule \d+:) ", twin, re.MULTILINE)
        assert len(entries) == len(headings), f"{docx}: an entry without its page number"
        for heading, page in entries:
            wanted = heading.replace(":", "", 1) if heading.startswith("Schedule") else heading
            on_page = squash(pages[page - 1])
            assert wanted in on_page, f"{docx.parent.name}/{docx.name}: {heading} not on {page}"
            checked += 1
    assert checked > 300


def test_the_word_contents_show_the_same_page_numbers_without_updating(pdfs):
    """Word shows a field's stored result until it is updated: each PAGEREF result stored in
    the .docx is the page number the PDF prints for that entry."""
    from docx import Document

    for docx, pdf in pdfs:
        stored = []
        for paragraph in Document(str(docx)).paragraphs:
            xml = paragraph._p.xml
            if "PAGEREF" in xml:
                stored.append(int(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)[-1]))
        assert stored == [page for _, page in contents_lines(pdf)], docx
