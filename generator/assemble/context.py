"""Build the values clause text can use from the typed scheme."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.assemble.money import figure, number_words, pounds, to_pounds
from generator.diagnostics import Diagnostic, Loc, did_you_mean, error
from generator.load.phrases import Phrases
from generator.model.draft import BLANK
from generator.model.parties import (
    TYPES,
    PartyIndex,
    PartyType,
    decision_bodies_text,
    party_record,
)
from generator.model.scheme import (
    ILLUSTRATIVE_MARK,
    DelegatedLimit,
    FundLine,
    MeetingsInPublic,
    Party,
    PartyLimit,
    Quorum,
    SchemeModel,
)
from generator.model.vocabulary import DOCUMENTS


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


def marked(text: str | None, illustrative: bool) -> str | None:
    """Return printed text with the illustrative marker after it when `illustrative`."""
    return f"{text} {ILLUSTRATIVE_MARK}" if text is not None and illustrative else text


def build_context(scheme: SchemeModel, library_variables: dict[str, Any],
                  phrases: Phrases) -> Built:
    """Return every value clause text may use, resolving party names as it goes; `phrases` word
    the board's decision rule and quorum."""
    day = scheme.document_date()[0]
    parties = [party_record(p, day) for p in scheme.parties]
    index = PartyIndex(parties)
    built = Built({})
    resolve = _resolver(index, built)
    funds = _funds(scheme, resolve, index)
    values = {
        "scheme": {"id": scheme.id, "title": scheme.title, "topic": scheme.topic,
                   "footprint": scheme.footprint, "status": scheme.status},
        "parties": parties,
        "nhs_parties": [p for p in parties if p["is_nhs"]],
        "council_parties": [p for p in parties if p["is_council"]],
        "partner_bodies": decision_bodies_text(parties) if parties else "",
        "ceasing_parties": ceasing_parties(scheme, parties),
        "contributing_parties": _contributing(parties, funds),
        "better_care_fund": scheme.better_care_fund,
        "aims_and_outcomes": list(scheme.aims_and_outcomes),
        "services": list(scheme.services),
        "eligible_persons": list(scheme.eligible_persons),
        "functions": {"nhs": list(scheme.functions.nhs),
                      "health_related": list(scheme.functions.health_related)},
        "flexibilities": _flexibilities(scheme, funds),
        "lead_commissioner": (resolve(scheme.lead_commissioner, scheme.at("lead_commissioner"))
                              if scheme.lead_commissioner else None),
        "lead_provider": (resolve(scheme.lead_provider, scheme.at("lead_provider"))
                          if scheme.lead_provider else None),
        "funds": funds,
        "non_financial_contributions": [
            {"party": resolve(c.party, c.at("party")), "description": c.text}
            for c in scheme.non_financial_contributions],
        "risk_share": chosen_variant(scheme, "risk-share", "risk_share")[0],
        "risk_share_fixed": [
            {"party": resolve(share.party, share.loc),
             "percent": marked(figure(share.amount),
                               scheme.is_illustrative("fixed_shares", share.party))}
            for share in scheme.fixed_shares],
        "board": _board(scheme, resolve, phrases, parties),
        "review": {"frequency": scheme.review_frequency,
                   "more_often_years": scheme.review_more_often_years,
                   "more_often_text": (number_words(scheme.review_more_often_years)
                                       if scheme.review_more_often_years else ""),
                   "also_consider": list(scheme.review_also_consider)},
        "exit": {"notice_months": scheme.exit_notice_months},
        "signatories": [
            {"name": s.name, "role": s.text, "party": resolve(s.party, s.at("party"))}
            for s in scheme.signatories],
        "mou": _mou(scheme),
        "tor": _tor(scheme),
        **_others(len(parties)),
        "blank": BLANK,
        "documents": list(scheme.documents),
        "agreement_title": scheme.title_for("section75"),
        "separate_tor": "tor" in scheme.documents,
        "omitted": sorted({c.target for c in scheme.changes if c.kind == "omit"}),
        "with_agreement": "section75" in scheme.documents,
        "vars": {**library_variables, **{v.name: v.value for v in scheme.variables}},
    }
    values["required_matters"] = required_matters(values)
    values.update(_dates(scheme, built))
    built.values = values
    return built


