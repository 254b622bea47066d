"""Writers: each turns a Draft and the writer options into the bytes of one file. The registry
maps a format name to its file suffix and writer; building a document writes every format but
those written only on request (the HTML the live preview shows).

May import `model`, `ooxml` (for the Word package) and the Markdown writer; writers never read
the environment, the working directory or the clock.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.model.draft import Draft
    from generator.writers.options import WriterOptions

Writer = Callable[["Draft", "WriterOptions"], bytes]


def _later(module: str, name: str) -> Writer:
    """Return a writer that imports `module` (a writer of this package) when first called, so
    importing the package (for its options) does not load every writer's libraries."""
    def write(draft: Draft, options: WriterOptions) -> bytes:
        found: Writer = getattr(importlib.import_module(f"generator.writers.{module}"), name)
        return found(draft, options)
    return write


def _markdown(draft: Draft, options: WriterOptions) -> bytes:
    """Return the Markdown twin, with drafting notes unless the notes are left out."""
    from generator.writers.markdown import write_markdown

    return write_markdown(draft, options.notes_for(draft) != "none")


@dataclass(frozen=True)
class Format:
    """A file written for a document: its suffix, its writer, and whether `s75 build` leaves it
    out (written only on request, as the preview asks for HTML)."""

    suffix: str
    write: Writer
    on_request: bool = False


WRITERS: dict[str, Format] = {
    "docx": Format(".docx", _later("docx", "write_docx")),
    "md": Format(".md", _markdown),
    "manifest": Format(".manifest.json", _later("manifest", "write_manifest")),
    "deviations": Format(".deviations.md", _later("deviations", "write_deviations")),
    "html": Format(".html", _later("html", "write_html"), on_request=True),
}
