"""The registry of checks: every rule is a small function over what it checks, registered with
the phase it runs in, the codes it reports and the document types it applies to.

Phases, in order: `scheme` (the typed scheme and its values, whatever it produces), `gate`
(before a document is assembled; an error stops that document), `document` (the assembled
Draft and the plan that made it) and `written` (the Draft read back from the written .docx,
against the model). A new rule is one decorated function and its code in `codes.py`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.assemble.assembly import Assembly
from generator.diagnostics import Diagnostic
from generator.load.conditions import scope_for
from generator.load.library import Library, Outline
from generator.model.draft import Draft
from generator.model.scheme import SchemeModel

CHECK_MODULES = ("generator.checks.scheme", "generator.checks.board",
                 "generator.checks.eligibility", "generator.checks.document",
                 "generator.checks.written", "generator.checks.excluded",
                 "generator.checks.acknowledge", "generator.checks.content")
PHASES = ("scheme", "gate", "document", "written")


@dataclass(frozen=True)
class SchemeSubject:
    """What a scheme-level check reads: the typed scheme, its clause-text values, the library."""

    scheme: SchemeModel
    values: dict[str, Any]
    library: Library
    # the document a gate check is run for (None: scheme-level)
    document: str | None = field(default=None, kw_only=True)
    # None: the scheme validated. Otherwise it did not, and these top-level sections were left
    # out of the model: only checks that say what they read, and read none of them, are run,
    # so a broken or misspelt section never causes errors elsewhere
    broken: frozenset[str] | None = field(default=None, kw_only=True)

    def scope(self) -> dict[str, Any]:
        """Return the names a condition sees for this scheme."""
        return scope_for(self.values)


@dataclass(frozen=True)
class DocumentSubject(SchemeSubject):
    """What a document check reads: also the outline, and the assembly (plan and Draft)."""

    outline: Outline
    assembly: Assembly

    @property
    def draft(self) -> Draft:
        """Return the assembled draft."""
        assert self.assembly.draft is not None
        return self.assembly.draft


@dataclass(frozen=True)
class Check:
    """One registered rule."""

    name: str
    phase: str
    codes: tuple[str, ...]
    run: Callable[[Any], list[Diagnostic]]
    documents: tuple[str, ...] = ()  # empty: every document type
    reads: frozenset[str] | None = None  # the top-level sections it reads (None: any of them)

    def applies_to(self, document: str | None) -> bool:
        """Return whether the check runs for `document` (None: scheme-level)."""
        return not self.documents or document in self.documents

    def safe_without(self, broken: frozenset[str] | None) -> bool:
        """Return whether the check can run on a scheme whose sections `broken` were left out
        (None: a scheme that validated): it reads none of them. A check that does not say what
        it reads runs only on a scheme that validated (it may report absences that are only
        echoes of a misspelt key)."""
        return broken is None or (self.reads is not None and not self.reads & broken)


REGISTRY: list[Check] = []


def check(phase: str, codes: tuple[str, ...], documents: tuple[str, ...] = (),
          reads: tuple[str, ...] | None = None
          ) -> Callable[[Callable[[Any], list[Diagnostic]]], Callable[[Any], list[Diagnostic]]]:
    """Return a decorator registering a check function for `phase`; `reads` names the
    top-level scheme sections it reads, so it can still run when another section is broken."""
    assert phase in PHASES, phase

    def register(function: Callable[[Any], list[Diagnostic]]) -> Callable[[Any], list[Diagnostic]]:
        name = function.__name__.strip("_").replace("_", "-")
        REGISTRY.append(Check(name, phase, codes, function, documents,
                              None if reads is None else frozenset(reads)))
        return function
    return register


def checks(phase: str) -> list[Check]:
    """Return the registered checks of a phase, in registration order."""
    for module in CHECK_MODULES:
        importlib.import_module(module)
    return [c for c in REGISTRY if c.phase == phase]


def run(phase: str, subject: SchemeSubject, document: str | None = None) -> list[Diagnostic]:
    """Return the diagnostics of every check of `phase` that applies to `document` (and, when
    some sections are broken, that reads none of them)."""
    out: list[Diagnostic] = []
    for registered in checks(phase):
        if registered.applies_to(document) and registered.safe_without(subject.broken):
            out += registered.run(subject)
    return out