def required_matters(values: dict[str, Any]) -> str:
    """Return the matters the written agreement must specify, naming the heads of the
    Regulations that apply: regulation 7(3) for a pooled fund, regulation 9(3) for a council
    exercising NHS functions (as lead commissioner or lead provider), the Regulations in general
    when neither applies."""
    heads = []
    if any(line["arrangement"] == "pooled" for line in values["funds"]["lines"]):
        heads.append("7(3)")
    if any(who and who["is_council"]
           for who in (values["lead_commissioner"], values["lead_provider"])):
        heads.append("9(3)")
    if not heads:
        return "every matter that the Regulations require"
    if len(heads) == 1:
        return f"every matter that regulation {heads[0]} of the Regulations requires"
    return f"every matter that regulations {' and '.join(heads)} of the Regulations require"


def _others(count: int) -> dict[str, str]:
    """Return how clause text names the Partners other than the one a sentence is about: "the
    other Partner" in a two-party agreement, "each other Partner" (or "the other Partners")
    where there are more."""
    two = count <= 2
    return {"other_partner": "the other Partner" if two else "each other Partner",
            "Other_partner": "The other Partner" if two else "Each other Partner",
            "other_partners": "the other Partner" if two else "the other Partners"}


def chosen_variant(scheme: SchemeModel, clause_id: str, field_name: str) -> tuple[str, str]:
    """Return the variant a scheme chooses for a clause and the layer that chose it: the last
    `changes: variants:` entry for the clause, else the scheme field that selects it."""
    for change in reversed(scheme.changes):
        if change.kind == "variants" and change.target == clause_id:
            return str(change.choose or ""), change.layer
    chosen = getattr(scheme, field_name, None)
    if chosen:
        return str(chosen), scheme.at(field_name).path
    return "", "vanilla"


Resolve = Callable[[Any, Loc], "dict[str, Any] | None"]


def _resolver(index: PartyIndex, built: Built) -> Resolve:
    def resolve(wanted: Any, loc: Loc) -> dict[str, Any] | None:
        if wanted is None:
            return None
        party = index.find(wanted)
        if party is None and index.parties:  # no parties at all is reported once, as that
            hint = did_you_mean(wanted, index.names())
            names = ", ".join(f"`{p['short_name']}`" for p in index.parties) or "none yet"
            built.diagnostics.append(error(
                loc, "unknown-party",
                f"`{wanted}` is not one of the parties ({names}).{hint}".rstrip()))
        return party
    return resolve


def _dates(scheme: SchemeModel, built: Built) -> dict[str, Any]:
    start = scheme.commencement_date
    term = scheme.term
    end = term.end
    if end is None and start is not None and term.initial_years:
        end = expiry_after(start, term.initial_years)
        if end is None:
            built.diagnostics.append(error(term.at("initial_years"), "invalid-value",
                                           f"a term of {term.initial_years} years from "
                                           f"{date_text(start)} runs past the year 9999"))
    started = scheme.is_illustrative("commencement_date")
    ended = scheme.is_illustrative("term", "end")
    signed = scheme.agreement_date
    return {
        "document_date": {document: shown_date(scheme, document) for document in DOCUMENTS},
        "retrospective": bool(signed and start and start < signed),
        "replaces": scheme.replaces or "",
        "agreement_date": marked(date_text(scheme.agreement_date),
                                 scheme.is_illustrative("agreement_date")),
        "commencement_date": marked(date_text(start), started),
        "expiry_date": marked(date_text(end), ended if term.end is not None else started),
        "term": {"initial_years": term.initial_years,
                 "extension_years": term.extension_years,
                 "rolling": term.rolling,
                 "end": marked(date_text(term.end), ended)},
    }


