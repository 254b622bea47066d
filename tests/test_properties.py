"""Property-based tests: whatever a scheme, a clause file or an outline holds, `s75` answers
with diagnostics or drafts, never an internal error (exit status 2 with `internal error` on
stderr), a traceback, output outside the one-line format or a hang.

(a) random YAML text from a grammar (keys, scalars, lists, maps, anchors, aliases, tags, odd
    characters), written as a scheme file and checked;
(b) random mutations of every example scheme under schemes/ (a key deleted, a value's type
    changed, a key duplicated, odd characters inserted, a list and a map swapped, the file cut
    at a random byte), checked;
(c) the same mutations of clause files and outlines in a copy of the project (clauses/ and
    templates/ under a temporary S75_ROOT), checking an example scheme against them;
(d) mutations of example schemes that keep them well-formed (other text, figures, options and
    dates), checked and built: when the build exits 0, every .docx written opens with
    python-docx.

Profiles: `ci` (the default) runs 2,000 examples in all, shared between the properties by
EXAMPLE_SHARE (about a minute and a half on two cores); `long` (chosen when S75_LONG=1) runs
20,000. Each example must finish within
EXAMPLE_BUDGET seconds: one that does not is reported as a hang. The CLI runs in-process through
`generator.cli.main`; the clause library is loaded once for each state of the library files
(the library of the project does not change during a run), so an example costs the checking of
its scheme, not the reloading of the library.

`RUNNER` runs and judges every command; tools/robustness.py replaces it with one that counts
problems (and watches the files each command opens) instead of failing on the first.
"""

from __future__ import annotations

import atexit
import contextlib
import copy
import datetime
import functools
import hashlib
import io
import json
import os
import re
import shutil
import signal
import string
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from conftest import ROOT
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from test_hostile import DIAGNOSTIC, SUMMARY, WROTE

import generator.cli
import generator.load.library
import generator.load.phrases
import generator.pipeline
from generator.cli import main
from generator.model.parties import PARTY_TYPES
from generator.model.vocabulary import (
    ARRANGEMENTS,
    BOARD_MODELS,
    DECISION_RULES,
    DOCUMENTS,
    FLEXIBILITIES,
    MOU_PARTS,
    REVIEW_FREQUENCIES,
    RISK_SHARES,
    STATUSES,
    UNITS,
)

EXAMPLE_BUDGET = 10  # seconds one example (every command it runs) may take
COMMON = {"deadline": None, "database": None, "print_blob": True,
          "suppress_health_check": list(HealthCheck)}
settings.register_profile("ci", max_examples=2000, **COMMON)
settings.register_profile("long", max_examples=20000, **COMMON)
PROFILE = "long" if os.environ.get("S75_LONG", "").strip() in ("1", "true", "yes") else "ci"
TOTAL_EXAMPLES = settings.get_profile(PROFILE).max_examples
EXAMPLE_SHARE = {"random_yaml": 0.685, "mutated_scheme": 0.24, "mutated_library": 0.025,
                 "built_scheme": 0.05}


def examples(prop: str) -> settings:
    """Return the settings of one property: its share of the profile's examples."""
    return settings(settings.get_profile(PROFILE),
                    max_examples=max(1, round(TOTAL_EXAMPLES * EXAMPLE_SHARE[prop])))


EXAMPLE_SCHEMES = sorted(p.relative_to(ROOT / "schemes").as_posix()
                         for p in (ROOT / "schemes").rglob("*.yaml"))
LIBRARY_FILES = sorted(
    [p.relative_to(ROOT).as_posix() for p in (ROOT / "clauses").rglob("*.yaml")]
    + [p.relative_to(ROOT).as_posix() for p in (ROOT / "templates").glob("*/outline.yaml")])
LIBRARY_SCHEMES = ("southampton-bcf-2017.yaml", "croydon-icu.yaml",
                   "nottinghamshire-older-adults.yaml", "staffordshire/alcohol-and-drugs.yaml")


# ------------------------------------------------------------------ running and judging

class Hang(BaseException):
    """An example ran past EXAMPLE_BUDGET (a BaseException, so the CLI cannot report it as
    its own internal error)."""


