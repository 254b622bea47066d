"""Checks of a scheme itself, whatever documents it produces: the keys it must have, its
parties, its arithmetic, its pooled fund and the changes, variants and variables it names."""

from __future__ import annotations

import datetime

from generator.assemble.assembly import added_id
from generator.assemble.context import expiry_after
from generator.assemble.money import figure
from generator.checks.registry import SchemeSubject, check
from generator.diagnostics import Diagnostic, did_you_mean, error, warning
from generator.model.parties import PartyIndex
from generator.model.scheme import Change


@check("scheme", ("missing-key", "too-few-parties"))
def required_top(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for the top-level keys every scheme needs, and for a lone party."""
    scheme = subject.scheme
    out = []
    top = scheme.layers[-1]
    for key in ("id", "title", "topic", "status", "parties"):
        if not scheme.has(key):
            out.append(error(scheme.loc, "missing-key",
                             f"`{key}` is required: add it to {top} or to the scheme it extends"))
    if len(scheme.parties) == 1:
        out.append(error(scheme.at("parties"), "too-few-parties",
                         "an arrangement needs at least two parties"))
    return out


@check("scheme", ("duplicate-key", "empty-value"))
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


@check("scheme", ("empty-value",))
def reasons_given(subject: SchemeSubject) -> list[Diagnostic]:
    """Return an error for a change whose reason is only white space."""
    return [error(change.at("reason") if change.has("reason") else change.loc, "empty-value",
                  f"the reason for this change to `{change.target}` is blank: say why")
            for change in subject.scheme.changes if not change.reason.strip()]


@check("scheme", ("duplicate-party",))
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


@check("scheme", ("totals-mismatch",))
def totals(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for stated totals the contributions do not add up to."""
    scheme, values = subject.scheme, subject.values
    out = []
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


@check("scheme", ("pooled-fund-roles", "host-not-partner"))
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


@check("scheme", ("unknown-clause", "unknown-variant"))
def change_targets(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for changes naming a clause or variant the library does not have."""
    scheme, library = subject.scheme, subject.library
    out = []
    known = set(library.clauses)
    added = {c.id or "" for c in scheme.changes if c.kind == "add"}
    for change in scheme.changes:
        target = change.target
        if not target or target in known or (change.kind == "add" and target in added):
            continue
        label = "after" if change.kind == "add" else "clause"
        out.append(error(change.loc, "unknown-clause",
                         f"`{label}: {target}` names no clause in the library."
                         f"{did_you_mean(target, known | added)}".rstrip()))
    for change in scheme.changes:
        if change.kind != "variants" or change.target not in known:
            continue
        clause = library.clauses[change.target]
        choose = change.choose or ""
        if choose not in clause.variants:
            options = ", ".join(f"`{v}`" for v in clause.variants) or "none"
            out.append(error(change.loc, "unknown-variant",
                             f"clause `{clause.id}` has no variant `{choose}` (it has {options})."
                             f"{did_you_mean(choose, clause.variants)}".rstrip()))
    return out


@check("scheme", ("unknown-variable",))
def variables(subject: SchemeSubject) -> list[Diagnostic]:
    """Return errors for variables the library does not have."""
    scheme, library = subject.scheme, subject.library
    out = []
    for variable in scheme.variables:
        name = variable.name
        if name not in library.variables:
            out.append(error(variable.loc, "unknown-variable",
                             f"`{name}` is not a library variable."
                             f"{did_you_mean(name, library.variables)}".rstrip()))
    return out


@check("scheme", ("illustrative-in-final",))
def final_status(subject: SchemeSubject) -> list[Diagnostic]:
    """Return an error for a final scheme that still holds illustrative figures."""
    scheme, values = subject.scheme, subject.values
    if scheme.status != "final" or not values["funds"]["illustrative"]:
        return []
    return [error(scheme.at("status"), "illustrative-in-final",
                  "the scheme is marked final but some figures are marked illustrative: confirm "
                  "the figures and remove `illustrative: true`, or keep the status draft")]


@check("scheme", ("missing-fixed-shares", "shares-not-100"))
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


@check("scheme", ("invalid-value",))
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
        out.append(error(term.at("end"), "invalid-value",
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
    return out


@check("scheme", ("conflicting-change", "duplicate-clause"))
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
    for change in subject.scheme.changes_of("add"):
        new_id = added_id(change)
        if new_id in taken:
            out.append(error(change.loc, "duplicate-clause",
                             f"the added clause's id `{new_id}` is already a clause's: give it "
                             "its own `id:`"))
        taken.add(new_id)
    return out


KIND_DONE = {"omit": "omitted", "replace": "replaced"}


@check("scheme", ("wrong-type",))
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
