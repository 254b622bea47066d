"""Hostile input: each scheme under tests/hostile/ attacks the tool one way (its header comment
says how), and `s75 check` must answer it with located one-line diagnostics and a summary,
never an internal error, a traceback or a hang.

For every case `<name>.yaml`, `<name>.expected` holds exactly what
`s75 check tests/hostile/<name>.yaml` prints on stdout, run from the project root; rewrite the
expectations from the actual output with `pytest tests/test_hostile.py --accept` (then read the
diff: a wrong message must not be accepted as right). The header comment may say:

- `# expect: pass` - the scheme must check (exit status 0) and build; every other case must
  fail with exit status 1;
- `# prints: TEXT` - TEXT (template syntax, markup) must appear literally in a built draft.

Files whose names start with `_` are helpers that cases extend, not cases. A case that
extends an example scheme gives its own `id: hostile-<name>`, so building it never replaces the
example's drafts. The library is loaded once for the whole run (it is the same for every case).
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import re
import signal
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import ROOT, SOUTHAMPTON

import generator.cli
import generator.pipeline
from generator.cli import main
from generator.codes import CODES

HOSTILE = ROOT / "tests" / "hostile"
TIME_LIMIT = 60  # seconds one command may run before it counts as a hang
DIFF_LINES = 80

DIAGNOSTIC = re.compile(r"(?P<path>[^\s].*?):(?P<line>[1-9][0-9]*):(?P<col>[1-9][0-9]*): "
                        r"(?P<severity>error|warning)\[(?P<code>[a-z0-9-]+)\]: (?P<message>\S.*)")
SUMMARY = re.compile(r"(?P<files>[0-9]+) files? checked: (?P<errors>[0-9]+) errors?, "
                     r"(?P<warnings>[0-9]+) warnings?( \([0-9]+ more acknowledged\))?")
WROTE = re.compile(r"wrote \S.*|drafts: [0-9]+ built, [0-9]+ unchanged, [0-9]+ failed")


def case_names() -> list[str]:
    """Return the name of every case (helpers, named `_...`, left out)."""
    return sorted(path.stem for path in HOSTILE.glob("*.yaml") if not path.name.startswith("_"))


def header(name: str) -> list[str]:
    """Return the lines of the case's leading comment, without the `# `."""
    text = (HOSTILE / f"{name}.yaml").read_bytes().decode("utf-8", "replace").lstrip("\ufeff")
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].strip())
    return lines


def must_pass(name: str) -> bool:
    """Return whether the case's header says the scheme must pass."""
    return "expect: pass" in header(name)


def literals(name: str) -> list[str]:
    """Return the texts the case's header says a built draft must show literally."""
    return [line[len("prints: "):] for line in header(name) if line.startswith("prints: ")]


class Hang(BaseException):
    """A command ran past TIME_LIMIT (a BaseException, so the CLI cannot report it as its own
    internal error)."""


@contextlib.contextmanager
def time_limit(seconds: int, what: str):
    """Run the block, raising Hang if it takes longer than `seconds`."""
    def expired(_signum, _frame):
        raise Hang(f"`{what}` ran for more than {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module", autouse=True)
def library_loaded_once():
    """Load the clause library once for the module: every case uses the same one."""
    original = generator.pipeline.load_project_library
    generator.pipeline.load_project_library = functools.lru_cache(maxsize=4)(original)
    yield
    generator.pipeline.load_project_library = original


