"""Commands load only what they use: `s75 --help` and `s75 textconv` (which git runs once per
file) import none of the libraries that building drafts needs, and a build with nothing to
build imports no pipeline."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

HEAVY = ("docx", "docxtpl", "jinja2", "ruamel.yaml", "cerberus", "pypdf",
         "generator.pipeline", "generator.writers.docx", "generator.load.library")

PROBE = """\
import contextlib, io, json, sys
from generator.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        status = main(sys.argv[2:])
    except SystemExit as stop:
        status = stop.code
print(json.dumps({"status": status, "out": out.getvalue(),
                  "loaded": [m for m in json.loads(sys.argv[1]) if m in sys.modules]}))
"""


def loaded_by(*args: str) -> dict:
    """Return the exit status, output and heavy modules loaded of `s75 ARGS` run in a fresh
    interpreter."""
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(HEAVY), *args], cwd=ROOT,
                          capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(ROOT), "S75_ROOT": str(ROOT),
                               "PATH": "/usr/bin:/bin"})
    return json.loads(done.stdout)


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["codes"]])
def test_help_and_the_table_of_codes_load_no_drafting_library(args):
    found = loaded_by(*args)
    assert found["status"] == 0
    assert found["out"]
    assert found["loaded"] == []


def test_textconv_loads_no_drafting_library():
    draft = ROOT / "output" / "city-of-london" / "section75-agreement.docx"
    found = loaded_by("textconv", str(draft))
    assert found["status"] == 0
    assert "Governing Law" in found["out"]
    assert found["loaded"] == []


def test_a_build_with_nothing_to_build_loads_no_pipeline(tmp_path):
    out = tmp_path / "out"
    scheme = str(ROOT / "schemes" / "city-of-london.yaml")
    first = loaded_by("build", scheme, "--out", str(out), "--jobs", "1")
    assert first["status"] == 0
    assert "generator.pipeline" in first["loaded"]
    again = loaded_by("build", scheme, "--out", str(out), "--jobs", "1")
    assert again["status"] == 0
    assert "drafts: 0 built, 1 unchanged, 0 failed" in again["out"]
    assert again["loaded"] == []
