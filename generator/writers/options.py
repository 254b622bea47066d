"""What every writer is told besides the Draft: given by the CLI, never read by a writer
from the environment, the working directory or the clock."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WriterOptions:
    """The Word template of the document type, the project root (paths in manifests and reports
    are written relative to it) and the time documents are stamped with (None: the draft's own
    date)."""

    template: Path
    project_root: Path
    build_time: datetime.datetime | None = None
