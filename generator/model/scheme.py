"""The typed scheme: what a merged, validated scheme says, as dataclasses.

Every object knows where it was written (`loc`) and where each of its fields was written
(`at(name)`), so any later check can point at the line to change. A field the scheme leaves out
holds its default from the schema, and `at()` then gives the nearest place that was written.
Nothing after loading reads YAML or dicts: assembly, checks and writers read these classes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from generator.diagnostics import Diagnostic, Loc

ILLUSTRATIVE_MARK = "(illustrative only)"  # printed after every value marked illustrative


@dataclass(frozen=True, kw_only=True)
class Located:
    """A part of the scheme with the place it, and each of its fields, was written."""

    loc: Loc
    locs: dict[str, Loc] = field(default_factory=dict, compare=False, repr=False)
    given: frozenset[str] = frozenset()  # the fields the scheme wrote (not defaulted)

    def at(self, name: str) -> Loc:
        """Return where field `name` was written, or where this object was when it was not."""
        return self.locs.get(name, self.loc)

    def has(self, name: str) -> bool:
        """Return True when the scheme wrote field `name` itself (it was not defaulted)."""
        return name in self.given


@dataclass(frozen=True, kw_only=True)
class Officer:
    """A named officer who signs for a party or attests its seal (either part may be unknown)."""

    name: str | None = None
    position: str | None = None


@dataclass(frozen=True, kw_only=True)
class Party(Located):
    """A party to the documents."""

    name: str
    short_name: str
    type: str
    address: str | None = None
    legal_name: str | None = None  # the corporate name, where it differs from `name`
    execution: str = "sign"  # sign | seal
    decision_body: str | None = None  # the body that takes its decisions ("Cabinet")
    signatory: Officer | None = None  # who signs for it, where the scheme names them
    attested_by: list[Officer] = field(default_factory=list)  # who attests its common seal


@dataclass(frozen=True, kw_only=True)
class Term(Located):
    """How long the agreement runs: to an end date, for a number of years, or (`rolling`) from
    year to year until terminated."""

    end: datetime.date | None = None
    initial_years: int | None = None
    extension_years: int | None = None
    rolling: bool = False


@dataclass(frozen=True, kw_only=True)
class Amount(Located):
    """One figure keyed by financial year and party (a contribution, a stated total or a
    fixed share); `party` is the name as the scheme wrote it."""

    year: str
    party: str
    amount: float


@dataclass(frozen=True, kw_only=True)
class Share(Located):
    """A Partner responsible for a scheme line, with its percentage of a joint line (None when
    it is named alone)."""

    party: str
    percent: float | None = None


@dataclass(frozen=True, kw_only=True)
class FundLine(Located):
    """One scheme line of the funds: a pooled or aligned budget and who pays what."""

    index: int
    name: str
    arrangement: str
    overview: str | None = None
    services: list[str] = field(default_factory=list)
    illustrative: bool = False
    contributions: list[Amount] = field(default_factory=list)
    provider: str | None = None  # a party's name or short name, or an outside provider's name
    area: str | None = None  # the area the line is commissioned for, when commissioned by area
    responsible: list[Share] | None = None  # who bears the line's Overspends under own risk


@dataclass(frozen=True, kw_only=True)
class Funds(Located):
    """The funds: units, the pooled fund's host and manager, the lines and stated totals."""

    units: str
    host: str | None = None
    pooled_fund_manager: str | None = None
    lines: list[FundLine] = field(default_factory=list)
    totals: list[Amount] = field(default_factory=list)
    risk_across_areas: bool = False  # the hierarchy may cross the areas' boundaries
    agree_by: str = "28 February"  # the day and month later years' contributions are agreed by


@dataclass(frozen=True, kw_only=True)
class Member(Located):
    """A member of the board: appointed by a party, or (`organisation`) co-opted from outside
    the parties, in which case `party` is None and the member is co-opted and non-voting
    whatever `co_opted` and `voting` say (a check refuses them saying otherwise)."""

    role: str
    party: str | None
    organisation: str | None = None
    name: str | None = None
    voting: bool = True
    co_opted: bool = False

    @property
    def outside(self) -> bool:
        """Return True for a member co-opted from an organisation that is not a party."""
        return self.organisation is not None


@dataclass(frozen=True, kw_only=True)
class Minimum(Located):
    """A per-party minimum in the quorum; `party` as the scheme wrote it."""

    party: str
    count: int


@dataclass(frozen=True, kw_only=True)
class Quorum(Located):
    """The board's quorum: a total and per-party minimums, either of which may be absent."""

    total: int | None = None
    per_party: list[Minimum] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class DelegatedLimit(Located):
    """The most the board's members may commit in one decision, and any condition."""

    amount: float
    condition: str | None = None


@dataclass(frozen=True, kw_only=True)
class PartyLimit(Located):
    """One Partner's own limit for its members' decisions; `party` as the scheme wrote it."""

    party: str
    amount: float
    condition: str | None = None


