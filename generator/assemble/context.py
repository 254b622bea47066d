"""Build the values clause text can use from a merged scheme."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from generator.assemble.money import figure, number_words, pounds, to_pounds
from generator.diagnostics import Diagnostic, did_you_mean, error
from generator.load.scheme import Scheme
from generator.model.parties import PartyIndex, party_record

DECISION_RULES = {
    "consensus": "by consensus of the voting members present, shown by a show of hands",
    "majority": "by a simple majority of the voting members present; the chair has no casting vote",
    "block_vote": (
        "by one vote for each Partner, cast by its members present; no decision is made unless "
        "every Partner votes in favour"
    ),
}


@dataclass
class Built:
    """The context for clause text and the diagnostics found while building it."""

    values: dict[str, Any]
    diagnostics: list[Diagnostic] = field(default_factory=list)


def date_text(value: Any) -> str | None:
    """Return '1 April 2017' for a date, None for anything else."""
    if isinstance(value, datetime.date):
        return f"{value.day} {value.strftime('%B %Y')}"
    return None


def build_context(scheme: Scheme, library_variables: dict[str, Any]) -> Built:
    """Return every value clause text may use, resolving party names as it goes."""
    data = scheme.data
    parties = [party_record(p) for p in data.get("parties") or [] if isinstance(p, dict)]
    index = PartyIndex(parties)
    built = Built({})
    resolve = _resolver(scheme, index, built)
    funds = _funds(scheme, resolve)
    values = {
        "scheme": {"id": data.get("id", ""), "title": data.get("title", ""),
                   "topic": data.get("topic", ""), "footprint": data.get("footprint"),
                   "status": data.get("status", "draft")},
        "parties": parties,
        "nhs_parties": [p for p in parties if p["is_nhs"]],
        "council_parties": [p for p in parties if p["is_council"]],
        "better_care_fund": bool(data.get("better_care_fund")),
        "aims_and_outcomes": list(data.get("aims_and_outcomes") or []),
        "services": list(data.get("services") or []),
        "eligible_persons": _as_list(data.get("eligible_persons")),
        "functions": {"nhs": list(scheme.get("functions.nhs") or []),
                      "health_related": list(scheme.get("functions.health_related") or [])},
        "flexibilities": _flexibilities(data, funds),
        "lead_commissioner": (resolve(("lead_commissioner",))
                              if data.get("lead_commissioner") else None),
        "funds": funds,
        "non_financial_contributions": [
            {"party": resolve(("non_financial_contributions", i, "party")),
             "description": c.get("description", "")}
            for i, c in enumerate(data.get("non_financial_contributions") or [])],
        "risk_share": chosen_variant(scheme, "risk-share", "risk_share")[0],
        "risk_share_fixed": [
            {"party": resolve(("fixed_shares", name), name), "percent": figure(share)}
            for name, share in (data.get("fixed_shares") or {}).items()],
        "board": _board(scheme, resolve, funds),
        "review": {"frequency": scheme.get("review.frequency", "annually")},
        "exit": {"notice_months": scheme.get("exit.notice_months", 12)},
        "signatories": [
            {"name": s.get("name"), "role": s.get("role", ""),
             "party": resolve(("signatories", i, "party"))}
            for i, s in enumerate(data.get("signatories") or [])],
        "mou": _mou(scheme),
        "documents": list(data.get("documents") or ["section75"]),
        "agreement_title": (data.get("titles") or {}).get("section75") or data.get("title", ""),
        "separate_tor": "tor" in (data.get("documents") or []),
        "with_agreement": "section75" in (data.get("documents") or ["section75"]),
        "vars": {**library_variables, **{k: v[0] for k, v in scheme.variables.items()}},
    }
    values.update(_dates(data))
    built.values = values
    return built


def chosen_variant(scheme: Scheme, clause_id: str, field_name: str) -> tuple[str, str]:
    """Return the variant a scheme chooses for a clause and the layer that chose it: the last
    `changes: variants:` entry for the clause, else the scheme field that selects it."""
    for change in reversed(scheme.changes):
        if change.kind == "variants" and change.data.get("clause") == clause_id:
            return str(change.data.get("choose", "")), change.layer
    if scheme.data.get(field_name):
        return str(scheme.data[field_name]), scheme.loc((field_name,)).path
    return "", "vanilla"


def _resolver(scheme: Scheme, index: PartyIndex, built: Built):
    def resolve(path: tuple, name: Any = None) -> dict[str, Any] | None:
        wanted = scheme.at(path) if name is None else name
        if wanted is None:
            return None
        party = index.find(wanted)
        if party is None:
            hint = did_you_mean(wanted, index.names())
            names = ", ".join(f"`{p['short_name']}`" for p in index.parties) or "none yet"
            built.diagnostics.append(error(
                scheme.loc(path), "unknown-party",
                f"`{wanted}` is not one of the parties ({names}).{hint}".rstrip()))
        return party
    return resolve


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return list(value or [])


def _dates(data: dict) -> dict[str, Any]:
    start = data.get("commencement_date")
    term = data.get("term") or {}
    end = term.get("end")
    if end is None and isinstance(start, datetime.date) and term.get("initial_years"):
        years = term["initial_years"]
        try:
            end = start.replace(year=start.year + years) - datetime.timedelta(days=1)
        except ValueError:
            end = start.replace(year=start.year + years, day=28)
    return {
        "agreement_date": date_text(data.get("agreement_date")),
        "commencement_date": date_text(start),
        "expiry_date": date_text(end),
        "term": {"initial_years": term.get("initial_years"),
                 "extension_years": term.get("extension_years"),
                 "end": date_text(term.get("end"))},
    }


def _flexibilities(data: dict, funds: dict) -> list[str]:
    named = list(data.get("flexibilities") or [])
    arrangements = {line["arrangement"] for line in funds["lines"]}
    if "pooled" in arrangements and "pooled_fund" not in named:
        named.append("pooled_fund")
    if "aligned" in arrangements and "aligned_budgets" not in named:
        named.append("aligned_budgets")
    if data.get("lead_commissioner") and "lead_commissioning" not in named:
        named.append("lead_commissioning")
    return named


def _funds(scheme: Scheme, resolve) -> dict[str, Any]:
    raw = scheme.data.get("funds") or {}
    units = raw.get("units", "pounds")
    lines = [_line(scheme, i, line, units, resolve)
             for i, line in enumerate(raw.get("lines") or [])]
    years = sorted({year for line in lines for year in line["years"]})
    arrangements = {line["arrangement"] for line in lines}
    arrangement = (arrangements.pop() if len(arrangements) == 1
                   else ("mixed" if arrangements else ""))
    grand = sum(line["amount"] for line in lines)
    return {
        "units": units,
        "units_label": "£'000" if units == "thousands" else "£",
        "host": resolve(("funds", "host")) if raw.get("host") else None,
        "pooled_fund_manager": raw.get("pooled_fund_manager"),
        "lines": lines,
        "years": years,
        "first_year": years[0] if years else None,
        "arrangement": arrangement,
        "grand_total": pounds(to_pounds(grand, units)) if lines else None,
        "illustrative": any(line["illustrative"] for line in lines),
    }


def _line(scheme: Scheme, i: int, raw: dict, units: str, resolve) -> dict[str, Any]:
    contributions: dict[str, dict[str, float]] = {}
    for year, by_party in (raw.get("contributions") or {}).items():
        contributions[year] = {}
        for name, amount in (by_party or {}).items():
            party = resolve(("funds", "lines", i, "contributions", year, name), name)
            contributions[year][party["short_name"] if party else str(name)] = amount
    amount = sum(sum(v.values()) for v in contributions.values())
    return {
        "name": raw.get("name", ""),
        "arrangement": raw.get("arrangement", "pooled"),
        "overview": raw.get("overview"),
        "services": list(raw.get("services") or []),
        "illustrative": bool(raw.get("illustrative")),
        "contributions": contributions,
        "years": sorted(contributions),
        "amount": amount,
        "total": pounds(to_pounds(amount, units)),
    }


def _board(scheme: Scheme, resolve, funds: dict) -> dict[str, Any]:
    raw = scheme.data.get("board") or {}
    members = [
        {"role": m.get("role", ""), "name": m.get("name"),
         "party": resolve(("board", "members", i, "party")),
         "voting": m.get("voting", True) and not m.get("co_opted", False),
         "co_opted": bool(m.get("co_opted", False))}
        for i, m in enumerate(raw.get("members") or [])]
    chair = raw.get("chair") or {}
    public = raw.get("meetings_in_public") or {}
    return {
        "present": bool(raw),
        "name": raw.get("name", "Partnership Board"),
        "model": raw.get("model", "joint_committee"),
        "purpose": raw.get("purpose"),
        "accountable_to": list(raw.get("accountable_to") or []),
        "chair": {"role": chair.get("role"), "rotating": bool(chair.get("rotating"))},
        "members": members,
        "substitutes": raw.get("substitutes", True),
        "quorum_text": _quorum_text(scheme, resolve),
        "decision_rule": raw.get("decision_rule", "consensus"),
        "decision_rule_text": DECISION_RULES[raw.get("decision_rule", "consensus")],
        "delegated_limit_text": _limit_text(raw.get("delegated_limit")) or None,
        "frequency": raw.get("frequency", "at least quarterly"),
        "sub_groups": list(raw.get("sub_groups") or []),
        "reports_to": list(raw.get("reports_to") or []),
        "meetings_in_public": ({**public, "from_text": date_text(public.get("from"))}
                               if public else {}),
    }


def _quorum_text(scheme: Scheme, resolve) -> str:
    quorum = scheme.get("board.quorum") or {}
    total = quorum.get("total")
    per_party = quorum.get("per_party") or {}
    parts = []
    for name, count in per_party.items():
        party = resolve(("board", "quorum", "per_party", name), name)
        label = party["short_name"] if party else str(name)
        parts.append(f"at least {number_words(count)} from {label}")
    if total is None and not parts:
        return "at least one voting member from each Partner"
    head = f"{number_words(total)} voting members" if total else "the voting members present"
    if not parts:
        return head
    return f"{head}, including {_join(parts)}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _limit_text(limit: Any) -> str:
    if not limit:
        return ""
    text = f"up to {pounds(limit['amount'])} for any one decision"
    if limit.get("condition"):
        text += f", and only when {limit['condition']}"
    return text


def _mou(scheme: Scheme) -> dict[str, Any]:
    raw = scheme.data.get("mou") or {}
    return {
        "parts": list(raw.get("parts") or ["joint_commissioning"]),
        "unit_name": raw.get("unit_name"),
        "subject": raw.get("subject"),
        "scope_in": list(raw.get("scope_in") or scheme.data.get("services") or []),
        "scope_out": list(raw.get("scope_out") or []),
        "support_requirements": list(raw.get("support_requirements") or []),
    }
