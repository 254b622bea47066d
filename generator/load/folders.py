"""Find the YAML files in a folder without leaving it: links are followed only to files inside
the folder itself, links to folders are not followed (so a loop of links cannot hang a scan),
and every link skipped is reported where it is."""

from __future__ import annotations

import os
from pathlib import Path

from generator.diagnostics import Diagnostic, Loc, error
from generator.load.shown import display_path


def yaml_files(folder: Path, base: Path | None = None) -> tuple[list[Path], list[Diagnostic]]:
    """Return the `.yaml` files below `folder`, sorted, and a diagnostic for each link that
    leads outside it, to a folder, or nowhere."""
    found: list[Path] = []
    problems: list[Diagnostic] = []
    try:
        real = folder.resolve()
    except (OSError, RuntimeError):
        return [], [error(Loc(display_path(folder, base)), "file-unreadable",
                          "cannot read the folder: its links go round in a circle")]
    for here, dirs, files in os.walk(folder, followlinks=False, onerror=None):
        current = Path(here)
        for name in sorted(dirs):
            if (current / name).is_symlink():
                problems.append(_skipped(current / name, base, "it is a link to a folder"))
        for name in sorted(files):
            path = current / name
            if not name.endswith(".yaml"):
                continue
            why = _link_problem(path, real) if path.is_symlink() else None
            if why:
                problems.append(_skipped(path, base, why))
            else:
                found.append(path)
    return sorted(found), problems


def _link_problem(path: Path, inside: Path) -> str | None:
    """Return why a linked file is not read (None when it may be)."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "it is a link that leads nowhere"
    if not target.is_relative_to(inside):
        return "it is a link to a file outside the folder"
    return None


def _skipped(path: Path, base: Path | None, why: str) -> Diagnostic:
    return error(Loc(display_path(path, base)), "path-outside", f"not read: {why}")
