"""Load YAML files safely, keeping the line and column of every key and item."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent

from generator.diagnostics import Diagnostic, Loc, error

MAX_ALIASES = 100
MAX_DEPTH = 40
MAX_BYTES = 2_000_000

Path_ = tuple  # a path into the data: keys and list indexes


@dataclass
class Loaded:
    """A YAML document as plain Python data, with the position of every key and item."""

    path: str
    data: Any
    locs: dict[Path_, Loc] = field(default_factory=dict)

    def loc(self, path: Path_) -> Loc:
        """Return the position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.locs:
                return self.locs[path]
            path = path[:-1]
        return Loc(self.path, 1, 1)


def display_path(path: Path, base: Path | None = None) -> str:
    """Return `path` as diagnostics show it: relative to `base` (the CLI passes the working
    directory) when it lies below it, else as given."""
    if base is None:
        return str(path)
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


def load_file(path: Path, base: Path | None = None) -> tuple[Loaded | None, list[Diagnostic]]:
    """Return the loaded document (None on failure) and any diagnostics; positions name the
    file as `display_path(path, base)` shows it."""
    shown = display_path(path, base)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error(Loc(shown), "file-unreadable", f"cannot read the file: {exc.strerror}")]
    if len(raw) > MAX_BYTES:
        return None, [error(Loc(shown), "file-too-large",
                            f"the file is larger than {MAX_BYTES} bytes")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [error(Loc(shown), "yaml-encoding",
                            f"the file is not UTF-8 text ({exc.reason})")]
    return load_text(text, shown)


def load_text(text: str, shown: str) -> tuple[Loaded | None, list[Diagnostic]]:
    """Return the document parsed from `text` (None on failure) and any diagnostics."""
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    problem = _check_events(yaml, text, shown)
    if problem:
        return None, [problem]
    try:
        node = yaml.load(text)
    except DuplicateKeyError as exc:
        return None, [_duplicate_key(exc, shown, text)]
    except MarkedYAMLError as exc:
        return None, [_syntax_error(exc, shown)]
    except YAMLError as exc:
        return None, [error(Loc(shown), "yaml-syntax", f"this is not valid YAML: {exc}")]
    loaded = Loaded(shown, None)
    diagnostics: list[Diagnostic] = []
    loaded.data = _plain(node, (), loaded, diagnostics)
    return loaded, diagnostics


def _check_events(yaml: YAML, text: str, shown: str) -> Diagnostic | None:
    """Refuse documents with too many aliases or too deep nesting before building them."""
    aliases = depth = 0
    try:
        for event in yaml.parse(text):
            if isinstance(event, AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    return _event_error(event, shown, "yaml-aliases",
                                        f"more than {MAX_ALIASES} aliases (*name): "
                                        f"write the values out")
            elif isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return _event_error(event, shown, "yaml-depth",
                                        f"nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except MarkedYAMLError as exc:
        return _syntax_error(exc, shown)
    except YAMLError as exc:
        return error(Loc(shown), "yaml-syntax", f"this is not valid YAML: {exc}")
    return None


def _event_error(event: Any, shown: str, code: str, message: str) -> Diagnostic:
    mark = event.start_mark
    return error(Loc(shown, mark.line + 1, mark.column + 1), code, message)


def _syntax_error(exc: MarkedYAMLError, shown: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or exc.context or "syntax error").strip()
    hint = ""
    if "tab" in problem.lower():
        hint = " (indent with spaces, not tabs)"
    elif "mapping values are not allowed" in problem:
        hint = " (put text containing ': ' in quotes, or check the indentation above)"
    return error(Loc(shown, line, col), "yaml-syntax", f"YAML syntax error: {problem}{hint}")


def _duplicate_key(exc: DuplicateKeyError, shown: str, text: str) -> Diagnostic:
    mark = exc.problem_mark
    key = (exc.problem or "").replace('found duplicate key "', "").split('"')[0]
    lines = text.splitlines()
    indent = len(lines[mark.line]) - len(lines[mark.line].lstrip()) if mark.line < len(lines) else 0
    first = next((n for n in range(mark.line - 1, -1, -1)
                  if lines[n].startswith(" " * indent + key + ":")
                  or lines[n].startswith(" " * indent + f"{key} :")), None)
    where = f" (first given on line {first + 1})" if first is not None else ""
    return error(Loc(shown, mark.line + 1, mark.column + 1), "duplicate-key",
                 f"`{key}` is given twice{where}: keep one")


def _plain(node: Any, path: Path_, loaded: Loaded, diagnostics: list[Diagnostic]) -> Any:
    """Return `node` as plain dicts, lists and scalars, recording positions in `loaded`."""
    if isinstance(node, CommentedMap):
        return _plain_map(node, path, loaded, diagnostics)
    if isinstance(node, CommentedSeq):
        items = []
        for index, item in enumerate(node):
            line, col = node.lc.item(index)
            loaded.locs[path + (index,)] = Loc(loaded.path, line + 1, col + 1)
            items.append(_plain(item, path + (index,), loaded, diagnostics))
        return items
    if isinstance(node, TaggedScalar) or hasattr(node, "tag") and getattr(node.tag, "value", None):
        diagnostics.append(error(loaded.loc(path), "yaml-tag",
                                 "YAML tags (!name) are not allowed: write plain values"))
        return None
    return _plain_scalar(node)


def _plain_map(node: CommentedMap, path: Path_, loaded: Loaded,
               diagnostics: list[Diagnostic]) -> dict:
    result = {}
    for key in node:
        line, col = node.lc.key(key)
        plain_key = _plain_scalar(key)
        if isinstance(plain_key, (datetime.date, float)):
            plain_key = str(plain_key)
        loaded.locs[path + (plain_key,)] = Loc(loaded.path, line + 1, col + 1)
        result[plain_key] = _plain(node[key], path + (plain_key,), loaded, diagnostics)
    return result


def _plain_scalar(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return value