def ceasing_parties(scheme: SchemeModel, parties: list[dict[str, Any]]
                    ) -> list[dict[str, Any]]:
    """Return each party of a type abolished during the agreement (see `ceasing_types`) as
    clause text sees it, with `ceases` (the day its type ceases to exist, as printed),
    `abolished_by`, `successors` and `kind` (the type's name, such as "a clinical commissioning
    group")."""
    records = {id(party): record for party, record in zip(scheme.parties, parties, strict=True)}
    return [{**records[id(party)], "ceases": date_text(kind.until + datetime.timedelta(days=1)),
             "abolished_by": kind.abolished_by, "successors": kind.successors,
             "kind": kind.name}
            for party, kind in ceasing_types(scheme) if kind.until is not None]


def ceasing_types(scheme: SchemeModel) -> list[tuple[Party, PartyType]]:
    """Return each party, with its type, of a type abolished after the agreement starts and
    before it can end (with any extension); none when the term is itself unsound."""
    start, (last, sound) = scheme.commencement_date, last_day(scheme)
    if start is None or not sound:
        return []
    found = []
    for party in scheme.parties:
        kind = TYPES.get(party.type)
        if kind is None or kind.until is None or not start <= kind.until:
            continue
        if last is None or kind.until < last:
            found.append((party, kind))
    return found


def document_date(scheme: SchemeModel, document: str) -> datetime.date | None:
    """Return the date a document of the scheme carries: the agreement's date (the date of
    signature), the memorandum's own date, the terms of reference's date of adoption; None when
    the scheme gives none."""
    return {"section75": scheme.agreement_date, "mou": scheme.mou.date,
            "tor": scheme.tor.approved_on}.get(document)


def shown_date(scheme: SchemeModel, document: str) -> str | None:
    """Return a document's date as printed, or None while the scheme is a draft or gives no
    date: the date lines are then left blank, to be completed when the document is signed."""
    if scheme.status != "final":
        return None
    return date_text(document_date(scheme, document))


def term_end(scheme: SchemeModel) -> datetime.date | None:
    """Return the last day of the initial term: its end date, or the day before the
    anniversary its years give; None for a term with no fixed end (rolling, or until
    terminated)."""
    term = scheme.term
    if term.rolling:
        return None
    if term.end is not None:
        return term.end
    start = scheme.commencement_date
    if start is not None and term.initial_years:
        return expiry_after(start, term.initial_years)
    return None


def last_day(scheme: SchemeModel) -> tuple[datetime.date | None, bool]:
    """Return the last day the agreement can run, with any extension (None when it is
    open-ended), and False when the term runs past the last date there is (reported as that)."""
    term, start = scheme.term, scheme.commencement_date
    end = term.end
    if end is None and start is not None and term.initial_years:
        end = expiry_after(start, term.initial_years)
        if end is None:
            return None, False
    if end is not None and term.extension_years:
        if end >= datetime.date.max:
            return None, False
        extended = expiry_after(end + datetime.timedelta(days=1), term.extension_years)
        return extended, extended is not None
    return end, True


def expiry_after(start: datetime.date, years: int) -> datetime.date | None:
    """Return the day before the anniversary `years` after `start` (28 February for a 29
    February start), or None when that is past the last date there is."""
    try:
        return start.replace(year=start.year + years) - datetime.timedelta(days=1)
    except ValueError:
        try:
            return start.replace(year=start.year + years, day=28)
        except ValueError:
            return None


