"""Turn a merged, validated scheme into the typed scheme model (`model.scheme`).

This is the last step that reads the scheme's YAML data: every value becomes a field of a
dataclass, a value the chain leaves out takes its default from the schema (`schema.default_at`),
and every object records where it and each of its fields were written.
"""

from __future__ import annotations

import datetime
from typing import Any

from generator.diagnostics import Loc
from generator.load.markup import parse
from generator.load.schema import default_at
from generator.load.scheme import Scheme
from generator.load.typography import curly
from generator.model import scheme as m

Path_ = tuple[Any, ...]


class _Reader:
    """Reads values of a merged scheme by path, with positions and schema defaults."""

    def __init__(self, scheme: Scheme):
        self.scheme = scheme

    def raw(self, path: Path_) -> Any:
        """Return the value written at `path`, or None."""
        return self.scheme.at(path)

    def value(self, path: Path_) -> Any:
        """Return the value at `path`, or the schema's default when none is written."""
        found = self.scheme.at(path)
        if found is None:
            return default_at(tuple(step for step in path if not isinstance(step, int)))
        return found

    def mapping(self, path: Path_) -> dict:
        """Return the mapping at `path`, empty when there is none."""
        found = self.scheme.at(path)
        return found if isinstance(found, dict) else {}

    def items(self, path: Path_) -> list:
        """Return the list at `path`, empty when there is none."""
        found = self.scheme.at(path)
        return found if isinstance(found, list) else []

    def loc(self, path: Path_) -> Loc:
        """Return where `path` (or its nearest written ancestor) is written."""
        return self.scheme.loc(path)

    def written(self, text: str, path: Path_) -> m.Written:
        """Return text the scheme writes at `path`, its `[[...]]` references parsed and
        located in the file that wrote it."""
        loc = self.loc(path)
        source = next((layer.source for layer in self.scheme.layers if layer.path == loc.path), "")
        pieces, problems = parse(text, loc, source)
        return m.Written(loc=loc, text=text, pieces=pieces, problems=tuple(problems))

    def located(self, path: Path_, names: list[str]) -> dict[str, Any]:
        """Return the `loc`, `locs` and `given` arguments of the object written at `path`."""
        here = self.mapping(path)
        return {"loc": self.loc(path),
                "locs": {name: self.loc(path + (name,)) for name in names},
                "given": frozenset(name for name in names if name in here)}


