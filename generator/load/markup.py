"""The reference markup of scheme text: `[[clause:termination]]`, `[[term:Pooled Fund]]`.

Text a scheme writes is printed as written, never run as a template, except that its straight
quotes and apostrophes are made curly, as the library's own are (the markup keeps what it was
written with). The only thing read in it is this markup, parsed here into plain strings and
marks, each mark located at its line and column in the scheme file so that a wrong target can
be reported where it was written.
"""

from __future__ import annotations

import re

from generator.diagnostics import Diagnostic, Loc, did_you_mean, error, warning
from generator.load.typography import TAGS, curly, curly_template
from generator.model.scheme import Mark, Piece

KINDS = ("clause", "schedule", "term", "party", "money")
MARK = re.compile(r"\[\[([^\[\]\n]*)\]\]")
TEMPLATE = re.compile(r"\{\{|\{%")
EXAMPLES = "[[clause:termination]], [[schedule:schedule-governance]], [[term:Pooled Fund]]"


def parse(text: str, loc: Loc, source: str) -> tuple[tuple[Piece, ...], list[Diagnostic]]:
    """Return `text` split into plain strings (their quotes made curly) and marks, and the
    problems in its markup."""
    pieces: list[Piece] = []
    problems: list[Diagnostic] = []
    finder = _Locator(source, loc)
    position = 0
    for match in MARK.finditer(text):
        here = finder.find(match.group(0))
        pieces.append(text[position:match.start()])
        mark, problem = _mark(match.group(0), match.group(1), here)
        if problem is not None:
            problems.append(problem)
            pieces.append(match.group(0))
        else:
            pieces.append(mark)
        position = match.end()
    pieces.append(text[position:])
    problems += _stray(text, finder, loc)
    return _curled(tuple(p for p in pieces if p != "")), problems


def _curled(pieces: tuple[Piece, ...]) -> tuple[Piece, ...]:
    """Return the pieces with the quotes of each plain string made curly, a mark counting as
    the word before the string that follows it."""
    out: list[Piece] = []
    before = ""
    for piece in pieces:
        if isinstance(piece, str):  # template syntax is kept as written, with a warning
            piece = curly_template(piece) if TAGS.search(piece) else curly(piece, before)
            before = piece[-1:]
        else:
            before = "x"
        out.append(piece)
    return tuple(out)


def _mark(raw: str, inner: str, loc: Loc) -> tuple[Mark, Diagnostic | None]:
    """Return the mark written as `raw`, and the problem with it if it is malformed."""
    kind, _, rest = inner.partition(":")
    kind = kind.strip()
    target, _, option = rest.partition(":")
    mark = Mark(kind, " ".join(target.split()), " ".join(option.split()), raw, loc)
    if kind not in KINDS:
        hint = did_you_mean(kind, KINDS) or f" It can be one of: {', '.join(KINDS)}."
        return mark, error(loc, "markup-unknown", f"`{raw}` is not a reference scheme text can "
                           f"make.{hint} For example: {EXAMPLES}")
    if not mark.target:
        return mark, error(loc, "markup-unknown", f"`{raw}` names no {kind}: write it as "
                           f"[[{kind}:NAME]]")
    return mark, None


def _stray(text: str, finder: _Locator, loc: Loc) -> list[Diagnostic]:
    """Return problems with brackets that open markup but never close it, and template syntax."""
    out = []
    outside = MARK.sub("", text)
    if "[[" in outside:
        out.append(error(finder.find("[[", from_start=True), "markup-unknown",
                         "`[[` opens a reference that is never closed with `]]` on the same "
                         f"line. For example: {EXAMPLES}"))
    template = TEMPLATE.search(text)
    if template is not None:
        out.append(warning(finder.find(template.group(0), from_start=True), "scheme-template-text",
                           "scheme text is printed exactly as written, so this template syntax "
                           "would appear in the draft: to refer to a clause, schedule, defined "
                           f"term, party or figure, write for example {EXAMPLES}"))
    return out


class _Locator:
    """Finds successive pieces of a value in the scheme file's text, from where the value
    starts, and returns their lines and columns."""

    def __init__(self, source: str, loc: Loc):
        self.source = source
        self.loc = loc
        self.start = self._offset(loc)
        self.position = self.start

    def _offset(self, loc: Loc) -> int:
        """Return the character offset in the source of a (1-based) line and column."""
        if not self.source:
            return 0
        lines = self.source.splitlines(keepends=True)
        line = min(max(loc.line, 1), len(lines) or 1)
        return sum(len(x) for x in lines[:line - 1]) + max(loc.col - 1, 0)

    def find(self, raw: str, from_start: bool = False) -> Loc:
        """Return where `raw` next appears after the value's start (or the value's own place
        when it cannot be found as written, for example when a line break splits it)."""
        found = self.source.find(raw, self.start if from_start else self.position)
        if not self.source or found < 0:
            return self.loc
        if not from_start:
            self.position = found + len(raw)
        line = self.source.count("\n", 0, found) + 1
        col = found - (self.source.rfind("\n", 0, found) + 1) + 1
        return Loc(self.loc.path, line, col)
