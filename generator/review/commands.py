"""Handlers for the reviewers' commands: explain, deviations, textconv and redline."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timezone
from pathlib import Path

from generator.errors import UsageError

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
    from generator.errors import DocxUnreadable
    from generator.ooxml.docxtext import format_docx_text

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
    from generator.errors import DocxUnreadable
    from generator.files import write_all
    from generator.review.redline import make_redline

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
    from generator.cli import settings
    from generator.pipeline import load_project_library, process

    path = Path(name)
    if not path.is_file():
        print(f"s75: {name}: no such scheme file", file=sys.stderr)
        return None
    chosen = settings()
    root = chosen.project_root
    library, problems = load_project_library(root, chosen.display_base)
    result = process(path, library, chosen, "all")
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
    from generator.writers.manifest import clause_record

    loaded = _load_for_review(args.scheme)
    if loaded is None:
        return EXIT_DIFFERENT
    root, library, result = loaded
    if args.clause:
        return _explain_clause(args.clause, root, library, result)
    for built in result.built:
        print(f"{built.title} ({built.draft.scheme_id})")
        records = [clause_record(c, built.draft, root, Path.cwd())
                   for c in built.draft.all_clauses()]
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
    from generator.assemble.deviations import find_deviations
    from generator.diagnostics import did_you_mean
    from generator.writers.deviations import where
    from generator.writers.manifest import clause_record
    from generator.writers.markdown import clause_blocks

    shown = 0
    for built in result.built:
        for clause in built.draft.all_clauses():
            if clause.id != clause_id:
                continue
            record = clause_record(clause, built.draft, root, Path.cwd())
            print(f"{built.title}: {record['number'] or '(front)'} {record['title']}")
            print(f"  id:      {record['id']}")
            print(f"  layer:   {record['layer']}")
            print(f"  variant: {record['variant'] or '(none)'}")
            print(f"  source:  {record['source']}")
            print(f"  hash:    {record['hash']}")
            for item in find_deviations(result.scheme, library, {clause_id}):
                reason = f" Reason: {item.reason}" if item.reason else ""
                print(f"  change:  {item.kind} at {where(item, root, Path.cwd())}.{reason}")
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
    from generator.assemble.deviations import find_deviations
    from generator.writers.deviations import deviations_text

    loaded = _load_for_review(args.scheme)
    if loaded is None:
        return EXIT_DIFFERENT
    root, library, result = loaded
    scheme = result.scheme
    sys.stdout.write(deviations_text(find_deviations(scheme, library), scheme.id, scheme.layers,
                                     "Departures from the vanilla model", root, Path.cwd()))
    return EXIT_OK


def diff(args: argparse.Namespace) -> int:
    """Compare two drafts clause by clause; return 0 when identical, 1 when different."""
    from generator.errors import GitProblem
    from generator.review.clausediff import compare, report

    try:
        pairs = _diff_inputs(args)
    except (GitProblem, UsageError) as exc:
        print(f"s75: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    if pairs is None:
        return EXIT_FAILURE
    different = False
    for old_label, old, new_label, new in pairs:
        comparison = compare(old or [], new or [])
        if old is None or new is None:
            print(f"--- {old_label}\n+++ {new_label}\n"
                  f"{'only in the new version' if old is None else 'only in the old version'}")
            different = True
            continue
        print("\n".join(report(comparison, old_label, new_label)))
        different = different or not comparison.identical
    return EXIT_DIFFERENT if different else EXIT_OK




def _diff_inputs(args: argparse.Namespace):
    """Return [(old label, old clauses, new label, new clauses)] for each document compared, or
    None after printing a scheme's errors."""
    import tempfile

    from generator.cli import settings
    from generator.review.gitrev import checkout_at

    first, second = Path(args.a), Path(args.b) if args.b else None
    for path in (first, second):
        if path is not None and not path.is_file():
            raise UsageError(f"{path}: no such file")
    if args.revision:
        if second is not None or first.suffix not in (".yaml", ".yml"):
            raise UsageError("--from compares one scheme file with itself at a git revision: "
                             "give a single SCHEME.yaml")
        root = settings().project_root
        with tempfile.TemporaryDirectory() as folder:
            old_root, old_scheme = checkout_at(args.revision, root, first, Path(folder))
            [old] = _scheme_clauses([old_scheme], old_root, args.doc)
        [new] = _scheme_clauses([first], root, args.doc)
        return _pair_documents(old, new, f"{first} at {args.revision}", str(first))
    if second is None:
        raise UsageError("give two drafts or two schemes to compare, or one scheme with --from")
    if first.suffix == second.suffix == ".docx":
        return [(str(first), _docx_clauses(first), str(second), _docx_clauses(second))]
    if {first.suffix, second.suffix} <= {".yaml", ".yml"}:
        old, new = _scheme_clauses([first, second], settings().project_root, args.doc)
        return _pair_documents(old, new, str(first), str(second))
    raise UsageError("compare two .docx files or two scheme .yaml files, not one of each")


def _docx_clauses(path: Path):
    from generator.errors import DocxUnreadable
    from generator.review.clausetext import from_docx

    try:
        return from_docx(path.read_bytes())
    except DocxUnreadable as exc:
        raise UsageError(f"{path}: {exc}") from exc


def _scheme_clauses(paths: list[Path], root: Path, document: str) -> list[dict]:
    """Return, for each scheme (all read with the clause library under `root`, loaded once),
    {document title: clauses} for each document it produces."""
    from generator.pipeline import Settings, load_project_library, process
    from generator.review.clausetext import from_draft

    library, library_problems = load_project_library(root, Path.cwd())
    found = []
    for path in paths:
        result = process(path, library, Settings(root, display_base=Path.cwd()), document)
        errors = [p for p in library_problems + result.diagnostics if p.severity == "error"]
        if errors:
            details = "; ".join(p.format() for p in errors)
            raise UsageError(f"{path} has errors, so its drafts cannot be compared: {details}")
        found.append({built.title: from_draft(built.draft) for built in result.built})
    return found


def _pair_documents(old: dict, new: dict, old_label: str, new_label: str) -> list:
    titles = list(old) + [title for title in new if title not in old]
    return [(f"{old_label}: {title}", old.get(title), f"{new_label}: {title}", new.get(title))
            for title in titles]
