"""Writing drafts to disk: all of a scheme's files or none, never a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_all(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file into `folder` atomically and return their paths.

    Each file is written to a temporary file beside its target, flushed to disk, and only when
    all are written are they moved into place; on any failure the temporary files are removed
    and existing drafts are left untouched."""
    folder.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, data in files.items():
            handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temp, 0o644)
            staged.append((temp, folder / name))
        for temp, target in staged:
            os.replace(temp, target)
    finally:
        for temp, _target in staged:
            if os.path.exists(temp):
                os.unlink(temp)
    return [target for _temp, target in staged]
