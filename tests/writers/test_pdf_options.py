"""`build --pdf` where LibreOffice cannot run: a one-line error naming what to install, and
nothing written; `--pdf` with `--check` refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def s75(*args: str, path: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": path}
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=ROOT, env=env,
                          text=True, capture_output=True, timeout=300)


def test_pdf_without_libreoffice_names_the_package_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = s75("build", "schemes/city-of-london.yaml", "--pdf", "--out", str(out),
               path=str(tmp_path))
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert "LibreOffice is needed" in line and "libreoffice-writer" in line
    assert not out.exists()


def test_pdf_and_check_cannot_be_combined(tmp_path: Path) -> None:
    done = s75("build", "--pdf", "--check", path=os.environ["PATH"])
    assert done.returncode == 2
    assert "--pdf and --check cannot be combined" in done.stderr
