"""A build stopped by SIGINT or SIGTERM at any moment leaves every scheme's folder wholly as it
was before or wholly as the new build makes it, and no staging files behind."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

TRIALS = 50 if os.environ.get("S75_LONG") else 4
# The CLI, with SIGINT taken back from a shell that started the tests in the background.
CHILD = ("import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
         "from generator.cli import main; sys.exit(main(sys.argv[1:]))")
SCHEMES = [ROOT / "schemes" / "southampton-bcf-2017.yaml", ROOT / "schemes" / "croydon-icu.yaml"]


def build(out: Path, epoch: str) -> subprocess.Popen:
    """Start a build of the schemes into `out`, stamping documents with `epoch`."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "S75_ROOT": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", CHILD, "build", *map(str, SCHEMES),
                             "--out", str(out)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def finish(process: subprocess.Popen) -> tuple[int, str]:
    """Return the exit status of a build and what it printed on stderr, once it has ended."""
    _, err = process.communicate(timeout=120)
    return process.returncode, err.decode("utf-8", "replace")


def snapshot(out: Path) -> dict[str, dict[str, str]]:
    """Return {folder: {file: sha256}} for every folder under `out`, hidden ones included."""
    return {folder.name: {f.name: hashlib.sha256(f.read_bytes()).hexdigest()
                          for f in sorted(folder.iterdir())}
            for folder in sorted(out.iterdir()) if folder.is_dir()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[dict, dict]:
    """Return the snapshots of a complete build stamped 2001 and one stamped 2002."""
    sets = []
    for epoch in ("978307200", "1009843200"):
        out = tmp_path_factory.mktemp("complete")
        assert finish(build(out, epoch))[0] == 0
        sets.append(snapshot(out))
    assert sets[0] != sets[1]
    return sets[0], sets[1]


@pytest.mark.parametrize("trial", range(TRIALS))
def test_a_stopped_build_leaves_whole_folders(trial, two_builds, tmp_path):
    old, new = two_builds
    out = tmp_path / "out"
    out.mkdir()
    assert finish(build(out, "978307200"))[0] == 0
    sent = random.Random(trial).choice([signal.SIGINT, signal.SIGTERM])
    process = build(out, "1009843200")
    time.sleep(random.Random(trial).uniform(0.5, 4.0))
    process.send_signal(sent)
    status, stderr = finish(process)
    assert "internal error" not in stderr and "Traceback" not in stderr.replace(
        "KeyboardInterrupt", ""), stderr
    assert status in (0, 2, -sent, 128 + sent), (status, stderr)
    found = snapshot(out)
    assert sorted(found) == sorted(old), f"hidden or missing folders: {sorted(found)}"
    for folder, files in found.items():
        assert files in (old[folder], new[folder]), f"{folder} mixes old and new drafts"
