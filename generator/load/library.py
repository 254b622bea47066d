"""Load the clause library (clauses/**/*.yaml) and the document outlines
(templates/*/outline.yaml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostic, Loc, error
from generator.load.validation import validate
from generator.load.yamlio import Loaded, load_file

DOC_TYPES = ("section75", "mou", "tor")
KINDS = ("front", "clause", "schedule")

ELEMENT_KEYS = {
    "id": {"type": "string", "regex": r"[a-z0-9]+(-[a-z0-9]+)*"},
    "text": {"type": "string"},
    "title": {"type": "string"},
    "when": {"type": "string"},
    "for_each": {"type": "string"},
    "as": {"type": "string"},
    "numbered": {"type": "boolean"},
    "table": {"type": "string",
              "allowed": ("contributions", "line_contributions", "board_membership")},
    "items": {"type": "list"},
    "definitions": {"type": "list", "schema": {"type": "dict", "schema": {
        "term": {"type": "string", "required": True},
        "text": {"type": "string", "required": True},
        "when": {"type": "string"},
    }}},
    "subclauses": {"type": "list"},
}

BODY = {
    "text": {"type": "string"},
    "subclauses": {"type": "list"},
    "sections": {"type": "list"},
}

CLAUSE_SCHEMA = {
    "id": {"type": "string", "required": True, "regex": r"[a-z0-9]+(-[a-z0-9]+)*"},
    "title": {"type": "string", "required": True},
    "documents": {"type": "list", "required": True,
                  "schema": {"type": "string", "allowed": DOC_TYPES}},
    "kind": {"type": "string", "allowed": KINDS},
    "applies_when": {"type": "string"},
    "satisfies": {"type": "list", "schema": {"type": "string"}},
    "needs": {"type": "list", "schema": {"type": "string"}},
    "note_for_lawyers": {"type": "string"},
    **BODY,
    "variants": {"type": "dict", "valuesrules": {"type": "dict", "schema": {
        "label": {"type": "string"}, **BODY}}},
    "default_variant": {"type": "string"},
}

OUTLINE_SCHEMA = {
    "document": {"type": "string", "required": True, "allowed": DOC_TYPES},
    "title": {"type": "string", "required": True},
    "file": {"type": "string", "required": True},
    "template": {"type": "string", "required": True},
    "front": {"type": "list", "schema": {"type": "string"}},
    "clauses": {"type": "list", "schema": {"type": "string"}},
    "optional": {"type": "dict", "keysrules": {"type": "string"},
                 "valuesrules": {"type": "string"}},
    "schedules": {"type": "list", "schema": {"type": "string"}},
    "required": {"type": "list", "schema": {"type": "dict", "schema": {
        "clause": {"type": "string", "required": True}, "when": {"type": "string"}}}},
    "heads": {"type": "list", "schema": {"type": "dict", "schema": {
        "head": {"type": "string", "required": True},
        "covers": {"type": "string", "required": True},
        "when": {"type": "string"}}}},
}


@dataclass
class LibraryClause:
    """One clause of the vanilla library as written in its YAML file."""

    id: str
    data: dict
    source: Loaded

    @property
    def title(self) -> str:
        """Return the clause title."""
        return self.data["title"]

    def anchors(self) -> set[str]:
        """Return the clause id and the ids of its paragraphs and sections, any depth down."""
        found = {self.id}
        stack: list = [self.data]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                if isinstance(node.get("id"), str):
                    found.add(node["id"])
                stack += list(node.values())
            elif isinstance(node, list):
                stack += node
        return found

    @property
    def kind(self) -> str:
        """Return front, clause or schedule."""
        return self.data.get("kind", "clause")

    @property
    def loc(self) -> Loc:
        """Return where the clause's id is written."""
        return self.source.loc(("id",))

    def variants(self) -> list[str]:
        """Return the names of the clause's variants."""
        return list(self.data.get("variants") or {})


