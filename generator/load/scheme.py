"""Load a scheme and the schemes it extends, and merge them into one."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostic, Loc, did_you_mean, error
from generator.load import illustrative
from generator.load.schema import scheme_schema
from generator.load.validation import validate_sections
from generator.load.yamlio import Loaded, display_path, load_file, nearest_loc, one_line
from generator.model.vocabulary import DOCUMENTS

CHANGE_KINDS = ("omit", "replace", "rename", "add", "move", "order", "include", "variants")


@dataclass
class Change:
    """One explicit departure from the vanilla text, with the layer that made it."""

    kind: str
    data: dict
    loc: Loc
    layer: str
    locs: dict[tuple, Loc] = field(default_factory=dict)  # positions within the change
    source: str = field(default="", repr=False)  # the text of the file that made it


@dataclass
class Scheme:
    """A scheme with its whole `extends:` chain merged; later layers win."""

    path: str
    layers: list[Loaded]
    data: dict
    locs: dict[tuple, Loc]
    changes: list[Change] = field(default_factory=list)
    variables: dict[str, tuple[Any, Loc, str]] = field(default_factory=dict)
    marks: list[illustrative.Mark] = field(default_factory=list)  # values marked illustrative
    # top-level keys that failed validation in some file of the chain (None: a whole file did,
    # or an `extends:` that could not be followed)
    broken: frozenset[str] | None = frozenset()

    def without_broken(self) -> Scheme:
        """Return the scheme with every broken top-level section left out (as if no file gave
        it), so the checks that do not read those sections can still run on the rest."""
        broken = self.broken or frozenset()
        return replace(
            self, data={k: v for k, v in self.data.items() if k not in broken},
            locs={p: loc for p, loc in self.locs.items() if not p or p[0] not in broken},
            changes=[] if "changes" in broken else list(self.changes),
            variables={} if "variables" in broken else dict(self.variables))

    def loc(self, path: tuple) -> Loc:
        """Return where `path` (or its nearest ancestor) was written."""
        return nearest_loc(self.locs, path, self.path)

    def at(self, path: tuple, default: Any = None) -> Any:
        """Return the value at a path of keys and list positions, or `default`."""
        node: Any = self.data
        for step in path:
            if isinstance(node, dict) and step in node:
                node = node[step]
            elif isinstance(node, list) and isinstance(step, int) and step < len(node):
                node = node[step]
            else:
                return default
        return node

    @property
    def layer_names(self) -> list[str]:
        """Return the files of the chain, base first."""
        return [layer.path for layer in self.layers]


MAX_CHAIN = 50  # files an `extends:` chain may have


def load_scheme(path: Path, documents: tuple[str, ...] = DOCUMENTS, base: Path | None = None,
                within: tuple[Path, ...] = ()) -> tuple[Scheme | None, list[Diagnostic]]:
    """Return the merged scheme at `path` (None when a file cannot be used) and diagnostics.

    `documents` are the document types the library has outlines for; files are shown relative
    to `base`; an `extends:` may name only files inside the folder of `path` or one of the
    folders `within` (the workspace), after links are followed, and nothing outside is read."""
    roots = (*within, _real(path).parent)
    layers, diagnostics = _load_chain(path, roots, base)
    if layers is None:
        return None, diagnostics
    schema = scheme_schema(documents)
    marks = [illustrative.unwrap(layer) for layer in layers]
    broken: frozenset[str] | None = frozenset()
    for layer, marked in zip(layers, marks, strict=True):
        problems, in_layer = validate_sections(layer, schema)
        diagnostics.extend(problems)
        illustrative.add_text_markers(layer, marked)
        # a broken `extends:` loses a base, and everything it would give: nothing is checked
        if broken is None or in_layer is None or "extends" in in_layer:
            broken = None
        else:
            broken = broken | in_layer
    scheme = _merge(layers)
    scheme.marks = _standing(scheme, marks)
    diagnostics.extend(illustrative.unprintable(scheme.marks))
    scheme.broken = broken
    return scheme, diagnostics


def _standing(scheme: Scheme, marks: list[list[illustrative.Mark]]) -> list[illustrative.Mark]:
    """Return the marks whose values the merged scheme keeps: a later file that replaces a
    marked value drops its mark (changes and variables accumulate, so theirs always stand)."""
    return [mark for marked in marks for mark in marked
            if mark.path[0] in ("changes", "variables") or scheme.locs.get(mark.path) == mark.loc]


def _real(path: Path) -> Path:
    """Return the path with links followed (as far as they lead)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return path.absolute()


def _inside(path: Path, roots: tuple[Path, ...]) -> bool:
    return any(path.is_relative_to(_real(root)) for root in roots)