@dataclass
class Outcome:
    """One command: its arguments, exit status (None after a hang), stdout, stderr, time."""

    args: list[str]
    status: int | None
    out: str
    err: str
    seconds: float


class Runner:
    """Runs `s75` in-process and fails the example on the first broken rule."""

    def run(self, args: list[str], root: Path = ROOT) -> Outcome:
        """Run `s75 ARGS` against the project at `root`; return what it did."""
        out, err = io.StringIO(), io.StringIO()
        started = time.monotonic()
        status: int | None = None
        with _environment(root), contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(err):
            try:
                status = main([str(a) for a in args])
            except Hang:
                pass
        return Outcome([str(a) for a in args], status, out.getvalue(), err.getvalue(),
                       time.monotonic() - started)

    def problem(self, kind: str, outcome: Outcome | None, detail: str) -> None:
        """Report one broken rule of kind `hang`, `internal error`, `format` or `draft`."""
        command = " ".join(["s75", *outcome.args]) if outcome else "(no command)"
        raise AssertionError(f"{kind}: {command}: {detail}")

    def judge(self, outcome: Outcome) -> None:
        """Report every rule the command broke."""
        building = outcome.args[:1] == ["build"]
        if outcome.status is None:
            self.problem("hang", outcome, f"ran for more than {EXAMPLE_BUDGET} s")
            return
        if outcome.status not in (0, 1) or "internal error" in outcome.err \
                or "Traceback" in outcome.err:
            self.problem("internal error", outcome,
                         f"exit status {outcome.status}: {outcome.err.strip()[:600]}")
            return
        wrong = output_problems(outcome.out, outcome.status, building)
        if outcome.err.strip():
            wrong.append(f"printed on stderr: {outcome.err.strip()[:300]}")
        if wrong:
            self.problem("format", outcome, "; ".join(wrong))

    def check_draft(self, path: Path, outcome: Outcome) -> None:
        """Report a written .docx that python-docx cannot open."""
        try:
            docx.Document(str(path))
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            self.problem("draft", outcome, f"{path.name} does not open: {exc}")


RUNNER = Runner()


def output_problems(out: str, status: int, building: bool) -> list[str]:
    """Return what is wrong with a command's stdout: every line a diagnostic (or, when
    building, a `wrote` line), the summary last, counting the errors, which there are exactly
    when the exit status is 1."""
    lines = out.splitlines()
    if not lines or not SUMMARY.fullmatch(lines[-1]):
        return [f"the last line is not the summary: {lines[-1:]!r}"]
    wrong = [f"not a one-line diagnostic: {line[:200]!r}" for line in lines[:-1]
             if not DIAGNOSTIC.fullmatch(line) and not (building and WROTE.fullmatch(line))]
    errors = sum(1 for line in lines[:-1] if (m := DIAGNOSTIC.fullmatch(line))
                 and m["severity"] == "error")
    summary = SUMMARY.fullmatch(lines[-1])
    assert summary is not None
    if int(summary["errors"]) != errors:
        wrong.append(f"the summary counts {summary['errors']} errors, {errors} are printed")
    if (status == 1) != (errors > 0):
        wrong.append(f"exit status {status} with {errors} errors")
    return wrong


@contextlib.contextmanager
def _environment(root: Path) -> Iterator[None]:
    """Run the block with S75_ROOT set to `root` and the project root as working directory."""
    saved, cwd = os.environ.get("S75_ROOT"), os.getcwd()
    os.environ["S75_ROOT"] = str(root)
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(cwd)
        if saved is None:
            os.environ.pop("S75_ROOT", None)
        else:
            os.environ["S75_ROOT"] = saved


