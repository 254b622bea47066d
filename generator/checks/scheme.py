"""Checks of a scheme itself, whatever documents it produces: the keys it must have, its
parties, its arithmetic, its pooled fund and the changes, variants and variables it names."""

from __future__ import annotations

import datetime

from generator.assemble.assembly import added_id, possible_copy_ids
from generator.assemble.context import ceasing_types, date_text, expiry_after, last_day
from generator.assemble.money import figure
from generator.checks.registry import SchemeSubject, check
from generator.diagnostics import Diagnostic, did_you_mean, did_you_mean_or_list, error, warning
from generator.load.schema import needed_keys
from generator.load.validation import dotted_path
from generator.load.yamlio import one_line
from generator.model.law import day_text
from generator.model.parties import PartyIndex
from generator.model.scheme import Change, SchemeModel, Term


@check("scheme", ("missing-key", "too-few-parties"))
def required_top(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for the top-level keys every scheme needs, and for fewer than two parties
    (on a scheme that validated only: a misspelt key is not also reported as missing)."""
    scheme = subject.scheme
    out = []
    top = scheme.layers[-1]
    for key in needed_keys():
        if not scheme.has(key):
            out.append(error(scheme.loc, "missing-key",
                             f"`{key}` is required: add it to {top} or to the scheme it extends"))
    if scheme.has("parties") and len(scheme.parties) < 2:
        out.append(error(scheme.at("parties"), "too-few-parties",
                         "an arrangement needs at least two parties: list each under `parties:`"))
    return out


@check("scheme", ("duplicate-key", "empty-value"), reads=("documents",))
def documents_once(subject: SchemeSubject) -> list[Diagnostic]:
    """Return an error for a document type listed more than once in `documents:`, and for an
    empty list (which would build nothing)."""
    scheme, seen = subject.scheme, set()
    if not scheme.documents:
        return [error(scheme.at("documents"), "empty-value", "`documents` is empty: name the "
                      "documents to build, or remove the key to build the agreement")]
    out = []
    for document in scheme.documents:
        times = scheme.documents.count(document)
        if document in seen or times == 1:
            seen.add(document)
            continue
        seen.add(document)
        second = [i for i, d in enumerate(scheme.documents) if d == document][1]
        out.append(error(scheme.item_at("documents", second), "duplicate-key",
                         f"`{document}` is listed {times} times in `documents`: list each once"))
    return out


@check("scheme", ("empty-value",), reads=("changes",))
def reasons_given(subject: SchemeSubject) -> list[Diagnostic]:
    """Return an error for a change whose reason is only white space."""
    return [error(change.at("reason") if change.has("reason") else change.loc, "empty-value",
                  f"the reason for this change to `{change.target}` is blank: say why")
            for change in subject.scheme.changes if not change.reason.strip()]


@check("scheme", ("duplicate-party",), reads=("parties",))
def party_names(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for two parties sharing a name or short name."""
    scheme = subject.scheme
    out: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for i, party in enumerate(scheme.parties):
        for key in ("name", "short_name"):
            if not party.has(key):
                continue
            written = getattr(party, key)
            value = written.casefold()
            if value and value in seen and seen[value] != i:
                out.append(error(party.at(key), "duplicate-party",
                                 f"two parties are called `{written}`: give each its own "
                                 "name and short_name"))
            seen.setdefault(value, i)
    return out


@check("scheme", ("totals-mismatch",), reads=("funds", "parties"))
def totals(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for stated totals the contributions do not add up to (none while some
    figure is below zero, which is reported as that)."""
    scheme, values = subject.scheme, subject.values
    out: list[Diagnostic] = []
    if any(a.amount < 0 for line in scheme.funds.lines for a in line.contributions) \
            or any(a.amount < 0 for a in scheme.funds.totals):
        return out
    funds = values["funds"]
    parties = PartyIndex(values["parties"])
    for stated in scheme.funds.totals:
        year, name, amount = stated.year, stated.party, stated.amount
        actual: dict[str, float] = {}
        for line in funds["lines"]:
            for payer, paid in line["contributions"].get(year, {}).items():
                actual[payer] = actual.get(payer, 0) + paid
        if True:
            if name == "total":
                total = sum(actual.values())
                if abs(total - amount) > 0.005:
                    out.append(error(stated.loc, "totals-mismatch",
                                     f"the {year} contributions add up to {figure(total)}, not the "
                                     f"stated total of {figure(amount)}: "
                                     f"correct the lines or the total"))
                continue
            party = parties.find(name)
            key = party["short_name"] if party else name
            got = actual.get(key, 0)
            if abs(got - amount) > 0.005:
                out.append(error(stated.loc, "totals-mismatch",
                                 f"{key}'s {year} contributions add up to {figure(got)}, not the "
                                 f"stated {figure(amount)}: correct the lines or the total"))
    return out


@check("scheme", ("pooled-fund-roles", "host-not-partner"), reads=("funds", "parties"))
def fund_roles(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for a pooled fund without a host partner and manager, or hosted by a body
    that cannot host it."""
    scheme, values = subject.scheme, subject.values
    funds = values["funds"]
    if not any(line["arrangement"] == "pooled" for line in funds["lines"]):
        return []
    out = []
    for key, what in (("host", "the host partner"),
                      ("pooled_fund_manager", "the pooled fund manager")):
        if not getattr(scheme.funds, key):
            out.append(error(scheme.funds.loc, "pooled-fund-roles",
                             f"a pooled fund needs {what}: add `{key}:` under `funds:`"))
    host = funds["host"]
    if host and not host["is_nhs"] and not host["is_council"]:
        out.append(error(scheme.funds.at("host"), "host-not-partner",
                         f"{host['name']} cannot host a pooled fund: the host must be an NHS body "
                         "or a local authority that is a party"))
    return out


@check("scheme", ("unknown-clause", "unknown-variant"), reads=("changes", "documents"))
def change_targets(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for changes naming a clause, anchor or variant the library does not have,
    each suggesting only what that kind of change can name in the documents the scheme builds."""
    scheme, library = subject.scheme, subject.library
    out = []
    added = [added_id(c) for c in scheme.changes_of("add")]
    copies = possible_copy_ids(library, subject.values)
    for change in scheme.changes:
        for label, name in _names_of(change):
            if name in library.clauses or (label != "clause" or change.kind != "include") \
                    and name in added + copies:
                continue
            kind = "add" if label in ("after", "before") else change.kind
            hint = did_you_mean_or_list(name, _nameable(subject, kind, added),
                                        f"Clauses `{change.kind}` can name here")
            if hint.endswith(" more."):
                hint = hint[:-1] + " (`s75 explain SCHEME` lists every clause of a draft)."
            out.append(error(change.loc, "unknown-clause",
                             f"`{label}: {name}` names no clause in the library.{hint}".rstrip()))
    for change in scheme.changes_of("variants"):
        if change.target not in library.clauses:
            continue
        clause = library.clauses[change.target]
        choose = change.choose or ""
        if choose not in clause.variants:
            options = ", ".join(f"`{v}`" for v in clause.variants) or "none"
            out.append(error(change.loc, "unknown-variant",
                             f"clause `{clause.id}` has no variant `{choose}` (it has {options})."
                             f"{did_you_mean(choose, clause.variants)}".rstrip()))
    return out


def _names_of(change: Change) -> list[tuple[str, str]]:
    """Return the (key, clause id) pairs a change names."""
    if change.kind == "order":
        return [("clauses", cid) for cid in change.clauses]
    if change.kind == "add":
        return [("before" if change.before else "after", change.anchor)] if change.anchor else []
    names = [("clause", change.target)]
    if change.kind == "move" and change.anchor:
        names.append(("before" if change.before else "after", change.anchor))
    return names


@check("scheme", ("change-placement",), reads=("changes", "documents"))
def change_placement(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for additions and moves that do not say where they go (or say it twice),
    order lists naming a clause twice, and replacements that give nothing to replace with."""
    out = []
    for change in subject.scheme.changes:
        data_before, data_after = change.has("before"), change.has("after")
        message = ""
        if change.kind in ("add", "move") and data_before and data_after:
            message = "give `after:` or `before:`, not both"
        elif change.kind == "add" and not change.anchor and not change.schedule:
            message = ("say where the clause goes with `after: CLAUSE` or `before: CLAUSE` "
                       "(or `schedule: true` to add a schedule at the end)")
        elif change.kind == "add" and change.has("document") and (
                change.document not in subject.scheme.documents or change.anchor):
            message = (f"`document: {change.document}` is for a schedule added at the end (no "
                       "`after:` or `before:`) of a document this scheme builds: "
                       + ", ".join(subject.scheme.documents))
        elif change.kind == "add" and not change.anchor and not change.has("document") \
                and len(subject.scheme.documents) > 1:
            message = ("this scheme builds several documents: say which one the schedule is "
                       "for with `document:` (" + ", ".join(subject.scheme.documents) + ")")
        elif change.kind == "move" and not change.anchor:
            message = "say where the clause moves to with `after: CLAUSE` or `before: CLAUSE`"
        elif change.kind == "replace" and not change.title and not change.writes_text:
            message = ("give the replacement `text:`, `subclauses:` or `sections:` (or a "
                       "`title:` to rename it), or omit the clause instead")
        elif change.kind == "order":
            twice = sorted({c for c in change.clauses if change.clauses.count(c) > 1})
            if twice:
                message = f"`order:` names {', '.join(f'`{c}`' for c in twice)} more than once"
        if message:
            out.append(error(change.loc, "change-placement", message))
    return out


@check("scheme", ("scheme-template-text",), reads=("changes", "vocabulary"))
def template_text(subject: SchemeSubject) -> list[Diagnostic]:
    """Return warnings for template syntax in scheme text, which would be printed as written.
    (Malformed `[[...]]` references are reported with the document they would print in.)"""
    scheme = subject.scheme
    texts = [written for change in scheme.changes for written in change.written()]
    if scheme.vocabulary is not None:
        texts += [d.written for d in scheme.vocabulary.definitions if d.written is not None]
    return [problem for written in texts for problem in written.problems
            if problem.severity == "warning"]


def _nameable(subject: SchemeSubject, kind: str, added: list[str]) -> list[str]:
    """Return the clause ids a change of `kind` can name in the documents the scheme builds:
    their optional clauses for `include`, their clauses with variants for `variants`, their
    clauses (and, after `add`, the clauses added) otherwise."""
    library, documents = subject.library, subject.scheme.documents
    if kind == "include":
        return [cid for d in documents if d in library.outlines
                for cid in library.outlines[d].optional]
    ids = [cid for d in documents for cid in library.ids_for(d)]
    if kind == "variants":
        return [cid for cid in ids if library.clauses[cid].variants]
    return ids + added if kind == "add" else ids


@check("scheme", ("unknown-variable",), reads=("variables",))
def variables(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for variables the library does not have."""
    scheme, library = subject.scheme, subject.library
    out = []
    for variable in scheme.variables:
        name = variable.name
        if name not in library.variables:
            hint = did_you_mean_or_list(name, library.variables, "Library variables")
            out.append(error(variable.loc, "unknown-variable",
                             f"`{name}` is not a library variable.{hint}".rstrip()))
    return out


@check("scheme", ("illustrative-in-final",), reads=("status", "funds"))
def final_status(subject: SchemeSubject) -> list[Diagnostic]:
    """Return an error for a final scheme that still holds illustrative figures."""
    scheme, values = subject.scheme, subject.values
    if scheme.status != "final" or not values["funds"]["illustrative"]:
        return []
    return [error(scheme.at("status"), "illustrative-in-final",
                  "the scheme is marked final but some figures are marked illustrative: confirm "
                  "the figures and remove `illustrative: true`, or keep the status draft")]


@check("scheme", ("illustrative-in-final",))
def final_status_marks(subject: SchemeSubject) -> list[Diagnostic]:
    """Return an error at each value still marked `{ illustrative: ... }` in a final scheme."""
    scheme = subject.scheme
    if scheme.status != "final":
        return []
    return [error(mark.loc, "illustrative-in-final",
                  f"the scheme is marked final but `{dotted_path(mark.path)}` is still marked "
                  f"illustrative ({one_line(str(mark.value))}): confirm it and write the plain "
                  "value, or keep the status draft")
            for mark in scheme.illustrative]


@check("scheme", ("final-undated",), reads=("status", "documents", "mou", "tor"))
def final_undated(subject: SchemeSubject) -> list[Diagnostic]:
    """Return a warning for each document of a final scheme that gives no date of its own (the
    memorandum's `mou: date:`, the terms of reference's `tor: approved_on:`)."""
    scheme = subject.scheme
    if scheme.status != "final":
        return []
    undated = [(document, key) for document, key, given in (
        ("mou", "mou: date:", scheme.mou.date),
        ("tor", "tor: approved_on:", scheme.tor.approved_on))
        if document in scheme.documents and given is None]
    names = {"mou": "the memorandum", "tor": "the terms of reference"}
    return [warning(scheme.at(document if scheme.has(document) else "status"), "final-undated",
                    f"the scheme is final but gives no `{key}`, so {names[document]} leaves its "
                    "date lines blank")
            for document, key in undated]


@check("scheme", ("missing-fixed-shares", "shares-not-100"),
       reads=("risk_share", "fixed_shares", "changes"))
def fixed_shares(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for a fixed-shares risk share without shares, or shares not adding to 100."""
    scheme, values = subject.scheme, subject.values
    shares = [share.amount for share in scheme.fixed_shares]
    if values["risk_share"] == "fixed_shares" and not shares:
        return [error(scheme.at("risk_share"), "missing-fixed-shares",
                      "the `fixed_shares` risk share needs `fixed_shares:` with each partner's "
                      "percentage")]
    if shares and abs(sum(shares) - 100) > 0.001:
        return [error(scheme.at("fixed_shares"), "shares-not-100",
                      f"the fixed shares add up to {figure(sum(shares))} "
                      f"per cent, not 100")]
    return []


REGULATIONS_START = datetime.date(2000, 4, 1)


@check("scheme", ("invalid-value", "commencement-after-expiry"),
       reads=("agreement_date", "commencement_date", "term"))
def term_dates(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for dates before the Regulations, a term that ends before it starts, an
    end date that disagrees with the number of years, and an extension past the year 9999."""
    scheme, term = subject.scheme, subject.scheme.term
    out = [error(scheme.at(name), "invalid-value",
                 f"`{name}` is {value.isoformat()}, before 1 April 2000, when the partnership "
                 "arrangements Regulations came into force: check the date")
           for name, value in (("agreement_date", scheme.agreement_date),
                               ("commencement_date", scheme.commencement_date))
           if value is not None and value < REGULATIONS_START]
    start, end = scheme.commencement_date, term.end
    if start is not None and end is not None and end < start:
        out.append(error(term.at("end"), "commencement-after-expiry",
                         f"the term ends on {end.isoformat()}, before it commences on "
                         f"{start.isoformat()}: correct one of the dates"))
    if start is not None and end is not None and term.initial_years:
        expected = expiry_after(start, term.initial_years)
        if expected is not None and expected != end:
            out.append(error(term.at("initial_years"), "invalid-value",
                             f"`initial_years: {term.initial_years}` from {start.isoformat()} "
                             f"ends on {expected.isoformat()}, not on `end: {end.isoformat()}`: "
                             "give one of them"))
    if end is not None and term.extension_years and end.year + term.extension_years > 9999:
        out.append(error(term.at("extension_years"), "invalid-value",
                         "the extension would run past the year 9999"))
    return out + _rolling_conflicts(term)


def _rolling_conflicts(term: Term) -> list[Diagnostic]:
    """Return an error at each of `end:`, `initial_years:` and `extension_years:` given with
    `rolling: true`, which has no end to reach or extend."""
    if not term.rolling:
        return []
    return [error(term.at(name), "invalid-value",
                  f"`{name}:` cannot be given with `rolling: true`: a rolling term continues "
                  "from year to year until it is terminated, so remove one of them")
            for name in ("end", "initial_years", "extension_years") if name in term.given]


@check("scheme", ("conflicting-change", "duplicate-clause"), reads=("changes",))
def one_change_per_clause(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for a clause omitted or replaced twice (or both), and for an added clause
    whose id is already a clause's."""
    out = []
    first: dict[str, Change] = {}
    for change in subject.scheme.changes:
        if change.kind not in ("omit", "replace"):
            continue
        earlier = first.setdefault(change.target, change)
        if earlier is not change:
            out.append(error(change.loc, "conflicting-change",
                             f"`{change.target}` is already {KIND_DONE[earlier.kind]} at "
                             f"line {earlier.loc.line} of {earlier.loc.path}: keep one change "
                             "per clause"))
    taken = set(subject.library.clauses)
    taken |= {a for lib in subject.library.clauses.values() for a in lib.anchors}
    for change in subject.scheme.changes_of("add"):
        new_id = added_id(change)
        if new_id in taken:
            out.append(error(change.at("id") if change.has("id") else change.loc,
                             "duplicate-clause",
                             f"the added clause's id `{new_id}` is already a clause's, or an "
                             "earlier addition's: give it its own `id:`"))
        taken.add(new_id)
    return out


KIND_DONE = {"omit": "omitted", "replace": "replaced"}


@check("scheme", ("wrong-type",), reads=("variables",))
def variable_types(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for a variable set to a value of another kind than its vanilla value."""
    out = []
    for variable in subject.scheme.variables:
        vanilla = subject.library.variables.get(variable.name)
        if vanilla is None or type(variable.value) is type(vanilla):
            continue
        out.append(error(variable.loc, "wrong-type",
                         f"`{variable.name}` should be {_kind(vanilla)} like its vanilla value "
                         f"{vanilla!r}, not {_kind(variable.value)}"))
    return out


def _kind(value: object) -> str:
    return {int: "a whole number", float: "a number", str: "text", bool: "true or false",
            list: "a list", dict: "a set of `key: value` entries"}.get(type(value), "a value")


@check("scheme", ("year-outside-term", "wrong-format"),
       reads=("funds", "commencement_date", "term"))
def contribution_years(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for a financial year (`2017/18`) of contributions or stated totals that is
    not a financial year, or that falls wholly outside the agreement's term: from the
    commencement date to the end of the term and any extension (an open-ended term has no end).
    Each year is reported once per fund line, and once for the totals, at its key."""
    scheme = subject.scheme
    start, (end, reaches) = scheme.commencement_date, last_day(scheme)
    term_sound = start is None or (start >= REGULATIONS_START and reaches
                                   and (end is None or end >= start))
    out = []
    for amounts in [line.contributions for line in scheme.funds.lines] + [scheme.funds.totals]:
        seen: set[str] = set()
        for amount in amounts:
            if amount.year in seen:
                continue
            seen.add(amount.year)
            first = int(amount.year[:4])
            if int(amount.year[5:]) != (first + 1) % 100:
                out.append(error(amount.at("year"), "wrong-format",
                                 f"`{amount.year}` is not a financial year: write "
                                 f"{first}/{(first + 1) % 100:02d}"))
                continue
            year_start, year_end = datetime.date(first, 4, 1), datetime.date(first + 1, 3, 31)
            if not term_sound or start is None or (
                    year_end >= start and (end is None or year_start <= end)):
                continue  # a term that is itself wrong is reported as that
            out.append(error(amount.at("year"), "year-outside-term",
                             f"`{amount.year}` ({date_text(year_start)} to "
                             f"{date_text(year_end)}) falls wholly outside the agreement's "
                             f"term, {_term_text(scheme, start, end)}: correct the year, or the "
                             "commencement date or term"))
    return out


@check("scheme", ("party-ceases-during-term",), reads=("parties", "commencement_date", "term"))
def parties_ceasing(subject: SchemeSubject) -> list[Diagnostic]:
    """Return a warning, at the party's type, for each party of a type abolished after the
    agreement starts and before its term (with any extension) ends."""
    scheme = subject.scheme
    last, _ = last_day(scheme)
    ends = "has no end date" if last is None else f"runs to {day_text(last)}"
    return [warning(party.at("type"), "party-ceases-during-term",
                    f"{party.name} is {kind.name}, and such bodies ceased to exist after "
                    f"{day_text(kind.until)}, but this agreement {ends}: check that the "
                    "transfer to the successor body carries the agreement, which the assignment "
                    "clause provides for, or end the term by that date")
            for party, kind in ceasing_types(scheme) if kind.until is not None]


def _term_text(scheme: SchemeModel, start: datetime.date, end: datetime.date | None) -> str:
    """Return the term as the message shows it, e.g. `1 April 2017 to 31 March 2020`."""
    if end is None:
        return f"which starts on {date_text(start)} and has no end date"
    extended = " (with its extension)" if scheme.term.extension_years else ""
    return f"{date_text(start)} to {date_text(end)}{extended}"


@check("scheme", ("provision-roles",))
def provision_roles(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for integrated provision without a lead provider, a scheme line without a
    provider, or no line provided by a Partner (so that nothing is provided under it)."""
    scheme, values = subject.scheme, subject.values
    if "integrated_provision" not in values["flexibilities"]:
        return []
    out = []
    if scheme.lead_provider is None:
        where = (scheme.item_at("flexibilities", scheme.flexibilities.index("integrated_provision"))
                 if "integrated_provision" in scheme.flexibilities else scheme.loc)
        out.append(error(where, "provision-roles",
                         "integrated provision needs a lead provider: add `lead_provider:` "
                         "naming the Partner that leads it"))
    lines = values["funds"]["lines"]
    for raw, line in zip(scheme.funds.lines, lines, strict=True):
        if line["provider"] is None:
            out.append(error(raw.loc, "provision-roles",
                             f"the scheme uses integrated provision, so each Scheme "
                             f"Specification must identify its provider: add `provider:` to the "
                             f"line `{raw.name}`, naming a Partner or the outside provider"))
    if lines and all(line["provider"] and line["provider"]["party"] is None for line in lines):
        out.append(error(scheme.funds.at("lines"), "provision-roles",
                         "the scheme uses integrated provision, but no line's `provider:` is a "
                         "Partner, so no Services are provided under it: name the Partner that "
                         "provides a line, or remove `integrated_provision` and `lead_provider:`"))
    return out


@check("scheme", ("responsible-missing", "responsible-split"),
       reads=("risk_share", "funds", "changes"))
def responsible_partners(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for a pooled line that names no responsible Partner where each Partner
    bears its own Overspends, and for a joint line whose percentages do not add up to 100."""
    scheme, values = subject.scheme, subject.values
    out = []
    for raw in scheme.funds.lines:
        shares = raw.responsible or []
        if not shares and values["risk_share"] == "own_risk" and raw.arrangement == "pooled":
            out.append(error(raw.loc, "responsible-missing",
                             f"each Partner bears its own Overspends, so the Scheme "
                             f"Specification for `{raw.name}` must say which Partner is "
                             f"responsible: add `responsible:` naming the Partner, or for a "
                             f"joint line each Partner's percentage "
                             f"(`responsible: {{ the CCG: 60, the Council: 40 }}`)"))
        total = sum(share.percent or 0 for share in shares)
        if shares and shares[0].percent is not None and abs(total - 100) > 0.001:
            out.append(error(raw.at("responsible"), "responsible-split",
                             f"the responsible Partners' percentages for `{raw.name}` add up "
                             f"to {figure(total)} per cent, not 100"))
    return out


@check("scheme", ("provider-not-party",))
def provider_spelling(subject: SchemeSubject) -> list[Diagnostic]:
    """Return a warning for a line's provider that is not a party but is spelt like one."""
    parties = PartyIndex(subject.values["parties"])
    out = []
    for raw in subject.scheme.funds.lines:
        if raw.provider is None or parties.find(raw.provider) is not None:
            continue
        hint = did_you_mean(raw.provider, parties.names())
        if hint:
            out.append(warning(raw.at("provider"), "provider-not-party",
                               f"`{raw.provider}` is not one of the parties, so it is printed "
                               f"as a provider from outside the Partners.{hint}"))
    return out


@check("scheme", ("negative-contribution",), reads=("funds",))
def negative_contributions(subject: SchemeSubject) -> list[Diagnostic]:
    """Return an error at each contribution or stated total below zero: what each partner
    contributes is written as what it pays in (SI 2000/617 reg 7(3)(b))."""
    funds = subject.scheme.funds
    amounts = [(a, f"{a.party}'s {a.year} contribution to `{line.name}`")
               for line in funds.lines for a in line.contributions]
    amounts += [(a, f"the stated {a.year} total for {a.party}") for a in funds.totals]
    return [error(amount.loc, "negative-contribution",
                  f"{what} is {figure(amount.amount)}, below zero: write what the partner pays "
                  "in as a positive figure")
            for amount, what in amounts if amount.amount < 0]


@check("scheme", ("contributions-missing",), reads=("funds", "commencement_date"))
def contributions_each_year(subject: SchemeSubject) -> list[Diagnostic]:
    """Return an error for a scheme line with no contributions at all, for a financial year
    missing between the first and last years the lines give, and for a first year of the term
    missing while later years are given (SI 2000/617 reg 7(3)(b))."""
    scheme = subject.scheme
    out = [error(line.at("contributions"), "contributions-missing",
                 f"the line `{line.name}` has no contributions for any year: give each "
                 "partner's contribution by financial year")
           for line in scheme.funds.lines if not line.contributions]
    given = {int(a.year[:4]): a for line in scheme.funds.lines for a in line.contributions
             if int(a.year[5:]) == (int(a.year[:4]) + 1) % 100 and _in_term(scheme, a.year)}
    if not given:
        return out
    first, last = min(given), max(given)
    gaps = [year for year in range(first + 1, last) if year not in given]
    if gaps:
        named = [_year(y) for y in gaps[:5]] + (["others"] if len(gaps) > 5 else [])
        shown = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        out.append(error(given[min(y for y in given if y > gaps[0])].at("year"),
                         "contributions-missing",
                         f"no line gives contributions for {shown}, between {_year(first)} "
                         f"and {_year(last)}: give each year's contributions (zero where a "
                         "partner pays nothing)"))
    start = scheme.commencement_date
    if start is None or start < REGULATIONS_START:
        return out  # a date before the Regulations is reported as that
    opening = start.year if start.month >= 4 else start.year - 1
    if opening < first:
        out.append(error(given[first].at("year"), "contributions-missing",
                         f"the term commences on {date_text(start)}, in {_year(opening)}, but "
                         f"the first contributions given are for {_year(first)}: give the "
                         f"contributions for {_year(opening)}"))
    return out


def _in_term(scheme: SchemeModel, year: str) -> bool:
    """Return False for a financial year wholly outside the term (reported as that)."""
    start, (end, _) = scheme.commencement_date, last_day(scheme)
    first = int(year[:4])
    if start is not None and datetime.date(first + 1, 3, 31) < start:
        return False
    return end is None or datetime.date(first, 4, 1) <= end


def _year(first: int) -> str:
    """Return the financial year starting in April of `first`, as `2017/18`."""
    return f"{first}/{(first + 1) % 100:02d}"


@check("scheme", ("no-risk-share",), reads=("funds", "risk_share"))
def risk_share_given(subject: SchemeSubject) -> list[Diagnostic]:
    """Return a warning for a pooled fund with no risk-share arrangement (`risk_share:`): the
    risk-share clause then prints its default, which no one chose."""
    scheme = subject.scheme
    if scheme.risk_share or not any(line.arrangement == "pooled" for line in scheme.funds.lines):
        return []
    return [warning(scheme.funds.loc, "no-risk-share",
                    "the scheme pools funds but says nothing of how overspends and underspends "
                    "are shared: add `risk_share:` (own_risk, proportional, fixed_shares or "
                    "hierarchy)")]
