"""Checks over a scheme and an assembled draft: eligibility, arithmetic, required clauses,
statutory heads, the data clauses need and cross-references."""

from __future__ import annotations

import datetime
from typing import Any

from generator.assemble.assembly import Assembly
from generator.assemble.money import figure
from generator.assemble.textrender import make_environment
from generator.checks.consistency import consistency_checks
from generator.diagnostics import Diagnostic, did_you_mean, error, warning
from generator.load.library import Library, Outline
from generator.load.scheme import Scheme
from generator.model.parties import PartyIndex, can_be_s75_partner

ICB_START = datetime.date(2022, 7, 1)


def scheme_checks(scheme: Scheme, values: dict[str, Any], library: Library) -> list[Diagnostic]:
    """Return problems with the scheme itself, whatever document it produces."""
    out = _required_top(scheme)
    out += _party_names(scheme)
    out += _totals(scheme, values)
    out += _fund_roles(scheme, values)
    out += _change_targets(scheme, library)
    out += _variables(scheme, library)
    out += _final_status(scheme, values)
    out += _fixed_shares(scheme, values)
    out += consistency_checks(scheme, values)
    return out


def _required_top(scheme: Scheme) -> list[Diagnostic]:
    out = []
    top = scheme.layers[-1].path
    for key in ("id", "title", "topic", "status", "parties"):
        if key not in scheme.data:
            out.append(error(scheme.loc(()), "missing-key",
                             f"`{key}` is required: add it to {top} or to the scheme it extends"))
    if len(scheme.data.get("parties") or []) == 1:
        out.append(error(scheme.loc(("parties",)), "too-few-parties",
                         "an arrangement needs at least two parties"))
    return out


def _party_names(scheme: Scheme) -> list[Diagnostic]:
    out, seen = [], {}
    for i, party in enumerate(scheme.data.get("parties") or []):
        for key in ("name", "short_name"):
            value = str(party.get(key, "")).casefold()
            if value and value in seen and seen[value] != i:
                out.append(error(scheme.loc(("parties", i, key)), "duplicate-party",
                                 f"two parties are called `{party[key]}`: give each its own "
                                 "name and short_name"))
            seen.setdefault(value, i)
    return out


def _totals(scheme: Scheme, values: dict[str, Any]) -> list[Diagnostic]:
    out = []
    funds = values["funds"]
    parties = PartyIndex(values["parties"])
    for year, stated in (scheme.get("funds.totals") or {}).items():
        actual: dict[str, float] = {}
        for line in funds["lines"]:
            for name, amount in line["contributions"].get(year, {}).items():
                actual[name] = actual.get(name, 0) + amount
        for name, amount in stated.items():
            if name == "total":
                total = sum(actual.values())
                if abs(total - amount) > 0.005:
                    out.append(error(scheme.loc(("funds", "totals", year, name)), "totals-mismatch",
                                     f"the {year} contributions add up to {figure(total)}, not the "
                                     f"stated total of {figure(amount)}: "
                                     f"correct the lines or the total"))
                continue
            party = parties.find(name)
            key = party["short_name"] if party else name
            got = actual.get(key, 0)
            if abs(got - amount) > 0.005:
                out.append(error(scheme.loc(("funds", "totals", year, name)), "totals-mismatch",
                                 f"{key}'s {year} contributions add up to {figure(got)}, not the "
                                 f"stated {figure(amount)}: correct the lines or the total"))
    return out


def _fund_roles(scheme: Scheme, values: dict[str, Any]) -> list[Diagnostic]:
    funds = values["funds"]
    if not any(line["arrangement"] == "pooled" for line in funds["lines"]):
        return []
    out = []
    for key, what in (("host", "the host partner"),
                      ("pooled_fund_manager", "the pooled fund manager")):
        if not scheme.get(f"funds.{key}"):
            out.append(error(scheme.loc(("funds",)), "pooled-fund-roles",
                             f"a pooled fund needs {what}: add `{key}:` under `funds:`"))
    host = funds["host"]
    if host and not host["is_nhs"] and not host["is_council"]:
        out.append(error(scheme.loc(("funds", "host")), "host-not-partner",
                         f"{host['name']} cannot host a pooled fund: the host must be an NHS body "
                         "or a local authority that is a party"))
    return out


