"""Load the clause library (clauses/**/*.yaml) and the document outlines
(templates/*/outline.yaml), and compile them once.

Every clause string is compiled here (plain strings skip Jinja), every condition is compiled
here, and every name, attribute and compared option they use is checked against the names
clause text may use (`model.context`), so a misspelt name is an error at the clause file's line
even on a branch no scheme takes. The document types are the outlines found: a new folder under
templates/ with an outline and a Word template is a new document type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostic, Loc, did_you_mean, error
from generator.load.elements import Body, ClauseCompiler
from generator.load.folders import yaml_files
from generator.load.law import load_law
from generator.load.names import shape_of_expression
from generator.load.phrases import Phrases, load_phrases
from generator.load.schema import ID_RE, SCHEME
from generator.load.texts import ENVIRONMENT, Condition, Text
from generator.load.typography import curly
from generator.load.validation import validate
from generator.load.yamlio import Loaded, load_file, one_line
from generator.model.context import ANY, ListOf, Options, Shape, clause_names, shape_at
from generator.model.law import LawTable

KINDS = ("front", "clause", "schedule")

BODY = {
    "text": {"type": "string"},
    "subclauses": {"type": "list"},
    "sections": {"type": "list"},
}


NOTE_SCHEMA = {"anyof": [
    {"type": "string"},
    {"type": "list", "schema": {"anyof": [
        {"type": "string"},
        {"type": "dict", "schema": {"text": {"type": "string", "required": True},
                                    "when": {"type": "string"}}}]}}]}


def clause_schema(documents: tuple[str, ...]) -> dict[str, Any]:
    """Return the schema of a clause file, for a library with these document types."""
    return {
        "id": {"type": "string", "required": True, "regex": ID_RE},
        "title": {"type": "string", "required": True},
        "documents": {"type": "list", "required": True,
                      "schema": {"type": "string", "allowed": documents}},
        "kind": {"type": "string", "allowed": KINDS},
        "applies_when": {"type": "string"},
        "satisfies": {"type": "list", "schema": {"type": "string"}},
        "needs": {"type": "list", "schema": {"type": "string"}},
        "note_for_lawyers": NOTE_SCHEMA,
        **BODY,
        "variants": {"type": "dict", "valuesrules": {"type": "dict", "schema": {
            "label": {"type": "string"}, **BODY}}},
        "default_variant": {"type": "string"},
        "variant_by": {"type": "string"},
        "for_each": {"type": "string"},
        "as": {"type": "string", "regex": r"[a-z_]{1,40}(?!\n)"},
    }


OUTLINE_SCHEMA = {
    "document": {"type": "string", "required": True, "regex": ID_RE},
    "title": {"type": "string", "required": True},
    "cover": {"type": "string"},
    "file": {"type": "string", "required": True, "regex": r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}(?!\n)",
             "meta": {"hint": "a file name without a folder, such as section75-agreement"}},
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
    "sections": {"type": "list", "schema": {"type": "string"}},
}

PARTS = ("front", "clauses", "schedules")


@dataclass(frozen=True)
class Variant:
    """An alternative wording of a clause: its label and its body."""

    name: str
    label: str
    body: Body


@dataclass(frozen=True)
class NotePart:
    """One paragraph of a clause's drafting note, printed only where its condition holds."""

    text: str
    when: Condition | None = None


@dataclass
class LibraryClause:
    """One clause of the vanilla library, compiled."""

    id: str
    title: str  # as written (it may hold template syntax: render `title_text` to print it)
    title_text: Text
    documents: list[str]
    kind: str
    loc: Loc  # where the clause's id is written
    file: str
    body: Body
    applies_when: Condition | None = None
    satisfies: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    notes: list[NotePart] = field(default_factory=list)
    variants: dict[str, Variant] = field(default_factory=dict)
    default_variant: str = ""
    variant_by: str = ""  # the scheme field whose value chooses the variant
    anchors: frozenset[str] = frozenset()
    for_each: Condition | None = None  # one clause (or schedule) per item of this list
    as_name: str = "item"
    layer: str = "vanilla"  # "local" for a workspace's own override of the clause

    @property
    def note(self) -> str:
        """Return the whole drafting note, every part whatever its condition."""
        return " ".join(part.text for part in self.notes)

    def variant_names(self) -> list[str]:
        """Return the names of the clause's variants."""
        return list(self.variants)


