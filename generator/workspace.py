"""Where the project is: the folder holding clauses/ and templates/, found from what the CLI
passes in (the environment and the working directory), never read here."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

PACKAGE_PARENT = Path(__file__).resolve().parent.parent


def find_project_root(environ: Mapping[str, str], cwd: Path) -> Path:
    """Return S75_ROOT when set, else the working directory or the nearest folder above it that
    holds clauses/ and templates/, else the folder the package was installed from."""
    if environ.get("S75_ROOT"):
        return Path(environ["S75_ROOT"])
    here = cwd.resolve()
    for folder in [here, *here.parents]:
        if (folder / "clauses").is_dir() and (folder / "templates").is_dir():
            return folder
    return PACKAGE_PARENT