@contextlib.contextmanager
def example_budget() -> Iterator[None]:
    """Run one example, raising Hang inside whatever command is running once EXAMPLE_BUDGET
    seconds have passed, and failing the example if it took longer than that."""
    interrupted = []

    def expired(_signum, _frame):
        interrupted.append(True)
        raise Hang
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, EXAMPLE_BUDGET)
    started = time.monotonic()
    try:
        yield
    except Hang:  # met outside a command (a command that hangs reports it itself)
        RUNNER.problem("hang", None, f"the example ran for more than {EXAMPLE_BUDGET} s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if not interrupted and time.monotonic() - started > EXAMPLE_BUDGET:
        RUNNER.problem("hang", None, f"the example took more than {EXAMPLE_BUDGET} s")


# ------------------------------------------------------------------ the library, loaded once

def _fingerprint(root: Path) -> str:
    """Return a hash of every file under the library folders of `root`."""
    digest = hashlib.sha256()
    for folder in ("clauses", "templates"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(root)).encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _memoised_library(load: Callable) -> Callable:
    """Return `load_project_library`, answered from a cache while the library files are the
    same: those of this project never change during a run; a copy is fingerprinted."""
    cache: dict[tuple, tuple] = {}

    @functools.wraps(load)
    def cached(root: Path, base: Path | None = None):
        key = (str(root), str(base), None if Path(root) == ROOT else _fingerprint(Path(root)))
        if key not in cache:
            if len(cache) > 8:
                cache.clear()
            cache[key] = load(root, base)
        return cache[key]
    return cached


def _memoised_file_loader(load: Callable) -> Callable:
    """Return `load_file`, answered from a cache for a file whose bytes it has read before (a
    deep copy each time), so a mutated library reparses only the file that changed."""
    cache: dict[tuple, tuple] = {}

    @functools.wraps(load)
    def cached(path: Path, base: Path | None = None):
        try:
            key = (str(path), str(base), Path(path).read_bytes())
        except OSError:
            return load(path, base)
        if key not in cache:
            if len(cache) > 400:
                cache.clear()
            cache[key] = load(path, base)
        return copy.deepcopy(cache[key])
    return cached


@contextlib.contextmanager
def library_cached() -> Iterator[None]:
    """Run the block with the library loaded once per state of its files (see above)."""
    saved = (generator.pipeline.load_project_library, generator.load.library.load_file,
             generator.load.phrases.load_file)
    generator.pipeline.load_project_library = _memoised_library(saved[0])
    generator.load.library.load_file = _memoised_file_loader(saved[1])
    generator.load.phrases.load_file = _memoised_file_loader(saved[2])
    try:
        yield
    finally:
        (generator.pipeline.load_project_library, generator.load.library.load_file,
         generator.load.phrases.load_file) = saved


@pytest.fixture(scope="module", autouse=True)
def _library_loaded_once():
    with library_cached():
        yield


# ------------------------------------------------------------------ scratch folders

_SCRATCH: list[tempfile.TemporaryDirectory] = []


@functools.cache
def scratch() -> Path:
    """Return a temporary folder for this run (removed at exit) holding a copy of schemes/ and
    a copy of the project's library (clauses/ and templates/) under `project/`."""
    holder = tempfile.TemporaryDirectory(prefix="s75-properties-")
    _SCRATCH.append(holder)
    atexit.register(holder.cleanup)
    where = Path(holder.name)
    shutil.copytree(ROOT / "schemes", where / "schemes")
    for folder in ("clauses", "templates"):
        shutil.copytree(ROOT / folder, where / "project" / folder)
    (where / "random").mkdir()
    return where


@contextlib.contextmanager
def replaced(path: Path, data: bytes) -> Iterator[Path]:
    """Run the block with `path` holding `data`, then put its old bytes back."""
    old = path.read_bytes()
    path.write_bytes(data)
    try:
        yield path
    finally:
        path.write_bytes(old)


def encoded(text: str) -> bytes:
    """Return text as UTF-8, lone surrogates written as the (invalid) bytes they would be."""
    return text.encode("utf-8", "surrogatepass")


# ------------------------------------------------------------------ the YAML grammar

def _schema_keys() -> list[str]:
    from generator.load.schema import SCHEME
    keys: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, dict) and ("type" in value or "schema" in value):
                    keys.add(key)
                walk(value)
    walk(SCHEME)
    return sorted(keys)


SCHEME_KEYS = _schema_keys()
OPTIONS = sorted({*DOCUMENTS, *STATUSES, *UNITS, *ARRANGEMENTS, *RISK_SHARES, *FLEXIBILITIES,
                  *BOARD_MODELS, *DECISION_RULES, *MOU_PARTS, *REVIEW_FREQUENCIES,
                  *PARTY_TYPES})
