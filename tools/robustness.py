"""Try `s75` with hostile input and print one line saying how it held up.

    .venv/bin/python tools/robustness.py            # the corpus and the `ci` property run
    .venv/bin/python tools/robustness.py --long     # the corpus and the `long` property run

Everything runs in-process. First every example scheme is built into a temporary output
folder. Then every case of the hostile corpus (tests/hostile/*.yaml) is checked and built into
that same folder, and the property tests of tests/test_properties.py run (2,000 examples, or
20,000 with --long). An audit hook (`sys.addaudithook`) watches every file each command opens,
and everything it creates, renames, links, changes or removes. The one line printed is:

    inputs tried N, internal errors N, hangs N, files read outside the workspace N,
    files written outside the output folder N, drafts lost N

- inputs tried: commands run on hostile input (a check or a build of one corpus case, each
  command of a property example);
- internal errors: commands that ended with `internal error`, a traceback or an exit status
  other than 0 or 1, printed output outside the one-line format, or wrote a .docx that
  python-docx cannot open (and property tests that broke in the harness itself);
- hangs: commands (or examples) that ran for more than 10 seconds and were interrupted;
- files read outside the workspace: distinct files or folders a command opened or listed
  outside the project root (S75_ROOT), the working directory, the folders of the schemes it
  was given and its output folder (the Python installation's own files do not count);
- files written outside the output folder: distinct paths a command wrote, created, renamed,
  linked, changed or removed anywhere but under its `--out` folder (for `check`, anywhere);
- drafts lost: example drafts whose bytes changed or vanished once the hostile builds had
  written into their output folder.

The exit status is 1 when any count but the first is not 0, else 0. Each problem is also
listed on stderr, one per line, so the line can be read alone and the details looked up.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import sysconfig
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
# Audit events that touch the file system by name: {event: ((position of a path, position of
# the dir_fd it is relative to or None, whether it is changed rather than only read), ...)}.
PATH_EVENTS: dict[str, tuple[tuple[int, int | None, bool], ...]] = {
    "os.remove": ((0, 1, True),),
    "os.rmdir": ((0, 1, True),),
    "os.mkdir": ((0, 2, True),),
    "os.rename": ((0, 2, True), (1, 3, True)),  # os.replace too
    "os.link": ((0, 2, False), (1, 3, True)),
    "os.symlink": ((1, 2, True),),
    "os.truncate": ((0, None, True),),
    "os.chmod": ((0, 2, True),),
    "os.chown": ((0, 3, True),),
    "os.utime": ((0, 3, True),),
    "os.setxattr": ((0, None, True),),
    "os.removexattr": ((0, None, True),),
    "shutil.rmtree": ((0, 1, True),),
    "shutil.copyfile": ((0, None, False), (1, None, True)),
    "shutil.copymode": ((0, None, False), (1, None, True)),
    "shutil.copystat": ((0, None, False), (1, None, True)),
    "shutil.move": ((0, None, True), (1, None, True)),
    "shutil.chown": ((0, None, True),),
}
LIST_EVENTS = {"os.listdir", "os.scandir"}


def _python_folders() -> list[Path]:
    """Return the folders of the Python installation and its packages: the tool's own code."""
    places = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
              *sysconfig.get_paths().values()}
    return [Path(os.path.realpath(p)) for p in places if p]


class Watch:
    """The audit hook: while a command runs, records what it reads outside its workspace and
    writes outside its output folder."""

    def __init__(self) -> None:
        self.workspace: list[Path] = []
        self.out: Path | None = None
        self.active = False
        self.busy = False
        self.read_outside: set[str] = set()
        self.written_outside: set[str] = set()
        self.python = _python_folders()

    def start(self, workspace: list[Path], out: Path | None) -> None:
        """Watch the command about to run."""
        self.workspace = [Path(os.path.realpath(p)) for p in workspace]
        self.out = Path(os.path.realpath(out)) if out is not None else None
        self.active = True

    def stop(self) -> None:
        """Stop watching."""
        self.active = False

    def __call__(self, event: str, args: tuple) -> None:
        if not self.active or self.busy:
            return
        self.busy = True
        try:
            self._record(event, args)
        finally:
            self.busy = False

    def _record(self, event: str, args: tuple) -> None:
        if event == "open":
            path, mode, flags = (tuple(args) + (None, None, None))[:3]
            writing = bool(isinstance(flags, int) and flags & WRITE_FLAGS) or (
                isinstance(mode, str) and any(c in mode for c in "wax+"))
            self._path(path, writing)
        elif event in LIST_EVENTS:
            if args and args[0] is not None:
                self._path(args[0], False)
        elif event == "ctypes.call_function":  # renameat2, which swaps two folders
            for value in (args[1] if len(args) > 1 and isinstance(args[1], tuple) else ()):
                if isinstance(value, (bytes, str)) and value:
                    self._path(value, True)
        elif event in PATH_EVENTS:
            for position, where, writing in PATH_EVENTS[event]:
                fd = args[where] if where is not None and where < len(args) else None
                if position < len(args):
                    self._path(args[position], writing, fd if isinstance(fd, int) else None)

    def _path(self, raw: object, writing: bool, dir_fd: int | None = None) -> None:
        if isinstance(raw, int) or raw is None:
            return  # a file descriptor: its opening was seen already
        try:
            text = os.fsdecode(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return
        if dir_fd is not None and not os.path.isabs(text):
            try:  # relative to an open folder (shutil.rmtree works so): find which
                text = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), text)
            except OSError:
                pass
        real = Path(os.path.realpath(os.path.abspath(text)))
        if writing:
            if self.out is None or not real.is_relative_to(self.out):
                self.written_outside.add(str(real))
        elif not any(real.is_relative_to(place)
                     for place in [*self.workspace, *self.python,
                                   *([self.out] if self.out else [])]):
            self.read_outside.add(str(real))