def _flexibilities(scheme: SchemeModel, funds: dict) -> list[str]:
    named = list(scheme.flexibilities)
    arrangements = {line["arrangement"] for line in funds["lines"]}
    if "pooled" in arrangements and "pooled_fund" not in named:
        named.append("pooled_fund")
    if "aligned" in arrangements and "aligned_budgets" not in named:
        named.append("aligned_budgets")
    if ((scheme.lead_commissioner or "lead_commissioned" in arrangements)
            and "lead_commissioning" not in named):
        named.append("lead_commissioning")
    if scheme.lead_provider and "integrated_provision" not in named:
        named.append("integrated_provision")
    return named


def _contributing(parties: list[dict], funds: dict[str, Any]) -> list[dict]:
    """Return the parties that make a financial contribution to any line, in party order."""
    paying = {who for line in funds["lines"] for by in line["contributions"].values()
              for who in by}
    return [p for p in parties if p["short_name"] in paying]


def _funds(scheme: SchemeModel, resolve: Resolve, index: PartyIndex) -> dict[str, Any]:
    raw = scheme.funds
    units = raw.units
    lines = [_line(line, units, resolve, scheme, index) for line in raw.lines]
    years = sorted({year for line in lines for year in line["years"]})
    arrangements = {line["arrangement"] for line in lines}
    arrangement = (arrangements.pop() if len(arrangements) == 1
                   else ("mixed" if arrangements else ""))
    grand = sum(line["amount"] for line in lines)
    return {
        "units": units,
        "units_label": "£\u2019000" if units == "thousands" else "£",
        "host": resolve(raw.host, raw.at("host")) if raw.host else None,
        "pooled_fund_manager": raw.pooled_fund_manager,
        "lines": lines,
        "years": years,
        "first_year": years[0] if years else None,
        "arrangement": arrangement,
        "grand_total": marked(pounds(to_pounds(grand, units)),
                              any(line["illustrative_cells"] for line in lines)) if lines else None,
        "illustrative": any(line["illustrative"] for line in lines),
        "agree_by": raw.agree_by,
        "by_area": (not raw.risk_across_areas
                    and any(line["area"] for line in lines if line["arrangement"] == "pooled")),
    }


def _line(raw: FundLine, units: str, resolve: Resolve, scheme: SchemeModel,
          index: PartyIndex) -> dict[str, Any]:
    contributions: dict[str, dict[str, float]] = {}
    cells: set[tuple[str, str]] = set()  # (year, party) of the figures marked illustrative
    for entry in raw.contributions:
        party = resolve(entry.party, entry.loc)
        name = party["short_name"] if party else entry.party
        contributions.setdefault(entry.year, {})[name] = entry.amount
        if scheme.is_illustrative("funds", "lines", raw.index, "contributions", entry.year,
                                  entry.party):
            cells.add((entry.year, name))
    amount = sum(sum(v.values()) for v in contributions.values())
    return {
        "name": raw.name,
        "arrangement": raw.arrangement,
        "overview": raw.overview,
        "services": list(raw.services),
        "illustrative": raw.illustrative,
        "contributions": contributions,
        "years": sorted(contributions),
        "amount": amount,
        "total": marked(pounds(to_pounds(amount, units)), bool(cells)),
        "illustrative_cells": cells,
        "provider": provider_record(raw.provider, index),
        "area": raw.area,
        **_responsible(raw, resolve),
    }


def _responsible(raw: FundLine, resolve: Resolve) -> dict[str, Any]:
    """Return a line's `responsible` Partners (each with its percentage of a joint line, or
    None) and `responsible_text`, the way its Scheme Specification names them (both empty when
    the line names none)."""
    if not raw.responsible:
        return {"responsible": [], "responsible_text": None}
    shares: list[dict[str, Any]] = [
        {"party": resolve(share.party, share.loc), "percent": share.percent}
        for share in raw.responsible]
    parts = [_share_text(share["party"]["short_name"], share["percent"])
             for share in shares if share["party"]]
    if not parts:  # no named Partner resolves: reported where the names are written
        return {"responsible": shares, "responsible_text": None}
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return {"responsible": shares, "responsible_text": text}