WORDS = ["the Council", "the CCG", "the ICB", "the Counsel", "review", "vat", "governance",
         "aims-and-outcomes", "capital-expenditure", "risk-share", "2017/18", "2018/19",
         "٢٠١٧/١٨", "2017-18", "Carers", "Southampton City Council", "total", "x", "", "-",
         "~", "null", "yes", "no", "on", "True", "NULL"]
ODD_SCALARS = ["2017-04-01", "2017-02-30", "2017-13-01", "9999-12-31", "0001-01-01",
               "2017-04-01T09:00:00", "2017-04-01 09:00", ".nan", ".inf", "-.inf", "1e400",
               "-1e400", "0x_", "0x1F", "0o17", "1_000", "£1,240", "1,240", "-1240", "12k",
               "9" * 30, "9" * 4400, "0", "-0", "+5", "1.", ".5", "1e3", "{{ 7*7 }}",
               "{% for x in y %}", "{{ ''.__class__ }}", "@x", "`x`", "%x", "|", ">", "'",
               "\"", "x: y", "a # b", "&anchor", "*alias", "!tag", "a" * 300]
ODD_CHARACTERS = ["\t", "\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85",
                  "\x9b", "\ufeff", "\u2028", "\u2029", "\u200b", "\u202e", "\ufffe",
                  "\uffff", "\ud800", "\udfff", "\r", "\r\n", "\n", "é", "£", "€", "😀",
                  "٢", "ａ", "\u0301", "\\", "\\ud800", "\\x00", "\\u202e"]
TAGS = ["!!int ", "!!str ", "!!float ", "!!bool ", "!!null ", "!!timestamp ", "!!binary ",
        "!!omap ", "!!set ", "!!map ", "!!seq ", "!!python/object:os.system ",
        "!!python/name:os.system ", "!custom ", "!<tag:yaml.org,2002:str> ", "! "]

odd_text = st.lists(st.sampled_from(list(string.ascii_letters + string.digits
                                          + " -_/.,:;'\"#&*!%@`{}[]|>?") + ODD_CHARACTERS),
                    max_size=24).map("".join)
plain = st.one_of(st.sampled_from(SCHEME_KEYS + OPTIONS + WORDS), st.sampled_from(ODD_SCALARS),
                  st.integers(-10**7, 10**25).map(str),
                  st.floats(allow_nan=True, allow_infinity=True).map(repr), odd_text)


def double_quoted(text: str) -> str:
    """Return text as a YAML double-quoted scalar (JSON escapes, lone surrogates kept)."""
    return json.dumps(text, ensure_ascii=False)


scalar = st.one_of(
    plain,
    plain.map(double_quoted),
    odd_text.map(double_quoted),
    plain.map(lambda s: "'" + s.replace("'", "''") + "'"),
    st.sampled_from(["\"\\ud800\"", "\"\\x00\"", "\"\\uFFFE\"", "\"\\x85\"", "\"\\q\"",
                     "\"unclosed", "'unclosed", "\"\\U0001F600\"", "\"\\ud83d\\ude00\""]))
key = st.one_of(st.sampled_from(SCHEME_KEYS), st.sampled_from(SCHEME_KEYS), plain,
                st.sampled_from(["<<", "? [a, b]", "\"\"", "~", "true", "2017", "-", "? "]))
anchor_names = st.sampled_from(["a", "b", "base", "x1"])