@dataclass
class Outline:
    """A document type's order of clauses, its required clauses and statutory heads."""

    document: str
    data: dict
    source: Loaded
    folder: Path

    def ordered(self) -> list[tuple[str, str]]:
        """Return (part, clause id) pairs in document order."""
        parts = ("front", "clauses", "schedules")
        return [(part, cid) for part in parts for cid in self.data.get(part) or []]

    @property
    def title(self) -> str:
        """Return the document's title."""
        return self.data["title"]

    @property
    def file_stem(self) -> str:
        """Return the output file name without extension."""
        return self.data["file"]

    @property
    def template_path(self) -> Path:
        """Return the Word template's path."""
        return self.folder / self.data["template"]


@dataclass
class Library:
    """Every clause by id, every outline by document type, and the library's variables."""

    clauses: dict[str, LibraryClause] = field(default_factory=dict)
    outlines: dict[str, Outline] = field(default_factory=dict)
    variables: dict[str, Any] = field(default_factory=dict)
    variables_source: Loaded | None = None

    def ids_for(self, document: str) -> list[str]:
        """Return the ids of the clauses that belong to `document`."""
        return [cid for cid, c in self.clauses.items() if document in c.data["documents"]]


def load_library(clauses_dir: Path, templates_dir: Path) -> tuple[Library, list[Diagnostic]]:
    """Return the loaded library and the diagnostics of any broken clause or outline file."""
    library = Library()
    diagnostics: list[Diagnostic] = []
    for path in sorted(clauses_dir.rglob("*.yaml")):
        if path.name == "variables.yaml":
            diagnostics.extend(_load_variables(library, path))
        else:
            diagnostics.extend(_load_clause(library, path))
    for path in sorted(templates_dir.glob("*/outline.yaml")):
        diagnostics.extend(_load_outline(library, path))
    diagnostics.extend(_check_outlines(library))
    return library, diagnostics


def _load_variables(library: Library, path: Path) -> list[Diagnostic]:
    loaded, diagnostics = load_file(path)
    if loaded is None:
        return diagnostics
    if not isinstance(loaded.data, dict):
        return diagnostics + [error(loaded.loc(()), "not-a-mapping",
                                    "variables.yaml must be `name: value` entries")]
    library.variables = dict(loaded.data)
    library.variables_source = loaded
    return diagnostics


def _load_clause(library: Library, path: Path) -> list[Diagnostic]:
    loaded, diagnostics = load_file(path)
    if loaded is None:
        return diagnostics
    problems = validate(loaded, CLAUSE_SCHEMA, what="clause")
    if problems:
        return diagnostics + problems
    cid = loaded.data["id"]
    if cid in library.clauses:
        first = library.clauses[cid].source.path
        return diagnostics + [error(loaded.loc(("id",)), "duplicate-clause",
                                    f"clause id `{cid}` is already used in {first}")]
    variants = loaded.data.get("variants") or {}
    default = loaded.data.get("default_variant")
    if variants and default not in variants:
        return diagnostics + [error(loaded.loc(("default_variant",)), "bad-default-variant",
                                    "`default_variant` must name one of the clause's variants")]
    library.clauses[cid] = LibraryClause(cid, loaded.data, loaded)
    return diagnostics


def _load_outline(library: Library, path: Path) -> list[Diagnostic]:
    loaded, diagnostics = load_file(path)
    if loaded is None:
        return diagnostics
    problems = validate(loaded, OUTLINE_SCHEMA, what="outline")
    if problems:
        return diagnostics + problems
    outline = Outline(loaded.data["document"], loaded.data, loaded, path.parent)
    library.outlines[outline.document] = outline
    return diagnostics


def _check_outlines(library: Library) -> list[Diagnostic]:
    diagnostics = []
    for outline in library.outlines.values():
        listed = [((part, (outline.data.get(part) or []).index(cid)), cid)
                  for part, cid in outline.ordered()]
        listed += [(("optional", cid), cid) for cid in outline.data.get("optional") or {}]
        for where, cid in listed:
            if cid not in library.clauses:
                diagnostics.append(error(outline.source.loc(where), "outline-unknown-clause",
                                         f"the outline lists `{cid}`, "
                                         f"which no clause file defines"))
    return diagnostics
