"""`make bench` (or `python -m benchmarks`): print every figure beside its baseline and goal.

BENCH_QUICK=1 runs a smaller workspace with fewer repeats; BENCH_REPEATS=N sets the repeats."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from benchmarks.figures import FIGURES, HEADER, Bench, environment
from benchmarks.workspace import Shape


def settings(work: Path) -> Bench:
    """Return the benchmark's settings from the environment."""
    quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    repeats = int(os.environ.get("BENCH_REPEATS", "2" if quick else "5"))
    shape = Shape(mids=4, leaves=4) if quick else Shape()
    return Bench(repeats, shape, 4 if quick else 8, work)


def main() -> int:
    """Print the table of figures; return 1 if a figure could not be taken, else 0."""
    with tempfile.TemporaryDirectory(prefix="s75-bench-") as folder:
        bench = settings(Path(folder))
        print(f"s75 benchmark: {environment()}, medians of {bench.repeats} interleaved runs")
        print(HEADER)
        for figure in FIGURES:
            for line in figure(bench):
                print(line.line(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