@st.composite
def node(draw, depth: int = 0) -> tuple[str, list[str]]:
    """Return a YAML value as (inline text, block lines): a block value has lines to put on
    the lines below its key, indented by the caller; an inline one has none."""
    prefix = ""
    if draw(st.integers(0, 9)) == 0:
        prefix += "&" + draw(anchor_names) + " "
    if draw(st.integers(0, 19)) == 0:
        prefix += draw(st.sampled_from(TAGS))
    if draw(st.integers(0, 11)) == 0:
        return "*" + draw(anchor_names), []
    kinds = ["scalar", "scalar", "scalar"] + (
        ["flow_list", "flow_map", "block_list", "block_map", "block_map", "block_text"]
        if depth < 5 else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "scalar":
        return prefix + draw(scalar), []
    if kind == "block_text":
        lines = draw(st.lists(odd_text, min_size=1, max_size=4))
        return prefix + draw(st.sampled_from(["|", ">", "|-", ">+", "|2"])), lines
    if kind in ("flow_list", "flow_map"):
        items = draw(st.lists(st.one_of(scalar, st.sampled_from(["[a, b]", "{a: 1}", "[]", "{}"])),
                              max_size=5))
        if kind == "flow_map":
            items = [f"{draw(key)}: {item}" for item in items]
        opening, closing = ("[", "]") if kind == "flow_list" else ("{ ", " }")
        joined = opening + ", ".join(items) + closing
        if draw(st.integers(0, 15)) == 0:
            joined = joined[: draw(st.integers(0, len(joined)))]  # left unclosed
        return prefix + joined, []
    lines: list[str] = []
    count = draw(st.integers(0 if kind == "block_list" else 1, 4))
    for _ in range(count):
        inline, below = draw(node(depth + 1))
        head = "- " if kind == "block_list" else f"{draw(key)}: "
        lines.append(head + inline)
        lines += ["  " + line for line in below]
    return prefix.rstrip(), lines


@st.composite
def yaml_document(draw) -> str:
    """Return the text of a random scheme file."""
    shape = draw(st.sampled_from(["map"] * 8 + ["list", "scalar", "empty", "documents"]))
    lines: list[str] = []
    if draw(st.booleans()):
        base = draw(st.sampled_from(EXAMPLE_SCHEMES))
        lines.append(f"extends: {ROOT / 'schemes' / base}")
    if shape == "empty":
        lines += draw(st.sampled_from([[], ["# only a comment"], ["", "   "], ["---"]]))
    elif shape == "scalar":
        lines.append(draw(scalar))
    else:
        for _ in range(draw(st.integers(1, 8))):
            inline, below = draw(node(1))
            head = "- " if shape == "list" else f"{draw(key)}: "
            lines.append((head + inline).rstrip())
            indent = draw(st.sampled_from(["  ", "  ", "  ", "    ", " ", "\t", ""]))
            lines += [indent + line for line in below]
        if shape == "documents":
            lines += ["---", "title: second"]
    text = "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n", "\n\n"]))
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(ODD_CHARACTERS + ODD_SCALARS)) + text[at:]
    if draw(st.integers(0, 19)) == 0:
        text = "\ufeff" + text
    return text


# ------------------------------------------------------------------ mutations

KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- )?(?P<key>[^\s#:-][^:#]*?):(?P<rest>( .*)?)$")
ITEM_LINE = re.compile(r"^(?P<indent> *)- (?P<value>[^\s#].*)$")
TYPE_VALUES = ["[]", "{}", "~", "", "42", "-1", "0", "3.5", "true", "false", "2017-04-01",
               "2017-02-30", "\"text\"", "[a, b]", "{a: 1}", "[{a: 1}]", ".nan", "1e400",
               "9" * 30, "\"\"", "\"{{ 7*7 }}\"", "x" * 500, "the Counsel", "2017/18",
               "- a", "|\n  block", "&a v", "*a", "!!int x", "{ type: x, name: y }"]


def _block_end(lines: list[str], start: int) -> int:
    """Return the index after the block that starts at line `start` (its more-indented
    continuation lines)."""
    def indent(line: str) -> int:
        return len(line) - len(line.lstrip(" "))
    own = indent(lines[start]) + (2 if lines[start].lstrip().startswith("- ") else 0)
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or indent(lines[end]) > own):
        end += 1
    return end


def _pick(data, lines: list[str], pattern: re.Pattern) -> int | None:
    found = [i for i, line in enumerate(lines) if pattern.match(line.rstrip("\r\n"))]
    return data.draw(st.sampled_from(found)) if found else None


def delete_key(data, text: str) -> str:
    lines = text.splitlines(keepends=True)
    i = _pick(data, lines, KEY_LINE)
    return text if i is None else "".join(lines[:i] + lines[_block_end(lines, i):])


def change_type(data, text: str) -> str:
    lines = text.splitlines(keepends=True)
    i = _pick(data, lines, KEY_LINE)
    if i is None:
        return text
    found = KEY_LINE.match(lines[i].rstrip("\r\n"))
    assert found is not None
    value = data.draw(st.sampled_from(TYPE_VALUES))
    head = f"{found['indent']}{found['dash'] or ''}{found['key']}:"
    indent = found["indent"] + "  "
    body = f" {value}".replace("\n", "\n" + indent) if value else ""
    return "".join(lines[:i] + [head + body + "\n"] + lines[_block_end(lines, i):])


def duplicate_key(data, text: str) -> str:
    lines = text.splitlines(keepends=True)
    i = _pick(data, lines, KEY_LINE)
    if i is None:
        return text
    block = lines[i:_block_end(lines, i)]
    if block and not block[-1].endswith("\n"):
        block[-1] += "\n"
    if block and block[0].lstrip().startswith("- "):  # the copy is the same key, not an item
        block[0] = block[0].replace("- ", "  ", 1)
    return "".join(lines[:_block_end(lines, i)] + block + lines[_block_end(lines, i):])


def insert_odd(data, text: str) -> str:
    at = data.draw(st.integers(0, len(text)))
    odd = data.draw(st.one_of(st.sampled_from(ODD_CHARACTERS + ODD_SCALARS + TAGS
                                              + [": ", ": x\n", "- ", "#", "{", "[", "]", "}",
                                                 "---\n", "...\n", "<<: *a\n", "&a ", "*a"]),
                              odd_text))
    return text[:at] + odd + text[at:]


def swap_list_and_map(data, text: str) -> str:
    lines = text.splitlines(keepends=True)
    way = data.draw(st.sampled_from(["item to key", "key to item", "flow"]))
    if way == "item to key":
        i = _pick(data, lines, ITEM_LINE)
        if i is not None:
            found = ITEM_LINE.match(lines[i].rstrip("\r\n"))
            assert found is not None
            lines[i] = f"{found['indent']}{found['value']}:\n"
    elif way == "key to item":
        i = _pick(data, lines, KEY_LINE)
        if i is not None and not lines[i].lstrip().startswith("- "):
            stripped = lines[i].lstrip(" ")
            lines[i] = lines[i][: len(lines[i]) - len(stripped)] + "- " + stripped
    else:
        flows = [i for i, line in enumerate(lines) if "[" in line or "{" in line]
        if flows:
            i = data.draw(st.sampled_from(flows))
            lines[i] = lines[i].translate(str.maketrans("[]{}", "{}[]"))
    return "".join(lines)


MUTATIONS = [delete_key, change_type, duplicate_key, insert_odd, swap_list_and_map]


def mutated(data, original: bytes) -> bytes:
    """Return `original` after one to three random mutations, perhaps cut at a random byte."""
    text = original.decode("utf-8")
    for mutation in data.draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3)):
        text = mutation(data, text)
    raw = encoded(text)
    if data.draw(st.integers(0, 5)) == 0:
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    return raw


# --- mutations that keep a scheme well-formed, for building

LAWFUL_TEXT = st.lists(st.sampled_from(list(string.ascii_letters + string.digits
                                             + " -/.,;:'\"&()£%?!<>*_|#[]{}")
                                        + ["é", "€", "😀", "\u202e", "\u200b", "ą", "{{ 7*7 }}",
                                           "{% if x %}", "}}", "{#", "<w:p/>", "]]>", "**",
                                           "\\"]),
                       min_size=1, max_size=40).map("".join).filter(lambda s: s.strip())
OPTION_SETS = [STATUSES, UNITS, ARRANGEMENTS, RISK_SHARES, BOARD_MODELS, DECISION_RULES,
               REVIEW_FREQUENCIES, PARTY_TYPES]
DATE_VALUE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
NUMBER_VALUE = re.compile(r"[0-9]+(\.[0-9]+)?")


