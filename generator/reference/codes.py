"""The diagnostics reference: every code `s75 check` can report, with what it means, what fixes
it, the law it rests on, and an example of the message where the golden cases show one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from generator.codes import CODES
from generator.reference.markdown import anchor, code, escaped

LINE = re.compile(r"^(?P<where>\S+:\d+:\d+): (?P<severity>error|warning)\[(?P<code>[a-z0-9-]+)\]"
                  r": (?P<message>.*)$")


def examples(files: Iterable[Path]) -> dict[str, str]:
    """Return, for each code, the first message printed for it in the expected-output files
    given (the golden cases), in the order the files are given."""
    found: dict[str, str] = {}
    for path in files:
        for line in path.read_text("utf-8").splitlines():
            match = LINE.match(line)
            if match and match["code"] not in found:
                found[match["code"]] = line
    return found


def codes_reference(shown: dict[str, str]) -> str:
    """Return the Markdown page of every diagnostic code, with the examples in `shown`."""
    parts = ["# Diagnostics reference\n\n"
             "Every problem `s75 check` reports is one line, `path:line:col: severity[code]: "
             "message`. This page lists every code, generated from the table the tool reports "
             "against (`s75 codes` prints the same), grouped by where the problem is found. "
             "The examples are real messages from the project's test cases.\n"]
    phase = ""
    for name, entry in CODES.items():
        if entry.phase != phase:
            phase = entry.phase
            parts.append(f"\n## Found in: {phase}\n")
        parts.append(f"\n### {name} {{#{anchor(name)}}}\n\n"
                     f"**{entry.severity.capitalize()}.** {escaped(entry.meaning)}\n\n"
                     f"**What to do:** {escaped(entry.fix)}\n")
        if entry.citation:
            status = f" ({entry.status}; `s75 rules` lists it)" if entry.status else ""
            parts.append(f"\n**Law:** {escaped(entry.citation)}{status}\n")
        if name in shown:
            parts.append(f"\n**Example:**\n\n```text\n{shown[name]}\n```\n")
    return "".join(parts)


def code_link(name: str) -> str:
    """Return a link to a code's entry on the diagnostics reference page."""
    return f"[{code(name)}](codes.md#{anchor(name)})"