@dataclass(frozen=True)
class Rule:
    """An outline entry that holds under a condition: a required clause or a statutory head."""

    subject: str
    when: Condition | None
    loc: Loc
    covers: str = ""


@dataclass
class Outline:
    """A document type: its clause order, required clauses, statutory heads, file and template."""

    document: str
    title: str
    file_stem: str
    template_path: Path
    loc: Loc
    parts: dict[str, list[str]]
    part_locs: dict[tuple[str, int], Loc]
    optional: dict[str, str]
    optional_locs: dict[str, Loc]
    required: list[Rule]
    heads: list[Rule]
    sections: list[str] = field(default_factory=list)  # top-level scheme keys it cannot lack
    cover: str = ""  # the line that says what the document is, on its cover (default: title)

    def ordered(self) -> list[tuple[str, str]]:
        """Return (part, clause id) pairs in document order."""
        return [(part, cid) for part in PARTS for cid in self.parts.get(part, [])]

    def required_ids(self) -> set[str]:
        """Return every clause the outline ever requires, whatever its condition."""
        return {rule.subject for rule in self.required}


@dataclass
class Library:
    """Every clause by id, every outline by document type, and the library's variables."""

    clauses: dict[str, LibraryClause] = field(default_factory=dict)
    outlines: dict[str, Outline] = field(default_factory=dict)
    variables: dict[str, Any] = field(default_factory=dict)
    phrases: Phrases = field(default_factory=Phrases)
    law: LawTable = field(default_factory=LawTable)

    def ids_for(self, document: str) -> list[str]:
        """Return the ids of the clauses that belong to `document`."""
        return [cid for cid, c in self.clauses.items() if document in c.documents]

    @property
    def documents(self) -> tuple[str, ...]:
        """Return the document types, one per outline, in name order."""
        return tuple(sorted(self.outlines))


def load_library(clauses_dir: Path, templates_dir: Path, base: Path | None = None,
                 overrides: Path | None = None) -> tuple[Library, list[Diagnostic]]:
    """Return the compiled library and the diagnostics of every broken clause or outline file
    (files shown relative to `base`). Clause files under `overrides` (a workspace's own
    clauses/) are read after the vanilla ones: a clause there with a vanilla clause's id takes
    its place, any other is added to the library."""
    library = Library()
    diagnostics: list[Diagnostic] = []
    variables_file = clauses_dir / "variables.yaml"
    phrases_file = clauses_dir / "phrases.yaml"
    if variables_file.is_file():
        diagnostics += _load_variables(library, variables_file, base)
    library.phrases, problems = load_phrases(phrases_file, base)
    diagnostics += problems
    law_file = clauses_dir / "law.yaml"
    library.law, problems = load_law(law_file, base)
    diagnostics += problems
    outline_files = sorted(p for p in templates_dir.glob("*/outline.yaml")
                           if _inside(p, templates_dir))
    loaded_outlines = [_read_outline(path, diagnostics, base) for path in outline_files]
    documents = tuple(sorted(_declared(path) for path in outline_files if _declared(path)))
    names = {**dict.fromkeys(ENVIRONMENT.globals, ANY),
             **clause_names(list(library.variables), documents,
                          tuple(library.law.subjects))}
    clause_files, skipped = yaml_files(clauses_dir, base)
    diagnostics += skipped
    for path in clause_files:
        if path not in (variables_file, phrases_file, law_file):
            diagnostics += _load_clause(library, path, documents, names, base)
    if overrides is not None:
        diagnostics += _load_overrides(library, overrides, documents, names, base)
    for path, loaded in zip(outline_files, loaded_outlines, strict=True):
        if loaded is not None:
            diagnostics += _compile_outline(library, loaded, path, names)
    diagnostics += _check_outlines(library)
    return library, diagnostics


