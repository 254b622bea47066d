"""Writers turn a Draft into bytes; the registry maps a format name to its writer."""

from __future__ import annotations

from collections.abc import Callable

from generator.model.draft import Draft
from generator.writers.docx import write_docx
from generator.writers.markdown import write_markdown

WRITERS: dict[str, tuple[str, Callable[[Draft], bytes]]] = {
    "docx": (".docx", write_docx),
    "md": (".md", write_markdown),
}
