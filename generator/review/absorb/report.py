"""The report `s75 absorb` prints: each difference found, the scheme changes as YAML to paste
or to write, the values to change, and what cannot be absorbed."""

from __future__ import annotations

from pathlib import Path

from generator.review.absorb.plan import Plan
from generator.review.absorb.schemeedit import emit_item, scalar


def report_lines(plan: Plan, edited: Path, scheme: Path, clauses: int) -> list[str]:
    """Return the report as lines for people."""
    lines = [f"{edited} against the draft {scheme} produces now: {plan.matched} of {clauses} "
             "clauses matched"]
    if not plan.proposals and not plan.not_absorbed:
        return [*lines, "nothing to absorb: the edited draft is the current draft"]
    for proposal in plan.proposals:
        lines.append(f"  {proposal.difference:<20} {proposal.clause}")
    changes = [p for p in plan.proposals if p.change]
    if changes:
        lines += ["", "changes:"]
        for kind in dict.fromkeys(p.change for p in changes):
            lines.append(f"  {kind}:")
            for proposal in (p for p in changes if p.change == kind):
                lines += emit_item(proposal.entry, 4)
    values = [p.value for p in plan.proposals if p.value is not None]
    if values:
        lines += ["", "values to change (everything the draft prints from them follows):"]
        lines += [f"  {v.where()}: {scalar(v.old)} -> {scalar(v.new)}" for v in values]
    if plan.not_absorbed:
        lines += ["", "not absorbed (change these by hand, or accept that the next build "
                  "drops them):"]
        lines += [f"  - {item}" for item in plan.not_absorbed]
    return lines