def _inside(path: Path, folder: Path) -> bool:
    """Return whether `path`, links followed, lies inside `folder`."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


def _load_variables(library: Library, path: Path, base: Path | None) -> list[Diagnostic]:
    loaded, diagnostics = load_file(path, base)
    if loaded is None:
        return diagnostics
    if not isinstance(loaded.data, dict):
        return diagnostics + [error(loaded.loc(()), "not-a-mapping",
                                    "variables.yaml must be `name: value` entries")]
    library.variables = dict(loaded.data)
    return diagnostics


def _load_overrides(library: Library, folder: Path, documents: tuple[str, ...],
                    names: dict[str, Shape], base: Path | None) -> list[Diagnostic]:
    """Read a workspace's own clause files into `library`, each replacing the vanilla clause
    with its id (or adding a new one); return their diagnostics. Two local files giving one
    id is an error, as in the vanilla library."""
    files, diagnostics = yaml_files(folder, base)
    local: set[str] = set()
    for path in files:
        diagnostics += _load_clause(library, path, documents, names, base, local)
    return diagnostics


def _load_clause(library: Library, path: Path, documents: tuple[str, ...],
                 names: dict[str, Shape], base: Path | None,
                 local: set[str] | None = None) -> list[Diagnostic]:
    """Compile one clause file into `library`; return its diagnostics. With `local` (the ids
    overridden so far) the file is a workspace override: it may replace a vanilla clause."""
    loaded, diagnostics = load_file(path, base)
    if loaded is None:
        return diagnostics
    problems = validate(loaded, clause_schema(documents), what="clause")
    if problems:
        return diagnostics + problems
    data = loaded.data
    cid = data["id"]
    replacing = local is not None and cid not in local
    if cid in library.clauses and not replacing:
        first = library.clauses[cid].file
        return diagnostics + [error(loaded.loc(("id",)), "duplicate-clause",
                                    f"clause id `{cid}` is already used in {first}")]
    compiler = ClauseCompiler(loaded, cid, names)
    clause = _compile_clause(compiler, loaded)
    diagnostics += compiler.diagnostics + _check_variants(clause, loaded, names)
    if local is not None:
        local.add(cid)
        clause.layer = "local"
    library.clauses[cid] = clause
    return diagnostics


def _compile_clause(compiler: ClauseCompiler, loaded: Loaded) -> LibraryClause:
    data = loaded.data
    for_each = compiler.condition(data.get("for_each"), ("for_each",))
    as_name = str(data.get("as") or "item")
    if for_each is not None and for_each.tree is not None:
        iterated = shape_of_expression(for_each.tree, compiler.names)
        compiler.names = {**compiler.names,
                          as_name: iterated.item if isinstance(iterated, ListOf) else ANY}
    variants = {
        name: Variant(name, str(body.get("label", "")),
                      compiler.body(body, ("variants", name)))
        for name, body in (data.get("variants") or {}).items()}
    return LibraryClause(
        id=data["id"], title=data["title"],
        title_text=compiler.text(data["title"], ("title",)),
        documents=list(data["documents"]), kind=data.get("kind", "clause"),
        loc=loaded.loc(("id",)), file=loaded.path, body=compiler.body(data, ()),
        applies_when=compiler.condition(data.get("applies_when"), ("applies_when",)),
        satisfies=list(data.get("satisfies") or []), needs=list(data.get("needs") or []),
        notes=_notes(compiler, data.get("note_for_lawyers")), variants=variants,
        default_variant=str(data.get("default_variant") or ""),
        variant_by=str(data.get("variant_by") or ""), anchors=frozenset(compiler.anchors),
        for_each=for_each, as_name=as_name)


def _notes(compiler: ClauseCompiler, raw: Any) -> list[NotePart]:
    """Return a clause's drafting note as parts: one string, or a list of strings and
    `{text, when}` entries (a part with `when:` prints only where the condition holds)."""
    if not raw:
        return []
    entries = raw if isinstance(raw, list) else [raw]
    parts = []
    for index, entry in enumerate(entries):
        if isinstance(entry, dict):
            where = ("note_for_lawyers", index, "when")
            parts.append(NotePart(curly(" ".join(str(entry["text"]).split())),
                                  compiler.condition(entry.get("when"), where)))
        else:
            parts.append(NotePart(curly(" ".join(str(entry).split()))))
    return [part for part in parts if part.text]


def _check_variants(clause: LibraryClause, loaded: Loaded,
                    names: dict[str, Shape]) -> list[Diagnostic]:
    out = []
    if clause.variants and clause.default_variant not in clause.variants:
        out.append(error(loaded.loc(("default_variant",)), "bad-default-variant",
                         "`default_variant` must name one of the clause's variants"))
    if clause.variant_by:
        out += _check_variant_by(clause, loaded, names)
    return out


def _check_variant_by(clause: LibraryClause, loaded: Loaded,
                      names: dict[str, Shape]) -> list[Diagnostic]:
    """Return errors for a `variant_by:` field that does not exist or is not a closed set of
    options, and for variants named after no option of that field."""
    shape = shape_at(names, clause.variant_by)
    where = loaded.loc(("variant_by",))
    if not isinstance(shape, Options):
        return [error(where, "bad-variant-by", f"clause `{clause.id}`: `variant_by: "
                      f"{clause.variant_by}` must name a scheme field with fixed options")]
    out = []
    for name in clause.variants:
        if name not in shape.values:
            options = ", ".join(f"`{v}`" for v in shape.values)
            out.append(error(loaded.loc(("variants", name)), "unknown-variant",
                             f"clause `{clause.id}`: variant `{name}` is not an option of "
                             f"`{clause.variant_by}` ({options})."
                             f"{did_you_mean(name, shape.values)}".rstrip()))
    return out


def _declared(outline_file: Path) -> str:
    """Return the document type an outline is for: the name of its folder under templates/
    (which its `document:` must repeat), so a broken outline still names its type."""
    return outline_file.parent.name


def _read_outline(path: Path, diagnostics: list[Diagnostic], base: Path | None
                  ) -> Loaded | None:
    loaded, problems = load_file(path, base)
    diagnostics += problems
    if loaded is None:
        return None
    problems = validate(loaded, OUTLINE_SCHEMA, what="outline")
    diagnostics += problems
    return None if problems else loaded


def _compile_outline(library: Library, loaded: Loaded, path: Path,
                     names: dict[str, Shape]) -> list[Diagnostic]:
    data = loaded.data
    if data["document"] != _declared(path):
        return [error(loaded.loc(("document",)), "wrong-value",
                      f"`document: {one_line(data['document'])}` must be the name of the "
                      f"outline's folder, `{_declared(path)}`")]
    template = path.parent / data["template"]
    if not _inside(template, path.parent) or not template.is_file():
        return [error(loaded.loc(("template",)), "path-outside",
                      f"`template: {data['template']}` must name a Word file in the outline's "
                      "own folder")]
    compiler = ClauseCompiler(loaded, f"outline {data['document']}", names)
    parts = {part: list(data.get(part) or []) for part in PARTS}
    outline = Outline(
        document=data["document"], title=data["title"], file_stem=data["file"],
        template_path=template, loc=loaded.loc(()), parts=parts,
        part_locs={(part, i): loaded.loc((part, i)) for part in PARTS
                   for i in range(len(parts[part]))},
        optional=dict(data.get("optional") or {}),
        optional_locs={cid: loaded.loc(("optional", cid)) for cid in data.get("optional") or {}},
        required=[Rule(entry["clause"], compiler.condition(entry.get("when"),
                                                           ("required", i, "when")),
                       loaded.loc(("required", i)))
                  for i, entry in enumerate(data.get("required") or [])],
        heads=[Rule(entry["head"], compiler.condition(entry.get("when"), ("heads", i, "when")),
                    loaded.loc(("heads", i)), entry["covers"])
               for i, entry in enumerate(data.get("heads") or [])],
        sections=list(data.get("sections") or []),
        cover=data.get("cover") or data["title"])
    library.outlines[outline.document] = outline
    return compiler.diagnostics + _unknown_sections(loaded, outline.sections)


def _unknown_sections(loaded: Loaded, sections: list[str]) -> list[Diagnostic]:
    """Return an error for each `sections:` entry that is not a top-level key of a scheme."""
    return [error(loaded.loc(("sections", i)), "wrong-value",
                  f"`sections:` lists `{one_line(name)}`, which is not a top-level key of a "
                  f"scheme.{did_you_mean(name, SCHEME)}".rstrip())
            for i, name in enumerate(sections) if name not in SCHEME]


def _check_outlines(library: Library) -> list[Diagnostic]:
    diagnostics = []
    for outline in library.outlines.values():
        listed = [(outline.part_locs[(part, outline.parts[part].index(cid))], cid)
                  for part, cid in outline.ordered()]
        listed += [(outline.optional_locs[cid], cid) for cid in outline.optional]
        for where, cid in listed:
            if cid not in library.clauses:
                diagnostics.append(error(where, "outline-unknown-clause",
                                         f"the outline lists `{cid}`, "
                                         f"which no clause file defines"))
    return diagnostics
