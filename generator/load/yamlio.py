"""Load YAML files safely, keeping the line and column of every key and item.

The file is parsed once into events, and the data is built from them here rather than by a
YAML constructor, so nothing a file says can reach code: tags (`!name`, `!!int` alike) are
refused, aliases are expanded under a budget of nodes (a billion-laughs file is refused, not
built), nesting is bounded, and plain scalars are read by a small fixed set of rules: null,
true/false, whole and decimal numbers, and dates written YYYY-MM-DD (an impossible date, a
number that is not finite and a time of day are errors at their place). Quoted and block
scalars are always text. Every problem is one diagnostic line with the file, line and column.
"""

from __future__ import annotations

import copy
import datetime
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)
from ruamel.yaml.reader import ReaderError

from generator.diagnostics import Diagnostic, Loc, error
from generator.load.shown import display_path

MAX_ALIASES = 100
MAX_NODES = 50_000
MAX_ENTRIES = 1_000  # entries one list or mapping may have
MAX_DEPTH = 40
MAX_BYTES = 2_000_000
MAX_SHOWN = 60  # characters of a value echoed in a message
MAX_DIGITS = 18  # digits a whole number may have

Path_ = tuple  # a path into the data: keys and list indexes

NULLS = {"", "~", "null", "Null", "NULL"}
TRUES, FALSES = {"true", "True", "TRUE"}, {"false", "False", "FALSE"}
INTEGER = re.compile(r"[-+]?[0-9]+")
DECIMAL = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
NOT_FINITE = re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}.*")
OTHER_NUMBER = re.compile(r"[-+]?0[xXoO][0-9a-fA-F_]*|[-+]?[0-9][0-9_]*_[0-9_]*")
# Characters a Word document cannot hold, or that only confuse: C0 controls but tab, line feed
# and carriage return; DEL and C1 controls; lone surrogates; the non-characters U+FFFE/U+FFFF.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass
class Loaded:
    """A YAML document as plain Python data, with the position of every key and item."""

    path: str
    data: Any
    locs: dict[Path_, Loc] = field(default_factory=dict)
    source: str = field(default="", repr=False)  # the text the document was read from

    def loc(self, path: Path_) -> Loc:
        """Return the position of `path`, or of its nearest ancestor that has one."""
        return nearest_loc(self.locs, path, self.path)


def nearest_loc(locs: dict[Path_, Loc], path: Path_, file: str) -> Loc:
    """Return the position of `path` in `locs`, or of its nearest ancestor there, or the top
    of `file`."""
    path = tuple(path)
    while path:
        if path in locs:
            return locs[path]
        path = path[:-1]
    return Loc(file, 1, 1)