def load_properties(long: bool):
    """Import tests/test_properties.py (with tests/ on the path, as pytest has it)."""
    if long:
        os.environ["S75_LONG"] = "1"
    sys.path.insert(0, str(ROOT / "tests"))
    import test_properties  # the profile it chooses depends on S75_LONG
    return test_properties


def main(argv: list[str] | None = None) -> int:
    """Run the corpus and the property tests under the watch; print the line; return 0 or 1."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--long", action="store_true",
                         help="run the `long` property profile (20,000 examples)")
    chosen = options.parse_args(argv)
    os.chdir(ROOT)
    os.environ["S75_ROOT"] = str(ROOT)
    properties = load_properties(chosen.long)
    from generator.cli import main as cli_main
    watch = Watch()
    sys.addaudithook(watch)
    counts = {"internal error": 0, "hang": 0, "format": 0, "draft": 0}
    tried = [0]

    class WatchedRunner(properties.Runner):
        """The property tests' runner, counting problems instead of failing on the first."""

        def run(self, args, root=properties.ROOT):
            args = [str(a) for a in args]
            out = Path(args[args.index("--out") + 1]) if "--out" in args else None
            schemes = [Path(a) for a in args[1:] if not a.startswith("-") and Path(a) != out]
            workspace = [Path(root), Path.cwd(), ROOT, *(p.parent for p in schemes)]
            tried[0] += 1
            watch.start(workspace, out)
            try:
                return super().run(args, root)
            finally:
                watch.stop()

        def problem(self, kind, outcome, detail):
            counts[kind] = counts.get(kind, 0) + 1
            command = " ".join(["s75", *outcome.args]) if outcome else "(an example)"
            print(f"{kind}: {command}: {detail}"[:1000], file=sys.stderr)

    runner = WatchedRunner()
    properties.RUNNER = runner
    with tempfile.TemporaryDirectory(prefix="s75-robustness-") as scratch, \
            properties.library_cached():
        out = Path(scratch) / "output"
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            cli_main(["build", "--out", str(out)])
        before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
        if not before:
            print("robustness: the example schemes did not build", file=sys.stderr)
            return 1
        for case in sorted((ROOT / "tests" / "hostile").glob("*.yaml")):
            if case.name.startswith("_"):
                continue
            shown = case.relative_to(ROOT)
            for args in (["check", shown], ["build", shown, "--out", out]):
                with properties.example_budget():
                    runner.judge(runner.run(args))
        lost = sum(1 for path, data in before.items()
                   if not path.is_file() or path.read_bytes() != data)
        for test in (properties.test_random_yaml_gives_diagnostics_or_passes,
                     properties.test_mutated_example_schemes_never_crash,
                     properties.test_mutated_clause_files_and_outlines_never_crash,
                     properties.test_mutated_valid_schemes_check_and_build):
            try:
                test()
            except Exception:  # noqa: BLE001 - the harness failed: count it, show it
                counts["internal error"] += 1
                print(f"{test.__name__} failed in the harness:\n{traceback.format_exc()}",
                      file=sys.stderr)
    for path in sorted(watch.read_outside):
        print(f"read outside the workspace: {path}", file=sys.stderr)
    for path in sorted(watch.written_outside):
        print(f"written outside the output folder: {path}", file=sys.stderr)
    broken = counts["internal error"] + counts["format"] + counts["draft"]
    found = [broken, counts["hang"], len(watch.read_outside),
             len(watch.written_outside), lost]
    print(f"inputs tried {tried[0]}, internal errors {found[0]}, hangs {found[1]}, "
          f"files read outside the workspace {found[2]}, files written outside the output "
          f"folder {found[3]}, drafts lost {found[4]}")
    return 1 if any(found) else 0


if __name__ == "__main__":
    sys.exit(main())
