"""How a file is shown in messages: relative to the working directory when it lies below it.
Kept apart from the YAML loader so the commands that only show paths need not import it."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: Path, base: Path | None = None) -> str:
    """Return `path` as diagnostics show it: relative to `base` (the CLI passes the working
    directory) when it lies below it, else as given."""
    if base is None:
        return str(path)
    try:
        tidy = Path(os.path.normpath(path.absolute()))
        return str(tidy.relative_to(os.path.normpath(base.absolute())))
    except ValueError:
        pass
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)


__all__ = ["display_path"]
