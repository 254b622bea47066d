"""`s75 absorb EDITED.docx [--scheme SCHEME] [--write]`: read a draft a lawyer edited in Word,
print the scheme changes that reproduce it, and with --write make them in the scheme file."""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import UsageError

if TYPE_CHECKING:
    from generator.model.draft import Draft
    from generator.review.absorb.plan import Plan
    from generator.review.absorb.rewrite import Targets
    from generator.review.matching import Matching

EXIT_OK, EXIT_FAILURE = 0, 2
MIN_MATCHED = 0.5  # the share of the draft's clauses an edited draft must keep to be absorbed
GENERATED = re.compile(r"Generated from scheme (\S+)")


@dataclass
class Sources:
    """The two documents compared and where the scheme is."""

    scheme: Path
    current: bytes  # the draft the scheme produces now
    edited: bytes
    draft: Draft  # the current draft


def absorb(args: argparse.Namespace) -> int:
    """Print (and with --write, make) the scheme changes an edited draft implies; return the
    exit status."""
    from generator.errors import DocxUnreadable
    from generator.review.absorb.schemeedit import EditRefused

    try:
        sources = _sources(Path(args.edited), args.scheme)
        plan, lines = _plan(sources, Path(args.edited))
        print("\n".join(lines))
        if args.write and plan.proposals:
            _write(sources.scheme, plan)
            print(f"wrote {sources.scheme}: run `s75 build` to rebuild the draft")
    except DocxUnreadable as exc:
        print(f"s75: {args.edited}: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except (UsageError, EditRefused) as exc:
        print(f"s75: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    return EXIT_OK


def _scheme_id(data: bytes) -> str:
    """Return the scheme id a generated draft records in its properties, or ''."""
    from generator.ooxml.package import read_package
    from generator.ooxml.properties import core_properties

    found = GENERATED.search(core_properties(read_package(data))["comments"])
    return found.group(1) if found else ""


def _find_scheme(scheme_id: str, root: Path) -> Path:
    """Return the scheme file under schemes/ whose `id:` is `scheme_id`."""
    line = re.compile(rf"^id:\s*['\"]?{re.escape(scheme_id)}['\"]?\s*(#.*)?$", re.MULTILINE)
    for path in sorted((root / "schemes").rglob("*.y*ml")):
        if line.search(path.read_text(encoding="utf-8", errors="replace")):
            return path
    raise UsageError(f"no scheme under {root / 'schemes'} has the id `{scheme_id}` the draft "
                     "was generated from: name it with --scheme")


def _sources(edited: Path, scheme: str | None) -> Sources:
    """Return the edited draft, its scheme and the draft the scheme produces now."""
    from generator.cli import settings
    from generator.ooxml.package import read_package
    from generator.ooxml.properties import core_properties
    from generator.pipeline import load_project_library, process

    if not edited.is_file():
        raise UsageError(f"{edited}: no such file")
    data = edited.read_bytes()
    recorded = _scheme_id(data)
    chosen = settings()
    if scheme is None and not recorded:
        raise UsageError(f"{edited}: the draft does not say which scheme it was generated from: "
                         "name it with --scheme")
    path = Path(scheme) if scheme else _find_scheme(recorded, chosen.project_root)
    if not path.is_file():
        raise UsageError(f"{path}: no such scheme file")
    library, problems = load_project_library(chosen.project_root, chosen.display_base)
    result = process(path, library, chosen, "all", write=True)
    errors = [p for p in problems + result.diagnostics if p.severity == "error"]
    if errors:
        raise UsageError(f"{path} has errors, so its draft cannot be compared: "
                         f"{errors[0].format()} (see `s75 check`)")
    if recorded and result.built and recorded != result.built[0].draft.scheme_id:
        raise UsageError(f"{edited} is a draft of scheme `{recorded}`, not of "
                         f"`{result.built[0].draft.scheme_id}` ({path})")
    title = core_properties(read_package(data))["title"]
    documents = [(next(v for k, v in b.files.items() if k.endswith(".docx")), b.draft)
                 for b in result.built]
    if not documents:
        raise UsageError(f"{path} builds no document")
    titled = [d for d in documents if core_properties(read_package(d[0]))["title"] == title]
    current, draft = titled[0] if titled else max(documents, key=lambda d: _shared(d[0], data))
    return Sources(path, current, data, draft)


def _shared(current: bytes, edited: bytes) -> int:
    """Return how many clauses of a draft an edited document has (for choosing which of a
    scheme's documents it is)."""
    from generator.review.clausetext import from_docx
    from generator.review.matching import match

    return len(match(from_docx(current), from_docx(edited)).pairs)


def _plan(sources: Sources, edited: Path) -> tuple[Plan, list[str]]:
    """Return the plan and the report's lines; refuse a document that is not this draft."""
    from generator.load.yamlio import display_path, load_file
    from generator.review.absorb.plan import Context, plan
    from generator.review.absorb.report import report_lines
    from generator.review.absorb.tracked import revisions
    from generator.review.clausetext import from_docx
    from generator.review.matching import match

    current, changed = from_docx(sources.current), from_docx(sources.edited)
    matching = match(current, changed)
    if len(matching.pairs) < MIN_MATCHED * len(current):
        raise UsageError(f"{edited}: only {len(matching.pairs)} of the draft's {len(current)} "
                         f"clauses are found in it, so it is not a draft of {sources.scheme}")
    loaded, _ = load_file(sources.scheme)
    data = loaded.data if loaded is not None and isinstance(loaded.data, dict) else {}
    context = Context(_targets(sources.draft, matching), revisions(sources.edited), data,
                      edited.name)
    result = plan(matching, context)
    return result, report_lines(result, edited, Path(display_path(sources.scheme)),
                                len(current))


def _targets(draft: Draft, matching: Matching) -> Targets:
    """Return what references in the edited draft can point to."""
    from generator.assemble.written import slug
    from generator.ooxml.build import bookmark_name
    from generator.review.absorb.rewrite import Targets

    anchors = {bookmark_name(a): a for a in draft.numbers}
    schedules = {c.anchor or c.id for c in draft.schedules}
    known = {id(after): before.id for before, after in matching.pairs}
    numbers: dict[str, str] = {}
    for clause in [after for _, after in matching.pairs] + matching.added:
        cid = known.get(id(clause), slug(clause.title or clause.id, "added-clause"))
        number = clause.number.rstrip(".")
        if number:
            numbers[number] = cid
    return Targets(anchors, schedules, numbers)


def _write(scheme: Path, plan: Plan) -> None:
    """Make the plan's changes in the scheme file, all or none."""
    from generator.files import write_all
    from generator.review.absorb.schemeedit import add_change, set_value

    text = scheme.read_text(encoding="utf-8")
    for proposal in plan.proposals:
        if proposal.value is not None:
            text = set_value(text, str(scheme), proposal.value.path, proposal.value.new)
        else:
            text = add_change(text, str(scheme), proposal.change, proposal.entry)
    write_all(scheme.parent, {scheme.name: text.encode("utf-8")})