def to_model(scheme: Scheme) -> m.SchemeModel:
    """Return the typed model of a merged scheme that passed validation."""
    r = _Reader(scheme)
    top = list(scheme.data)
    return m.SchemeModel(
        **r.located((), top + ["funds", "board", "mou", "review", "exit", "term"]),
        path=scheme.path,
        layers=scheme.layer_names,
        id=str(r.raw(("id",)) or ""),
        title=str(r.raw(("title",)) or ""),
        topic=str(r.raw(("topic",)) or ""),
        status=str(r.value(("status",))),
        documents=_texts(r.raw(("documents",)) if r.raw(("documents",)) is not None
                         else default_at(("documents",))),
        titles={str(k): str(v) for k, v in r.mapping(("titles",)).items()},
        parties=[_party(r, ("parties", i)) for i in range(len(r.items(("parties",))))],
        term=_term(r),
        functions=m.Functions(**r.located(("functions",), ["nhs", "health_related"]),
                              nhs=_curled(r.items(("functions", "nhs"))),
                              health_related=_curled(r.items(("functions", "health_related")))),
        funds=_funds(r),
        board=_board(r),
        mou=_mou(r),
        tor=_tor(r),
        review_frequency=str(r.value(("review", "frequency"))),
        review_more_often_years=r.raw(("review", "more_often_years")),
        review_also_consider=_curled(r.items(("review", "also_consider"))),
        exit_notice_months=int(r.value(("exit", "notice_months"))),
        better_care_fund=bool(r.raw(("better_care_fund",))),
        footprint=r.raw(("footprint",)),
        agreement_date=_date(r.raw(("agreement_date",))),
        commencement_date=_date(r.raw(("commencement_date",))),
        replaces=_curled([r.raw(("replaces",))])[0] if r.raw(("replaces",)) else None,
        aims_and_outcomes=_curled(r.items(("aims_and_outcomes",))),
        eligible_persons=_curled(_text_list(r.raw(("eligible_persons",)))),
        services=_curled(r.items(("services",))),
        flexibilities=list(r.items(("flexibilities",))),
        lead_commissioner=r.raw(("lead_commissioner",)) or None,
        lead_provider=r.raw(("lead_provider",)) or None,
        non_financial_contributions=[
            m.PartyText(**r.located(("non_financial_contributions", i), ["party", "description"]),
                        party=str(entry.get("party", "")),
                        text=curly(str(entry.get("description", ""))))
            for i, entry in enumerate(r.items(("non_financial_contributions",)))],
        risk_share=r.raw(("risk_share",)) or None,
        fixed_shares=[m.Amount(loc=r.loc(("fixed_shares", name)), year="", party=str(name),
                               amount=float(share))
                      for name, share in r.mapping(("fixed_shares",)).items()],
        signatories=[
            m.PartyText(**r.located(("signatories", i), ["party", "role", "name"]),
                        party=str(entry.get("party", "")), text=str(entry.get("role", "")),
                        name=entry.get("name"))
            for i, entry in enumerate(r.items(("signatories",)))],
        changes=[_change(change) for change in scheme.changes],
        variables=[m.Variable(loc=loc, name=name, value=value, layer=layer)
                   for name, (value, loc, layer) in scheme.variables.items()],
        vocabulary=_vocabulary(r),
        headings={str(k): str(v) for k, v in r.mapping(("headings",)).items()},
        illustrative=[m.Marked(loc=mark.loc, path=mark.path, value=mark.value)
                      for mark in scheme.marks],
        acknowledge=[
            m.Acknowledgement(**r.located(("acknowledge", i), ["code", "reason"]),
                              code=str(entry.get("code", "")),
                              reason=" ".join(str(entry.get("reason", "")).split()))
            for i, entry in enumerate(r.items(("acknowledge",)))
            if isinstance(entry, dict)],
        item_locs={name: [r.loc((name, i)) for i in range(len(r.items((name,))))]
                   for name in ("services", "aims_and_outcomes", "flexibilities", "documents")},
    )


def _texts(value: Any) -> list[str]:
    """Return a list of text values (empty for anything that is not a list)."""
    return [str(item) for item in value] if isinstance(value, list) else []


def _date(value: Any) -> datetime.date | None:
    return value if isinstance(value, datetime.date) else None


def _curled(items: Any) -> list[Any]:
    """Return a list the scheme writes with the quotes of its text items made curly, as the
    library's own text is (anything that is not text is kept as it is)."""
    return [curly(item) if isinstance(item, str) else item for item in list(items or [])]


def _curled_text(value: Any) -> Any:
    """Return scheme text with its quotes made curly; anything else as it is."""
    return curly(value) if isinstance(value, str) else value


def _text_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return list(value or [])


def _party(r: _Reader, path: Path_) -> m.Party:
    raw = r.mapping(path)
    name = str(raw.get("name", ""))
    signatory = raw.get("signatory")
    return m.Party(**r.located(path, ["name", "short_name", "type", "address", "legal_name",
                                      "execution", "decision_body", "signatory",
                                      "attested_by"]),
                   name=name, short_name=str(raw.get("short_name") or name),
                   type=str(raw.get("type", "other")), address=raw.get("address"),
                   legal_name=raw.get("legal_name") or None,
                   execution=str(raw.get("execution") or "sign"),
                   decision_body=(curly(str(raw["decision_body"]))
                                  if raw.get("decision_body") else None),
                   signatory=_officer(signatory) if isinstance(signatory, dict) else None,
                   attested_by=[_officer(entry) for entry in raw.get("attested_by") or []
                                if isinstance(entry, dict)])


def _officer(raw: dict[str, Any]) -> m.Officer:
    """Return a named officer (a signatory or an attesting officer) as the scheme gives it."""
    return m.Officer(name=raw.get("name") or None, position=raw.get("position") or None)


def _term(r: _Reader) -> m.Term:
    raw = r.mapping(("term",))
    return m.Term(**r.located(("term",), ["end", "initial_years", "extension_years",
                                              "rolling"]),
                  end=_date(raw.get("end")), initial_years=raw.get("initial_years"),
                  extension_years=raw.get("extension_years"), rolling=raw.get("rolling") is True)


