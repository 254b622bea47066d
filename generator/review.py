"""Handlers for the reviewers' commands: explain, deviations, textconv and redline."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timezone
from pathlib import Path

EXIT_OK, EXIT_DIFFERENT, EXIT_FAILURE = 0, 1, 2


def _read_docx(name: str) -> bytes | None:
    """Return the bytes of a .docx named on the command line, or None after printing why not."""
    path = Path(name)
    if not path.is_file():
        print(f"s75: {name}: no such file", file=sys.stderr)
        return None
    return path.read_bytes()


def textconv(args: argparse.Namespace) -> int:
    """Print the stable text of a .docx; return the exit status."""
    from .docxtext import DocxUnreadable, format_docx_text

    data = _read_docx(args.file)
    if data is None:
        return EXIT_FAILURE
    try:
        sys.stdout.write(format_docx_text(data))
    except DocxUnreadable as exc:
        print(f"s75: {args.file}: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    return EXIT_OK


def _revision_date(text: str | None) -> datetime | None:
    """Return the revision date asked for (midnight UTC), today when none is given, or None."""
    if text is None:
        return datetime.combine(date.today(), datetime.min.time(), tzinfo=timezone.utc)
    try:
        return datetime.combine(date.fromisoformat(text), datetime.min.time(),
                                tzinfo=timezone.utc)
    except ValueError:
        print(f"s75: --date {text}: write the date as YYYY-MM-DD, for example 2026-11-25",
              file=sys.stderr)
        return None


def redline(args: argparse.Namespace) -> int:
    """Write NEW against OLD as tracked changes; return the exit status."""
    from .files import write_all
    from .redline import DocxUnreadable, make_redline

    when = _revision_date(args.date)
    old, new = _read_docx(args.old), _read_docx(args.new)
    if when is None or old is None or new is None:
        return EXIT_FAILURE
    out = Path(args.output)
    if out.resolve() in (Path(args.old).resolve(), Path(args.new).resolve()):
        print("s75: -o must name a new file, not one of the drafts being compared",
              file=sys.stderr)
        return EXIT_FAILURE
    try:
        data = make_redline(old, new, author=args.author, when=when)
    except DocxUnreadable as exc:
        print(f"s75: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    write_all(out.parent, {out.name: data})
    print(f"wrote {out}")
    return EXIT_OK


def _load_for_review(name: str):
    """Return (project root, library, processed result) for a scheme, or None after printing
    why it cannot be read."""
    from .pipeline import load_project_library, process, project_root

    path = Path(name)
    if not path.is_file():
        print(f"s75: {name}: no such scheme file", file=sys.stderr)
        return None
    root = project_root()
    library, problems = load_project_library(root)
    result = process(path, library, "all")
    problems = problems + result.diagnostics
    if any(p.severity == "error" for p in problems):
        for problem in problems:
            print(problem.format())
        print(f"s75: {name} has errors: fix them (see `s75 check`) before explaining it",
              file=sys.stderr)
        return None
    return root, library, result


def explain(args: argparse.Namespace) -> int:
    """Print where each clause of the scheme's drafts came from; return the exit status."""
    from .provenance import clause_record

    loaded = _load_for_review(args.scheme)
    if loaded is None:
        return EXIT_DIFFERENT
    root, library, result = loaded
    if args.clause:
        return _explain_clause(args.clause, root, library, result)
    for built in result.built:
        print(f"{built.title} ({built.draft.scheme_id})")
        records = [clause_record(c, built.draft, root) for c in built.draft.all_clauses()]
        for record in records:
            print(_explain_row(record))
        print()
    return EXIT_OK


def _explain_row(record: dict) -> str:
    number = record["number"] or "-"
    variant = f" [{record['variant']}]" if record["variant"] else ""
    return (f"  {number:<11} {record['id']:<34} {record['layer']}{variant}  "
            f"{record['source']}  {record['hash']}")


def _explain_clause(clause_id: str, root: Path, library, result) -> int:
    from .diagnostics import did_you_mean
    from .provenance import clause_record, deviations
    from .writers.markdown import clause_blocks

    shown = 0
    for built in result.built:
        for clause in built.draft.all_clauses():
            if clause.id != clause_id:
                continue
            record = clause_record(clause, built.draft, root)
            print(f"{built.title}: {record['number'] or '(front)'} {record['title']}")
            print(f"  id:      {record['id']}")
            print(f"  layer:   {record['layer']}")
            print(f"  variant: {record['variant'] or '(none)'}")
            print(f"  source:  {record['source']}")
            print(f"  hash:    {record['hash']}")
            for item in deviations(result.scheme, library, root, {clause_id}):
                reason = f" Reason: {item.reason}" if item.reason else ""
                print(f"  change:  {item.kind} at {item.where}.{reason}")
            print()
            print("\n\n".join(clause_blocks(clause, built.draft)))
            print()
            shown += 1
    if shown:
        return EXIT_OK
    known = sorted({c.id for b in result.built for c in b.draft.all_clauses()})
    hint = did_you_mean(clause_id, known)
    print(f"s75: no clause `{clause_id}` in this scheme's drafts.{hint}", file=sys.stderr)
    return EXIT_DIFFERENT


def deviations(args: argparse.Namespace) -> int:
    """Print every departure from the vanilla model, grouped by layer; return the status."""
    from .provenance import deviations as find
    from .provenance import deviations_text

    loaded = _load_for_review(args.scheme)
    if loaded is None:
        return EXIT_DIFFERENT
    root, library, result = loaded
    sys.stdout.write(deviations_text(find(result.scheme, library, root), result.scheme,
                                     "Departures from the vanilla model", root))
    return EXIT_OK
