"""`s75 build` and `s75 check` over a batch of schemes.

`check` reports, for a scheme whose stamp (in the workspace's cache folder) shows nothing it
depends on has changed, what its last check found, and checks the others.

Schemes whose stamp shows nothing they depend on has changed are neither built nor rewritten
(their warnings are reported from the stamp); the others are built, in parallel worker
processes with `jobs` above one, and their results are taken in scheme order, so what is
printed and written does not depend on the number of jobs. A scheme whose new files are the
bytes already in its folder is not rewritten either. Nothing is written when any scheme has
errors; `check` writes nothing and lists every file that differs from a fresh build.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator import stamps
from generator.diagnostics import Diagnostic, Report, summary
from generator.errors import doing
from generator.files import replace_folder, write_all
from generator.load.shown import display_path
from generator.stamps import Stamp
from generator.workspace import library_folders

if TYPE_CHECKING:  # the pipeline is imported only when a scheme is to be built
    from generator.pipeline import Result
    from generator.settings import Settings

EXIT_OK, EXIT_INVALID, EXIT_FAILURE = 0, 1, 2


@dataclass(frozen=True)
class Request:
    """What `s75 build` was asked to do."""

    schemes: list[Path]
    out_dir: Path
    document: str = "all"
    pdf: bool = False
    check: bool = False
    page_numbers: bool = False  # lay out with LibreOffice to fill the contents page numbers
    jobs: int = 1
    whole: bool = False  # every scheme under schemes/ and every document
    cwd: Path = Path(".")  # the working directory: paths are shown relative to it
    progress: bool = False  # show a progress line (standard error is a terminal, not CI)


@dataclass
class Outcome:
    """What building one scheme produced, small enough to pass between processes: the files'
    bytes, not the drafts (`result` is kept only when PDFs are still to be added)."""

    path: Path
    diagnostics: list[Diagnostic]
    acknowledged: int
    folder: str | None  # the scheme's id, when it loaded
    layers: list[str] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    drafts: int = 0
    ok: bool = False
    result: Result | None = None


def outcome_of(result: Result, keep: bool) -> Outcome:
    """Return the outcome of a scheme's result (keeping the result itself with `keep`)."""
    scheme = result.scheme
    files = {name: data for built in result.built for name, data in built.files.items()}
    return Outcome(result.path, result.diagnostics, len(result.acknowledged),
                   scheme.id if scheme else None, list(scheme.layers) if scheme else [], files,
                   len(result.built), result.ok, result if keep else None)


def default_jobs() -> int:
    """Return the number of worker processes a build uses by default: one per core."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)


_WORK: tuple[object, Settings, str] | None = None  # what a forked worker builds with


def _build_one(path: Path) -> Outcome:
    """Return the outcome of building one scheme in a worker process."""
    from generator.pipeline import process

    assert _WORK is not None
    library, settings, document = _WORK
    with doing(f"building {display_path(path, settings.display_base)}"):
        result = process(path, library, settings, document, write=True)  # type: ignore[arg-type]
    return outcome_of(result, keep=False)


def build_all(paths: list[Path], library: object, settings: Settings, document: str,
              jobs: int, keep: bool, progress: Callable[[int, Path], None]
              ) -> Iterator[Outcome]:
    """Yield the outcome of building each scheme, in the order given, with up to `jobs`
    worker processes (forked, so each starts with the loaded library)."""
    from generator.pipeline import process

    global _WORK
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if jobs <= 1 or len(paths) <= 1 or keep or not can_fork:
        for number, path in enumerate(paths, 1):
            progress(number, path)
            with doing(f"building {display_path(path, settings.display_base)}"):
                result = process(path, library, settings, document,  # type: ignore[arg-type]
                                 write=True)
            yield outcome_of(result, keep)
        return
    _WORK = (library, settings, document)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(jobs, len(paths)), mp_context=context) as pool:
            for number, (path, outcome) in enumerate(
                    zip(paths, pool.map(_build_one, paths), strict=True), 1):
                progress(number, path)
                yield outcome
    finally:
        _WORK = None


class Progress:
    """A one-line progress indicator on standard error (the CLI shows it only on a terminal
    and never under CI)."""

    def __init__(self, total: int, shown: bool, base: Path):
        self.total = total
        self.shown = shown and total > 1
        self.base = base
        self.width = 0

    def __call__(self, number: int, path: Path) -> None:
        """Show that the scheme `number` of the batch is done or under way."""
        if not self.shown:
            return
        text = f"[{number}/{self.total}] {display_path(path, self.base)}"
        sys.stderr.write("\r" + text.ljust(self.width))
        sys.stderr.flush()
        self.width = len(text)

    def clear(self) -> None:
        """Remove the indicator's line."""
        if self.shown and self.width:
            sys.stderr.write("\r" + " " * self.width + "\r")
            sys.stderr.flush()


