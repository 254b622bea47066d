"""The rules page of the documentation site, from the rules `s75 rules` lists."""

from __future__ import annotations

from generator.checks.rules import rules
from generator.reference.markdown import code, escaped, table


def rules_markdown() -> str:
    """Return the rules as the Markdown page of the documentation site."""
    intro = (
        "# Rules\n\n"
        "Every rule `s75 check` applies that rests on the law, or on sound drafting, with the "
        "provision it rests on and how sure that point is. This page is generated from the "
        "generator's own table (`s75 rules --markdown`); each rule's code is explained in the "
        "[diagnostic codes](../diagnostics.md).\n\n"
        "Status: **verified** means the point was seen in the legislation or a real agreement; "
        "**indirect** that it was seen only as quoted or applied by a council; **usual "
        "practice** that it is common practice not verified against the Regulations; "
        "**drafting** that it is a defect of the draft itself, not a point of law. A rule whose "
        "point is not verified says \"check against the current Regulations\" in its message, "
        "and a usual-practice rule is always a warning. `s75 check --strict` treats warnings as "
        "errors; a scheme may acknowledge a warning, with a reason, under `acknowledge:`, but "
        "never an error.\n\n")
    rows = [(code(r.id), r.severity, escaped(r.citation), r.status, escaped(r.message),
             escaped(r.fix)) for r in rules()]
    return intro + table(("rule", "severity", "law", "status", "what it finds", "what to do"),
                         rows)
