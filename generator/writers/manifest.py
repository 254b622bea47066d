"""The manifest beside each draft: for every clause its number, library id, the scheme layer
that supplied it, variant, content hash and source file:line, as stable JSON."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from generator import __version__
from generator.model.draft import Clause, Draft
from generator.writers.markdown import clause_blocks
from generator.writers.options import WriterOptions
from generator.writers.paths import layer_name, relative


def content_hash(clause: Clause, draft: Draft) -> str:
    """Return the first 16 hex digits of the SHA-256 of the clause as the twin prints it."""
    text = "\n\n".join(clause_blocks(clause, draft))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def clause_record(clause: Clause, draft: Draft, root: Path,
                  base: Path | None = None) -> dict[str, Any]:
    """Return one clause's manifest entry."""
    source = clause.source
    return {
        "number": clause.number,
        "id": clause.anchor or clause.id,  # a repeated clause: its copy (one per party)
        "title": "Not used" if clause.not_used else clause.title,
        "kind": clause.kind,
        "layer": layer_name(source.layer, root, base) if source else "vanilla",
        "variant": source.variant if source else "",
        "hash": content_hash(clause, draft),
        "source": f"{relative(source.file, root, base)}:{source.line}" if source else "",
    }


def manifest(draft: Draft, root: Path, base: Path | None = None) -> dict[str, Any]:
    """Return the manifest of a draft: the scheme chain and every clause's provenance."""
    return {
        "document": draft.document,
        "title": draft.doc_title,
        "scheme": draft.scheme_id,
        "scheme_files": [relative(path, root, base) for path in draft.provenance.scheme_files],
        "status": draft.status.lower(),
        "library_version": __version__,
        "clauses": [clause_record(c, draft, root, base) for c in draft.all_clauses()],
    }


def write_manifest(draft: Draft, options: WriterOptions) -> bytes:
    """Return the manifest as stable JSON (two-space indent, LF, trailing newline)."""
    record = manifest(draft, options.project_root, options.display_base)
    text = json.dumps(record, indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")