def _share_text(name: str, percent: float | None) -> str:
    """Return a responsible Partner as its Scheme Specification names it, with its percentage
    of a joint line ("the CCG (60 per cent)")."""
    return name if percent is None else f"{name} ({figure(percent)} per cent)"


def provider_record(provider: str | None, index: PartyIndex) -> dict[str, Any] | None:
    """Return a scheme line's provider: its name as printed and, when it names a party, that
    party (else None, an outside provider); None when the line names no provider."""
    if provider is None:
        return None
    party = index.find(provider)
    return {"name": party["name"] if party else provider, "party": party}


def _board(scheme: SchemeModel, resolve: Resolve, phrases: Phrases,
           parties: list[dict[str, Any]]) -> dict[str, Any]:
    board = scheme.board
    members = [
        {"role": m.role, "name": m.name, "party": resolve(m.party, m.at("party")),
         "organisation": m.organisation,
         "voting": m.voting and not m.co_opted and not m.outside,
         "co_opted": m.co_opted or m.outside}
        for m in board.members]
    public = board.meetings_in_public
    limits = [{"party": resolve(limit.party, limit.loc),
               "text": _limit_text(limit, scheme.is_illustrative(
                   "board", "delegated_limits", limit.party) or scheme.is_illustrative(
                   "board", "delegated_limits", limit.party, "amount"))}
              for limit in board.delegated_limits]
    decides_through = [{"party": resolve(d.party, d.loc), "through": d.through}
                       for d in board.decides_through]
    return {
        "present": board.present,
        "name": board.existing_committee or board.name,
        "existing_committee": board.existing_committee,
        "committee_of": (resolve(board.committee_of, board.at("committee_of"))
                         if board.committee_of else None),
        "model": drafted_model(board.model, members, decides_through),
        "declared_model": board.model,
        "purpose": board.purpose,
        "accountable_to": list(board.accountable_to),
        "chair": {"role": board.chair.role, "rotating": board.chair.rotating,
                  "co_chairs": list(board.chair.co_chairs)},
        "members": members,
        "substitutes": board.substitutes,
        "quorum_text": _quorum_text(board.quorum, resolve, phrases.quorum),
        "decision_rule": board.decision_rule,
        "decision_rule_text": phrases.decision_rule[board.decision_rule],
        "delegated_limit_text": _limit_text(board.delegated_limit, scheme.is_illustrative(
            "board", "delegated_limit", "amount")) or None,
        "limits": limits + _unlimited(limits, members, decides_through, parties),
        "decides_through": decides_through,
        "executive_councils": _executive_councils(members, decides_through, parties),
        "frequency": board.frequency,
        "sub_groups": list(board.sub_groups),
        "reports_to": list(board.reports_to),
        "meetings_in_public": _public(public, scheme.is_illustrative(
            "board", "meetings_in_public", "from"), scheme.commencement_date) if public else {},
    }


# Words in a council member's role that show an elected member (a councillor), not an officer.
ELECTED_ROLES = ("councillor", "cllr", "cabinet member", "member of the council",
                 "member of the court of common council", "common councilman", "alderman",
                 "leader", "mayor", "portfolio holder", "elected member", "lead member",
                 "executive member")


def is_elected(member: dict[str, Any]) -> bool:
    """Return whether a board member's role is that of an elected member of a council."""
    role = (member.get("role") or "").lower()
    return any(word in role for word in ELECTED_ROLES)


