"""Each figure of the benchmark: what it measures, against what baseline, and its goal."""

from __future__ import annotations

import datetime
import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks import baselines
from benchmarks.measure import median, s75, timed
from benchmarks.workspace import ROOT, Shape, make_workspace

SOUTHAMPTON = "schemes/southampton-bcf-2017.yaml"


@dataclass(frozen=True)
class Figure:
    """One printed line: the measurement, its baseline, the ratio and the goal."""

    name: str
    value: str
    baseline: str
    ratio: float | None
    goal: str
    met: bool | None

    def line(self) -> str:
        """Return the figure as one line of the table."""
        ratio = "—" if self.ratio is None else f"{self.ratio:.2f}×"
        met = {True: "met", False: "NOT MET", None: "—"}[self.met]
        return (f"{self.name:<46} {self.value:>14} {self.baseline:>22} {ratio:>8} "
                f"{self.goal:>12} {met:>8}")


HEADER = (f"{'figure':<46} {'value':>14} {'baseline':>22} {'ratio':>8} {'goal':>12} "
          f"{'status':>8}")


@dataclass
class Bench:
    """The settings of one benchmark run and the folders it works in."""

    repeats: int
    shape: Shape
    batch: int  # leaf schemes in the batch, --jobs and memory figures
    work: Path

    def fresh(self, name: str) -> Path:
        """Return a new empty folder under the work folder."""
        return Path(tempfile.mkdtemp(prefix=name + "-", dir=self.work))


def drafts_of(out: Path) -> list[Path]:
    """Return every Word draft under `out`."""
    return sorted(out.rglob("*.docx"))


def per_draft(bench: Bench) -> Iterator[Figure]:
    """Per-draft CPU in a batch of the examples, against pandoc on each draft's twin."""
    ours, theirs, count = [], [], 0
    for _ in range(bench.repeats):
        out = bench.fresh("batch")
        result = s75(["build", "--out", str(out)], ROOT)
        count = len(drafts_of(out))
        ours.append(result.cpu / max(count, 1))
        if baselines.pandoc_available():
            runs = [baselines.pandoc_to_docx(d.with_suffix(".md"), bench.fresh("pd") / "p.docx")
                    for d in drafts_of(out)]
            theirs.append(sum(r.cpu for r in runs) / max(len(runs), 1))
    value, base = median(ours), median(theirs)
    yield _against(f"per draft in a batch ({count} examples, CPU)", value, base,
                   "pandoc md→docx", 1 / 3, "≤ 0.33×")


def cold_single(bench: Bench) -> Iterator[Figure]:
    """A cold CLI build of one draft, against a cold pandoc run on its twin."""
    ours, theirs = [], []
    for _ in range(bench.repeats):
        out = bench.fresh("single")
        ours.append(s75(["build", SOUTHAMPTON, "--out", str(out)], ROOT).cpu)
        if baselines.pandoc_available():
            twin = out / "southampton-bcf-2017" / "section75-agreement.md"
            theirs.append(baselines.pandoc_to_docx(twin, bench.fresh("pd") / "p.docx").cpu)
    yield _against("cold CLI build of one draft (CPU)", median(ours), median(theirs),
                   "pandoc md→docx", None, "(none)")


def in_process(bench: Bench) -> Iterator[Figure]:
    """One Southampton agreement built in-process, against a bare docxtpl render and save of
    the same paragraphs."""
    from generator.pipeline import Settings, load_project_library, process

    settings = Settings(ROOT, datetime.datetime(2017, 7, 14), ROOT)
    library, _ = load_project_library(ROOT, ROOT)
    path = ROOT / SOUTHAMPTON
    out = bench.fresh("inproc")
    s75(["build", SOUTHAMPTON, "--out", str(out)], ROOT)
    paragraphs = baselines.paragraphs_of(out / "southampton-bcf-2017" /
                                         "section75-agreement.docx")
    template = baselines.plain_template(out / "plain.docx")
    ours, theirs = [], []
    for _ in range(bench.repeats):
        ours.append(timed(lambda: process(path, library, settings, write=True)))
        theirs.append(timed(lambda: baselines.docxtpl_render(template, paragraphs)))
    yield _against(f"one agreement in-process ({len(paragraphs)} paragraphs)", median(ours),
                   median(theirs), "bare docxtpl render", 2.0, "≤ 2×")


