"""The rules `s75 check` applies that rest on the law or on sound drafting, for a lawyer to
inspect: each is a code of the table (its severity, citation, status, meaning and fix) and the
one registered check function that reports it. `s75 rules` prints them."""

from __future__ import annotations

from dataclasses import dataclass

from generator.checks.registry import PHASES, REGISTRY, checks
from generator.codes import CODES, UNVERIFIED_NOTE


@dataclass(frozen=True)
class Rule:
    """One rule: a code that carries a citation and a status, and the check that reports it."""

    id: str
    severity: str
    citation: str
    status: str
    message: str
    fix: str
    check: str  # the registered check function (phase: name), or where else it is reported


def rules() -> list[Rule]:
    """Return every rule, errors first, each in the order of the table of codes."""
    for phase in PHASES:
        checks(phase)
    found = []
    for name, entry in CODES.items():
        if not entry.is_rule:
            continue
        by = [f"{c.phase}: {c.name}" for c in REGISTRY if name in c.codes]
        meaning = f"{entry.meaning} ({UNVERIFIED_NOTE})" if entry.unverified else entry.meaning
        found.append(Rule(name, entry.severity, entry.citation, entry.status, meaning,
                          entry.fix, ", ".join(dict.fromkeys(by)) or f"{entry.phase} loading"))
    return sorted(found, key=lambda r: r.severity != "error")


def rules_text() -> str:
    """Return the rules as plain text, one block per rule."""
    blocks = []
    for rule in rules():
        blocks.append(f"{rule.id} ({rule.severity}, {rule.status})\n"
                      f"  law:     {rule.citation}\n"
                      f"  rule:    {rule.message}\n"
                      f"  fix:     {rule.fix}\n"
                      f"  checked: {rule.check}\n")
    return "\n".join(blocks)