def one_line(text: str, limit: int = MAX_SHOWN) -> str:
    """Return text safe to echo in a one-line message: white space folded, characters that
    cannot be shown replaced, and cut to `limit` characters."""
    shown = FORBIDDEN.sub("\ufffd", " ".join(str(text).split()))
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def load_file(path: Path, base: Path | None = None, reuse: bool = False
              ) -> tuple[Loaded | None, list[Diagnostic]]:
    """Return the loaded document (None on failure) and any diagnostics; positions name the
    file as `display_path(path, base)` shows it. The size is checked before the file is read.
    With `reuse` (a file many others may extend), text read before is not parsed again."""
    shown = display_path(path, base)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [error(Loc(shown), "file-too-large",
                                f"the file is larger than {MAX_BYTES} bytes")]
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, [error(Loc(shown), "file-unreadable",
                            f"cannot read the file: {exc.strerror or exc}")]
    if len(raw) > MAX_BYTES:
        return None, [error(Loc(shown), "file-too-large",
                            f"the file is larger than {MAX_BYTES} bytes")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [error(Loc(shown, line, 1), "yaml-encoding",
                            f"the file is not UTF-8 text ({exc.reason})")]
    return _parsed(text, shown) if reuse else load_text(text, shown)


_PARSED: dict[tuple[str, str], tuple[Loaded | None, list[Diagnostic]]] = {}
MAX_PARSED = 4096  # files kept parsed in a run


def _parsed(text: str, shown: str) -> tuple[Loaded | None, list[Diagnostic]]:
    """Return `load_text(text, shown)`, parsing each distinct text once per run (a base scheme
    every topic extends is read once): each caller gets its own copy, so none sees another's
    changes."""
    key = (shown, text)
    if key not in _PARSED:
        if len(_PARSED) >= MAX_PARSED:
            _PARSED.clear()
        _PARSED[key] = load_text(text, shown)
    loaded, problems = _PARSED[key]
    return (None if loaded is None else copy.deepcopy(loaded)), list(problems)


def load_text(text: str, shown: str) -> tuple[Loaded | None, list[Diagnostic]]:
    """Return the document parsed from `text` (None on failure) and any diagnostics."""
    builder = _Builder(Loaded(shown, None, source=text), text)
    try:
        builder.build(YAML(typ="safe", pure=True).parse(text))
    except _Refused as refused:
        return None, [refused.diagnostic]
    except ReaderError as exc:
        return None, [_reader_error(exc, text, shown)]
    except MarkedYAMLError as exc:
        return None, [_syntax_error(exc, shown, text)]
    except YAMLError as exc:
        return None, [error(Loc(shown), "yaml-syntax",
                            f"this is not valid YAML: {one_line(str(exc), 120)}")]
    if builder.problems:
        return None, builder.problems
    return builder.loaded, []


class _Refused(Exception):
    """A problem that stops the file being read."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass
class _Anchor:
    """The value an anchor names, how many nodes it holds and where it was written."""

    value: Any
    nodes: int
    path: Path_


class _Builder:
    """Builds plain dicts, lists and scalars from parser events, recording positions."""

    def __init__(self, loaded: Loaded, text: str):
        self.loaded = loaded
        self.text = text
        self.lines = text.splitlines()
        self.anchors: dict[str, _Anchor] = {}
        self.nodes = 0
        self.aliases = 0
        self.depth = 0
        self.problems: list[Diagnostic] = []

    def loc(self, event: Event) -> Loc:
        """Return where an event starts."""
        mark = event.start_mark
        return Loc(self.loaded.path, mark.line + 1, mark.column + 1)

    def refuse(self, event: Event, code: str, message: str) -> _Refused:
        """Return the exception that stops reading, located at `event`."""
        return _Refused(error(self.loc(event), code, message))

    def build(self, events: Iterator[Event]) -> None:
        """Read the whole stream: one document (an empty file holds no value)."""
        documents = 0
        for event in events:
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self.refuse(event, "yaml-syntax",
                                      "a file may hold one document: remove the second `---`")
                self.loaded.data = self.value(events, next(events), ())
            elif isinstance(event, StreamEndEvent):
                break

    def value(self, events: Iterator[Event], event: Event, path: Path_) -> Any:
        """Return the value that starts with `event`."""
        self._count(event)
        if isinstance(event, AliasEvent):
            return self._alias(event, path)
        self._no_tag(event)
        if isinstance(event, ScalarEvent):
            found: Any = self._scalar(event)
            nodes = 1
        else:
            start = self.nodes
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise self.refuse(event, "yaml-depth", f"nested more than {MAX_DEPTH} levels deep")
            found = (self._mapping(events, path, bool(event.flow_style))
                     if isinstance(event, MappingStartEvent) else self._sequence(events, path))
            self.depth -= 1
            nodes = self.nodes - start + 1
        anchor = getattr(event, "anchor", None)
        if anchor:
            self.anchors[anchor] = _Anchor(found, nodes, path)
        return found

    def _count(self, event: Event, nodes: int = 1) -> None:
        self.nodes += nodes
        if self.nodes > MAX_NODES and self.aliases:
            raise self.refuse(event, "yaml-aliases",
                              f"the file expands to more than {MAX_NODES} values (through its "
                              "aliases): write the values out")
        if self.nodes > MAX_NODES:
            raise self.refuse(event, "file-too-large",
                              f"the file holds more than {MAX_NODES} values")

    def _alias(self, event: AliasEvent, path: Path_) -> Any:
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise self.refuse(event, "yaml-aliases",
                              f"more than {MAX_ALIASES} aliases (*name): write the values out")
        anchor = self.anchors.get(event.anchor)
        if anchor is None:
            raise self.refuse(event, "yaml-syntax",
                              f"the alias *{one_line(event.anchor)} names no anchor above it")
        self._count(event, anchor.nodes)
        self._copy_locs(anchor.path, path)
        return copy.deepcopy(anchor.value)

    def _copy_locs(self, source: Path_, target: Path_) -> None:
        """Give the alias's copy the positions of the text it repeats."""
        locs = self.loaded.locs
        for key in [k for k in locs if k[: len(source)] == source]:
            locs[target + key[len(source):]] = locs[key]

    def _no_tag(self, event: Event) -> None:
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise self.refuse(event, "yaml-tag",
                              "YAML tags (!name) are not allowed: write plain values")

    def _mapping(self, events: Iterator[Event], path: Path_, flow: bool) -> dict:
        result: dict = {}
        first: dict[Any, Loc] = {}
        entry: ScalarEvent | None = None  # the key of the last `key: value` entry
        bare: list[ScalarEvent] = []  # the keys without a value written after it
        for event in events:
            if isinstance(event, MappingEndEvent):
                self._split_entry(entry, bare)
                return result
            key = self._key(event)
            assert isinstance(event, ScalarEvent)  # _key refuses any other
            loc = self.loc(event)
            value_event = next(events)
            if flow and _no_value(event, value_event, self.text):
                self._count(value_event)
                bare.append(event)
                continue
            self._split_entry(entry, bare)
            entry, bare = event, []
            if key in first:
                self.problems.append(error(loc, "duplicate-key",
                                           f"`{one_line(key)}` is given twice (first given on "
                                           f"line {first[key].line}): keep one"))
            first.setdefault(key, loc)
            self.loaded.locs[path + (key,)] = loc
            result[key] = self.value(events, value_event, path + (key,))
            if len(result) > MAX_ENTRIES:
                raise self.refuse(event, "file-too-large",
                                  f"a mapping here has more than {MAX_ENTRIES} keys")
        raise self.refuse_end()

    def _split_entry(self, entry: ScalarEvent | None, bare: list[ScalarEvent]) -> None:
        """Report keys written without a value inside { }: almost always one value that a
        comma split into entries (`{ the CCG: 1,240 }`, `{ name: Smith, Jones }`)."""
        if not bare:
            return
        if entry is None:
            self.problems.append(error(self.loc(bare[0]), "yaml-syntax", (
                f"`{one_line(str(bare[0].value))}` has no value: inside {{ }} write "
                "`key: value` entries separated by commas, and put text containing a comma "
                "in quotes")))
            return
        written = one_line(self.text[entry.start_mark.index:bare[-1].end_mark.index])
        self.problems.append(error(self.loc(entry), "yaml-syntax", _split_message(
            written, str(entry.value), len(bare) + 1)))

    def _key(self, event: Event) -> Any:
        self._count(event)
        if not isinstance(event, ScalarEvent):
            raise self.refuse(event, "yaml-syntax",
                              "a key must be a single word or text, not a list or a mapping")
        self._no_tag(event)
        if event.style is None and event.value == "<<":
            raise self.refuse(event, "yaml-syntax",
                              "merge keys (<<) are not allowed: write the entries out")
        key = self._scalar(event)
        if key is None:
            raise self.refuse(event, "yaml-syntax",
                              "a key is missing before `:` (is there a stray `: ` at the start "
                              "of the line?)")
        return str(key) if isinstance(key, (datetime.date, float, bool)) else key

    def _sequence(self, events: Iterator[Event], path: Path_) -> list:
        items: list = []
        for event in events:
            if isinstance(event, SequenceEndEvent):
                return items
            self.loaded.locs[path + (len(items),)] = self.loc(event)
            items.append(self.value(events, event, path + (len(items),)))
            if len(items) > MAX_ENTRIES:
                raise self.refuse(event, "file-too-large",
                                  f"a list here has more than {MAX_ENTRIES} items")
        raise self.refuse_end()

    def refuse_end(self) -> _Refused:
        """Return the exception for a stream that ends inside a mapping or list."""
        return _Refused(error(Loc(self.loaded.path, len(self.lines) or 1, 1), "yaml-syntax",
                              "YAML syntax error: the file ends inside a mapping or list"))

    def _scalar(self, event: ScalarEvent) -> Any:
        text = event.value
        bad = FORBIDDEN.search(text)
        if bad:
            raise self.refuse(event, "yaml-syntax",
                              f"the text holds the character U+{ord(bad.group()):04X}, which a "
                              "Word document cannot hold: remove it")
        if event.style is not None:
            return text
        return self._plain(event, text)

    def _plain(self, event: ScalarEvent, text: str) -> Any:
        """Return a plain (unquoted) scalar read by the fixed rules."""
        if text in NULLS:
            return None
        if text in TRUES or text in FALSES:
            return text in TRUES
        if INTEGER.fullmatch(text):
            if len(text.lstrip("+-")) > MAX_DIGITS:
                raise self.refuse(event, "wrong-type", f"`{one_line(text)}` is too large a "
                                  "number for a draft: write a figure")
            return int(text)
        if NOT_FINITE.fullmatch(text):
            raise self.refuse(event, "wrong-type", f"`{text}` is not a number a draft can hold: "
                              "write a figure")
        if DECIMAL.fullmatch(text) and any(c.isdigit() for c in text):
            number = float(text)
            if not math.isfinite(number):
                raise self.refuse(event, "wrong-type", f"`{one_line(text)}` is too large a "
                                  "number for a draft: write a figure")
            return number
        if DATE.fullmatch(text):
            return self._date(event, text)
        if DATE_TIME.fullmatch(text):
            raise self.refuse(event, "wrong-format", f"`{one_line(text)}` has a time of day: "
                              "write the date alone, as YYYY-MM-DD")
        if OTHER_NUMBER.fullmatch(text):
            raise self.refuse(event, "wrong-format", f"`{one_line(text)}` is not a number as "
                              "a scheme writes one: write whole numbers in digits, or put the "
                              "value in quotes if it is text")
        return text

    def _date(self, event: ScalarEvent, text: str) -> datetime.date:
        year, month, day = (int(part) for part in text.split("-"))
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise self.refuse(event, "wrong-format", f"`{text}` is not a date that exists: "
                              "write a real date as YYYY-MM-DD") from None


def _no_value(key: Event, value: Event, text: str) -> bool:
    """Return whether a key inside { } was written with no `:` and value after it."""
    return (isinstance(value, ScalarEvent) and value.value == "" and value.style is None
            and ":" not in text[key.end_mark.index:value.start_mark.index])


_FIGURE = re.compile(r"[0-9]+(\.[0-9]+)?")


def _split_message(written: str, key: str, entries: int) -> str:
    """Return what to write instead of `written`, one `key: value` entry that commas split
    into `entries` entries: the figure without commas or £, or the text in quotes."""
    value = written.split(":", 1)[1].strip() if ":" in written else ""
    head = (f"inside {{ }} a comma separates entries, so `{written}` is read as {entries} "
            "entries")
    digits = re.sub(r"[,£\s]", "", value)
    if _FIGURE.fullmatch(digits):
        return f"{head}: write the figure without commas or £, as `{key}: {digits}`"
    quoted = value.replace('"', '\\"')
    return f'{head}: put the text in quotes, as `{key}: "{quoted}"`'


def _reader_error(exc: ReaderError, text: str, shown: str) -> Diagnostic:
    position = int(getattr(exc, "position", 0) or 0)
    before = text[:position]
    line, col = before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1
    character = getattr(exc, "character", None)
    code = f"U+{character:04X}" if isinstance(character, int) else "a character"
    return error(Loc(shown, line, col), "yaml-syntax",
                 f"the file holds {code}, which is not allowed in YAML text: remove it")


def _syntax_error(exc: MarkedYAMLError, shown: str, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = one_line(exc.problem or exc.context or "syntax error", 160)
    hint = ""
    if "tab" in problem.lower() or "\\t" in problem:
        return error(Loc(shown, line, col), "yaml-syntax", _tab_message(text, line, col))
    elif "mapping values are not allowed" in problem:
        hint = " (put text containing ': ' in quotes, or check the indentation above)"
    elif "expected ',' or '}'" in problem or "expected ',' or ']'" in problem:
        hint = " (put text containing a comma in quotes)"
    return error(Loc(shown, line, col), "yaml-syntax", f"YAML syntax error: {problem}{hint}")


def _tab_message(text: str, line: int, col: int) -> str:
    """Return what to do about a tab YAML refuses: indentation is spaces only, and a tab
    between a key and its value is replaced by a space."""
    lines = text.splitlines()
    before = lines[line - 1][:col - 1] if 0 < line <= len(lines) else ""
    if not before.strip():
        return ("this line is indented with a tab: YAML indents with spaces only, so replace "
                "the tab with spaces (as many as the lines around it use)")
    return "a tab separates the text here: replace it with a space"
