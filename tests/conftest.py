"""Shared fixtures: the real project library, scheme files written inline, the CLI in-process.

Options: `--accept` rewrites the golden cases' expectations (tests/cases/README.md);
`--libreoffice` (or S75_LIBREOFFICE=1) runs the slow tests marked `libreoffice`, and `--browser`
(or S75_BROWSER=1) the tests marked `browser`, which drive the installed Chromium; both are
skipped otherwise."""

from __future__ import annotations

import importlib.util
import os
import shutil
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
    parser.addoption("--libreoffice", action="store_true",
                     help="run the slow tests marked `libreoffice`, which need LibreOffice "
                          "(soffice); the same as S75_LIBREOFFICE=1")
    parser.addoption("--browser", action="store_true",
                     help="run the tests marked `browser`, which drive the installed Chromium "
                          "with Playwright; the same as S75_BROWSER=1")


def libreoffice_wanted(config) -> bool:
    """Return whether the tests marked `libreoffice` are to run."""
    return wanted(config, "libreoffice")


def wanted(config, marker: str) -> bool:
    """Return whether the tests with this marker (`libreoffice`, `browser`) are to run: asked for
    by the option of that name or the environment variable S75_<MARKER>."""
    return bool(config.getoption(marker)) or (
        os.environ.get(f"S75_{marker.upper()}", "").strip().lower() in ("1", "true", "yes"))


SKIPPED = {
    "libreoffice": "runs LibreOffice (slow): run with `pytest --libreoffice`, S75_LIBREOFFICE=1 "
                   "or `make test`",
    "browser": "drives Chromium: run with `pytest --browser`, S75_BROWSER=1 or `make test`",
}


def pytest_collection_modifyitems(config, items):
    for marker, reason in SKIPPED.items():
        if wanted(config, marker):
            continue
        skip = pytest.mark.skip(reason=reason)
        for item in items:
            if item.get_closest_marker(marker):
                item.add_marker(skip)


def pytest_runtest_setup(item):
    if item.get_closest_marker("browser") and wanted(item.config, "browser"):
        missing = [name for name, found in (
            ("chromium", shutil.which("chromium") or shutil.which("chromium-browser")),
            ("playwright", importlib.util.find_spec("playwright"))) if not found]
        if missing:
            pytest.fail(f"the browser tests were asked for (--browser or S75_BROWSER=1) but "
                        f"{' and '.join(missing)} is not installed: `make test` installs both "
                        "(Debian's chromium package, and playwright from the dev extras), or "
                        "leave the option out", pytrace=False)
    if (item.get_closest_marker("libreoffice") and libreoffice_wanted(item.config)
            and shutil.which("soffice") is None):
        pytest.fail("the LibreOffice tests were asked for (--libreoffice or S75_LIBREOFFICE=1) "
                    "but `soffice` is not on PATH: install LibreOffice (on Debian or Ubuntu, "
                    "`apt-get install libreoffice-writer`, as .ci/run does) or leave the option "
                    "out", pytrace=False)


@pytest.fixture(autouse=True)
def project_root(monkeypatch):
    """Run every test against this project's clause library and templates, with no cache of
    earlier checks (a test that changes the code in-process must see its change)."""
    monkeypatch.setenv("S75_ROOT", str(ROOT))
    monkeypatch.setenv("S75_NO_CACHE", "1")
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
