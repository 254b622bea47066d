"""What every writer is told besides the Draft: given by the CLI, never read by a writer
from the environment, the working directory or the clock."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.model.draft import Draft
from generator.writers.paths import relative

NOTE_MODES = ("comments", "inline", "none")


@dataclass(frozen=True)
class WriterOptions:
    """The Word template of the document type, the project root (paths in manifests and reports
    are written relative to it), the time documents are stamped with (None: the draft's own
    date) and, once a draft has been laid out as a PDF, the page each heading falls on."""

    template: Path
    project_root: Path
    build_time: datetime.datetime | None = None
    display_base: Path | None = None  # where paths the loader shows are relative to
    notes: str | None = None  # comments | inline | none; None: comments in a draft, else none
    pages: Mapping[str, str] = field(default_factory=dict)  # anchor -> page, once laid out

    def notes_for(self, draft: Draft) -> str:
        """Return how the draft's drafting notes are written: as Word comments anchored to
        their clause, inline as body text, or not at all (the default: comments for a draft,
        none for a final document)."""
        if self.notes is not None:
            return self.notes
        return "comments" if draft.status == "DRAFT" else "none"

    def relative(self, path: str) -> str:
        """Return a path the loader showed as a path relative to the project root."""
        return relative(path, self.project_root, self.display_base)