def _change_targets(scheme: Scheme, library: Library) -> list[Diagnostic]:
    out = []
    known = set(library.clauses)
    added = {c.data.get("id") or "" for c in scheme.changes if c.kind == "add"}
    for change in scheme.changes:
        target = change.data.get("clause") or change.data.get("after")
        if not target or target in known or (change.kind == "add" and target in added):
            continue
        label = "after" if change.kind == "add" else "clause"
        out.append(error(change.loc, "unknown-clause",
                         f"`{label}: {target}` names no clause in the library."
                         f"{did_you_mean(target, known | added)}".rstrip()))
    for change in scheme.changes:
        if change.kind != "variants" or change.data.get("clause") not in known:
            continue
        clause = library.clauses[change.data["clause"]]
        choose = change.data.get("choose")
        if choose not in clause.variants():
            options = ", ".join(f"`{v}`" for v in clause.variants()) or "none"
            out.append(error(change.loc, "unknown-variant",
                             f"clause `{clause.id}` has no variant `{choose}` (it has {options})."
                             f"{did_you_mean(choose, clause.variants())}".rstrip()))
    return out


def _variables(scheme: Scheme, library: Library) -> list[Diagnostic]:
    out = []
    for name, (_value, loc, _layer) in scheme.variables.items():
        if name not in library.variables:
            out.append(error(loc, "unknown-variable",
                             f"`{name}` is not a library variable."
                             f"{did_you_mean(name, library.variables)}".rstrip()))
    return out


def _final_status(scheme: Scheme, values: dict[str, Any]) -> list[Diagnostic]:
    if scheme.data.get("status") != "final" or not values["funds"]["illustrative"]:
        return []
    return [error(scheme.loc(("status",)), "illustrative-in-final",
                  "the scheme is marked final but some figures are marked illustrative: confirm "
                  "the figures and remove `illustrative: true`, or keep the status draft")]


def _fixed_shares(scheme: Scheme, values: dict[str, Any]) -> list[Diagnostic]:
    shares = scheme.data.get("fixed_shares")
    if values["risk_share"] == "fixed_shares" and not shares:
        return [error(scheme.loc(("risk_share",)), "missing-fixed-shares",
                      "the `fixed_shares` risk share needs `fixed_shares:` with each partner's "
                      "percentage")]
    if shares and abs(sum(shares.values()) - 100) > 0.001:
        return [error(scheme.loc(("fixed_shares",)), "shares-not-100",
                      f"the fixed shares add up to {figure(sum(shares.values()))} "
                      f"per cent, not 100")]
    return []


def section75_eligibility(scheme: Scheme, values: dict[str, Any]) -> list[Diagnostic]:
    """Return why the parties cannot make a section 75 agreement, if they cannot."""
    out = []
    for i, party in enumerate(values["parties"]):
        if not can_be_s75_partner(party["type"]):
            out.append(error(
                scheme.loc(("parties", i, "type")), "not-s75-partner",
                f"{party['name']} is {party['type_label']}, which cannot be a party to section 75 "
                "arrangements: only NHS bodies and local authorities can (NHS Act 2006 s75 and "
                "SI 2000/617). Produce a memorandum of understanding instead "
                "(`documents: [mou]`), or remove the party from this scheme"))
    if not values["nhs_parties"] or not values["council_parties"]:
        out.append(error(scheme.loc(("parties",)), "s75-sides",
                         "a section 75 agreement needs at least one NHS body "
                         "and one local authority"))
    out += _nhs_dates(scheme, values)
    if not values["funds"]["lines"]:
        out.append(error(scheme.loc(("funds",)), "no-contributions",
                         "a section 75 agreement needs `funds:` with at least one scheme line and "
                         "its contributions (SI 2000/617 reg 7(3)(b))"))
    return out