def _load_chain(top: Path, roots: tuple[Path, ...], base: Path | None
                ) -> tuple[list[Loaded] | None, list[Diagnostic]]:
    """Return the files of the chain, base first, following `extends:` from `top`."""
    chain: list[Loaded] = []
    seen: list[Path] = []
    diagnostics: list[Diagnostic] = []
    path, parent = top, None
    while True:
        problem = _unusable(path, seen, parent, roots, base)
        if problem is not None:
            return None, diagnostics + [problem]
        seen.append(_real(path))
        loaded, problems = load_file(path, base, reuse=True)
        diagnostics += problems
        if loaded is None:
            return None, diagnostics
        chain.insert(0, loaded)
        extends = loaded.data.get("extends") if isinstance(loaded.data, dict) else None
        if not isinstance(extends, str) or not extends.strip():
            return chain, diagnostics
        parent = (loaded, loaded.loc(("extends",)))
        path = path.parent / extends


def _unusable(path: Path, seen: list[Path], parent: tuple[Loaded, Loc] | None,
              roots: tuple[Path, ...], base: Path | None) -> Diagnostic | None:
    """Return why the next file of a chain cannot be read (None when it can)."""
    where = parent[1] if parent else None
    if "\x00" in str(path):
        return error(where or Loc("?"), "extends-missing",
                     "`extends:` names a path with a NUL character: write a file name")
    real = _real(path)
    if real in seen:
        cycle = " -> ".join(display_path(p, base) for p in seen + [real])
        return error(where or Loc(display_path(path, base)), "extends-cycle",
                     f"`extends:` goes round in a circle: {cycle}")
    if len(seen) >= MAX_CHAIN:
        return error(where or Loc(display_path(path, base)), "extends-too-deep",
                     f"the `extends:` chain is longer than {MAX_CHAIN} files")
    if parent is not None and not _inside(real, roots):
        return error(parent[1], "extends-outside",
                     f"`extends:` names `{one_line(str(path.name))}`, which is outside the "
                     "workspace: a scheme may extend only schemes in its own folder or the "
                     "project's")
    try:
        present = path.is_file()
    except OSError as exc:
        return error(where or Loc(one_line(display_path(path, base))), "extends-missing",
                     f"`extends:` names a path that cannot be used: {exc.strerror or exc}")
    if not present:
        return _missing_file(path, parent, base)
    return None


def _missing_file(path: Path, parent: tuple[Loaded, Loc] | None,
                  base: Path | None) -> Diagnostic:
    shown = display_path(path, base)
    if parent is None:
        return error(Loc(shown), "file-missing", "there is no such file")
    own = Path(parent[0].path).name
    siblings = [p.name for p in path.parent.glob("*.yaml") if p.name != own] \
        if path.parent.is_dir() else []
    hint = did_you_mean(path.name, siblings)
    return error(parent[1], "extends-missing",
                 f"`extends:` names `{shown}`, which does not exist.{hint}".rstrip())


def _merge(layers: list[Loaded]) -> Scheme:
    data: dict = {}
    locs: dict[tuple, Loc] = {}
    scheme = Scheme(layers[-1].path, layers, data, locs)
    for layer in layers:
        if not isinstance(layer.data, dict):
            continue
        for key, value in layer.data.items():
            if key == "changes":
                _collect_changes(scheme, layer, value)
            elif key == "variables":
                _collect_variables(scheme, layer, value)
            elif key != "extends":
                _merge_value(data, locs, (key,), value, layer)
    return scheme


def _merge_value(target: dict, locs: dict, path: tuple, value: Any, layer: Loaded) -> None:
    key = path[-1]
    # A section such as `board:` or `funds:` merges key by key; anything below that (a quorum,
    # a list of lines, contributions by party) is replaced whole by the later layer.
    if len(path) == 1 and isinstance(value, dict) and isinstance(target.get(key), dict):
        locs[path] = layer.loc(path)
        for sub_key, sub_value in value.items():
            _merge_value(target[key], locs, path + (sub_key,), sub_value, layer)
        return
    for old in [p for p in locs if p[: len(path)] == path]:
        del locs[old]
    target[key] = value
    for sub_path, loc in layer.locs.items():
        if sub_path[: len(path)] == path:
            locs[sub_path] = loc


def _collect_changes(scheme: Scheme, layer: Loaded, changes: Any) -> None:
    if not isinstance(changes, dict):
        return
    for kind in CHANGE_KINDS:
        entries = changes.get(kind)
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            if isinstance(entry, dict):
                here = ("changes", kind, index)
                inside = {path[len(here):]: loc for path, loc in layer.locs.items()
                          if path[:len(here)] == here}
                scheme.changes.append(Change(kind, entry, layer.loc(here), layer.path, inside,
                                             layer.source))


def _collect_variables(scheme: Scheme, layer: Loaded, variables: Any) -> None:
    if not isinstance(variables, dict):
        return
    for name, value in variables.items():
        scheme.variables[str(name)] = (value, layer.loc(("variables", name)), layer.path)
