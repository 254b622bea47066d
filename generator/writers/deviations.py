"""The deviations report beside each draft: every departure from the vanilla model, grouped
by the scheme file that makes it (base first), for a reviewer to sign off."""

from __future__ import annotations

from pathlib import Path

from generator.model.draft import Deviation, Draft
from generator.writers.options import WriterOptions
from generator.writers.paths import layer_name, relative


def deviations_text(items: list[Deviation], scheme_id: str, layers: list[str], heading: str,
                    root: Path, base: Path | None = None) -> str:
    """Return the deviations as Markdown, one section per scheme file of the chain (base first),
    for people to read and sign off."""
    lines = [f"# {heading}", "",
             f"Scheme `{scheme_id}`: every departure from the vanilla clause "
             "library, grouped by the scheme file that makes it (base first).", ""]
    local = [item for item in items if item.layer == "local"]
    if local:
        lines += ["## The workspace's own clauses (clauses/)", ""]
        lines += [_deviation_line(item, root, base) for item in local] + [""]
    for path in layers:
        lines += [f"## {layer_name(path, root, base)}", ""]
        found = [item for item in items if item.layer == path]
        lines += ([_deviation_line(item, root, base) for item in found]
                  or ["No departures in this file."])
        lines.append("")
    return "\n".join(lines)


def _deviation_line(item: Deviation, root: Path, base: Path | None = None) -> str:
    reason = f" Reason: {item.reason}" if item.reason else ""
    return f"- **{item.kind}**: {item.detail} ({where(item, root, base)}).{reason}"


def where(item: Deviation, root: Path, base: Path | None = None) -> str:
    """Return `file:line` of the scheme line that makes a departure."""
    return f"{relative(item.loc.path, root, base)}:{item.loc.line}"


def write_deviations(draft: Draft, options: WriterOptions) -> bytes:
    """Return the deviations report of a draft as Markdown."""
    provenance = draft.provenance
    return deviations_text(provenance.deviations, draft.scheme_id, provenance.scheme_files,
                           f"{draft.doc_title}: departures from the vanilla model",
                           options.project_root, options.display_base).encode("utf-8")
