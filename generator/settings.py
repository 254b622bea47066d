"""What the CLI tells the pipeline, in a module of its own so the commands that need no
pipeline (a build with nothing to do) do not import it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """What the CLI tells the pipeline: the project root (for the library and for paths in
    reports) and the time documents are stamped with (None: each draft's own date)."""

    project_root: Path
    build_time: datetime.datetime | None = None
    display_base: Path | None = None  # files in diagnostics are shown relative to this
    notes: str | None = None  # how drafting notes are written (None: each document's default)