def run(capsys, *args: str | Path) -> tuple[int, str, str]:
    """Run `s75` in-process; return its exit status, stdout and stderr."""
    command = " ".join(["s75", *map(str, args)])
    with time_limit(TIME_LIMIT, command):
        status = main([str(a) for a in args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def format_problems(out: str, building: bool = False) -> list[str]:
    """Return what is wrong with the shape of the output: every line but the summary must be
    one diagnostic with a known code (or, when building, a `wrote` line), the summary must come
    last and count the errors and warnings printed."""
    lines = out.splitlines()
    if not lines or not SUMMARY.fullmatch(lines[-1]):
        return [f"the last line is not the summary: {lines[-1:]!r}"]
    problems = []
    counted = {"error": 0, "warning": 0}
    for line in lines[:-1]:
        found = DIAGNOSTIC.fullmatch(line)
        if found is None:
            if not (building and WROTE.fullmatch(line)):
                problems.append(f"not a one-line diagnostic: {line[:300]!r}")
            continue
        code = CODES.get(found["code"])
        if code is None or code.severity != found["severity"]:
            problems.append(f"unknown code or wrong severity: {line[:300]!r}")
        counted[found["severity"]] += 1
    summary = SUMMARY.fullmatch(lines[-1])
    assert summary is not None
    if (int(summary["errors"]), int(summary["warnings"])) != (counted["error"],
                                                              counted["warning"]):
        problems.append(f"the summary `{lines[-1]}` does not count the {counted['error']} "
                        f"errors and {counted['warning']} warnings printed")
    return problems


def failure_problems(status: int, out: str, err: str, wanted: int,
                     building: bool = False) -> list[str]:
    """Return every way a run broke the rules: an internal error, a traceback, anything on
    stderr, the wrong exit status or output outside the one-line format."""
    problems = []
    if "internal error" in err or "Traceback" in err:
        problems.append(f"internal failure (exit status {status}): {err.strip()[:400]}")
    elif err.strip():
        problems.append(f"printed on stderr: {err.strip()[:400]}")
    if status != wanted:
        problems.append(f"exit status {status}, wanted {wanted}")
    if status in (0, 1):
        problems += format_problems(out, building)
    return problems


def test_the_corpus_covers_every_class():
    names = case_names()
    classes = {name.split("-")[0] for name in names}
    assert classes == {"yaml", "value", "structure", "paths", "template"}, classes
    assert len(names) >= 70
    assert [n for n in names if not (HOSTILE / f"{n}.expected").is_file()] == [], \
        "cases without an .expected file: run pytest tests/test_hostile.py --accept"
    orphans = [p.name for p in HOSTILE.glob("*.expected") if p.stem not in names]
    assert orphans == []


@pytest.mark.parametrize("name", case_names())
def test_check(name, capsys, request):
    scheme = (HOSTILE / f"{name}.yaml").relative_to(ROOT)
    status, out, err = run(capsys, "check", scheme)
    expected_file = HOSTILE / f"{name}.expected"
    if request.config.getoption("accept"):
        if not expected_file.is_file() or expected_file.read_text(encoding="utf-8") != out:
            expected_file.write_text(out, encoding="utf-8")
    problems = failure_problems(status, out, err, 0 if must_pass(name) else 1)
    expected = expected_file.read_text(encoding="utf-8") if expected_file.is_file() else ""
    if expected != out:
        diff = list(difflib.unified_diff(expected.splitlines(keepends=True),
                                         out.splitlines(keepends=True),
                                         f"{expected_file.name} (expected)",
                                         f"{expected_file.name} (actual)"))
        problems.append("the output differs from the expected:\n" + "".join(
            line if line.endswith("\n") else line + "\n" for line in diff[:DIFF_LINES]) +
            f"If it is right, accept it with `pytest 'tests/test_hostile.py::test_check[{name}]' "
            "--accept`")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def docx_text(path: Path) -> str:
    """Return every paragraph and table cell of a .docx as text (python-docx must open it)."""
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("name", case_names())
def test_build(name, capsys, tmp_path):
    """A case that fails its check writes nothing; one that passes builds drafts that open,
    showing any template syntax it holds as the text written."""
    scheme = (HOSTILE / f"{name}.yaml").relative_to(ROOT)
    out_dir = tmp_path / "out"
    status, out, err = run(capsys, "build", scheme, "--out", out_dir)
    passing = must_pass(name)
    problems = failure_problems(status, out, err, 0 if passing else 1, building=True)
    written = sorted(p for p in out_dir.rglob("*") if p.is_file()) if out_dir.exists() else []
    if not passing and written:
        problems.append(f"a failing scheme wrote {[str(p) for p in written]}")
    if passing and status == 0:
        drafts = [p for p in written if p.suffix == ".docx"]
        if not drafts:
            problems.append("no .docx was written")
        texts = []
        for draft in drafts:
            try:
                texts.append(docx_text(draft))
            except (zipfile.BadZipFile, KeyError, ValueError) as exc:
                problems.append(f"{draft.name} does not open: {exc}")
        for literal in literals(name):
            if not any(literal in text for text in texts):
                problems.append(f"no draft shows `{literal}` as written")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_a_chain_of_60_files_is_refused(capsys, tmp_path):
    """Sixty schemes each extending the next (the last extends the Southampton example)."""
    count = 60
    for i in range(count):
        target = f"link-{i + 1:02}.yaml" if i + 1 < count else str(SOUTHAMPTON)
        (tmp_path / f"link-{i:02}.yaml").write_text(
            f"# link {i} of a chain of {count}\nextends: {target}\ntopic: Link {i}\n",
            encoding="utf-8")
    status, out, err = run(capsys, "check", tmp_path / "link-00.yaml")
    problems = failure_problems(status, out, err, 1)
    lines = out.splitlines()
    assert problems == [], problems
    assert len(lines) == 2 and ":2:1: error[extends-too-deep]: " in lines[0], lines