def _amounts(r: _Reader, path: Path_) -> list[m.Amount]:
    """Return the figures of a {year: {party: amount}} mapping, in the order written."""
    out = []
    for year, by_party in r.mapping(path).items():
        for party, amount in (by_party or {}).items():
            out.append(m.Amount(loc=r.loc(path + (year, party)),
                                locs={"year": r.loc(path + (year,))}, year=str(year),
                                party=str(party), amount=float(amount)))
    return out


def _funds(r: _Reader) -> m.Funds:
    path: Path_ = ("funds",)
    return m.Funds(
        **r.located(path, ["units", "host", "pooled_fund_manager", "lines", "totals",
                                "risk_across_areas", "agree_by"]),
        units=str(r.value(path + ("units",))),
        host=r.raw(path + ("host",)) or None,
        pooled_fund_manager=r.raw(path + ("pooled_fund_manager",)) or None,
        lines=[_line(r, path + ("lines", i), i) for i in range(len(r.items(path + ("lines",))))],
        risk_across_areas=bool(r.raw(path + ("risk_across_areas",))),
        agree_by=str(r.value(path + ("agree_by",))),
        totals=_amounts(r, path + ("totals",)))


def _line(r: _Reader, path: Path_, index: int) -> m.FundLine:
    raw = r.mapping(path)
    return m.FundLine(
        **r.located(path, ["name", "arrangement", "overview", "services", "illustrative",
                           "contributions", "provider", "area", "responsible"]),
        index=index, name=curly(str(raw.get("name", ""))),
        arrangement=str(r.value(path + ("arrangement",))),
        overview=_curled([raw["overview"]])[0] if raw.get("overview") else raw.get("overview"),
        services=_curled(raw.get("services") or []),
        illustrative=bool(raw.get("illustrative")),
        contributions=_amounts(r, path + ("contributions",)),
        provider=raw.get("provider") or None, area=raw.get("area") or None,
        responsible=_responsible(r, path + ("responsible",)))


def _responsible(r: _Reader, path: Path_) -> list[m.Share] | None:
    """Return the Partners responsible for a line with their percentages (None for one Partner
    named alone), or None when the line names none."""
    raw = r.raw(path)
    if raw is None:
        return None
    if isinstance(raw, str):
        return [m.Share(loc=r.loc(path), party=raw, percent=None)]
    return [m.Share(loc=r.loc(path + (str(party),)), party=str(party), percent=float(percent))
            for party, percent in raw.items()]


BOARD_FIELDS = ["name", "model", "purpose", "accountable_to", "chair", "members", "substitutes",
                "quorum", "decision_rule", "delegated_limit", "delegated_limits",
                "decides_through", "meetings_in_public", "frequency",
                "sub_groups", "reports_to", "existing_committee", "committee_of"]


def _board(r: _Reader) -> m.Board:
    path: Path_ = ("board",)
    raw = r.mapping(path)
    return m.Board(
        **r.located(path, BOARD_FIELDS),
        present=bool(raw),
        name=str(r.value(path + ("name",))),
        model=str(r.value(path + ("model",))),
        decision_rule=str(r.value(path + ("decision_rule",))),
        substitutes=r.value(path + ("substitutes",)),
        frequency=str(r.value(path + ("frequency",))),
        chair=_chair(r, path + ("chair",)),
        purpose=_curled_text(raw.get("purpose")),
        accountable_to=_curled(raw.get("accountable_to")),
        members=[_member(r, path + ("members", i))
                 for i in range(len(r.items(path + ("members",))))],
        quorum=_quorum(r, path + ("quorum",)),
        delegated_limit=_limit(r, path + ("delegated_limit",)),
        delegated_limits=_party_limits(r, path + ("delegated_limits",)),
        decides_through=[m.DecidesThrough(loc=r.loc(path + ("decides_through", str(party))),
                                          party=str(party), through=str(through))
                         for party, through in r.mapping(path + ("decides_through",)).items()],
        meetings_in_public=_public(r, path + ("meetings_in_public",)),
        sub_groups=_curled(raw.get("sub_groups")),
        reports_to=_curled(raw.get("reports_to")),
        existing_committee=raw.get("existing_committee") or None,
        committee_of=raw.get("committee_of") or None)


