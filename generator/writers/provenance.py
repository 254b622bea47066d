"""Where each clause of a draft came from (the manifest) and every departure from the vanilla
model (the deviations), for reviewers to read and sign off."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.assemble.assembly import VARIANT_FIELDS, slug
from generator.load.library import Library
from generator.load.scheme import Change, Scheme
from generator.model.draft import Clause, Draft
from generator.writers.markdown import clause_blocks

MANIFEST_SUFFIX = ".manifest.json"
DEVIATIONS_SUFFIX = ".deviations.md"


def relative(path: str, root: Path) -> str:
    """Return `path` relative to the project root with forward slashes, when it lies below it."""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def layer_name(layer: str, root: Path) -> str:
    """Return 'vanilla' or the scheme file (relative to the root) that supplied something."""
    return layer if layer == "vanilla" else relative(layer, root)


def content_hash(clause: Clause, draft: Draft) -> str:
    """Return the first 16 hex digits of the SHA-256 of the clause as the twin prints it."""
    text = "\n\n".join(clause_blocks(clause, draft))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def clause_record(clause: Clause, draft: Draft, root: Path) -> dict[str, Any]:
    """Return one clause's manifest entry."""
    source = clause.source
    return {
        "number": clause.number,
        "id": clause.id,
        "title": "Not used" if clause.not_used else clause.title,
        "kind": clause.kind,
        "layer": layer_name(source.layer, root) if source else "vanilla",
        "variant": source.variant if source else "",
        "hash": content_hash(clause, draft),
        "source": f"{relative(source.file, root)}:{source.line}" if source else "",
    }


def manifest(draft: Draft, scheme: Scheme, root: Path) -> dict[str, Any]:
    """Return the manifest of a draft: the scheme chain and every clause's provenance."""
    return {
        "document": draft.document,
        "title": draft.doc_title,
        "scheme": draft.scheme_id,
        "scheme_files": [relative(path, root) for path in scheme.layer_names],
        "status": draft.status.lower(),
        "clauses": [clause_record(c, draft, root) for c in draft.all_clauses()],
    }


def manifest_bytes(draft: Draft, scheme: Scheme, root: Path) -> bytes:
    """Return the manifest as stable JSON (two-space indent, LF, trailing newline)."""
    text = json.dumps(manifest(draft, scheme, root), indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


@dataclass
class Deviation:
    """One departure from the vanilla model."""

    layer: str
    kind: str  # omitted | replaced | added | included | variant | variable
    subject: str
    detail: str
    reason: str
    where: str
    clause: str = ""  # the library clause it touches (for an addition, the one it follows)


def deviations(scheme: Scheme, library: Library, root: Path,
               clause_ids: set[str] | None = None) -> list[Deviation]:
    """Return every departure from the vanilla model, base layer first; with `clause_ids`, only
    those touching those clauses (variables always count)."""
    out = [_from_change(c, library, root) for c in scheme.changes]
    out = [d for d in out if clause_ids is None or d.clause in clause_ids]
    out += _field_variants(scheme, library, root, clause_ids)
    out += _variables(scheme, library, root)
    order = {layer_name(path, root): i for i, path in enumerate(scheme.layer_names)}
    return sorted(out, key=lambda d: order.get(d.layer, len(order)))


KIND_WORDS = {"omit": "omitted", "replace": "replaced", "add": "added", "include": "included",
              "variants": "variant"}


def _from_change(change: Change, library: Library, root: Path) -> Deviation:
    data = change.data
    target = str(data.get("clause") or data.get("after") or "")
    title = library.clauses[target].title if target in library.clauses else target
    kind = KIND_WORDS[change.kind]
    detail = {
        "omitted": f"`{target}` ({title}) is left out"
                   + (", its number kept as 'Not used'" if data.get("keep_number") else ""),
        "replaced": f"`{target}` ({title}) is replaced by the scheme's own text"
                    + (f", titled “{data['title']}”" if data.get("title") else ""),
        "added": f"new clause “{data.get('title', '')}” is added after `{target}`",
        "included": f"optional clause `{target}` ({title}) is included",
        "variant": f"`{target}` ({title}) uses the `{data.get('choose', '')}` variant",
    }[kind]
    subject = str(data.get("id") or slug(str(data.get("title", "")))) if kind == "added" else target
    return Deviation(layer_name(change.layer, root), kind, subject, detail,
                     " ".join(str(data.get("reason", "")).split()),
                     f"{relative(change.loc.path, root)}:{change.loc.line}", target)


def _field_variants(scheme: Scheme, library: Library, root: Path,
                    clause_ids: set[str] | None) -> list[Deviation]:
    out = []
    for cid, field_name in VARIANT_FIELDS.items():
        chosen = scheme.data.get(field_name)
        explicit = any(c.kind == "variants" and c.data.get("clause") == cid for c in scheme.changes)
        lib = library.clauses.get(cid)
        if (not chosen or explicit or lib is None or chosen == lib.data.get("default_variant")
                or (clause_ids is not None and cid not in clause_ids)):
            continue
        loc = scheme.loc((field_name,))
        out.append(Deviation(layer_name(loc.path, root), "variant", cid,
                             f"`{cid}` ({lib.title}) uses the `{chosen}` variant, chosen by "
                             f"`{field_name}: {chosen}`", "",
                             f"{relative(loc.path, root)}:{loc.line}", cid))
    return out


def _variables(scheme: Scheme, library: Library, root: Path) -> list[Deviation]:
    out = []
    for name, (value, loc, layer) in scheme.variables.items():
        vanilla = library.variables.get(name)
        if value == vanilla:
            continue
        out.append(Deviation(layer_name(layer, root), "variable", name,
                             f"`{name}` is {_shown(value)} (vanilla: {_shown(vanilla)})", "",
                             f"{relative(loc.path, root)}:{loc.line}"))
    return out


def _shown(value: Any) -> str:
    return "not set" if value is None else f"“{value}”"


def deviations_text(items: list[Deviation], scheme: Scheme, heading: str, root: Path) -> str:
    """Return the deviations as Markdown, one section per scheme file of the chain (base first),
    for people to read and sign off."""
    lines = [f"# {heading}", "",
             f"Scheme `{scheme.data.get('id', '')}`: every departure from the vanilla clause "
             "library, grouped by the scheme file that makes it (base first).", ""]
    for path in scheme.layer_names:
        layer = layer_name(path, root)
        lines += [f"## {layer}", ""]
        found = [item for item in items if item.layer == layer]
        lines += [_deviation_line(item) for item in found] or ["No departures in this file."]
        lines.append("")
    return "\n".join(lines)


def _deviation_line(item: Deviation) -> str:
    reason = f" Reason: {item.reason}" if item.reason else ""
    return f"- **{item.kind}**: {item.detail} ({item.where}).{reason}"
