"""The tracked changes of an edited draft: who deleted or inserted what, and when, read from
the document's w:del and w:ins marks (the text itself is read with every change accepted)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.ooxml.docxtext import normalise
from generator.ooxml.ns import w
from generator.ooxml.package import read_package


@dataclass(frozen=True)
class Revision:
    """One tracked insertion or deletion: its kind, author, date (YYYY-MM-DD) and text."""

    kind: str  # "inserted" | "deleted"
    author: str
    date: str
    text: str

    def credit(self) -> str:
        """Return 'on 2026-11-25 by A. Lawyer' (either part left out when unknown)."""
        parts = [f"on {self.date}" if self.date else "", f"by {self.author}" if self.author
                 else ""]
        return " ".join(p for p in parts if p)


def revisions(data: bytes) -> list[Revision]:
    """Return the tracked insertions and deletions of a .docx body, in document order."""
    body = read_package(data).main_document().find(w("body"))
    if body is None:
        return []
    found = []
    for element in body.iter(w("ins"), w("del")):
        kind = "inserted" if element.tag == w("ins") else "deleted"
        tag = w("t") if kind == "inserted" else w("delText")
        text = normalise("".join(t.text or "" for t in element.iter(tag)))
        found.append(Revision(kind, element.get(w("author"), ""),
                              (element.get(w("date")) or "")[:10], text))
    return found


def deletion_of(title: str, lines: list[str], found: list[Revision]) -> Revision | None:
    """Return the tracked deletion that removed a clause (one whose deleted text holds its
    heading or its first line), or None when the clause was deleted without tracking."""
    wanted = [text for text in [title, *lines[:1]] if text]
    for revision in found:
        if revision.kind == "deleted" and any(text in revision.text for text in wanted):
            return revision
    return None


def change_in(lines: list[str], found: list[Revision]) -> Revision | None:
    """Return the first tracked change whose text appears in one of a clause's lines as
    edited, or None."""
    for revision in found:
        if revision.text and len(revision.text) >= 3 and any(
                revision.text in line for line in lines):
            return revision
    return None
