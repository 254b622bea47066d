"""Running and timing: child processes with their own CPU time, wall time and peak memory,
and the median of repeated measurements."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PYTHON = sys.executable


@dataclass(frozen=True)
class Run:
    """One finished child process: its exit status, wall and CPU seconds, peak memory."""

    status: int
    wall: float
    cpu: float
    peak_mb: float


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None,
        output: Path | None = None) -> Run:
    """Run `args` in `cwd` (its standard output to `output`, else discarded) and return how
    long it took and how much memory it used at most."""
    full_env = {**os.environ, **(env or {})}
    with open(output or os.devnull, "wb") as sink:
        start = time.perf_counter()
        child = subprocess.Popen(args, cwd=cwd, env=full_env, stdout=sink,
                                 stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return Run(child.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def s75(args: list[str], root: Path, output: Path | None = None,
        extra: dict[str, str] | None = None) -> Run:
    """Run `s75 ARGS` from `root` as its project root, the code of this checkout (with the
    `extra` environment variables)."""
    env = {"S75_ROOT": str(root), "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
           "SOURCE_DATE_EPOCH": "1500000000", "CI": "1", **(extra or {})}
    return run([PYTHON, "-m", "generator.cli", *args], root, env, output)


def timed(action: Callable[[], object]) -> float:
    """Return the CPU seconds `action` took in this process."""
    start = time.process_time()
    action()
    return time.process_time() - start


def median(values: list[float]) -> float:
    """Return the median of `values` (0 for none)."""
    return statistics.median(values) if values else 0.0
