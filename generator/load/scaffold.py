"""A new scheme file to fill in (`s75 new`): the keys a scheme must give for the documents it
builds, each left empty with a comment saying what it holds, so `s75 check` reports one located
error for each field still to fill and passes once every one is filled.

The comments come from the schema's descriptions and examples (generator/load/schema.py); the
keys to fill from the schema's `needed` keys, each document's outline (`sections:`) and what
the clauses it always requires `need:`, less what has a default or the base already gives."""

from __future__ import annotations

import os
import re
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import InputError
from generator.load.library import Library
from generator.load.schema import ID_RE, SCHEME, default_at, needed_keys
from generator.load.scheme import load_scheme

# The keys written inside a section to fill, and how many list items: a party or a board member
# is written once per party (an arrangement has at least two parties, and the standard quorum
# needs a voting member from each), a fund line once.
PARTIES = 2
INSIDE: dict[str, tuple[int, tuple[str, ...]]] = {
    "parties": (PARTIES, ("name", "short_name", "type")),
    "board.members": (PARTIES, ("role", "party")),
    "funds.lines": (1, ("name", "contributions")),
    "signatories": (PARTIES, ("name", "role", "party")),
}
# The keys written inside a section a document needs, beyond those its clauses need: a board
# has members, a fund line is pooled unless it says otherwise (so the fund needs a host and a
# manager), and a quorum has a total.
SECTIONS: dict[str, tuple[str, ...]] = {
    "board": ("members",),
    "board.quorum": ("total",),
    "funds": ("host", "pooled_fund_manager", "lines"),
}
OWN = frozenset({"title", "topic"})  # a new scheme's own, whatever its base gives
TO_FILL = "TO FILL:"
WIDTH = 36  # the column comments start at
LINE = 100  # the longest line written


@dataclass(frozen=True)
class Request:
    """What `s75 new` was asked for: the scheme's id, the `extends:` path as the new file will
    read it (empty for none), the documents to build and the dotted paths of the keys its base
    already gives (empty without a base)."""

    id: str
    extends: str
    documents: tuple[str, ...]
    given: frozenset[str] = frozenset()
    inherit_documents: bool = False  # the base's `documents:` apply, so none is written


def request_for(scheme_id: str, target: Path, base: Path | None,
                documents: tuple[str, ...] | None, known: tuple[str, ...]) -> Request:
    """Return the request for a new scheme `scheme_id` written at `target`, extending `base`
    (a scheme file, or None) and building `documents` (None: the base's, or the default), for
    a library whose document types are `known`; raise InputError for an id, a document type or
    a base that cannot be used."""
    if not re.fullmatch(ID_RE, scheme_id):
        raise InputError(f"`{scheme_id}` cannot be a scheme id: write lower-case words joined "
                         "by hyphens, e.g. staffordshire-carers")
    for document in documents or ():
        if document not in known:
            raise InputError(f"--documents: there is no document type `{document}` (there "
                             f"are: {', '.join(known)})")
    if base is None:
        chosen = documents or _default_documents()
        return Request(scheme_id, "", chosen)
    if not base.is_file():
        raise InputError(f"--extends {base}: there is no such scheme file")
    loaded, _ = load_scheme(base, known)
    if loaded is None:
        raise InputError(f"--extends {base}: the file cannot be used as a base: run "
                         f"`s75 check {base}` to see why")
    extends = Path(os.path.relpath(base.resolve(), target.parent.resolve())).as_posix()
    inherited = loaded.data.get("documents")
    listed = tuple(str(d) for d in inherited) if isinstance(inherited, list) else ()
    return Request(scheme_id, extends, documents or listed or _default_documents(),
                   frozenset(_given(loaded.data, "")),
                   inherit_documents=documents is None)


def _default_documents() -> tuple[str, ...]:
    """Return the documents a scheme builds when it names none."""
    default = default_at(("documents",))
    return tuple(str(d) for d in default) if isinstance(default, list) else ()


def _given(data: dict[str, Any], prefix: str) -> Iterator[str]:
    """Yield the dotted path of every key a base gives a value (mappings only: a list, such as
    `parties:`, is given whole)."""
    for key, value in data.items():
        if value is None:
            continue
        yield f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _given(value, f"{prefix}{key}.")


def document_needs(library: Library) -> dict[str, tuple[str, ...]]:
    """Return, for each document type, the scheme fields it cannot be built without: its
    outline's `sections:` and what each clause it always requires `needs:`."""
    out: dict[str, tuple[str, ...]] = {}
    for document, outline in library.outlines.items():
        needs = list(outline.sections)
        for rule in outline.required:
            clause = library.clauses.get(rule.subject)
            if rule.when is None and clause is not None:
                needs += clause.needs
        out[document] = tuple(dict.fromkeys(needs))
    return out


def scaffold(request: Request, needs: dict[str, tuple[str, ...]]) -> str:
    """Return the text of a new scheme file for `request`, where `needs` are the fields each
    document type cannot be built without (`document_needs`)."""
    lines = [f"# {request.id}: a new scheme. Fill in each key marked TO FILL (the comment "
             "above or beside it", "# says what it holds); `s75 check` lists those still "
             "empty, each at its line.", ""]
    if request.extends:
        lines.append(_line(0, "extends", request.extends, _describe(SCHEME["extends"])))
    lines.append(_line(0, "id", request.id, _describe(SCHEME["id"])))
    wanted = _wanted(request, needs)
    for key, rules in SCHEME.items():
        if key in wanted or any(path.startswith(f"{key}.") for path in wanted):
            lines += _blank(key, rules, 0, key, request, wanted)
    lines.append(_line(0, "status", "draft", _describe(SCHEME["status"])))
    if not request.inherit_documents:
        shown = ", ".join(request.documents)
        lines.append(_line(0, "documents", f"[{shown}]", _describe(SCHEME["documents"])))
    return "\n".join(lines) + "\n"


