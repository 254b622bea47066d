"""Writers: each turns a Draft and the writer options into the bytes of one file. The registry
maps a format name to its file suffix and writer; building a document writes every format but
those written only on request (the HTML the live preview shows).

May import `model`, `ooxml` (for the Word package) and the Markdown writer; writers never read
the environment, the working directory or the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.model.draft import Draft
from generator.writers.deviations import write_deviations
from generator.writers.docx import write_docx
from generator.writers.html import write_html
from generator.writers.manifest import write_manifest
from generator.writers.markdown import write_markdown
from generator.writers.options import WriterOptions

Writer = Callable[[Draft, WriterOptions], bytes]


@dataclass(frozen=True)
class Format:
    """A file written for a document: its suffix, its writer, and whether `s75 build` leaves it
    out (written only on request, as the preview asks for HTML)."""

    suffix: str
    write: Writer
    on_request: bool = False


WRITERS: dict[str, Format] = {
    "docx": Format(".docx", lambda draft, options: write_docx(draft, options)),
    "md": Format(".md", lambda draft, options: write_markdown(
        draft, options.notes_for(draft) != "none")),
    "manifest": Format(".manifest.json", write_manifest),
    "deviations": Format(".deviations.md", write_deviations),
    "html": Format(".html", write_html, on_request=True),
}
