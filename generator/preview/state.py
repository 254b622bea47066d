"""What the preview shows: the scheme checked and assembled from its files as they are now, with
the diagnostics `s75 check` reports, and the last drafts that built, kept (and marked stale)
while the scheme has errors. A Word file is written only when it is asked for."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.errors import S75Error
from generator.load.scheme import load_scheme
from generator.load.yamlio import display_path
from generator.model.draft import Draft
from generator.pipeline import Result, Settings, load_project_library, process
from generator.preview.watch import tree
from generator.workspace import library_folders
from generator.writers import WRITERS
from generator.writers.html import html_article
from generator.writers.options import WriterOptions

MAX_SOURCE = 1_000_000  # characters of a file the page shows beside its diagnostics


@dataclass(frozen=True)
class Document:
    """One built document as the page shows it: its type, title, HTML, and the draft and options
    its Word file is written from (when first asked for)."""

    document: str
    title: str
    html: str
    file_stem: str
    draft: Draft = field(repr=False)
    options: WriterOptions = field(repr=False)

    @cached_property
    def docx(self) -> bytes:
        """Return the Word file of the document, as `s75 build` writes it."""
        return WRITERS["docx"].write(self.draft, self.options)


@dataclass
class Snapshot:
    """One build of the scheme: its version (counting builds), its diagnostics, the documents
    shown (the last that built), whether they are stale, and a failure that stopped the build."""

    version: int
    scheme: str
    scheme_id: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    stale: bool = False
    failure: str = ""
    sources: dict[str, str] = field(default_factory=dict)  # file as shown -> its text


class Preview:
    """Builds a scheme whenever asked, keeping the last drafts that built."""

    def __init__(self, scheme: Path, settings: Settings) -> None:
        self.scheme = scheme
        self.settings = settings
        self.base = settings.display_base or settings.project_root
        self._library = load_project_library(settings.project_root, self.base)
        self._chain: list[Path] = [scheme]
        self._good: list[Document] = []
        self._scheme_id = ""
        self.snapshot = Snapshot(0, self.shown(scheme))

    def shown(self, path: Path) -> str:
        """Return a path as diagnostics show it."""
        return display_path(path, self.base)

    def library_files(self) -> list[Path]:
        """Return every file of the clause library and the templates (and of the workspace's
        own clause overrides, when it has them)."""
        folders = library_folders(self.settings.project_root)
        return [path for folder in (folders.clauses, folders.templates, folders.overrides)
                if folder is not None for path in tree(folder)]

    def scheme_files(self) -> list[Path]:
        """Return the scheme's file and the files of its `extends:` chain as last read."""
        return list(self._chain)

    def reload_library(self) -> None:
        """Read the clause library and the templates again."""
        self._library = load_project_library(self.settings.project_root, self.base)

    def rebuild(self) -> Snapshot:
        """Build the scheme from its files as they are now; return (and keep) the snapshot."""
        version = self.snapshot.version + 1
        self._chain = self._read_chain()
        try:
            snapshot = self._built(version)
        except S75Error as exc:
            snapshot = self._failed(version, str(exc))
        except Exception as exc:  # noqa: BLE001 - a fault of the tool: shown, and watching goes on
            snapshot = self._failed(version, f"internal error: {type(exc).__name__}: {exc}")
        self.snapshot = snapshot
        return snapshot

    def _failed(self, version: int, why: str) -> Snapshot:
        """Return the snapshot of a build that stopped: the last good drafts, stale, and why."""
        return Snapshot(version, self.shown(self.scheme), self._scheme_id, documents=self._good,
                        stale=bool(self._good), failure=why)

    def _built(self, version: int) -> Snapshot:
        library, problems = self._library
        result = process(self.scheme, library, self.settings, library_ok=not problems)
        diagnostics = sorted([*problems, *result.diagnostics], key=Diagnostic.sort_key)
        snapshot = Snapshot(version, self.shown(self.scheme), diagnostics=diagnostics)
        if result.ok and not problems and result.built:
            self._good = self._documents(result)
            self._scheme_id = result.scheme.id if result.scheme else ""
        else:
            snapshot.stale = bool(self._good)
        snapshot.documents, snapshot.scheme_id = self._good, self._scheme_id
        snapshot.sources = self._sources(diagnostics)
        return snapshot

    def _documents(self, result: Result) -> list[Document]:
        """Return the page's view of each document the scheme built."""
        library, _ = self._library
        documents = []
        for built in result.built:
            outline = library.outlines[built.document]
            options = WriterOptions(outline.template_path, self.settings.project_root,
                                    self.settings.build_time, self.settings.display_base)
            documents.append(Document(built.document, built.title, html_article(built.draft),
                                      outline.file_stem, built.draft, options))
        return documents

    def _read_chain(self) -> list[Path]:
        """Return the scheme's file and every file its `extends:` chain names, as read now."""
        library, _ = self._library
        merged, _ = load_scheme(self.scheme, library.documents, self.base,
                                (self.settings.project_root,))
        if merged is None:
            return [self.scheme, *self._chain[1:]]
        files = [self._path(layer.path) for layer in merged.layers]
        return [self.scheme] + [f for f in files if f.resolve() != self.scheme.resolve()]

    def _path(self, shown: str) -> Path:
        path = Path(shown)
        return path if path.is_absolute() else self.base / path

    def _sources(self, diagnostics: list[Diagnostic]) -> dict[str, str]:
        """Return the text of each watched file a diagnostic points into, by its shown path."""
        watched = {path.resolve() for path in self.scheme_files() + self.library_files()}
        sources: dict[str, str] = {}
        for diagnostic in diagnostics:
            shown = diagnostic.loc.path
            if shown in sources or self._path(shown).resolve() not in watched:
                continue
            try:
                sources[shown] = self._path(shown).read_text("utf-8")[:MAX_SOURCE]
            except (OSError, UnicodeDecodeError):
                continue
        return sources