@dataclass
class Tally:
    """The drafts a build built, found unchanged and failed to build."""

    built: int = 0
    unchanged: int = 0
    failed: int = 0

    def line(self) -> str:
        """Return the one-line summary of the batch."""
        return (f"drafts: {self.built} built, {self.unchanged} unchanged, "
                f"{self.failed} failed")


def known_document(document: str, documents: tuple[str, ...]) -> bool:
    """Return True for `all` or a document type the library has; else say so and return False."""
    if document == "all" or document in documents:
        return True
    print(f"s75: --doc {document}: there is no such document type (there are: "
          f"{', '.join(documents)}, or all)", file=sys.stderr)
    return False


def run_build(request: Request, settings: Settings, report: Report) -> int:
    """Build the schemes of `request`, printing diagnostics, what was written and the
    summaries; return the exit status."""
    root = settings.project_root
    folders = library_folders(root)
    laid_out = request.pdf or request.page_numbers
    options = {"document": request.document, "notes": settings.notes,
               "build_time": settings.build_time, "base": settings.display_base, "root": root,
               "page_numbers": laid_out}
    shared = stamps.shared_inputs((folders.clauses, folders.templates, folders.overrides),
                                  options)
    whole_folders = request.document == "all"
    known = {} if request.pdf else stamps.read_stamps(request.out_dir)
    current: dict[Path, Stamp] = {}
    for path in request.schemes:
        stamp = known.get(stamps.key(path, request.document))
        if stamp is not None and stamps.is_current(stamp, shared, request.out_dir,
                                                   whole_folders):
            current[path] = stamp
    stale = [path for path in request.schemes if path not in current]
    outcomes: dict[Path, Outcome] = {}
    if stale:
        from generator.pipeline import lay_out, load_project_library

        library, problems = load_project_library(root, settings.display_base)
        if not known_document(request.document, library.documents):
            return EXIT_FAILURE
        report.extend(problems)
        if not problems:
            progress = Progress(len(stale), request.progress, request.cwd)
            try:
                for outcome in build_all(stale, library, settings, request.document,
                                         request.jobs, laid_out, progress):
                    outcomes[outcome.path] = outcome
            finally:
                progress.clear()
            if laid_out and not _has_errors(outcomes):
                results = [o.result for o in outcomes.values() if o.result is not None]
                lay_out(results, library, settings, request.pdf)
                for outcome in outcomes.values():
                    if outcome.result is not None:
                        outcome.files = outcome_of(outcome.result, keep=False).files
    acknowledged = 0
    tally = Tally()
    for path in request.schemes:
        if path in current:
            report.extend(current[path].diagnostics)
            acknowledged += current[path].acknowledged
            tally.unchanged += current[path].drafts
        elif path in outcomes:
            report.extend(outcomes[path].diagnostics)
            acknowledged += outcomes[path].acknowledged
            if not outcomes[path].ok:
                tally.failed += 1
    for diagnostic in report.sorted():
        print(diagnostic.format())
    checked = summary(report, len(request.schemes), acknowledged)
    if report.has_errors():
        if not request.check:
            print(tally.line())
        print(checked)
        return EXIT_INVALID
    if request.check:
        return _report_stale(request, current, outcomes)
    new = _write(request, outcomes, tally, shared)
    if not request.pdf:
        kept = {**known, **{stamps.key(p, request.document): s for p, s in current.items()},
                **{stamps.key(p, request.document): s for p, s in new.items()}}
        stamps.write_stamps(request.out_dir, kept)
    print(tally.line())
    print(checked)
    return EXIT_OK


