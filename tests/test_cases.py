"""Golden cases: each folder under tests/cases/ holds a scheme and what `s75` must print and
write for it. `s75 check` must print exactly `expected-diagnostics.txt`; a scheme that passes
must then build exactly the Markdown files under `expected/`. Run `pytest --accept` to rewrite
the expectations from the actual output after a deliberate change (tests/cases/README.md)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from conftest import ROOT

from generator.cli import main

CASES = ROOT / "tests" / "cases"
DIAGNOSTICS = "expected-diagnostics.txt"
EXPECTED = "expected"
DIFF_LINES = 200  # the most lines of diff shown for one file


def case_names() -> list[str]:
    """Return the name of every case folder."""
    return sorted(path.name for path in CASES.iterdir() if path.is_dir())


def run(capsys, *args: str | Path) -> tuple[int, str]:
    """Run `s75` in-process; return its exit status and what it printed on stdout."""
    status = main([str(a) for a in args])
    captured = capsys.readouterr()
    assert status in (0, 1), f"s75 {' '.join(map(str, args))} failed: {captured.err}"
    return status, captured.out


def actual_outputs(capsys, name: str, out_dir: Path) -> dict[str, str]:
    """Return {path within the case folder: text} for everything the case is checked against."""
    scheme = (CASES / name / "scheme.yaml").relative_to(ROOT)
    status, printed = run(capsys, "check", scheme)
    outputs = {DIAGNOSTICS: printed}
    if status == 0:
        built_status, built = run(capsys, "build", scheme, "--out", out_dir)
        assert built_status == 0, built
        folders = [path for path in out_dir.iterdir() if path.is_dir()]
        assert len(folders) == 1, folders
        for markdown in sorted(folders[0].glob("*.md")):
            outputs[f"{EXPECTED}/{markdown.name}"] = markdown.read_text(encoding="utf-8")
    return outputs


def expected_outputs(folder: Path) -> dict[str, str]:
    """Return {path within the case folder: text} of the expectations on disk."""
    files = [folder / DIAGNOSTICS] if (folder / DIAGNOSTICS).is_file() else []
    files += sorted((folder / EXPECTED).glob("*.md"))
    return {path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
            for path in files}


def accept(folder: Path, actual: dict[str, str]) -> None:
    """Make the expectations on disk exactly the actual outputs."""
    for name in expected_outputs(folder).keys() - actual.keys():
        (folder / name).unlink()
    for name, text in actual.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    expected = folder / EXPECTED
    if expected.is_dir() and not any(expected.iterdir()):
        expected.rmdir()


def difference(label: str, expected: str, actual: str) -> str:
    """Return a unified diff of one file, cut short when it is long."""
    lines = list(difflib.unified_diff(expected.splitlines(keepends=True),
                                      actual.splitlines(keepends=True),
                                      fromfile=f"{label} (expected)",
                                      tofile=f"{label} (actual)"))
    shown = [line if line.endswith("\n") else line + "\n" for line in lines[:DIFF_LINES]]
    if len(lines) > DIFF_LINES:
        shown.append(f"... {len(lines) - DIFF_LINES} more lines of diff\n")
    return "".join(shown)


def test_every_case_folder_has_a_scheme():
    assert len(case_names()) >= 12
    assert [name for name in case_names() if not (CASES / name / "scheme.yaml").is_file()] == []


@pytest.mark.parametrize("name", case_names())
def test_case(name, capsys, tmp_path, request):
    folder = CASES / name
    actual = actual_outputs(capsys, name, tmp_path)
    if request.config.getoption("accept"):
        accept(folder, actual)
        return
    expected = expected_outputs(folder)
    problems = []
    for file in sorted(expected.keys() | actual.keys()):
        label = f"tests/cases/{name}/{file}"
        if file not in actual:
            problems.append(f"{label}: expected, but not produced any more\n")
        elif file not in expected:
            problems.append(f"{label}: produced, but there is no expectation for it\n")
        elif expected[file] != actual[file]:
            problems.append(difference(label, expected[file], actual[file]))
    if problems:
        pytest.fail("".join(problems) + "If the new output is right, accept it with "
                    f"`pytest 'tests/test_cases.py::test_case[{name}]' --accept`", pytrace=False)