def no_change(bench: Bench) -> Iterator[Figure]:
    """A rebuild of the examples with nothing changed: files rewritten and wall time."""
    out = bench.fresh("rebuild")
    s75(["build", "--out", str(out)], ROOT)
    times, rewritten = [], 0
    for _ in range(bench.repeats):
        before = _stamps(out)
        times.append(s75(["build", "--out", str(out)], ROOT).cpu)
        after = _stamps(out)
        rewritten = sum(1 for path, stamp in after.items() if before.get(path) != stamp)
    value = median(times)
    yield Figure(f"no-change rebuild of the examples ({len(_stamps(out))} files, CPU)",
                 f"{value:.2f} s", "", value / 0.5, "≤ 0.5 s", value <= 0.5)
    yield Figure("  files rewritten by it", str(rewritten), "", None, "0", rewritten == 0)


def _stamps(out: Path) -> dict[Path, tuple[int, int]]:
    """Return each file's inode and modification time under `out` (the stamps file too)."""
    return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}


def textconv(bench: Bench) -> Iterator[Figure]:
    """`s75 textconv` of the largest draft, against pandoc's docx→plain of the same file."""
    document = ROOT / "output" / "southampton-bcf-2017" / "section75-agreement.docx"
    ours, theirs = [], []
    for _ in range(bench.repeats):
        ours.append(s75(["textconv", str(document)], ROOT).cpu)
        if baselines.pandoc_available():
            theirs.append(baselines.pandoc_to_plain(document).cpu)
    yield _against("s75 textconv of the largest draft (CPU)", median(ours), median(theirs),
                   "pandoc docx→plain", 0.2, "≤ 0.2×")
    helps = [s75(["--help"], ROOT).cpu for _ in range(bench.repeats)]
    yield Figure("s75 --help (CPU)", f"{median(helps):.3f} s", "", None, "(none)", None)


