"""The baselines the figures are set against: pandoc converting the same text, and a bare
docxtpl render of the same paragraphs."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
from docxtpl import DocxTemplate

from benchmarks.measure import Run, run


def pandoc_available() -> bool:
    """Return True when pandoc is installed."""
    return shutil.which("pandoc") is not None


def pandoc_to_docx(markdown: Path, out: Path) -> Run:
    """Return the run of pandoc converting a Markdown file to .docx."""
    return run(["pandoc", "-f", "markdown", "-t", "docx", "-o", str(out), str(markdown)],
               markdown.parent)


def pandoc_to_plain(document: Path) -> Run:
    """Return the run of pandoc converting a .docx to plain text."""
    return run(["pandoc", "-f", "docx", "-t", "plain", str(document)], document.parent)


def plain_template(path: Path) -> Path:
    """Write a Word template holding one loop over paragraphs; return its path."""
    template = docx.Document()
    template.add_paragraph("{%p for text in paragraphs %}")
    template.add_paragraph("{{ text }}")
    template.add_paragraph("{%p endfor %}")
    template.save(str(path))
    return path


def paragraphs_of(document: Path) -> list[str]:
    """Return the text of every paragraph of a .docx."""
    return [p.text for p in docx.Document(str(document)).paragraphs]


def docxtpl_render(template: Path, paragraphs: list[str]) -> bytes:
    """Return the .docx a bare docxtpl render of `paragraphs` into `template` saves."""
    document = DocxTemplate(str(template))
    document.render({"paragraphs": paragraphs})
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