def _nhs_dates(scheme: Scheme, values: dict[str, Any]) -> list[Diagnostic]:
    date = scheme.data.get("agreement_date")
    if not isinstance(date, datetime.date):
        return []
    out = []
    for i, party in enumerate(values["parties"]):
        loc = scheme.loc(("parties", i, "type"))
        if party["type"] == "ccg" and date >= ICB_START:
            out.append(warning(loc, "ccg-abolished",
                               f"{party['name']} is a CCG, but CCGs were abolished on 1 July 2022 "
                               "and this agreement is dated after that: name the integrated care "
                               "board (type: icb) instead"))
        if party["type"] == "icb" and date < ICB_START:
            out.append(error(loc, "icb-too-early",
                             f"{party['name']} is an ICB, but ICBs took over from CCGs on 1 July "
                             "2022 and this agreement is dated before that"))
    return out


def document_checks(outline: Outline, library: Library, scheme: Scheme, values: dict[str, Any],
                    assembly: Assembly) -> list[Diagnostic]:
    """Return missing required clauses, uncovered statutory heads, missing data and broken
    cross-references in an assembled document."""
    conditions_ok = condition_checker(values)
    present = {p.id for p in assembly.planned if p.not_used is None}
    out = _required(outline, library, scheme, assembly, present, conditions_ok)
    out += _heads(outline, library, scheme, assembly, present, conditions_ok)
    out += _needs(outline, library, scheme, assembly, present, values)
    required_omitted = {d.loc for d in out if d.code == "required-clause-omitted"}
    out += [d for d in _refs(assembly, library, scheme) if d.loc not in required_omitted]
    return out


def condition_checker(values: dict[str, Any]):
    """Return a function telling whether an outline's `when:` condition holds for `values`."""
    from generator.assemble.assembly import conditions

    env = make_environment({})
    scope = {**values, **conditions(values)}

    def holds(expression: str | None) -> bool:
        return True if not expression else bool(env.compile_expression(expression)(**scope))
    return holds


def _heads_of(library: Library, cid: str) -> str:
    clause = library.clauses.get(cid)
    heads = clause.data.get("satisfies") if clause else None
    return f" ({'; '.join(heads)})" if heads else ""


def _required(outline, library, scheme, assembly, present, holds) -> list[Diagnostic]:
    out = []
    for entry in outline.data.get("required") or []:
        cid = entry["clause"]
        if not holds(entry.get("when")) or cid in present:
            if cid in present:
                out += _replaced_required(cid, library, assembly)
            continue
        why = f"clause `{cid}` is required in the {outline.title}{_heads_of(library, cid)}"
        change = assembly.omitted.get(cid)
        if change is not None:
            out.append(error(change.loc, "required-clause-omitted",
                             f"{why}: it cannot be omitted. Remove this omission, or use "
                             "`replace` to change its wording"))
        elif cid in assembly.skipped:
            out.append(error(scheme.loc(()), "required-clause-missing",
                             f"{why}, but its condition does not hold for this scheme"))
        else:
            out.append(error(scheme.loc(()), "required-clause-missing",
                             f"{why}, but it is missing"))
    return out


def _replaced_required(cid: str, library: Library, assembly: Assembly) -> list[Diagnostic]:
    planned = next(p for p in assembly.planned if p.id == cid)
    change = planned.change
    if change is None or change.kind != "replace":
        return []
    if not change.data.get("text") and not change.data.get("subclauses"):
        return [error(change.loc, "required-clause-emptied",
                      f"clause `{cid}` is required{_heads_of(library, cid)}: its replacement needs "
                      "`text:` or `subclauses:`")]
    heads = _heads_of(library, cid)
    if not heads:
        return []
    return [warning(change.loc, "replaced-required",
                    f"clause `{cid}` is required{heads}: check that the replacement still covers "
                    "what the law requires")]


