"""Writing drafts to disk: a scheme's folder is always wholly its old drafts or wholly its new.

`replace_folder(folder, files)` makes `folder` hold exactly `files`. It stages the complete new
folder as a hidden sibling (`.<name>.new-XXXXXXXX`, every file flushed and fsynced), then swaps
it into place: in one atomic exchange where the system has one (Linux `renameat2`), else by
moving the old folder aside (`.<name>.old-XXXXXXXX`) and the new one in, putting the old one
back if that fails. Builds writing the same folder at once each leave a complete folder (the
last swap wins). `write_all(folder, files)` writes some files into a folder that holds others
(a redline beside the user's own files): each is staged, then all are renamed in, and those
already replaced are put back if one fails.

Both defer SIGINT and SIGTERM until the folder is consistent, then let the signal act as it
would have (Ctrl-C raises KeyboardInterrupt; SIGTERM ends the process). A file system failure
raises `InputError` with one line naming the file or folder and the cause; any other exception
passes through unchanged. Staging files and folders are removed whatever happens.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from generator.errors import InputError

Show = Callable[[Path], str]

SWAP_ATTEMPTS = 8
"""How many times a swap is tried when other builds keep replacing the same folder."""

USE_EXCHANGE = True
"""Swap by atomic exchange where the system can; False forces the two renames (tests use it)."""

_PLAIN = {
    getattr(errno, "EDQUOT", errno.ENOSPC): "the disk quota is used up",  # ENOSPC wins if none
    errno.ENOSPC: "the disk is full",
    errno.EACCES: "permission denied",
    errno.EPERM: "the operation is not permitted",
    errno.EROFS: "the file system is read-only",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.EEXIST: "something of that name is already there",
    errno.EFBIG: "the file is larger than the system allows",
    errno.ENAMETOOLONG: "the name is too long",
}
_RACES = (errno.ENOTEMPTY, errno.EEXIST, errno.ENOENT)
_UNSUPPORTED = (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP)


def replace_folder(folder: Path, files: Mapping[str, bytes], show: Show = str) -> list[Path]:
    """Make `folder` hold exactly `files` ({name: bytes}) and nothing else; return the files'
    paths in the order given. Paths in messages are shown by `show`.

    On any failure the old folder is left as it was (or absent, if there was none)."""
    targets = _targets(folder, files, show)
    if folder.name in ("", ".", ".."):
        raise _failure(f"replace {show(folder)}", "name the scheme's own folder")
    with _signals_deferred():
        _make_folder(folder.parent, show)
        _refuse_non_folder(folder, show)
        staging = _staging(folder.parent, f".{folder.name}.new-", show)
        old: Path | None = None
        try:
            _stage(staging, files, targets, show)
            _sync(staging, folder.parent, show)
            os.chmod(staging, 0o755)
            old = _swap_in(staging, folder, show)
            _sync(folder.parent, folder.parent, show)
        finally:
            left = [(path, problem) for path in (staging, old)
                    if path is not None and (problem := _discard(path)) is not None]
        if left:
            raise _failure(f"remove {show(left[0][0])} (the new {show(folder)} is complete)",
                           left[0][1])
    return targets


def write_all(folder: Path, files: Mapping[str, bytes], show: Show = str) -> list[Path]:
    """Write `files` ({name: bytes}) into `folder`, leaving its other files alone; return the
    files' paths in the order given. Paths in messages are shown by `show`.

    All or none: every file is staged in a hidden folder inside `folder` first; if moving one
    into place fails, those already moved are put back as they were."""
    targets = _targets(folder, files, show)
    with _signals_deferred():
        _make_folder(folder, show)
        staging = _staging(folder, ".s75-staging-", show)
        try:
            (staging / "new").mkdir()
            (staging / "old").mkdir()
            _stage(staging / "new", files, targets, show)
            _sync(staging / "new", folder, show)
            _move_in(staging, targets, show)
            _sync(folder, folder, show)
        finally:
            problem = _discard(staging)
        if problem:
            raise _failure(f"remove {show(staging)}", problem)
    return targets


def _targets(folder: Path, files: Mapping[str, bytes], show: Show) -> list[Path]:
    """Return the path each file will have; raise InputError for a name that is not a plain
    file name."""
    for name in files:
        if name in ("", ".", "..") or "/" in name or "\0" in name or (
                os.altsep and os.altsep in name):
            raise _failure(f"write {show(folder / name)}",
                           "a draft's name must be a plain file name")
    return [folder / name for name in files]


def _cause(error: OSError) -> str:
    """Return the cause of `error` in plain words, one line."""
    text = _PLAIN.get(error.errno or 0) or error.strerror or str(error) or type(error).__name__
    return " ".join(text.split())


def _failure(what: str, error: OSError | str) -> InputError:
    """Return the one-line InputError `cannot <what>: <cause>`; `what` names the path, and the
    cause is `error` in plain words."""
    cause = error if isinstance(error, str) else _cause(error)
    return InputError(" ".join(f"cannot {what}: {cause}".split()))


def _make_folder(folder: Path, show: Show) -> None:
    """Create `folder` and its parents if missing; return None, or raise InputError (naming
    the file that stands where a folder must be, if that is the cause)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        for place in (folder, *folder.parents):
            if os.path.lexists(place):
                _refuse_non_folder(place, show)
                break
        raise _failure(f"make the folder {show(folder)}", error) from error


