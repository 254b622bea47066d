"""Clauses whose text a scheme writes (replace, add): printed as written, with its `[[...]]`
references turned into live cross-references, defined terms, party names and figures.

Nothing in scheme text is run as a template. A reference is resolved here; whether its target is
in the finished draft can be known only once the draft is numbered, so `Resolver.verify` checks
the references after numbering and reports each wrong one at its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.assemble.money import pounds, to_pounds
from generator.assemble.refwords import schedule_paragraphs
from generator.assemble.textrender import literal_runs
from generator.diagnostics import Diagnostic, did_you_mean, error
from generator.load.typography import curly
from generator.model.draft import Clause, Draft, Item, Paragraph, Run, Table
from generator.model.scheme import Change, Mark, Written, WrittenSection


@dataclass
class _Pending:
    """A reference to a clause or schedule, checked once the draft is numbered."""

    mark: Mark
    clause: str


@dataclass
class Resolver:
    """Turns the marks of scheme text into runs, for one document of one scheme."""

    values: dict[str, Any]
    delegated_limit: float | None = None  # in pounds
    party_limits: dict[str, float] = field(default_factory=dict)  # a party's name -> pounds
    diagnostics: list[Diagnostic] = field(default_factory=list)
    pending: list[_Pending] = field(default_factory=list)
    terms: list[Mark] = field(default_factory=list)
    _clause: str = ""

    def clause(self, change: Change, cid: str, kind: str) -> Clause:
        """Return the clause `change` writes, with id `cid`, as a clause, schedule or front."""
        self._clause = cid
        clause = Clause(cid, change.title or "", kind)
        if change.lead is not None:
            clause.lead = self.runs(change.lead)
        clause.paragraphs = [self.paragraph(w) for w in change.paragraphs]
        clause.sections = [self.section(s, cid, i) for i, s in enumerate(change.sections, 1)]
        return clause

    def section(self, written: WrittenSection, cid: str, index: int) -> Clause:
        """Return a numbered section of a schedule the scheme writes."""
        anchor = f"{cid}-{slug(written.title) if written.title else index}"
        section = Clause(anchor, written.title, "section", anchor=anchor)
        if written.lead is not None:
            section.lead = self.runs(written.lead)
        section.paragraphs = [self.paragraph(w) for w in written.paragraphs]
        return section

    def paragraph(self, written: Written) -> Paragraph:
        """Return a paragraph: its text, its listed items, or its table."""
        if written.table is not None:
            table = written.table
            return Paragraph(table=Table(table.header, [list(r) for r in table.rows],
                                         caption=table.caption, numeric_from=len(table.header)),
                             numbered=False)
        return Paragraph(self.runs(written), [self.item(i) for i in written.items],
                         numbered=written.numbered)

    def item(self, written: Written) -> Item:
        """Return a listed item with its own items."""
        return Item(self.runs(written), [self.item(i) for i in written.items])

    def runs(self, written: Written) -> list[Run]:
        """Return the text as runs: plain text as written, marks resolved (the errors in its
        markup are kept for `verify`)."""
        self.diagnostics += [p for p in written.problems if p.severity == "error"]
        out: list[Run] = []
        for piece in written.pieces:
            if isinstance(piece, str):
                out += _spaced(piece)
            else:
                out += self._resolve(piece)
        return _joined(out)

    def _resolve(self, mark: Mark) -> list[Run]:
        if mark.kind in ("clause", "schedule"):
            self.pending.append(_Pending(mark, self._clause))
            return [Run("ref", mark.target)]
        if mark.kind == "term":
            self.terms.append(mark)
            return [Run("text", mark.target)]
        if mark.kind == "party":
            return self._party(mark)
        return self._money(mark)

    def _party(self, mark: Mark) -> list[Run]:
        party = self._find_party(mark.target)
        if party is None:
            names = [p["short_name"] for p in self.values["parties"]]
            self._fail(mark, f"names no party of this scheme.{did_you_mean(mark.target, names)}"
                       f" The parties are: {', '.join(names)}")
            return [Run("text", mark.target)]
        if mark.option not in ("", "name", "short_name"):
            self._fail(mark, "can show a party's short name ([[party:NAME]]) or its full name "
                       "([[party:NAME:name]]) only")
        return [Run("text", party["name"] if mark.option == "name" else party["short_name"])]

    def _find_party(self, name: str) -> dict | None:
        for party in self.values["parties"]:
            if name in (party["name"], party["short_name"]):
                return party
        return None

    def _money(self, mark: Mark) -> list[Run]:
        amount = self._amount(mark)
        if amount is None:
            return [Run("text", mark.raw)]
        return [Run("text", amount)]

    def _amount(self, mark: Mark) -> str | None:
        funds = self.values["funds"]
        units = funds["units"]
        if mark.target == "delegated_limit" and mark.option:
            return self._party_limit(mark)
        if mark.target == "delegated_limit":
            limit = self.delegated_limit
            if limit is None:
                self._fail(mark, "refers to the board's delegated limit, which this scheme "
                           "does not give (`board: delegated_limit: amount:`)")
                return None
            return pounds(float(limit))
        if mark.target == "total" and not mark.option:
            return pounds(to_pounds(sum(line["amount"] for line in funds["lines"]), units))
        if mark.target not in funds["years"]:
            years = ", ".join(funds["years"]) or "none"
            self._fail(mark, f"names no financial year of the scheme's contributions (they are: "
                       f"{years}). Write [[money:YEAR]], [[money:YEAR:PARTY]], "
                       "[[money:YEAR:SCHEME LINE]], [[money:total]] or "
                       "[[money:delegated_limit]]")
            return None
        return self._year_amount(mark, funds, units)

    def _party_limit(self, mark: Mark) -> str | None:
        """Return a Partner's own delegated limit in pounds, or None (reported) when the mark
        names no party or one whose limit the scheme does not give."""
        party = self._find_party(mark.option)
        if party is None:
            names = [p["short_name"] for p in self.values["parties"]]
            self._fail(mark, f"names no party of this scheme.{did_you_mean(mark.option, names)}"
                       f" The parties are: {', '.join(names)}")
            return None
        if party["name"] not in self.party_limits:
            given = ", ".join(self.party_limits) or "none"
            self._fail(mark, f"refers to the delegated limit of {party['short_name']}, which "
                       f"`board: delegated_limits:` does not give (it gives: {given})")
            return None
        return pounds(self.party_limits[party["name"]])

    def _year_amount(self, mark: Mark, funds: dict, units: str) -> str | None:
        year, who = mark.target, mark.option
        lines = funds["lines"]
        if not who:
            total = sum(sum(line["contributions"].get(year, {}).values()) for line in lines)
            return pounds(to_pounds(total, units))
        party = self._find_party(who)
        if party is not None:
            total = sum(line["contributions"].get(year, {}).get(party["short_name"], 0)
                        for line in lines)
            return pounds(to_pounds(total, units))
        for line in lines:
            if line["name"] == curly(who):  # a line's name is printed with curly quotes
                return pounds(to_pounds(sum(line["contributions"].get(year, {}).values()), units))
        names = [p["short_name"] for p in self.values["parties"]] + [x["name"] for x in lines]
        self._fail(mark, f"names no party or scheme line.{did_you_mean(who, names)}")
        return None

    def _fail(self, mark: Mark, message: str) -> None:
        self.diagnostics.append(error(mark.loc, "markup-unknown", f"`{mark.raw}` {message}"))

    def verify(self, draft: Draft, defined: set[str]) -> list[Diagnostic]:
        """Return errors for references whose target the numbered draft does not have (or has
        as the wrong kind), and for defined terms the draft does not define."""
        out = list(self.diagnostics)
        kinds = _anchor_kinds(draft)
        for pending in self.pending:
            out += _check_reference(pending.mark, kinds)
        for mark in self.terms:
            if mark.target not in defined:
                out.append(error(mark.loc, "markup-unknown", f"`{mark.raw}` is not a defined "
                                 f"term of this document.{did_you_mean(mark.target, defined)}"))
        return out


def _check_reference(mark: Mark, kinds: dict[str, str]) -> list[Diagnostic]:
    """Return an error when a clause or schedule reference names no target of that kind."""
    wanted = "schedule" if mark.kind == "schedule" else "clause"
    have = kinds.get(mark.target)
    if have == wanted or (have, wanted) == ("numbered schedule paragraph", "clause"):
        return []
    if have == "numbered schedule paragraph":
        have = "schedule paragraph"
    if have == "schedule paragraph":
        return [error(mark.loc, "markup-unknown", f"`{mark.raw}` names a paragraph inside a "
                      "schedule, which a reference cannot show on its own: refer to the "
                      "schedule ([[schedule:ID]]) and write the paragraph number")]
    if have is not None:
        return [error(mark.loc, "markup-unknown", f"`{mark.raw}` names a {have}, not a "
                      f"{wanted}: write [[{have}:{mark.target}]]")]
    choices = [a for a, k in kinds.items() if k == wanted]
    return [error(mark.loc, "markup-unknown", f"`{mark.raw}` names no {wanted} of this "
                  f"document.{did_you_mean(mark.target, choices)}")]


def _anchor_kinds(draft: Draft) -> dict[str, str]:
    """Return every anchor in the draft by what it is: clauses and their paragraphs as
    "clause", schedules as "schedule", the numbered paragraphs of a schedule's own text
    (a clause made a schedule) as "numbered schedule paragraph", which a clause reference
    prints as "paragraph N of Schedule M" (see assemble/refwords.py), and a schedule's
    sections and their paragraphs as "schedule paragraph", which a reference cannot name
    (Word would print it with the schedule's number run into it)."""
    kinds: dict[str, str] = {}
    for clause in draft.clauses:
        for anchor in _anchors(clause):
            kinds[anchor] = "clause"
    for schedule in draft.schedules:  # a schedule itself, not its paragraphs (see docs)
        for anchor in _anchors(schedule):
            kinds[anchor] = "schedule" if anchor == schedule.anchor else "schedule paragraph"
    for anchor in schedule_paragraphs(draft):
        kinds[anchor] = "numbered schedule paragraph"
    return {a: k for a, k in kinds.items() if a in draft.numbers}


def _anchors(clause: Clause) -> list[str]:
    found = [clause.anchor] + [p.anchor for p in clause.paragraphs if p.anchor]
    for section in clause.sections:
        found += _anchors(section)
    return [a for a in found if a]


def slug(title: str, fallback: str = "added-clause") -> str:
    """Return an id made of the title's lower-case words joined by hyphens (or `fallback`)."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or fallback


def _spaced(text: str) -> list[Run]:
    """Return plain scheme text as one run, white space collapsed but kept at its edges."""
    if not text:
        return []
    inner = literal_runs(text)
    value = inner[0].value if inner else ""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and value else ""
    return [Run("text", f"{lead}{value}{trail}")] if (lead or value) else []


def _joined(runs: list[Run]) -> list[Run]:
    """Return runs with neighbouring plain text joined and the ends trimmed."""
    out: list[Run] = []
    for run in runs:
        if out and run.kind == "text" and out[-1].kind == "text":
            out[-1] = Run("text", out[-1].value + run.value)
        else:
            out.append(run)
    if out and out[0].kind == "text":
        out[0] = Run("text", out[0].value.lstrip())
    if out and out[-1].kind == "text":
        out[-1] = Run("text", out[-1].value.rstrip())
    return [r for r in out if r.value]
