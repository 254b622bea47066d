"""From a scheme file to checked drafts: the phases in order, diagnostics collected."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.assemble.assembly import assemble
from generator.assemble.context import build_context
from generator.checks.readback import check_written
from generator.checks.rules import (
    condition_checker,
    document_checks,
    scheme_checks,
    section75_eligibility,
)
from generator.diagnostics import Diagnostic, Loc, error
from generator.errors import TemplateProblem
from generator.load.library import Library, load_library
from generator.load.scheme import Scheme, load_scheme
from generator.model.draft import Draft
from generator.writers import WRITERS
from generator.writers.provenance import (
    DEVIATIONS_SUFFIX,
    MANIFEST_SUFFIX,
    deviations,
    deviations_text,
    manifest_bytes,
)


@dataclass
class Built:
    """One document of one scheme: its draft and, when written, the bytes of each file."""

    document: str
    draft: Draft
    title: str = ""
    files: dict[str, bytes] = field(default_factory=dict)  # file name -> bytes (when written)


@dataclass
class Result:
    """What checking or building one scheme produced."""

    path: Path
    scheme: Scheme | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    built: list[Built] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return True when there are no errors."""
        return not any(d.severity == "error" for d in self.diagnostics)


def project_root() -> Path:
    """Return the folder holding clauses/ and templates/: S75_ROOT, the working directory or
    one above it, or the folder the package was installed from."""
    if os.environ.get("S75_ROOT"):
        return Path(os.environ["S75_ROOT"])
    here = Path.cwd().resolve()
    for folder in [here, *here.parents]:
        if (folder / "clauses").is_dir() and (folder / "templates").is_dir():
            return folder
    return Path(__file__).resolve().parent.parent


def load_project_library(root: Path) -> tuple[Library, list[Diagnostic]]:
    """Return the clause library and outlines under `root`."""
    return load_library(root / "clauses", root / "templates")


def documents_for(scheme: Scheme, requested: str) -> list[str]:
    """Return the documents to produce: the scheme's own list for `all`, else the one asked for."""
    if requested != "all":
        return [requested]
    return list(scheme.data.get("documents") or ["section75"])


def process(path: Path, library: Library, requested: str = "all", write: bool = False) -> Result:
    """Check a scheme (and, with `write`, render its drafts to bytes and read them back)."""
    result = Result(path)
    scheme, diagnostics = load_scheme(path)
    result.scheme = scheme
    result.diagnostics += diagnostics
    if scheme is None or not result.ok:
        return result
    context = build_context(scheme, library.variables)
    result.diagnostics += context.diagnostics + scheme_checks(scheme, context.values, library)
    if not result.ok:
        return result
    for document in documents_for(scheme, requested):
        _document(result, scheme, library, context.values, document, write)
    return result


def _document(result: Result, scheme: Scheme, library: Library, values: dict, document: str,
              write: bool) -> None:
    outline = library.outlines.get(document)
    if outline is None:
        result.diagnostics.append(error(scheme.loc(("documents",)), "unknown-document",
                                        f"there is no outline for `{document}` in templates/"))
        return
    if document == "section75":
        problems = section75_eligibility(scheme, values)
        result.diagnostics += problems
        if any(p.severity == "error" for p in problems):
            return
    assembly = assemble(outline, library, scheme, values)
    result.diagnostics += assembly.diagnostics
    result.diagnostics += document_checks(outline, library, scheme, values, assembly)
    if not result.ok:
        return
    built = Built(document, assembly.draft, outline.title)
    if not write:
        result.built.append(built)
        return
    for _fmt, (extension, writer) in WRITERS.items():
        try:
            built.files[outline.file_stem + extension] = writer(assembly.draft)
        except TemplateProblem as exc:
            result.diagnostics.append(error(Loc(str(outline.template_path)), "template", str(exc)))
            return
    root = project_root()
    built.files[outline.file_stem + MANIFEST_SUFFIX] = manifest_bytes(assembly.draft, scheme, root)
    found = deviations(scheme, library, root, set(library.ids_for(document)))
    built.files[outline.file_stem + DEVIATIONS_SUFFIX] = deviations_text(
        found, scheme, f"{outline.title}: departures from the vanilla model", root
    ).encode("utf-8")
    required = _required_ids(outline, values, assembly)
    docx_bytes = built.files[outline.file_stem + ".docx"]
    for problem in check_written(docx_bytes, assembly.draft, required):
        result.diagnostics.append(error(scheme.loc(()), "written-draft", problem))
    result.built.append(built)


def _required_ids(outline, values: dict, assembly) -> list[str]:
    holds = condition_checker(values)
    return [e["clause"] for e in outline.data.get("required") or [] if holds(e.get("when"))]
