"""From a scheme file to checked drafts: the phases in order, diagnostics collected.

load (scheme chain, typed model) -> context -> scheme checks -> per document: gate checks ->
assembly -> document checks -> writers -> read-back checks. The CLI gives the project root and
the build time; nothing here reads the environment, the working directory or the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.assemble.assembly import assemble
from generator.assemble.context import build_context
from generator.assemble.deviations import find_deviations
from generator.checks import registry
from generator.checks.acknowledge import set_aside
from generator.checks.readback import read_back
from generator.checks.registry import DocumentSubject, SchemeSubject
from generator.checks.written import WrittenSubject
from generator.diagnostics import Diagnostic, Loc, error
from generator.errors import TemplateProblem, doing
from generator.load.library import Library, Outline, load_library
from generator.load.scheme import Scheme, load_scheme
from generator.load.typed import to_model
from generator.model.draft import Draft, Provenance
from generator.model.scheme import SchemeModel
from generator.settings import Settings
from generator.workspace import library_folders
from generator.writers import WRITERS
from generator.writers.options import WriterOptions
from generator.writers.pdf import check_layout_fonts, convert, heading_pages


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
    scheme: SchemeModel | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    built: list[Built] = field(default_factory=list)
    acknowledged: list[Diagnostic] = field(default_factory=list)  # warnings the scheme accepts

    @property
    def ok(self) -> bool:
        """Return True when there are no errors."""
        return not any(d.severity == "error" for d in self.diagnostics)


def load_project_library(root: Path, base: Path | None = None
                         ) -> tuple[Library, list[Diagnostic]]:
    """Return the clause library and outlines of the project at `root` (files shown relative
    to `base`): its own, or the vanilla library with the workspace's clause overrides."""
    folders = library_folders(root)
    return load_library(folders.clauses, folders.templates, base, folders.overrides)


def documents_for(scheme: SchemeModel, requested: str) -> list[str]:
    """Return the documents to produce: the scheme's own list for `all`, else the one asked for."""
    if requested != "all":
        return [requested]
    return list(scheme.documents)


def process(path: Path, library: Library, settings: Settings, requested: str = "all",
            write: bool = False, library_ok: bool = True) -> Result:
    """Check a scheme (and, with `write`, render its drafts to bytes and read them back).

    With `library_ok` False (the clause library has errors of its own) the scheme's files are
    only loaded and validated: nothing is built from a broken library, so its errors are reported
    once, where they are. The warnings the scheme acknowledges are set aside in `acknowledged`."""
    result = _process(path, library, settings, requested, write, library_ok)
    if result.scheme is not None:
        complete = requested == "all" and result.ok
        result.diagnostics, result.acknowledged = set_aside(result.scheme, result.diagnostics,
                                                            complete)
    return result


def _process(path: Path, library: Library, settings: Settings, requested: str,
             write: bool, library_ok: bool) -> Result:
    """Return what checking (and, with `write`, building) the scheme at `path` found."""
    result = Result(path)
    merged, diagnostics = load_scheme(path, library.documents, settings.display_base,
                                      (settings.project_root,))
    result.diagnostics += diagnostics
    if merged is None or not library_ok:
        return result
    if not result.ok:
        _check_what_validated(result, merged, library)
        return result
    scheme = to_model(merged)
    result.scheme = scheme
    context = build_context(scheme, library.variables, library.phrases)
    subject = SchemeSubject(scheme, context.values, library)
    result.diagnostics += context.diagnostics + registry.run("scheme", subject)
    if not result.ok:
        return result
    for document in documents_for(scheme, requested):
        with doing(f"making its {document} document"):
            _document(result, subject, document, settings, write)
    return result


def _check_what_validated(result: Result, merged: Scheme, library: Library) -> None:
    """Add the findings of the scheme checks that read none of a scheme's broken sections, run
    on the sections that validated, so one run reports every problem it safely can. Checks of
    what is absent, and every document check, wait for a scheme that validates: a misspelt key
    is not also reported as a missing one, and nothing is assembled from a scheme with errors."""
    broken = merged.broken
    if broken is None:
        return
    scheme = to_model(merged.without_broken())
    context = build_context(scheme, library.variables, library.phrases)
    subject = SchemeSubject(scheme, context.values, library, broken=broken)
    result.diagnostics += context.diagnostics + registry.run("scheme", subject)