def _chair(r: _Reader, path: Path_) -> m.Chair:
    """Return who chairs the board, with where each co-chair's role was written."""
    co_chairs = [str(role) for role in r.items(path + ("co_chairs",))]
    return m.Chair(**r.located(path, ["role", "rotating", "co_chairs"]),
                   role=r.raw(path + ("role",)), rotating=bool(r.raw(path + ("rotating",))),
                   co_chairs=co_chairs,
                   co_chair_locs=[r.loc(path + ("co_chairs", i)) for i in range(len(co_chairs))])


def _member(r: _Reader, path: Path_) -> m.Member:
    raw = r.mapping(path)
    organisation = raw.get("organisation") or None
    party = raw.get("party")
    return m.Member(**r.located(path, ["role", "party", "organisation", "name", "voting",
                                       "co_opted"]),
                    role=str(raw.get("role", "")),
                    party=str(party) if party is not None else None,
                    organisation=organisation, name=raw.get("name"),
                    voting=r.value(path + ("voting",)),
                    co_opted=bool(r.value(path + ("co_opted",))))


def _quorum(r: _Reader, path: Path_) -> m.Quorum | None:
    raw = r.mapping(path)
    if not raw:
        return None
    return m.Quorum(**r.located(path, ["total", "per_party"]), total=raw.get("total"),
                    per_party=[m.Minimum(loc=r.loc(path + ("per_party", key)), party=str(key),
                                         count=int(count))
                               for key, count in r.mapping(path + ("per_party",)).items()])


def _limit(r: _Reader, path: Path_) -> m.DelegatedLimit | None:
    raw = r.mapping(path)
    if not raw:
        return None
    return m.DelegatedLimit(**r.located(path, ["amount", "condition"]),
                            amount=float(raw["amount"]), condition=raw.get("condition"))


def _party_limits(r: _Reader, path: Path_) -> list[m.PartyLimit]:
    """Return each Partner's own delegated limit, in the order the scheme writes them."""
    out = []
    for party, raw in r.mapping(path).items():
        here = path + (str(party),)
        if isinstance(raw, dict):
            out.append(m.PartyLimit(**r.located(here, ["amount", "condition"]), party=str(party),
                                    amount=float(raw["amount"]), condition=raw.get("condition")))
        else:
            out.append(m.PartyLimit(loc=r.loc(here), party=str(party), amount=float(raw)))
    return out


def _public(r: _Reader, path: Path_) -> m.MeetingsInPublic | None:
    raw = r.mapping(path)
    if not raw:
        return None
    return m.MeetingsInPublic(
        **r.located(path, ["from", "forward_plan_days", "papers_working_days", "call_in",
                           "public_questions"]),
        from_date=_date(raw.get("from")), forward_plan_days=raw.get("forward_plan_days"),
        papers_working_days=raw.get("papers_working_days"), call_in=raw.get("call_in"),
        public_questions=raw.get("public_questions"))


def _mou(r: _Reader) -> m.MouSettings:
    path: Path_ = ("mou",)
    raw = r.mapping(path)
    scope_in = raw.get("scope_in")
    return m.MouSettings(
        **r.located(path, ["parts", "unit_name", "subject", "scope_in", "scope_out",
                           "support_requirements", "date"]),
        parts=_texts(raw.get("parts") or default_at(path + ("parts",))),
        unit_name=raw.get("unit_name"), subject=raw.get("subject"),
        scope_in=_curled(scope_in) if isinstance(scope_in, list) else None,
        scope_out=_curled(raw.get("scope_out")),
        support_requirements=_curled(raw.get("support_requirements")),
        date=_date(raw.get("date")))


def _tor(r: _Reader) -> m.TorSettings:
    path: Path_ = ("tor",)
    raw = r.mapping(path)
    return m.TorSettings(**r.located(path, ["approved_by", "approved_on", "review_by"]),
                         approved_by=raw.get("approved_by") or None,
                         approved_on=_date(raw.get("approved_on")),
                         review_by=_date(raw.get("review_by")))


