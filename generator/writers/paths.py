"""Paths as the writers print them: relative to the project root, with forward slashes."""

from __future__ import annotations

from pathlib import Path


def relative(path: str, root: Path, base: Path | None = None) -> str:
    """Return `path` (as the loader showed it, relative to `base`) relative to the project root
    with forward slashes, when it lies below it."""
    given = Path(path)
    full = given if given.is_absolute() or base is None else base / given
    try:
        return full.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return given.as_posix()


def layer_name(layer: str, root: Path, base: Path | None = None) -> str:
    """Return 'vanilla' or the scheme file (relative to the root) that supplied something."""
    return layer if layer == "vanilla" else relative(layer, root, base)