def _has_errors(outcomes: dict[Path, Outcome]) -> bool:
    """Return True when any scheme built had errors."""
    return any(not o.ok for o in outcomes.values())


def _write(request: Request, outcomes: dict[Path, Outcome], tally: Tally, shared: str
           ) -> dict[Path, Stamp]:
    """Write each built scheme's files together (all or none), unless its folder already holds
    exactly those bytes; list what was written; return the new stamps. With every document
    built, a scheme's folder is replaced whole, so it holds exactly the drafts its scheme
    produces; otherwise the other drafts in it are kept."""
    whole_folders = request.document == "all"
    write = replace_folder if whole_folders else write_all
    new: dict[Path, Stamp] = {}
    for path, outcome in outcomes.items():
        if outcome.folder is None or not outcome.files:
            continue
        folder = request.out_dir / outcome.folder
        held = _held(folder, outcome.files, whole_folders,
                     exact=request.pdf or request.page_numbers)
        if held is not None:
            outcome.files = held
            tally.unchanged += outcome.drafts
        else:
            for target in write(folder, outcome.files, lambda p: display_path(p, request.cwd)):
                print(f"wrote {display_path(target, request.cwd)}")
            tally.built += outcome.drafts
        new[path] = _stamp_of(outcome, shared, request.cwd)
    return new


def _stamp_of(outcome: Outcome, shared: str, cwd: Path) -> Stamp:
    """Return the stamp of a scheme just built, its chain read from the working directory
    `cwd` the scheme's files are shown relative to."""
    chain = [os.path.abspath(cwd / layer) for layer in outcome.layers]
    assert outcome.folder is not None
    return Stamp(stamps.scheme_inputs(shared, (Path(p) for p in chain)), chain, outcome.folder,
                 {name: stamps.file_hash(data) for name, data in outcome.files.items()},
                 outcome.diagnostics, outcome.acknowledged, outcome.drafts)


def _held(folder: Path, files: dict[str, bytes], whole_folder: bool, exact: bool
          ) -> dict[str, bytes] | None:
    """Return the files `folder` already holds when they are `files` (with `whole_folder`, and
    nothing else): byte for byte, or unless `exact` a .docx apart from its contents page
    numbers (which only a build that lays the drafts out fills in, so a build that does not
    keeps them); None when it does not hold them."""
    try:
        if whole_folder and {p.name for p in folder.iterdir()} != set(files):
            return None
        held = {name: (folder / name).read_bytes() for name in files}
    except OSError:
        return None
    same = (held[name] == data if exact else _same_file(name, held[name], data)
            for name, data in files.items())
    return held if all(same) else None


def _same_file(name: str, held: bytes, built: bytes) -> bool:
    """Return True when a file held in the output folder is the file just built."""
    if name.endswith(".docx") and held != built:
        from generator.ooxml.pagenumbers import same_apart_from_page_numbers

        return same_apart_from_page_numbers(held, built)
    return held == built


