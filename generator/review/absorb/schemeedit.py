"""Writing absorbed changes into a scheme file as text edits: a value is replaced where it is
written, and each `changes:` entry is inserted after the last entry of its list (the list, or
`changes:` itself, added when missing), so every other byte of the file, comments and layout
included, stays as it was."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from generator.load.yamlio import Loaded, load_text

NEEDS_QUOTES = re.compile(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]|[:#]\s|:$|\s$|^$")


class EditRefused(Exception):
    """An edit the file's layout does not allow; the message says where and why."""


def scalar(value: Any) -> str:
    """Return a value as a YAML scalar: numbers as written, text quoted when it must be."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    plain = not NEEDS_QUOTES.search(text) and not re.fullmatch(
        r"[-+0-9.][-+0-9.:eE_]*|true|false|null|yes|no|on|off|~", text, re.IGNORECASE)
    return text if plain else json.dumps(text, ensure_ascii=False)


def emit_item(entry: dict[str, Any], indent: int) -> list[str]:
    """Return a mapping as the lines of one block list item, its dash at `indent`."""
    lines = _mapping(entry, indent + 2)
    lines[0] = " " * indent + "- " + lines[0].lstrip()
    return lines


def _mapping(entry: dict[str, Any], indent: int) -> list[str]:
    out = []
    for key, value in entry.items():
        out += _entry(f"{' ' * indent}{key}:", value, indent)
    return out


def _entry(head: str, value: Any, indent: int) -> list[str]:
    if isinstance(value, dict):
        return [head, *_mapping(value, indent + 2)]
    if isinstance(value, list):
        out = [head]
        for item in value:
            if isinstance(item, dict):
                out += emit_item(item, indent + 2)
            else:
                out.append(f"{' ' * (indent + 2)}- {scalar(item)}")
        return out
    return [f"{head} {scalar(value)}"]


def _load(text: str, shown: str) -> Loaded:
    loaded, problems = load_text(text, shown)
    if loaded is None or any(p.severity == "error" for p in problems):
        detail = problems[0].format() if problems else "it cannot be read"
        raise EditRefused(f"{shown}: the edited scheme would not read back ({detail})")
    return loaded


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _block_end(lines: list[str], start: int, indent: int, dash_same: bool) -> int:
    """Return the index after the last content line of the block whose key is on line
    `start` (an index) at `indent`."""
    last = start
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if not _content(line):
            continue
        deeper = _indent(line) > indent or (
            dash_same and _indent(line) == indent and line.lstrip().startswith("- "))
        if not deeper:
            break
        last = index
    return last + 1


def add_change(text: str, shown: str, kind: str, entry: dict[str, Any]) -> str:
    """Return the scheme text with `entry` added to `changes: KIND:`."""
    loaded = _load(text, shown)
    lines = text.split("\n")
    changes = loaded.data.get("changes") if isinstance(loaded.data, dict) else None
    if changes is None:
        ending = "" if text.endswith("\n") or not text else "\n"
        added = ["changes:", f"  {kind}:", *emit_item(entry, 4)]
        return text + ending + "\n".join(added) + "\n"
    top = loaded.locs[("changes",)]
    if not isinstance(changes, dict) or _flow(lines[top.line - 1], top.col):
        raise EditRefused(f"{shown}:{top.line}: `changes:` is written in {{ }} style: write it "
                          "as indented lines to let absorb add to it")
    if kind not in changes:
        first = next(iter(changes), None)
        key_indent = top.col + 1 if first is None else loaded.locs[("changes", first)].col - 1
        at = _block_end(lines, top.line - 1, top.col - 1, False)
        added = [f"{' ' * key_indent}{kind}:", *emit_item(entry, key_indent + 2)]
        return "\n".join(lines[:at] + added + lines[at:])
    key = loaded.locs[("changes", kind)]
    entries = changes[kind]
    if not isinstance(entries, list) or _flow(lines[key.line - 1], key.col):
        raise EditRefused(f"{shown}:{key.line}: `{kind}:` is not a list of indented entries: "
                          "write it as `- ` lines to let absorb add to it")
    dash = key.col + 1
    if entries:
        item = loaded.locs[("changes", kind, 0)]
        dash = lines[item.line - 1].rfind("-", 0, item.col - 1)
    at = _block_end(lines, key.line - 1, key.col - 1, True)
    return "\n".join(lines[:at] + emit_item(entry, dash) + lines[at:])


def _flow(line: str, col: int) -> bool:
    """Return True when the value after the key at `col` on `line` opens a { } or [ ] value,
    or the key itself sits inside one."""
    after = line[col - 1:].split(":", 1)[1].split("#", 1)[0].strip() if ":" in line[
        col - 1:] else ""
    before = line[:col - 1]
    return after.startswith(("{", "[")) or before.count("{") > before.count("}")


def set_value(text: str, shown: str, path: tuple, new: Any) -> str:
    """Return the scheme text with the value at `path` (written on its key's line) changed."""
    loaded = _load(text, shown)
    if path not in loaded.locs:
        raise EditRefused(f"{shown}: `{'.'.join(map(str, path))}` is not written in this file "
                          "(it comes from the scheme it extends): change it there")
    loc = loaded.locs[path]
    lines = text.split("\n")
    line = lines[loc.line - 1]
    colon = line.find(":", loc.col - 1 + len(str(path[-1])))
    span = _value_span(line, colon + 1, _flow(line, loc.col))
    if colon < 0 or span is None:
        raise EditRefused(f"{shown}:{loc.line}: the value of `{path[-1]}` does not sit on "
                          "its key's line: change it by hand")
    start, end = span
    lines[loc.line - 1] = line[:start] + scalar(new) + line[end:]
    return "\n".join(lines)


def _value_span(line: str, at: int, flow: bool) -> tuple[int, int] | None:
    """Return where the one-line scalar after a colon starts and ends on the line, or None."""
    start = at
    while start < len(line) and line[start] == " ":
        start += 1
    if start >= len(line) or line[start] in "|>#" or line[start] in "{[":
        return None
    if line[start] in "\"'":
        end = line.find(line[start], start + 1)
        return None if end < 0 else (start, end + 1)
    stops = [i for i in (line.find(" #", start), *(
        (line.find(",", start), line.find("}", start)) if flow else ())) if i >= 0]
    end = min(stops, default=len(line))
    while end > start and line[end - 1] == " ":
        end -= 1
    return (start, end) if end > start else None