def officer_only_councils(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return each council whose voting members of the board are all officers."""
    out: list[dict[str, Any]] = []
    for member in members:
        party = member["party"]
        if party is None or not party.get("is_council") or not member["voting"]:
            continue
        if party not in out:
            out.append(party)
    return [party for party in out
            if not any(is_elected(m) for m in members
                       if m["party"] and m["party"]["name"] == party["name"] and m["voting"])]


def drafted_model(model: str, members: list[dict[str, Any]],
                  decides_through: list[dict[str, Any]]) -> str:
    """Return the board model the documents are drafted to: a joint committee whose council
    members are all officers, or some of whose members refer their decisions to a committee or
    officer of their Partner, is not a joint committee that decides for the Partners, so it is
    drafted as an advisory board whose members decide under their own delegations."""
    if model == "joint_committee" and (decides_through or officer_only_councils(members)):
        return "advisory_delegated"
    return model


def _unlimited(limits: list[dict[str, Any]], members: list[dict[str, Any]],
               decides_through: list[dict[str, Any]],
               parties: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return, when some Partners' delegated limits are stated, an entry (with no text) for each
    other Partner with voting members, so that the list names every Partner: one with no
    stated limit decides under its own scheme of delegation."""
    if not limits:
        return []
    named = [limit["party"]["name"] for limit in limits if limit["party"]]
    named += [d["party"]["name"] for d in decides_through if d["party"]]
    voting = {m["party"]["name"] for m in members if m["party"] and m["voting"]}
    return [{"party": party, "text": None} for party in parties
            if party["name"] in voting and party["name"] not in named]


def _executive_councils(members: list[dict[str, Any]], decides_through: list[dict[str, Any]],
                        parties: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return each council whose voting members take its decisions at meetings of the board
    themselves (not through a committee named in `decides_through`): their executive decisions
    are subject to the rules on access to information."""
    through = {d["party"]["name"] for d in decides_through if d["party"]}
    voting = {m["party"]["name"] for m in members if m["party"] and m["voting"]}
    return [p for p in parties
            if p["is_council"] and p["name"] in voting and p["name"] not in through]


def _public(public: MeetingsInPublic, illustrative: bool,
            commencement: datetime.date | None) -> dict[str, Any]:
    shown = {"from": public.from_date, "forward_plan_days": public.forward_plan_days,
             "papers_working_days": public.papers_working_days, "call_in": public.call_in,
             "public_questions": public.public_questions}
    late = bool(public.from_date and commencement and public.from_date > commencement)
    return {**{k: v for k, v in shown.items() if k in public.given},
            "from_text": marked(date_text(public.from_date), illustrative),
            "starts_late": late}


def _quorum_text(quorum: Quorum | None, resolve: Resolve, words: dict[str, str]) -> str:
    """Return the quorum as the phrases word it: a total, per-party minimums, or both."""
    total = quorum.total if quorum else None
    parts = []
    for minimum in quorum.per_party if quorum else []:
        party = resolve(minimum.party, minimum.loc)
        label = party["short_name"] if party else minimum.party
        parts.append(words["minimum"].format(count=number_words(minimum.count), party=label))
    if total is None and not parts:
        return words["each_partner"]
    head = words["total"].format(count=number_words(total)) if total else words["present"]
    if not parts:
        return head
    return words["with_minimums"].format(head=head, minimums=_join(parts))


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _limit_text(limit: DelegatedLimit | PartyLimit | None, illustrative: bool) -> str:
    if not limit:
        return ""
    text = f"up to {marked(pounds(limit.amount), illustrative)} for any one decision"
    if limit.condition:
        text += f", and only when {limit.condition}"
    return text


def _tor(scheme: SchemeModel) -> dict[str, Any]:
    """Return the adoption of the terms of reference: the body (None when not given), the date
    of adoption (None until the scheme is final) and the date of the next review."""
    tor = scheme.tor
    return {"approved_by": tor.approved_by, "approved_on": shown_date(scheme, "tor"),
            "review_by": date_text(tor.review_by)}


def _mou(scheme: SchemeModel) -> dict[str, Any]:
    mou = scheme.mou
    return {
        "parts": list(mou.parts),
        "unit_name": mou.unit_name,
        "subject": mou.subject,
        "scope_in": list(mou.scope_in or scheme.services),
        "scope_out": list(mou.scope_out),
        "support_requirements": list(mou.support_requirements),
    }
