"""Shared fixtures: the real project library, scheme files written inline, the CLI in-process.

Option: `--accept` rewrites the golden cases' expectations (tests/cases/README.md)."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import load_project_library

ROOT = Path(__file__).resolve().parent.parent
SOUTHAMPTON = ROOT / "schemes" / "southampton-bcf-2017.yaml"


def pytest_addoption(parser):
    parser.addoption("--accept", action="store_true",
                     help="rewrite the expected files of the golden cases under tests/cases/ "
                          "from the actual output instead of failing")


@pytest.fixture(autouse=True)
def project_root(monkeypatch):
    """Run every test against this project's clause library and templates."""
    monkeypatch.setenv("S75_ROOT", str(ROOT))
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="session")
def library():
    """Return the real clause library, which must load without problems."""
    lib, problems = load_project_library(ROOT)
    assert [p.format() for p in problems] == []
    return lib


@pytest.fixture
def scheme_file(tmp_path):
    """Return a function writing a scheme file (dedented) and returning its path."""
    def write(text: str, name: str = "scheme.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path
    return write


@pytest.fixture
def cli(capsys):
    """Return a function running `s75` in-process: (exit status, stdout lines)."""
    def run(*args: str) -> tuple[int, list[str]]:
        status = main([str(a) for a in args])
        out = capsys.readouterr().out
        return status, out.splitlines()
    return run


def extending(body: str) -> str:
    """Return a scheme that extends the Southampton example with `body` (dedented) added."""
    return f"extends: {SOUTHAMPTON}\n{textwrap.dedent(body).lstrip()}"


def shown(path: Path) -> str:
    """Return a path as diagnostics print it."""
    try:
        return str(path.resolve().relative_to(Path(os.getcwd()).resolve()))
    except ValueError:
        return str(path)