def _heads(outline, library, scheme, assembly, present, holds) -> list[Diagnostic]:
    out = []
    for entry in outline.data.get("heads") or []:
        head = entry["head"]
        if not holds(entry.get("when")):
            continue
        covering = [cid for cid in present
                    if cid in library.clauses
                    and head in (library.clauses[cid].data.get("satisfies") or [])]
        if covering:
            continue
        would = [cid for cid, c in library.clauses.items()
                 if head in (c.data.get("satisfies") or [])
                 and outline.document in c.data["documents"]]
        omitted = [assembly.omitted[c] for c in would if c in assembly.omitted]
        loc = omitted[0].loc if omitted else scheme.loc(())
        names = ", ".join(f"`{c}`" for c in would) or "none in the library"
        out.append(error(loc, "statutory-head-uncovered",
                         f"{head} ({entry['covers']}) is not covered: no clause in the draft meets "
                         f"it. Clauses that would: {names}"))
    return out


def _needs(outline, library, scheme, assembly, present, values) -> list[Diagnostic]:
    out = []
    required = {e["clause"] for e in outline.data.get("required") or []}
    for planned in assembly.planned:
        lib = planned.library
        if lib is None or planned.change is not None or planned.not_used is not None:
            continue
        for need in lib.data.get("needs") or []:
            if _filled(values, scheme, need):
                continue
            label = "required clause" if planned.id in required else "clause"
            path = tuple(need.split("."))
            out.append(error(scheme.loc(path[:-1]) if scheme.get(".".join(path[:-1]))
                             else scheme.loc(()),
                             "missing-data",
                             f"{label} `{planned.id}`{_heads_of(library, planned.id)} needs "
                             f"`{need}` in the scheme: add it, or omit the clause with a reason"))
    return out


def _filled(values: dict[str, Any], scheme: Scheme, need: str) -> bool:
    raw = scheme.get(need)
    if raw not in (None, "", [], {}):
        return True
    node: Any = values
    for step in need.split("."):
        node = node.get(step) if isinstance(node, dict) else None
    return node not in (None, "", [], {})


def _refs(assembly: Assembly, library: Library, scheme: Scheme) -> list[Diagnostic]:
    draft = assembly.draft
    out = []
    for clause in draft.all_clauses():
        for target in sorted(_targets(clause)):
            if target in draft.numbers:
                continue
            source = clause.source
            change = _omission_of(target, assembly, library)
            if change is not None:
                out.append(error(change.loc, "dangling-reference",
                                 f"omitting `{target}` leaves clause `{clause.id}` "
                                 f"({source.file}:{source.line}) referring to it: replace that "
                                 "clause's text as well, or keep this clause"))
            else:
                loc_clause = library.clauses.get(clause.id)
                loc = loc_clause.loc if loc_clause else scheme.loc(())
                out.append(error(loc, "dangling-reference",
                                 f"clause `{clause.id}` refers to `{target}`, which is not in "
                                 "this draft"))
    return out


def _omission_of(anchor: str, assembly: Assembly, library: Library):
    """Return the omission that removed the clause holding `anchor`, or None."""
    for cid, change in assembly.omitted.items():
        if cid == anchor or (cid in library.clauses and anchor in library.clauses[cid].anchors()):
            return change
    return None


def _targets(clause) -> set[str]:
    found = {r.value for r in clause.lead if r.kind == "ref"}
    for paragraph in clause.paragraphs:
        found |= {r.value for r in paragraph.runs if r.kind == "ref"}
        for definition in paragraph.definitions:
            found |= {r.value for r in definition.runs if r.kind == "ref"}
        stack = list(paragraph.items)
        while stack:
            item = stack.pop()
            found |= {r.value for r in item.runs if r.kind == "ref"}
            stack += item.items
    for section in clause.sections:
        found |= _targets(section)
    return found
