"""Print how long the main commands take and how much memory they use on the example schemes.

Run with `.venv/bin/python tools/benchmark.py`; it writes nothing in the project."""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
S75 = Path(sys.executable).parent / "s75"
LARGEST = ROOT / "output" / "southampton-bcf-2017" / "section75-agreement.docx"
OLDER = ROOT / "output" / "staffordshire-older-people" / "section75-agreement.docx"
MENTAL = ROOT / "output" / "staffordshire-mental-health" / "section75-agreement.docx"


def measure(label: str, args: list[str]) -> None:
    """Run `s75 ARGS` once and print its wall time and the peak memory of child processes."""
    start = time.perf_counter()
    subprocess.run([str(S75), *args], cwd=ROOT, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{label:<44} {seconds:7.2f} s   peak so far {peak_mib:6.0f} MiB")


def main() -> None:
    """Print one line per measured command."""
    schemes = len(list((ROOT / "schemes").rglob("*.yaml")))
    print(f"{schemes} schemes, largest draft {LARGEST.stat().st_size // 1024} KiB")
    with tempfile.TemporaryDirectory() as folder:
        measure("s75 check (all schemes)", ["check"])
        measure("s75 build (all schemes, all documents)", ["build", "--out", folder])
        measure("s75 build --check", ["build", "--check"])
        measure("s75 textconv (largest draft)", ["textconv", str(LARGEST)])
        measure("s75 diff (two topic agreements, .docx)", ["diff", str(OLDER), str(MENTAL)])
        measure("s75 diff scheme --from HEAD",
                ["diff", "schemes/staffordshire/older-people.yaml", "--from", "HEAD"])
        measure("s75 redline (two topic agreements)",
                ["redline", str(OLDER), str(MENTAL), "-o", f"{folder}/redline.docx"])


if __name__ == "__main__":
    main()