def _refuse_non_folder(path: Path, show: Show) -> None:
    """Return None if `path` is a folder (or a link to one) or absent; raise InputError if it
    is anything else. One look, so a folder another build is swapping is never taken for a
    file."""
    try:
        if stat.S_ISDIR(os.stat(path).st_mode):
            return
    except FileNotFoundError:
        if not os.path.islink(path):
            return
    except OSError:
        return  # unreadable: the step that needs it will say why
    raise _failure(f"write into {show(path)}", "it is a file, not a folder")


def _staging(parent: Path, prefix: str, show: Show) -> Path:
    """Create and return a new hidden folder in `parent` named `prefix` + a unique suffix."""
    try:
        return Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    except OSError as error:
        raise _failure(f"write into {show(parent)}", error) from error


def _stage(staging: Path, files: Mapping[str, bytes], targets: list[Path], show: Show) -> None:
    """Write every file into `staging`, each flushed and fsynced; return None, or raise
    InputError naming the file's final path."""
    for (name, data), target in zip(files.items(), targets, strict=True):
        try:
            with open(staging / name, "xb") as out:
                os.fchmod(out.fileno(), 0o644)
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        except OSError as error:
            raise _failure(f"write {show(target)}", error) from error


def _sync(folder: Path, shown: Path, show: Show) -> None:
    """Flush `folder`'s entries (new names, renames) to disk; return None, or raise InputError
    naming `shown`."""
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
    except OSError as error:
        if error.errno not in _UNSUPPORTED:
            raise _failure(f"write into {show(shown)}", error) from error


