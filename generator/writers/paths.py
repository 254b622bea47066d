"""Paths as the writers print them: relative to the project root, with forward slashes."""

from __future__ import annotations

from pathlib import Path


def relative(path: str, root: Path) -> str:
    """Return `path` relative to the project root with forward slashes, when it lies below it."""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def layer_name(layer: str, root: Path) -> str:
    """Return 'vanilla' or the scheme file (relative to the root) that supplied something."""
    return layer if layer == "vanilla" else relative(layer, root)