def _report_stale(request: Request, current: dict[Path, Stamp],
                  outcomes: dict[Path, Outcome]) -> int:
    """Print every output file that differs from a fresh build; return 1 if any, else 0.
    Files of schemes whose stamp is current are up to date by their stamp. With `whole`
    (every scheme, every document), files under the output folder that no scheme produces
    are reported as left over too."""
    out_dir = request.out_dir
    produced = {out_dir / o.folder / name: data for o in outcomes.values()
                if o.ok and o.folder is not None for name, data in o.files.items()}
    fresh = {out_dir / s.folder / name for s in current.values() for name in s.files}
    problems = []
    for path, data in sorted(produced.items()):
        if not path.is_file():
            problems.append(f"missing: {display_path(path, request.cwd)}")
        elif not _same_file(path.name, path.read_bytes(), data):
            problems.append(f"stale: {display_path(path, request.cwd)}")
    if request.whole and out_dir.is_dir():
        expected = set(produced) | fresh | {stamps.stamps_path(out_dir)}
        problems += [f"left over: {display_path(path, request.cwd)}"
                     for path in sorted(out_dir.rglob("*"))
                     if path.is_file() and path not in expected and path.suffix != ".pdf"]
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} output files out of date: run `s75 build` and commit "
              f"{display_path(out_dir, request.cwd)}/")
        return EXIT_INVALID
    print(f"{len(produced) + len(fresh)} output files are up to date")
    return EXIT_OK


@dataclass(frozen=True)
class CheckRequest:
    """What `s75 check` was asked to do; `cache` is the folder its stamps are kept in (None:
    every scheme is checked afresh and nothing is written)."""

    schemes: list[Path]
    strict: bool = False
    cache: Path | None = None
    cwd: Path = Path(".")


def run_check(request: CheckRequest, settings: Settings, report: Report) -> int:
    """Check the schemes of `request`, printing every diagnostic and the summary; return the
    exit status. A scheme whose stamp shows nothing it depends on has changed is not checked
    again: the diagnostics its last check found are reported."""
    root = settings.project_root
    folders = library_folders(root)
    options = {"command": "check", "notes": settings.notes, "base": settings.display_base,
               "root": root}
    shared = stamps.shared_inputs((folders.clauses, folders.templates, folders.overrides),
                                  options)
    known = stamps.read_stamps(request.cache) if request.cache else {}
    current = {path: stamp for path in request.schemes
               if (stamp := known.get(stamps.key(path, "check"))) is not None
               and stamps.is_current(stamp, shared, root, whole_folder=False)}
    found: dict[Path, tuple[list[Diagnostic], int]] = {
        path: (stamp.diagnostics, stamp.acknowledged) for path, stamp in current.items()}
    new: dict[str, Stamp] = {}
    stale = [path for path in request.schemes if path not in current]
    if stale:
        from generator.pipeline import load_project_library, process

        library, problems = load_project_library(root, settings.display_base)
        report.extend(problems)
        for path in stale:
            with doing(f"checking {display_path(path, request.cwd)}"):
                result = process(path, library, settings, library_ok=not problems)
            found[path] = (result.diagnostics, len(result.acknowledged))
            if result.scheme is not None and not problems:
                chain = [os.path.abspath(request.cwd / layer) for layer in result.scheme.layers]
                new[stamps.key(path, "check")] = Stamp(
                    stamps.scheme_inputs(shared, (Path(p) for p in chain)), chain,
                    result.scheme.id, {}, result.diagnostics, len(result.acknowledged))
    acknowledged = 0
    for path in request.schemes:
        diagnostics, accepted = found[path]
        report.extend(_strict(diagnostics) if request.strict else diagnostics)
        acknowledged += accepted
    for diagnostic in report.sorted():
        print(diagnostic.format())
    print(summary(report, len(request.schemes), acknowledged))
    if request.cache is not None and new:
        stamps.write_stamps(request.cache, {**known, **new})
    return EXIT_INVALID if report.has_errors() else EXIT_OK


def _strict(found: list[Diagnostic]) -> list[Diagnostic]:
    """Return the diagnostics with every warning made an error (`check --strict`)."""
    return [Diagnostic(d.loc, "error", d.code, d.message) if d.severity == "warning" else d
            for d in found]