def _document(result: Result, subject: SchemeSubject, document: str, settings: Settings,
              write: bool) -> None:
    scheme, library = subject.scheme, subject.library
    outline = library.outlines.get(document)
    if outline is None:
        result.diagnostics.append(error(scheme.at("documents"), "unknown-document",
                                        f"there is no outline for `{document}` in templates/"))
        return
    gates = registry.run("gate", replace(subject, document=document), document)
    result.diagnostics += gates
    if any(p.severity == "error" for p in gates):
        return
    assembly = assemble(outline, library, scheme, subject.values)
    result.diagnostics += assembly.diagnostics
    if assembly.draft is None:  # the template could not be read: reported in its diagnostics
        return
    checked = DocumentSubject(scheme, subject.values, library, outline, assembly)
    result.diagnostics += registry.run("document", checked, document)
    if not result.ok or assembly.draft is None:
        return
    draft = assembly.draft
    draft.provenance = Provenance(list(scheme.layers), find_deviations(
        scheme, library, set(library.ids_for(document))))
    built = Built(document, draft, outline.title)
    result.built.append(built)
    if write:
        _write(result, built, checked, settings)


def _write(result: Result, built: Built, subject: DocumentSubject, settings: Settings) -> None:
    """Render every format a build writes of a document and check the Word file read back."""
    outline = subject.outline
    options = WriterOptions(outline.template_path, settings.project_root, settings.build_time,
                            settings.display_base, settings.notes)
    for form in (form for form in WRITERS.values() if not form.on_request):
        try:
            built.files[outline.file_stem + form.suffix] = form.write(built.draft, options)
        except TemplateProblem as exc:
            result.diagnostics.append(error(Loc(str(outline.template_path)), "template", str(exc)))
            result.built.remove(built)
            return
    docx_bytes = built.files[outline.file_stem + ".docx"]
    known = [*subject.library.clauses, *built.draft.numbers,
             *(c.anchor for c in built.draft.all_clauses())]
    written = WrittenSubject(subject.scheme, subject.values, subject.library, outline,
                             subject.assembly, read_back(docx_bytes, known))
    result.diagnostics += registry.run("written", written, outline.document)


LAYOUT_PASSES = 3  # PDF conversions at most: until the contents' page numbers stop changing


def lay_out(results: list[Result], library: Library, settings: Settings, pdfs: bool) -> None:
    """Lay out every written document with LibreOffice (one process per pass for the whole
    batch) and write its .docx again with its contents page showing the page each heading
    falls on, repeated until the page numbers are stable; with `pdfs`, add the last PDF to the
    document's files too, so the Word file and the PDF show the same numbers. Raise InputError
    when LibreOffice is missing or would lay the drafts out in fonts of other measurements."""
    built = [b for result in results for b in result.built if b.files]
    stems = [library.outlines[b.document].file_stem for b in built]
    documents = [b.files[stem + ".docx"] for b, stem in zip(built, stems, strict=True)]
    check_layout_fonts(documents)
    pages: list[dict[str, str]] = [{} for _ in built]
    for attempt in range(LAYOUT_PASSES):
        laid = convert(documents)
        laid_out = [heading_pages(pdf, b.draft) for pdf, b in zip(laid, built, strict=True)]
        if laid_out == pages or attempt == LAYOUT_PASSES - 1:
            break
        pages = laid_out
        documents = [_docx_with_pages(b, library.outlines[b.document], settings, p)
                     for b, p in zip(built, pages, strict=True)]
    for b, stem, docx, pdf in zip(built, stems, documents, laid, strict=True):
        b.files[stem + ".docx"] = docx
        if pdfs:
            b.files[stem + ".pdf"] = pdf


def _docx_with_pages(built: Built, outline: Outline, settings: Settings,
                     pages: dict[str, str]) -> bytes:
    """Return the document's .docx with the contents page showing `pages`."""
    options = WriterOptions(outline.template_path, settings.project_root, settings.build_time,
                            settings.display_base, settings.notes, pages=pages)
    return WRITERS["docx"].write(built.draft, options)


__all__ = ["Built", "Outline", "Result", "Settings", "documents_for",
           "lay_out", "load_project_library", "process"]
