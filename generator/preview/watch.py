"""Noticing that files changed, by polling: a fingerprint of each watched file's size and time of
last change, compared with the one taken before."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

Fingerprint = frozenset[tuple[str, int, int]]


def fingerprint(paths: Iterable[Path]) -> Fingerprint:
    """Return the (path, size, modification time in ns) of every file among `paths` that exists
    (a file that disappears or appears changes the fingerprint too)."""
    found = set()
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        found.add((str(path), stat.st_size, stat.st_mtime_ns))
    return frozenset(found)


def tree(folder: Path) -> list[Path]:
    """Return every file under `folder` (none when it does not exist)."""
    return [path for path in folder.rglob("*") if path.is_file()] if folder.is_dir() else []


class Watcher:
    """Tells whether any of a changing set of files changed since it last looked."""

    def __init__(self, files: Callable[[], Iterable[Path]]) -> None:
        self._files = files
        self._last = fingerprint(files())

    def changed(self) -> bool:
        """Return True when a watched file changed, appeared or disappeared since the last look
        (or since the watcher was made)."""
        now = fingerprint(self._files())
        if now == self._last:
            return False
        self._last = now
        return True
