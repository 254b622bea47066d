"""Handlers for the reviewers' commands: textconv and redline."""

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
