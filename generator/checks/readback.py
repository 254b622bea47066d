"""Read a written .docx back with python-docx and check what was actually written."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from generator.assemble.textrender import SENTINELS
from generator.model.draft import Draft
from generator.ooxml.build import bookmark_name
from generator.writers.docx import MARKER


def written_bookmarks(data: bytes | object) -> dict[str, str]:
    """Return bookmark name -> text of the paragraph it sits in, for every bookmark written."""
    doc = _open(data)
    found = {}
    for paragraph in doc.paragraphs:
        for start in paragraph._p.iter(qn("w:bookmarkStart")):
            found[start.get(qn("w:name"))] = paragraph.text
    return found


def written_refs(data: bytes | object) -> list[tuple[str, str]]:
    """Return (bookmark, cached text) for every REF field in the body."""
    doc = _open(data)
    refs = []
    for paragraph in doc.paragraphs:
        runs = list(paragraph._p.iter(qn("w:r")))
        for index, run in enumerate(runs):
            instr = run.find(qn("w:instrText"))
            if instr is None or not instr.text.strip().startswith("REF "):
                continue
            name = instr.text.split()[1]
            cached = runs[index + 2].findtext(qn("w:t")) if index + 2 < len(runs) else ""
            refs.append((name, cached or ""))
    return refs


def check_written(data: bytes, draft: Draft, required: list[str]) -> list[str]:
    """Return problems found in the written file: missing required clauses, clauses the model
    has but the file lacks, wrong cross-reference numbers, leftover markers."""
    problems = []
    doc = _open(data)
    bookmarks = written_bookmarks(doc)
    for cid in required:
        if bookmark_name(cid) not in bookmarks:
            problems.append(f"required clause `{cid}` is not in the written document")
    for clause in draft.all_clauses():
        if clause.anchor and bookmark_name(clause.anchor) not in bookmarks:
            problems.append(f"clause `{clause.anchor}` is missing from the written document")
    numbers = {bookmark_name(a): n for a, n in draft.numbers.items()}
    for name, cached in written_refs(doc):
        expected = numbers.get(name)
        if expected is None:
            problems.append(f"a cross-reference points at `{name}`, which has no bookmark")
        elif cached != expected:
            problems.append(f"a cross-reference to `{name}` shows `{cached}`, not `{expected}`")
    text = _all_text(doc)
    if MARKER in text:
        problems.append("the body marker was left in the document")
    if any(c in text for c in SENTINELS):
        problems.append("internal markers were left in the document text")
    return problems


def _open(data: bytes | object):
    """Return the document for bytes, or the document itself when already opened."""
    return Document(io.BytesIO(data)) if isinstance(data, bytes) else data


def _all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)