@dataclass(frozen=True, kw_only=True)
class DecidesThrough(Located):
    """The committee or officer through whom a Partner takes its members' decisions."""

    party: str
    through: str


@dataclass(frozen=True, kw_only=True)
class MeetingsInPublic(Located):
    """Rules for a board whose meetings are held in public."""

    from_date: datetime.date | None = None
    forward_plan_days: int | None = None
    papers_working_days: int | None = None
    call_in: bool | None = None
    public_questions: bool | None = None


@dataclass(frozen=True, kw_only=True)
class Chair(Located):
    """Who chairs the board: one member's role, a chair rotating by meeting, or co-chairs (the
    roles of members who chair every meeting jointly)."""

    role: str | None = None
    rotating: bool = False
    co_chairs: list[str] = field(default_factory=list)
    co_chair_locs: list[Loc] = field(default_factory=list, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class Board(Located):
    """The partnership board; `present` is False when the scheme has no `board:` section.
    With `existing_committee` no new board is set up: that committee governs the arrangements
    (of the party `committee_of`, when given), under its own constitution."""

    present: bool
    name: str
    model: str
    decision_rule: str
    substitutes: bool
    frequency: str
    chair: Chair
    purpose: str | None = None
    accountable_to: list[str] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    quorum: Quorum | None = None
    delegated_limit: DelegatedLimit | None = None
    delegated_limits: list[PartyLimit] = field(default_factory=list)
    decides_through: list[DecidesThrough] = field(default_factory=list)
    meetings_in_public: MeetingsInPublic | None = None
    sub_groups: list[str] = field(default_factory=list)
    reports_to: list[str] = field(default_factory=list)
    existing_committee: str | None = None
    committee_of: str | None = None


@dataclass(frozen=True, kw_only=True)
class Functions(Located):
    """The NHS functions and the health-related functions of the arrangements."""

    nhs: list[str] = field(default_factory=list)
    health_related: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class PartyText(Located):
    """A party named with some text: a non-financial contribution or a signatory."""

    party: str
    text: str
    name: str | None = None


@dataclass(frozen=True, kw_only=True)
class MouSettings(Located):
    """What the memorandum of understanding says beyond the shared fields."""

    parts: list[str]
    unit_name: str | None = None
    subject: str | None = None
    scope_in: list[str] | None = None  # None: the memorandum takes the agreement's services
    scope_out: list[str] = field(default_factory=list)
    support_requirements: list[str] = field(default_factory=list)
    date: datetime.date | None = None  # the memorandum's own date, once signed


@dataclass(frozen=True, kw_only=True)
class TorSettings(Located):
    """The adoption of the terms of reference: by which body, on which date, next review."""

    approved_by: str | None = None
    approved_on: datetime.date | None = None
    review_by: datetime.date | None = None


@dataclass(frozen=True)
class Mark:
    """A reference written in scheme text as `[[kind:target]]` or `[[kind:target:option]]`:
    kind is clause, schedule, term, party or money. `raw` is the markup as written."""

    kind: str
    target: str
    option: str
    raw: str
    loc: Loc


Piece = str | Mark


@dataclass(frozen=True, kw_only=True)
class WrittenTable(Located):
    """A table a scheme writes: a header row and body rows of text."""

    header: list[str]
    rows: list[list[str]]
    caption: str = ""


@dataclass(frozen=True, kw_only=True)
class Written(Located):
    """A paragraph of text a scheme writes (replace, add): plain text and references, with any
    listed items, or a table. `pieces` is the text split into plain strings and marks."""

    text: str = ""
    pieces: tuple[Piece, ...] = ()
    problems: tuple[Diagnostic, ...] = ()  # what is wrong with its markup
    items: list[Written] = field(default_factory=list)
    table: WrittenTable | None = None
    numbered: bool = True


@dataclass(frozen=True, kw_only=True)
class WrittenSection(Located):
    """A numbered section of a schedule a scheme writes."""

    title: str = ""
    lead: Written | None = None
    paragraphs: list[Written] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Change(Located):
    """One explicit departure from the vanilla text, with the scheme file (layer) that made it.

    `kind` is omit, replace, rename, add, move, order, include or variants; `target` is the
    clause it names (for an addition, its anchor: the clause it follows or precedes, or "" for
    a schedule added at the end); `before` is True when the anchor is the clause it precedes."""

    kind: str
    target: str
    layer: str
    reason: str = ""
    id: str | None = None
    title: str | None = None
    lead: Written | None = None
    paragraphs: list[Written] = field(default_factory=list)
    sections: list[WrittenSection] = field(default_factory=list)
    keep_number: bool = False
    choose: str | None = None
    anchor: str = ""  # add, move: the clause it goes after (or before)
    before: bool = False
    schedule: bool = False
    document: str = ""  # a schedule added at the end: the document it belongs to
    clauses: list[str] = field(default_factory=list)  # an `order:` list

    @property
    def writes_text(self) -> bool:
        """Return whether the change gives text of its own (not only a heading)."""
        return bool(self.lead or self.paragraphs or self.sections)

    def written(self) -> list[Written]:
        """Return every paragraph and item of text the change writes, outermost first."""
        found: list[Written] = []
        stack = [self.lead] if self.lead else []
        stack += self.paragraphs
        for section in self.sections:
            stack += ([section.lead] if section.lead else []) + section.paragraphs
        while stack:
            written = stack.pop(0)
            found.append(written)
            stack = written.items + stack
        return found


@dataclass(frozen=True, kw_only=True)
class Variable(Located):
    """A library variable the scheme sets, and the scheme file that set it."""

    name: str
    value: Any
    layer: str


@dataclass(frozen=True, kw_only=True)
class Rename(Located):
    """A defined term of the library the scheme renames: the new singular and plural."""

    term: str
    singular: str
    plural: str


@dataclass(frozen=True, kw_only=True)
class AddedTerm(Located):
    """A defined term the scheme adds to the definitions clause, and what it means."""

    term: str
    meaning: str
    written: Written | None = None  # the meaning with its [[...]] references parsed


@dataclass(frozen=True, kw_only=True)
class TermGroup(Located):
    """A collective name for some of the parties (defined as those parties)."""

    name: str
    parties: list[str]


@dataclass(frozen=True, kw_only=True)
class Vocabulary(Located):
    """The scheme's own words: renamed terms, added definitions and groups of parties."""

    renames: list[Rename] = field(default_factory=list)
    definitions: list[AddedTerm] = field(default_factory=list)
    groups: list[TermGroup] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.renames or self.definitions or self.groups)


