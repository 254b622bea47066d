"""Paths as the writers print them: relative to the project root, with forward slashes."""

from __future__ import annotations

from pathlib import Path

from generator.workspace import vanilla_root


def relative(path: str, root: Path, base: Path | None = None) -> str:
    """Return `path` (as the loader showed it, relative to `base`) with forward slashes,
    relative to the project root when it lies below it, else to the vanilla library's folder
    (so an installed library's files read as they do in a checkout), else as given."""
    given = Path(path)
    full = (given if given.is_absolute() or base is None else base / given).resolve()
    for folder in (root, vanilla_root()):
        try:
            return full.relative_to(folder.resolve()).as_posix()
        except ValueError:
            continue
    return given.as_posix()


def layer_name(layer: str, root: Path, base: Path | None = None) -> str:
    """Return 'vanilla', 'local' (a workspace's own clause) or the scheme file (relative to
    the root) that supplied something."""
    return layer if layer in ("vanilla", "local") else relative(layer, root, base)