def lawful_edit(data, text: str) -> str:
    """Return the scheme with one value changed for another of the same kind (or an optional
    line dropped, or a list item repeated), so it stays well-formed."""
    lines = text.splitlines(keepends=True)
    way = data.draw(st.sampled_from(["text", "text", "number", "option", "date", "repeat item",
                                     "drop"]))
    if way == "repeat item":
        i = _pick(data, lines, re.compile(r"^ *- [A-Za-z][^:{}\[\]]*$"))
        if i is not None:
            lines.insert(i, lines[i] if lines[i].endswith("\n") else lines[i] + "\n")
        return "".join(lines)
    i = _pick(data, lines, KEY_LINE)
    if i is None:
        return text
    found = KEY_LINE.match(lines[i].rstrip("\r\n"))
    assert found is not None
    value = (found["rest"] or "").strip()
    head = f"{found['indent']}{found['dash'] or ''}{found['key']}:"
    if way == "drop" and value and not found["dash"] and _block_end(lines, i) == i + 1:
        return "".join(lines[:i] + lines[i + 1:])
    new = None
    if way == "number" and NUMBER_VALUE.fullmatch(value):
        new = str(data.draw(st.integers(0, 10**7)))
    elif way == "date" and DATE_VALUE.fullmatch(value):
        new = data.draw(st.dates(min_value=datetime.date(2015, 1, 1),
                                 max_value=datetime.date(2030, 12, 31))).isoformat()
    elif way == "option":
        for options in OPTION_SETS:
            if value in options:
                new = data.draw(st.sampled_from(options))
    elif way == "text" and value and not value.startswith(("[", "{", "|", ">", "&", "*")) \
            and not NUMBER_VALUE.fullmatch(value) and not DATE_VALUE.fullmatch(value) \
            and value not in ("true", "false") and not any(value in o for o in OPTION_SETS) \
            and found["key"] not in ("id", "extends", "party", "host", "lead_commissioner",
                                     "clause", "after", "choose", "short_name"):
        new = double_quoted(data.draw(LAWFUL_TEXT))
    if new is None:
        return text
    lines[i] = f"{head} {new}\n"
    return "".join(lines)


# ------------------------------------------------------------------ the properties

@examples("random_yaml")
@given(text=yaml_document())
def test_random_yaml_gives_diagnostics_or_passes(text):
    path = scratch() / "random" / "scheme.yaml"
    path.write_bytes(encoded(text))
    with example_budget():
        RUNNER.judge(outcome := RUNNER.run(["check", path]))
    event(f"exit status {outcome.status}")


@examples("mutated_scheme")
@given(data=st.data(), name=st.sampled_from(EXAMPLE_SCHEMES))
def test_mutated_example_schemes_never_crash(data, name):
    path = scratch() / "schemes" / name
    with replaced(path, mutated(data, path.read_bytes())), example_budget():
        targets = [path]
        if path.name == "base.yaml":  # a broken base is also met through a topic
            targets.append(path.parent / "older-people.yaml")
        RUNNER.judge(outcome := RUNNER.run(["check", *targets]))
    event(f"exit status {outcome.status}")


@examples("mutated_library")
@given(data=st.data(), name=st.sampled_from(LIBRARY_FILES),
       scheme=st.sampled_from(LIBRARY_SCHEMES))
def test_mutated_clause_files_and_outlines_never_crash(data, name, scheme):
    root = scratch() / "project"
    path = root / name
    with replaced(path, mutated(data, path.read_bytes())), example_budget():
        RUNNER.judge(outcome := RUNNER.run(["check", ROOT / "schemes" / scheme], root=root))
    event(f"exit status {outcome.status}")


@examples("built_scheme")
@given(data=st.data(), name=st.sampled_from(EXAMPLE_SCHEMES))
def test_mutated_valid_schemes_check_and_build(data, name):
    path = scratch() / "schemes" / name
    text = path.read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        text = lawful_edit(data, text)
    with replaced(path, encoded(text)), tempfile.TemporaryDirectory() as out, \
            example_budget():
        RUNNER.judge(RUNNER.run(["check", path]))
        built = RUNNER.run(["build", path, "--out", out])
        RUNNER.judge(built)
        drafts = sorted(Path(out).rglob("*.docx")) if built.status == 0 else []
        for draft in drafts:
            RUNNER.check_draft(draft, built)
    event(f"build exit status {built.status}, {len(drafts)} .docx opened")
