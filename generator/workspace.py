"""Where the project is: the workspace (the folder holding schemes/, and clauses/ for local
overrides) and the vanilla library it draws on, found from what the CLI passes in (the
environment and the working directory), never read here.

Two layouts are recognised. A *library checkout* holds clauses/ and templates/ itself: its
clauses are the vanilla library. A *workspace* made by `s75 init` holds schemes/ and a clauses/
folder of local overrides; its vanilla library is the one installed with the package."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PACKAGE_PARENT = PACKAGE.parent
PACKAGED_LIBRARY = PACKAGE / "vanilla"  # where a built wheel carries clauses/ and templates/


@dataclass(frozen=True)
class LibraryFolders:
    """The folders a library is read from: the vanilla clauses and templates, and the
    workspace's own clause overrides when it has them."""

    clauses: Path
    templates: Path
    overrides: Path | None = None


def holds_library(folder: Path) -> bool:
    """Return whether `folder` holds a whole clause library (clauses/ and templates/)."""
    return (folder / "clauses").is_dir() and (folder / "templates").is_dir()


def is_workspace(folder: Path) -> bool:
    """Return whether `folder` is a library checkout or a workspace (it holds schemes/)."""
    return holds_library(folder) or (folder / "schemes").is_dir()


def find_project_root(environ: Mapping[str, str], cwd: Path) -> Path:
    """Return S75_ROOT when set, else the working directory or the nearest folder above it that
    holds a library (clauses/ and templates/) or a workspace (schemes/), else the folder the
    package was installed from."""
    if environ.get("S75_ROOT"):
        return Path(environ["S75_ROOT"])
    here = cwd.resolve()
    for folder in [here, *here.parents]:
        if is_workspace(folder):
            return folder
    return PACKAGE_PARENT


def vanilla_root() -> Path:
    """Return the folder holding the vanilla clauses/ and templates/: the checkout the package
    runs from, else the copy installed inside the package."""
    if holds_library(PACKAGE_PARENT):
        return PACKAGE_PARENT
    return PACKAGED_LIBRARY


def library_folders(root: Path) -> LibraryFolders:
    """Return the folders the library of the project at `root` is read from: its own clauses/
    and templates/ when it holds both, else the vanilla library with its clauses/ (when it has
    one) as local overrides."""
    if holds_library(root):
        return LibraryFolders(root / "clauses", root / "templates")
    vanilla = vanilla_root()
    overrides = root / "clauses" if (root / "clauses").is_dir() else None
    return LibraryFolders(vanilla / "clauses", vanilla / "templates", overrides)