@dataclass(frozen=True, kw_only=True)
class Acknowledgement(Located):
    """A warning the scheme acknowledges (`acknowledge:`): its code and the reason it stands."""

    code: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class Marked(Located):
    """A value the scheme marks illustrative (`{ illustrative: value }`): where it is in the
    merged scheme (keys and list positions) and the value itself."""

    path: tuple
    value: Any


@dataclass(frozen=True, kw_only=True)
class SchemeModel(Located):
    """A whole scheme, its `extends:` chain merged (later files win), defaults filled in."""

    path: str
    layers: list[str]
    id: str
    title: str
    topic: str
    status: str
    documents: list[str]
    titles: dict[str, str]
    parties: list[Party]
    term: Term
    functions: Functions
    funds: Funds
    board: Board
    mou: MouSettings
    tor: TorSettings
    review_frequency: str
    exit_notice_months: int
    review_more_often_years: int | None = None
    review_also_consider: list[str] = field(default_factory=list)
    better_care_fund: bool = False
    footprint: str | None = None
    agreement_date: datetime.date | None = None
    commencement_date: datetime.date | None = None
    replaces: str | None = None  # the earlier agreement this one replaces
    aims_and_outcomes: list[str] = field(default_factory=list)
    eligible_persons: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    flexibilities: list[str] = field(default_factory=list)
    lead_commissioner: str | None = None
    lead_provider: str | None = None
    non_financial_contributions: list[PartyText] = field(default_factory=list)
    risk_share: str | None = None
    fixed_shares: list[Amount] = field(default_factory=list)
    signatories: list[PartyText] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    variables: list[Variable] = field(default_factory=list)
    vocabulary: Vocabulary | None = None
    headings: dict[str, str] = field(default_factory=dict)
    illustrative: list[Marked] = field(default_factory=list)
    acknowledge: list[Acknowledgement] = field(default_factory=list)
    item_locs: dict[str, list[Loc]] = field(default_factory=dict, compare=False, repr=False)

    def field_at(self, dotted: str) -> tuple[Any, Loc, bool]:
        """Return the value of a field such as `board.model`, where it was written (or would
        be), and whether the scheme wrote it (False: the schema's default)."""
        owner: Located = self
        value: Any = self
        steps = dotted.split(".")
        for step in steps[:-1]:
            value = getattr(value, step, None)
            if not isinstance(value, Located):
                return None, self.loc, False
            owner = value
        return getattr(owner, steps[-1], None), owner.at(steps[-1]), owner.has(steps[-1])

    def item_at(self, name: str, index: int) -> Loc:
        """Return where item `index` of the top-level list `name` was written."""
        found = self.item_locs.get(name, [])
        return found[index] if index < len(found) else self.at(name)

    def document_date(self) -> tuple[datetime.date | None, Loc]:
        """Return the date the documents read the law on (the agreement date, else the
        commencement date, else None) and where the scheme gives it (else the scheme)."""
        for name in ("agreement_date", "commencement_date"):
            day = getattr(self, name)
            if day is not None:
                return day, self.at(name)
        return None, self.loc

    def title_for(self, document: str) -> str:
        """Return the cover title for `document`: its own title if given, else the scheme's."""
        return self.titles.get(document) or self.title

    def is_illustrative(self, *path: Any) -> bool:
        """Return whether the value at `path` (keys and list positions) is marked
        illustrative."""
        return any(mark.path == path for mark in self.illustrative)

    def changes_of(self, kind: str) -> list[Change]:
        """Return the changes of one kind, base layer first."""
        return [change for change in self.changes if change.kind == kind]