def _discard(path: Path) -> OSError | None:
    """Remove `path` (a folder tree, a file or a link) if it exists; return the error that
    stopped it, or None once it is gone."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except FileNotFoundError:
        return None
    except OSError as error:
        return error
    return None


def _swap_in(staging: Path, folder: Path, show: Show) -> Path | None:
    """Put the staged folder at `folder`; return where the folder it replaced now is (None if
    there was none). Retries when other builds replace `folder` at the same time."""
    for _attempt in range(SWAP_ATTEMPTS):
        _refuse_non_folder(folder, show)
        try:
            if USE_EXCHANGE and folder.is_dir() and _exchange(staging, folder):
                return staging
            return _swap_by_renames(staging, folder, show)
        except OSError as error:
            if error.errno not in _RACES:
                raise _failure(f"replace {show(folder)}", error) from error
    raise _failure(f"replace {show(folder)}", "other builds kept replacing it at the same time")


def _swap_by_renames(staging: Path, folder: Path, show: Show) -> Path | None:
    """Move `folder` aside and `staging` into its place; return where the old folder now is
    (None if there was none). If the second move fails the old folder is put back (unless
    another build has put a complete folder there) and the OSError is raised."""
    aside = _staging(folder.parent, f".{folder.name}.old-", show)
    try:
        os.rename(folder, aside)  # onto the empty folder just made: atomic, and a unique name
    except BaseException as error:
        with contextlib.suppress(OSError):
            aside.rmdir()
        if not isinstance(error, FileNotFoundError):
            raise
        os.rename(staging, folder)
        return None
    try:
        os.rename(staging, folder)
    except BaseException:
        _put_back(aside, folder, show)
        raise
    return aside


def _put_back(aside: Path, folder: Path, show: Show) -> None:
    """Move the old folder from `aside` back to `folder`; return None. If another build has
    put its complete folder there meanwhile, drop the old one; if it cannot go back, raise
    InputError saying where the old drafts are kept."""
    try:
        os.rename(aside, folder)
    except OSError as error:
        if error.errno not in (errno.ENOTEMPTY, errno.EEXIST):
            raise _failure(f"replace {show(folder)} (the old drafts are kept in "
                           f"{show(aside)})", error) from error
        _discard(aside)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step; return True, or False (changing nothing) where the
    system or file system cannot. Raises OSError for any other failure."""
    if _RENAMEAT2 is None:
        return False
    at_cwd, exchange = -100, 2  # AT_FDCWD, RENAME_EXCHANGE
    if _RENAMEAT2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), exchange) == 0:
        return True
    number = ctypes.get_errno()
    if number in _UNSUPPORTED:
        return False
    raise OSError(number, os.strerror(number), str(second))


def _find_renameat2() -> Callable[..., int] | None:
    """Return the C library's renameat2 (Linux), or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint)
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _find_renameat2()


def _move_in(staging: Path, targets: list[Path], show: Show) -> None:
    """Rename each staged file (staging/new/<name>) over its target, keeping a hard link to
    the file it replaces in staging/old; return None. If one fails, put back every file
    already replaced and raise InputError."""
    for target in targets:
        _refuse_folder(target, show)
    done: list[tuple[Path, Path | None]] = []
    try:
        for target in targets:
            kept = staging / "old" / target.name
            had = _keep(target, kept)
            os.replace(staging / "new" / target.name, target)
            done.append((target, kept if had else None))
    except OSError as error:
        for replaced, kept_copy in reversed(done):
            with contextlib.suppress(OSError):
                if kept_copy is None:
                    replaced.unlink()
                else:
                    os.replace(kept_copy, replaced)
        raise _failure(f"write {show(target)}", error) from error


def _refuse_folder(target: Path, show: Show) -> None:
    """Return None unless `target` is a folder (not a link to one); then raise InputError."""
    if target.is_dir() and not target.is_symlink():
        raise _failure(f"write {show(target)}", "it is a folder, not a file")


def _keep(target: Path, kept: Path) -> bool:
    """Keep the file at `target` as `kept` (a hard link, or a copy where links are not
    allowed); return False if there is no file at `target`."""
    if not os.path.lexists(target):
        return False
    try:
        os.link(target, kept, follow_symlinks=False)
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EMLINK, *_UNSUPPORTED):
            raise
        shutil.copy2(target, kept, follow_symlinks=False)
    return True


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Run the block with SIGINT and SIGTERM held back (main thread only; elsewhere no handler
    can be installed); afterwards restore the previous handlers and deliver the first signal
    that came, so it acts as it would have (KeyboardInterrupt, or the end of the process)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous: dict[signal.Signals, Any] = {}
    try:
        for number in (signal.SIGINT, signal.SIGTERM):
            previous[number] = signal.signal(number, lambda got, _frame: caught.append(got))
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        if caught:
            _deliver(caught[0])


def _deliver(number: int) -> None:
    """Send signal `number` to this process again, now its own handler is back; return if that
    handler lets the process go on (an ignored signal)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    signal.raise_signal(number)
