"""Diagnostics: one problem, where it is, and what to do about it."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.codes import CODES, UNVERIFIED_NOTE
from generator.errors import ToolError

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Loc:
    """A place in a file; line and column count from 1."""

    path: str
    line: int = 1
    col: int = 1


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in a scheme, a clause or a draft."""

    loc: Loc
    severity: str
    code: str
    message: str

    def format(self) -> str:
        """Return the diagnostic as one line, `path:line:col: severity[code]: message`, with any
        line break or control character in the path or message shown as an escape."""
        loc = self.loc
        return (f"{single_line(loc.path)}:{loc.line}:{loc.col}: {self.severity}[{self.code}]: "
                f"{single_line(self.message)}")

    def sort_key(self) -> tuple:
        """Return the key that orders diagnostics by path, line, column and code."""
        return (self.loc.path, self.loc.line, self.loc.col, self.code, self.message)


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def single_line(text: str) -> str:
    """Return text with line breaks, control characters and lone surrogates shown as escapes
    (`\\n`, `\\x01`, `\\ud800`), so it always prints on one line."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def error(loc: Loc, code: str, message: str) -> Diagnostic:
    """Return an error diagnostic; the code must be an error in the table of codes."""
    return Diagnostic(loc, _checked(code, ERROR), code, _noted(code, message))


def warning(loc: Loc, code: str, message: str) -> Diagnostic:
    """Return a warning diagnostic; the code must be a warning in the table of codes."""
    return Diagnostic(loc, _checked(code, WARNING), code, _noted(code, message))


def _noted(code: str, message: str) -> str:
    """Return the message, ending with the reminder to check against the current Regulations
    when the code is a rule on a point of law that is not verified."""
    entry = CODES.get(code)
    if entry is None or not entry.unverified or UNVERIFIED_NOTE in message:
        return message
    return f"{message} ({UNVERIFIED_NOTE})"


def _checked(code: str, severity: str) -> str:
    """Return `severity` when `code` has it in the table of codes; raise ToolError otherwise (a
    fault of the tool, never of the user's input)."""
    entry = CODES.get(code)
    if entry is None or entry.severity != severity:
        raise ToolError("reporting a problem",
                        ValueError(f"`{code}` is not a known {severity} code"))
    return severity


@dataclass
class Report:
    """Collects diagnostics from every phase so they can be reported together."""

    items: list[Diagnostic] = field(default_factory=list)
    _seen: set[Diagnostic] = field(default_factory=set, repr=False)

    def add(self, diagnostic: Diagnostic) -> None:
        """Record one diagnostic (duplicates are kept once, in constant time)."""
        if diagnostic not in self._seen:
            self._seen.add(diagnostic)
            self.items.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Record several diagnostics."""
        for diagnostic in diagnostics:
            self.add(diagnostic)

    @property
    def errors(self) -> list[Diagnostic]:
        """Return the errors only."""
        return [d for d in self.items if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        """Return the warnings only."""
        return [d for d in self.items if d.severity == WARNING]

    def has_errors(self) -> bool:
        """Return True when any error was recorded."""
        return any(d.severity == ERROR for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        """Return the diagnostics sorted by path, line and column."""
        return sorted(self.items, key=Diagnostic.sort_key)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ' Did you mean `x`?' for the closest choice, or '' when none is close."""
    matches = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" Did you mean `{matches[0]}`?" if matches else ""


def did_you_mean_or_list(word: str, choices: Iterable[str], label: str = "Allowed here",
                         limit: int = 16) -> str:
    """Return ' Did you mean `x`?' for the closest choice or, when none is close, the choices
    themselves after `label` (' Allowed here: `a`, `b`, `c`.'), only the first twelve and a
    count of the rest when there are more than `limit`; '' when there are no choices."""
    listed = list(dict.fromkeys(str(c) for c in choices))
    close = did_you_mean(word, listed)
    if close or not listed:
        return close
    shown = ", ".join(f"`{c}`" for c in listed[:limit if len(listed) <= limit else 12])
    rest = f" and {len(listed) - 12} more" if len(listed) > limit else ""
    return f" {label}: {shown}{rest}."


def summary(report: Report, files: int, acknowledged: int = 0) -> str:
    """Return the one-line summary printed after the diagnostics (with the number of warnings
    the schemes acknowledge, when there are any)."""
    errors, warnings = len(report.errors), len(report.warnings)
    noun = "file" if files == 1 else "files"
    accepted = f" ({acknowledged} more acknowledged)" if acknowledged else ""
    return (
        f"{files} {noun} checked: {errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}{accepted}"
    )