def synthetic(bench: Bench) -> Iterator[Figure]:
    """The figures of the synthetic workspace: check, --jobs, memory and growth."""
    root = bench.work / "workspace"
    leaves = make_workspace(root, bench.shape)
    schemes = len(list((root / "schemes").glob("*.yaml")))
    cold = [s75(["check"], root, extra={"S75_NO_CACHE": "1"}).cpu
            for _ in range(max(1, bench.repeats // 2))]
    value = median(cold)
    yield Figure(f"s75 check of the workspace ({schemes} schemes, CPU)", f"{value:.2f} s",
                 "", value / 2.0, "< 2 s", value < 2.0)
    s75(["check"], root)  # fills the workspace's cache
    again = median([s75(["check"], root).cpu for _ in range(bench.repeats)])
    yield Figure("  s75 check again, nothing changed (its cache)", f"{again:.2f} s",
                 f"uncached {value:.2f} s", again / 2.0, "< 2 s", again < 2.0)
    yield from _jobs(bench, root, leaves[: bench.batch])
    yield from _memory(bench, root, leaves)
    yield from _growth(bench, leaves[0])


def _jobs(bench: Bench, root: Path, leaves: list[Path]) -> Iterator[Figure]:
    """`build --jobs 2` against `--jobs 1` on leaf schemes of the workspace."""
    names = [str(p) for p in leaves]
    if "--jobs" not in _help(root):
        yield Figure(f"--jobs 2 against --jobs 1 ({len(leaves)} schemes)", "n/a", "", None,
                     "≥ 1.7×", False)
        return
    serial, parallel = [], []
    identical = True
    for _ in range(max(1, bench.repeats // 2)):
        one, two = bench.fresh("jobs1"), bench.fresh("jobs2")
        serial.append(s75(["build", *names, "--out", str(one), "--jobs", "1"], root).wall)
        parallel.append(s75(["build", *names, "--out", str(two), "--jobs", "2"], root).wall)
        identical &= _same_files(one, two)
    speedup = median(serial) / median(parallel) if parallel else 0.0
    yield Figure(f"--jobs 2 against --jobs 1 ({len(leaves)} schemes, wall)",
                 f"{median(parallel):.2f} s", f"--jobs 1 {median(serial):.2f} s", speedup,
                 "≥ 1.7×", speedup >= 1.7 and identical)
    yield Figure("  output of --jobs 2 byte-identical to --jobs 1", str(identical).lower(), "",
                 None, "true", identical)
    ceiling = median([_spin_speedup() for _ in range(max(1, bench.repeats // 2))])
    yield Figure("  the machine's own ceiling (two busy loops)", "", "", ceiling, "(none)", None)


def _spin(count: int) -> int:
    """Return a sum worked out the slow way: pure CPU work for the ceiling figure."""
    total = 0
    for number in range(count):
        total += number
    return total


def _spin_speedup(count: int = 20_000_000) -> float:
    """Return how much faster two processes do two equal pieces of pure CPU work than one
    process does both: the most any `--jobs 2` can gain on this machine now."""
    import multiprocessing

    start = time.perf_counter()
    _spin(count)
    _spin(count)
    serial = time.perf_counter() - start
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_spin, [count, count])
    return serial / (time.perf_counter() - start)


def _help(root: Path) -> str:
    """Return the help text of `s75 build`."""
    out = Path(tempfile.mkstemp(dir=root)[1])
    s75(["build", "--help"], root, output=out)
    text = out.read_text(encoding="utf-8")
    out.unlink()
    return text


def _same_files(one: Path, two: Path) -> bool:
    """Return True when two folders hold the same files with the same bytes."""
    first = {p.relative_to(one): p.read_bytes() for p in one.rglob("*") if p.is_file()}
    second = {p.relative_to(two): p.read_bytes() for p in two.rglob("*") if p.is_file()}
    return first == second


def _memory(bench: Bench, root: Path, leaves: list[Path]) -> Iterator[Figure]:
    """Peak memory of a serial batch build, for a batch and one twice its size."""
    small, large = leaves[: bench.batch // 2], leaves[: bench.batch]
    peaks = []
    for chosen in (small, large):
        out = bench.fresh("memory")
        serial = ["--jobs", "1"] if "--jobs" in _help(root) else []
        peaks.append(s75(["build", *map(str, chosen), "--out", str(out), *serial], root).peak_mb)
    growth = peaks[1] / peaks[0] if peaks[0] else 0.0
    yield Figure(f"batch peak memory ({len(large)} schemes)", f"{peaks[1]:.0f} MB", "", None,
                 "< 300 MB", peaks[1] < 300)
    yield Figure(f"  growth of peak memory {len(small)} → {len(large)} schemes",
                 f"{peaks[0]:.0f} → {peaks[1]:.0f}", "", growth, "≤ 1.10×", growth <= 1.10)


def _growth(bench: Bench, leaf: Path) -> Iterator[Figure]:
    """In-process build of the `bench` document with 40 clauses against 400."""
    times = []
    for size in (40, bench.shape.document):
        root = bench.work / f"growth-{size}"
        make_workspace(root, Shape(bench.shape.library, size, 1, 1))
        times.append(_build_bench(root, bench.repeats))
    ratio = times[1] / times[0] if times[0] else 0.0
    yield Figure(f"growth 40 → {bench.shape.document} clauses (in-process)",
                 f"{times[0]:.2f} → {times[1]:.2f} s", "", ratio, "≤ 11×", ratio <= 11)


def _build_bench(root: Path, repeats: int) -> float:
    """Return the median CPU seconds of building the `bench` document of the workspace's
    first leaf in-process."""
    from generator.pipeline import Settings, load_project_library, process

    settings = Settings(root, datetime.datetime(2017, 7, 14), root)
    library, _ = load_project_library(root, root)
    path = root / "schemes" / "leaf-01-01.yaml"
    return median([timed(lambda: process(path, library, settings, "bench", write=True))
                   for _ in range(repeats)])


def _against(name: str, value: float, base: float, what: str, goal: float | None,
             shown: str) -> Figure:
    """Return a figure of `value` seconds against a baseline of `base` seconds (0: none)."""
    if not base:
        return Figure(name, f"{value:.3f} s", f"{what}: not installed", None, shown, None)
    ratio = value / base
    return Figure(name, f"{value:.3f} s", f"{what} {base:.3f} s", ratio, shown,
                  None if goal is None else ratio <= goal)


FIGURES = (per_draft, cold_single, in_process, no_change, textconv, synthetic)


def environment() -> str:
    """Return one line naming the machine the figures were taken on."""
    pandoc = "found" if baselines.pandoc_available() else "missing"
    return f"{os.cpu_count()} cores, pandoc {pandoc}"
