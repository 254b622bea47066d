"""The project's schemes, clauses and outlines as they were at a git revision, for comparing a
scheme's drafts with an earlier version of themselves."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from generator.errors import GitProblem

PROJECT_FOLDERS = ("clauses", "templates", "schemes")




def _git(args: list[str], cwd: Path) -> bytes:
    """Return git's output, or raise GitProblem with git's own explanation."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=120)
    except FileNotFoundError as exc:
        raise GitProblem("git is not installed") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitProblem(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def checkout_at(revision: str, root: Path, scheme: Path, into: Path) -> tuple[Path, Path]:
    """Extract clauses/, templates/ and schemes/ as they were at `revision` into `into`; return
    the project root there and the path there of `scheme` (which must have existed then)."""
    try:
        inside = scheme.resolve().relative_to(root.resolve())
    except ValueError as exc:
        raise GitProblem(f"{scheme} is not inside the project at {root}") from exc
    top = Path(_git(["rev-parse", "--show-toplevel"], root).decode().strip()).resolve()
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], root)
    except GitProblem as exc:
        raise GitProblem(f"`{revision}` is not a revision of this repository") from exc
    commit_id = commit.decode().strip()
    prefix = root.resolve().relative_to(top).as_posix()
    folders = [f"{prefix}/{name}" if prefix != "." else name for name in PROJECT_FOLDERS]
    listed = _git(["ls-tree", "--full-tree", "--name-only", commit_id, "--", *folders], root)
    folders = [name for name in folders if name in listed.decode().split("\n")]
    tar = _git(["archive", "--format=tar", commit_id, "--", *folders], root)
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        extract_plain_files(archive, into)
    base = into / prefix if prefix != "." else into
    wanted = base / inside
    if not wanted.is_file():
        raise GitProblem(f"{scheme} did not exist at {revision}")
    return base, wanted


def extract_plain_files(archive: tarfile.TarFile, into: Path) -> None:
    """Extract the folders and regular files of `archive` into `into`, refusing any member whose
    path is absolute or climbs out of `into`, and skipping links and devices: the safety of
    Python's "data" extraction filter, on every supported Python (3.10 and Debian's 3.11 lack
    the filter)."""
    target = into.resolve()
    for member in archive.getmembers():
        path = (target / member.name).resolve()
        if Path(member.name).is_absolute() or not path.is_relative_to(target):
            raise GitProblem(f"the archive of the revision holds an unsafe path {member.name!r}")
        if member.isdir():
            path.mkdir(parents=True, exist_ok=True)
        elif member.isfile():
            source = archive.extractfile(member)
            if source is None:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(source.read())