def _vocabulary(r: _Reader) -> m.Vocabulary | None:
    path: Path_ = ("vocabulary",)
    if not r.mapping(path):
        return None
    renames = []
    for term, new in r.mapping(path + ("terms",)).items():
        singular = new.get("singular", "") if isinstance(new, dict) else new
        plural = new.get("plural") if isinstance(new, dict) else None
        renames.append(m.Rename(**r.located(path + ("terms", term), ["singular", "plural"]),
                                term=str(term), singular=str(singular),
                                plural=str(plural or f"{singular}s")))
    definitions = [m.AddedTerm(**r.located(path + ("definitions", i), ["term", "meaning"]),
                               term=str(entry.get("term", "")),
                               meaning=str(entry.get("meaning", "")),
                               written=r.written(str(entry.get("meaning", "")),
                                                 path + ("definitions", i, "meaning")))
                   for i, entry in enumerate(r.items(path + ("definitions",)))]
    groups = [m.TermGroup(**r.located(path + ("groups", i), ["name", "parties"]),
                          name=str(entry.get("name", "")),
                          parties=_texts(entry.get("parties")))
              for i, entry in enumerate(r.items(path + ("groups",)))]
    return m.Vocabulary(**r.located(path, ["terms", "definitions", "groups"]),
                        renames=renames, definitions=definitions, groups=groups)


def _change(change: Any) -> m.Change:
    data = change.data
    writer = _WrittenReader(change)
    anchor = data.get("before") or data.get("after") or ""
    return m.Change(
        loc=change.loc, kind=change.kind, layer=change.layer, given=frozenset(data),
        locs={str(path[0]): loc for path, loc in change.locs.items() if len(path) == 1},
        target=str(data.get("clause") or anchor or ""),
        reason=str(data.get("reason", "")), id=data.get("id"),
        title=_curled_text(data.get("title")),
        lead=writer.paragraph(data["text"], ("text",)) if data.get("text") else None,
        paragraphs=writer.paragraphs(data.get("subclauses"), ("subclauses",)),
        sections=writer.sections(data.get("sections")),
        keep_number=bool(data.get("keep_number")), choose=data.get("choose"),
        anchor=str(anchor), before=bool(data.get("before")) and not data.get("after"),
        schedule=bool(data.get("schedule")), document=str(data.get("document") or ""),
        clauses=[str(c) for c in data.get("clauses") or []])


class _WrittenReader:
    """Reads the text a change writes into located paragraphs, items, tables and sections."""

    def __init__(self, change: Any):
        self.change = change

    def loc(self, path: Path_) -> Loc:
        """Return where the part of the change at `path` was written."""
        while path and path not in self.change.locs:
            path = path[:-1]
        return self.change.locs.get(path, self.change.loc)

    def paragraphs(self, raw: Any, path: Path_) -> list[m.Written]:
        """Return the paragraphs of a `subclauses:` list."""
        if not isinstance(raw, list):
            return []
        return [self.paragraph(entry, path + (i,)) for i, entry in enumerate(raw)]

    def paragraph(self, raw: Any, path: Path_) -> m.Written:
        """Return one paragraph: a string, or a mapping of text, items, table, numbered."""
        if not isinstance(raw, dict):
            return self._text(str(raw), path, path)
        text = str(raw.get("text") or "")
        written = self._text(text, path + ("text",), path)
        items = [self.paragraph(item, path + ("items", i))
                 for i, item in enumerate(raw.get("items") or [])]
        table = self._table(raw.get("table"), path + ("table",))
        return m.Written(loc=written.loc, text=written.text, pieces=written.pieces,
                         problems=written.problems, items=items, table=table,
                         numbered=raw.get("numbered", True) is not False)

    def _text(self, text: str, text_path: Path_, path: Path_) -> m.Written:
        loc = self.loc(text_path)
        pieces, problems = parse(text, loc, self.change.source)
        return m.Written(loc=loc, text=text, pieces=pieces, problems=tuple(problems))

    def _table(self, raw: Any, path: Path_) -> m.WrittenTable | None:
        if not isinstance(raw, dict):
            return None
        return m.WrittenTable(loc=self.loc(path), header=[str(h) for h in raw.get("header", [])],
                              rows=[[str(c) for c in row] for row in raw.get("rows", [])],
                              caption=str(raw.get("caption") or ""))

    def sections(self, raw: Any) -> list[m.WrittenSection]:
        """Return the sections of an added or replaced schedule."""
        if not isinstance(raw, list):
            return []
        out = []
        for index, entry in enumerate(raw):
            path = ("sections", index)
            text = entry.get("text")
            out.append(m.WrittenSection(
                loc=self.loc(path), title=curly(str(entry.get("title") or "")),
                lead=self.paragraph(text, path + ("text",)) if text else None,
                paragraphs=self.paragraphs(entry.get("subclauses"), path + ("subclauses",))))
        return out