def _wanted(request: Request, needs: dict[str, tuple[str, ...]]) -> set[str]:
    """Return the fields to fill: those every scheme needs (a new scheme's own title and topic
    too, whatever its base gives) and those its documents need, that are fields of the format
    and have no default."""
    wanted = set(needed_keys()) - {"id", "status"}
    for document in request.documents:
        wanted |= {path for path in needs.get(document, ()) if _is_field(path)}
    if "section75" in request.documents:
        wanted.add("risk_share")  # a pooled fund says how overspends are shared
    return {path for path in wanted if path in OWN or _open(path, request)}


def _is_field(path: str) -> bool:
    """Return True when `path` names a field of the format (not a value derived from one)."""
    try:
        default_at(tuple(path.split(".")))
    except (KeyError, TypeError):
        return False
    return True


def _open(path: str, request: Request) -> bool:
    """Return True when the field at `path` is still to fill: no default, not given by a base."""
    return path in OWN or (default_at(tuple(path.split("."))) is None
                           and path not in request.given)


def _blank(key: str, rules: dict[str, Any], depth: int, path: str, request: Request,
           wanted: set[str]) -> list[str]:
    """Return the lines of one key left to fill: empty, a section with its keys to fill, or a
    list of items with theirs (no lines when nothing in it is left to fill)."""
    inner = _keys_of(rules)
    if path in INSIDE and inner is not None:
        if not _open(path, request):
            return []
        count, keys = INSIDE[path]
        out = [_comment_line(depth, key, _describe(rules))]
        for _ in range(count):
            item = [line for sub in keys
                    for line in _blank(sub, inner[sub], depth + 4, f"{path}.{sub}", request,
                                       wanted)]
            out += _as_item(item, depth + 2)
        return out
    if inner is not None and rules.get("type") == "dict":
        subs = [sub for sub in inner if sub in SECTIONS.get(path, ()) or any(
            w == f"{path}.{sub}" or w.startswith(f"{path}.{sub}.") for w in wanted)]
        body = [line for sub in subs
                for line in _blank(sub, inner[sub], depth + 2, f"{path}.{sub}", request, wanted)]
        return [_comment_line(depth, key, _describe(rules)), *body] if body else []
    if not _open(path, request):
        return []
    return [_line(depth, key, "", f"{TO_FILL} {_describe(rules)}")]


def _as_item(lines: list[str], depth: int) -> list[str]:
    """Return the lines of one list item's keys (indented `depth` + 2) with `- ` before the
    first key, its comments above it at the dash's indent."""
    joined = "\n".join(lines).split("\n")
    first = next(i for i, line in enumerate(joined) if not line.lstrip().startswith("#"))
    above = [" " * depth + line.lstrip() for line in joined[:first]]
    key = joined[first]
    return above + [f"{key[:depth]}- {key[depth + 2:]}"] + joined[first + 1:]


def _keys_of(rules: dict[str, Any]) -> dict[str, Any] | None:
    """Return the named keys of a mapping (or of each item of a list) `rules` describe."""
    inner = rules.get("schema")
    if rules.get("type") == "list" and isinstance(inner, dict) and isinstance(
            inner.get("type"), (str, list)):
        inner = inner.get("schema")
    return inner if isinstance(inner, dict) and inner and all(
        isinstance(value, dict) for value in inner.values()) else None


def _describe(rules: dict[str, Any]) -> str:
    """Return a field's description with its allowed words or an example."""
    found = rules.get("meta")
    meta: dict[str, Any] = found if isinstance(found, dict) else {}
    text = str(meta.get("description", "")).rstrip(".")
    if rules.get("allowed"):
        return f"{text}: one of {', '.join(rules['allowed'])}"
    listed = (rules.get("schema") or {}).get("allowed")
    if listed:
        return f"{text}: any of {', '.join(listed)}"
    example = meta.get("example")
    if isinstance(example, (str, int, float)) and not isinstance(example, bool):
        return f"{text}, e.g. {example}"
    if isinstance(example, tuple) and example and isinstance(example[0], str):
        return f"{text}, e.g. [{_listed(example)}]"
    return text


def _listed(items: Iterable[str]) -> str:
    return ", ".join(items)


def _line(depth: int, key: str, value: str, comment: str) -> str:
    """Return `key: value` indented by `depth`, with `comment` at the comment column, or on
    lines of its own above the key when the line would be longer than `LINE` (a comment that
    starts `TO FILL:` then leaves that mark beside the key)."""
    written = f"{' ' * depth}{key}: {value}".rstrip() if value else f"{' ' * depth}{key}:"
    line = f"{written.ljust(WIDTH - 1)} # {comment}"
    if len(line) <= LINE:
        return line
    indent = " " * depth + "# "
    above = textwrap.wrap(comment.removeprefix(TO_FILL).strip(), LINE - len(indent))
    mark = f"{written.ljust(WIDTH - 1)} # {TO_FILL.rstrip(':')}" \
        if comment.startswith(TO_FILL) else written
    return "\n".join([indent + text for text in above] + [mark])


def _comment_line(depth: int, key: str, comment: str) -> str:
    """Return the line that opens a section, with its description."""
    return _line(depth, key, "", comment)
