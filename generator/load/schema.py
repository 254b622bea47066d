"""The shape of a scheme file, as a cerberus schema, and the one place defaults are given.

Every key is optional in one file; what the merged scheme must contain is checked after
`extends:` is resolved. A `default` here is what the typed scheme holds when no file in the
chain gives the key (`default_at` reads it). Each key's `meta` also holds the `description` and
`example` that the editor schema (`s75 schema`), the scaffold (`s75 new`) and the scheme
reference page show, so the words commissioners see come from the rules they are checked by."""

from __future__ import annotations

from typing import Any

from generator.model.parties import PARTY_TYPES
from generator.model.vocabulary import (
    ARRANGEMENTS,
    BOARD_MODELS,
    DECISION_RULES,
    DOCUMENTS,
    EXECUTIONS,
    FLEXIBILITIES,
    MOU_PARTS,
    REVIEW_FREQUENCIES,
    RISK_SHARES,
    STATUSES,
    UNITS,
)

# Whole-value patterns: (?!\n) stops a trailing newline passing where cerberus anchors with `$`,
# and [0-9] admits only ASCII digits (\d would admit the digits of every script). An id is also
# a folder and file name, so it is kept short.
ID_RE = r"(?=.{1,80}$)[a-z0-9]+(-[a-z0-9]+)*(?!\n)"
YEAR_RE = r"[0-9]{4}/[0-9]{2}(?!\n)"
DAY_MONTH_RE = (r"([1-9]|[12][0-9]|3[01]) (January|February|March|April|May|June|July|August|"
                r"September|October|November|December)(?!\n)")

TEXT = {"type": "string", "empty": False}
TEXT_LIST = {"type": "list", "schema": TEXT}
TEXT_OR_LIST = {"type": ["string", "list"], "schema": TEXT}
NUMBER = {"type": "number", "min": 0, "max": 10**13}  # no contribution reaches £10 trillion
DATE = {"type": "date"}
WHOLE = {"type": "integer", "min": 1, "max": 1000}
YEARS = {"type": "integer", "min": 1, "max": 100}
FLAG = {"type": "boolean"}

_NO_EXAMPLE = object()


def about(rules: dict[str, Any], description: str, example: Any = _NO_EXAMPLE,
          **meta: Any) -> dict[str, Any]:
    """Return `rules` with `description` (and `example`, and any other `meta` entries) added to
    its `meta`, keeping what the rules' `meta` already holds."""
    found = rules.get("meta")
    merged: dict[str, Any] = {**(found if isinstance(found, dict) else {}), **meta,
                              "description": description}
    if example is not _NO_EXAMPLE:
        merged["example"] = _frozen(example)
    return {**rules, "meta": merged}


def _frozen(value: Any) -> Any:
    """Return `value` with every list made a tuple (cerberus hashes a schema, lists and all)."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value


YEAR_KEY = {"type": "string", "regex": YEAR_RE,
            "meta": {"hint": "a financial year such as 2017/18"}}
# a contribution below zero passes the format and is reported by its rule (negative-contribution)
AMOUNT = {"type": "number", "min": -10**13, "max": 10**13}
BY_PARTY = {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": AMOUNT}

OFFICER = {
    "name": about(TEXT, "The officer's name.", "Paula Swann"),
    "position": about(TEXT, "The officer's position.", "Chief Officer"),
}

PARTY = {
    "type": "dict",
    "schema": {
        "name": about({**TEXT, "required": True}, "The party's full legal name.",
                      "Southampton City Council"),
        "short_name": about(TEXT, "How the drafts refer to the party (unique among the parties).",
                            "the Council"),
        "type": about({"type": "string", "allowed": PARTY_TYPES, "required": True},
                      "What kind of body the party is; decides whether it may be party to a "
                      "section 75 agreement on the agreement's date.", "unitary_council"),
        "address": about(TEXT, "The party's address or principal office, printed in the "
                         "parties clause.", "Civic Centre, Southampton SO14 7LY"),
        "legal_name": about(TEXT, "The party's corporate name where it differs from the name in "
                            "use: the parties clause and execution blocks print it.",
                            "Southampton City Council"),
        "execution": about({"type": "string", "allowed": EXECUTIONS, "default": "sign"},
                           "How the party executes the agreement: signature by an authorised "
                           "officer, or its common seal.", "seal"),
        "decision_body": about(TEXT, "The body that takes the party's decisions on the "
                               "arrangements and receives their reports (default: a council's "
                               "Cabinet, the Court of Common Council of the City of London, a "
                               "clinical commissioning group's Governing Body, another NHS "
                               "body's Board).", "Community and Children's Services Committee"),
        "signatory": about({"type": "dict", "schema": OFFICER},
                           "Who signs the agreement for the party: their name and position "
                           "fill its execution block.",
                           {"name": "Paula Swann", "position": "Chief Officer"}),
        "attested_by": about({"type": "list", "schema": {"type": "dict", "schema": OFFICER}},
                             "With `execution: seal`: the officers who attest the common seal, "
                             "each with an attestation block.",
                             [{"name": "Michael Cogher", "position": "Comptroller and City "
                               "Solicitor"}]),
    },
}

CONTRIBUTIONS = {
    "type": "dict",
    "keysrules": YEAR_KEY,
    "valuesrules": BY_PARTY,
}

FUND_LINE = {
    "type": "dict",
    "schema": {
        "name": about({**TEXT, "required": True}, "The scheme line's name.", "Carers"),
        "arrangement": about({"type": "string", "allowed": ARRANGEMENTS, "default": "pooled"},
                             "Whether the line's money is pooled, aligned (each Partner keeps "
                             "and spends its own), or lead commissioned (paid to the lead "
                             "commissioner, which commissions the line's services; no pool).",
                             "pooled"),
        "overview": about(TEXT, "A sentence on what the line pays for, for its scheme "
                          "specification.", "Support for unpaid carers."),
        "services": about(TEXT_LIST, "The services the line pays for, listed in its scheme "
                          "specification.", ["Carers' breaks"]),
        "illustrative": about(FLAG, "True when the line's figures are examples, not real.",
                              False),
        "contributions": about({**CONTRIBUTIONS, "required": True},
                               "What each party pays into the line, by financial year and then "
                               "by party (name or short name); figures without commas or £.",
                               {"2017/18": {"the CCG": 1240, "the Council": 134}}),
        "provider": about(TEXT, "Who provides the line's services: a party (name or short name) "
                          "or an outside provider's name; required on every line with "
                          "integrated provision.", "the Council"),
        "responsible": about({"type": ["string", "dict"], "empty": False,
                              "keysrules": {"type": "string"}, "valuesrules": NUMBER},
                             "The Partner responsible for the line (a party's name or short "
                             "name), or for a joint line each Partner's percentage; required on "
                             "every pooled line when each Partner bears its own Overspends.",
                             {"the CCG": 60, "the Council": 40}),
        "area": about(TEXT, "The area the line is commissioned for, where the scheme commissions "
                      "area by area; under the hierarchy risk share an Overspend is met within "
                      "its area.", "North Staffordshire"),
    },
}

FUNDS = {
    "type": "dict",
    "schema": {
        "units": about({"type": "string", "allowed": UNITS, "default": "pounds"},
                       "Whether the figures are in pounds or thousands of pounds.", "thousands"),
        "host": about(TEXT, "The partner that hosts the pooled fund; required when any line is "
                      "pooled.", "the Council"),
        "pooled_fund_manager": about(TEXT, "The officer who manages the pooled fund; required "
                                     "when any line is pooled.",
                                     "Director of Quality and Integration"),
        "lines": about({"type": "list", "schema": FUND_LINE},
                       "The scheme lines: each fund, with its contributions."),
        "agree_by": about({"type": "string", "regex": DAY_MONTH_RE, "default": "28 February",
                           "meta": {"hint": "a day and month such as 28 February"}},
                          "The day and month by which the Partners agree each later Financial "
                          "Year's contributions; every clause that gives the date uses it.",
                          "31 December"),
        "risk_across_areas": about(FLAG, "True when, under the hierarchy risk share, an Overspend "
                                   "in one area may be met from the other areas' Schemes.",
                                   False),
        "totals": about({"type": "dict", "keysrules": YEAR_KEY, "valuesrules": BY_PARTY},
                        "Stated totals the lines must add up to, by financial year and party "
                        "(`total` for the whole year).",
                        {"2017/18": {"the CCG": 69501, "total": 105196}}),
    },
}

MEMBER = {
    "type": "dict",
    "schema": {
        "role": about({**TEXT, "required": True}, "The member's role or office.",
                      "Cabinet Member for Health"),
        "party": about(TEXT, "The party the member represents (name or short name).",
                       "the Council"),
        "organisation": about(TEXT, "For a co-opted member from outside the parties: their "
                              "organisation, in place of `party`.", "Healthwatch Southampton"),
        "name": about(TEXT, "The member's name.", "Cllr Dave Shields"),
        "voting": about({"type": "boolean", "default": True}, "Whether the member votes.",
                        True),
        "co_opted": about({"type": "boolean", "default": False},
                          "Whether the member is co-opted (co-opted members do not vote).",
                          False),
    },
}

BOARD = {
    "type": "dict",
    "schema": {
        "name": about({**TEXT, "default": "Partnership Board"}, "The board's name.",
                      "Joint Commissioning Board"),
        "model": about({"type": "string", "allowed": BOARD_MODELS, "default": "joint_committee"},
                       "The board's legal shape.", "joint_committee"),
        "purpose": about(TEXT, "The board's purpose and remit, one paragraph.",
                         "To oversee the pooled fund and the commissioning it pays for."),
        "accountable_to": about(TEXT_LIST, "The bodies the board answers to.",
                                ["the Council's Cabinet"]),
        "existing_committee": about(TEXT, "An existing committee that governs in place of a new "
                                    "board (then only `committee_of` and `frequency` go with it).",
                                    "Southampton Health and Wellbeing Board"),
        "committee_of": about(TEXT, "The party whose committee the existing committee is.",
                              "the Council"),
        "chair": about({"type": "dict", "schema": {
            "role": about(TEXT, "The role of the member who chairs.", "Cabinet Member for Health"),
            "rotating": about({"type": "boolean", "default": False},
                              "True when the chair passes from Partner to Partner by meeting.",
                              False),
            "co_chairs": about(TEXT_LIST, "Two co-chairs who chair every meeting jointly, each "
                               "the role of a voting member.",
                               ["Cabinet Member for Health", "Chair of the CCG"]),
        }}, "Who chairs the board: a member's role, a rotating chair or two co-chairs."),
        "members": about({"type": "list", "schema": MEMBER}, "The board's members."),
        "substitutes": about({"type": "boolean", "default": True},
                             "Whether members may send a named substitute.", True),
        "quorum": about({
            "type": "dict",
            "schema": {
                "total": about(WHOLE, "The number of voting members needed for a quorum.", 4),
                "per_party": about({"type": "dict", "keysrules": {"type": "string"},
                                    "valuesrules": {"type": "integer", "min": 0}},
                                   "The least number of each party's voting members.",
                                   {"the Council": 2, "the CCG": 2}),
            },
        }, "The quorum of the board (default: a voting member from each Partner)."),
        "decision_rule": about({"type": "string", "allowed": DECISION_RULES,
                                "default": "consensus"}, "How the board decides.", "consensus"),
        "delegated_limit": about({
            "type": "dict",
            "schema": {"amount": about({**NUMBER, "required": True},
                                       "The limit in pounds.", 2000000),
                       "condition": about(TEXT, "A condition on using the delegation.",
                                          "all three Cabinet Members on the Board agree")},
        }, "The most the board may commit on its own authority."),
        "delegated_limits": about({
            "type": "dict", "empty": False, "keysrules": {"type": "string"},
            "valuesrules": {
                "type": ["number", "dict"],
                "schema": {"amount": about({**NUMBER, "required": True},
                                           "The limit in pounds.", 2000000),
                           "condition": about(TEXT, "A condition on using the delegation.",
                                              "all three Cabinet Members on the Board agree")}},
        }, "Each Partner's own limit for its members' decisions committing its resources (a "
           "party's name or short name, then the amount in pounds, or `amount:` and "
           "`condition:`), in place of one limit for the whole board.",
            {"the Council": 2000000}),
        "decides_through": about({
            "type": "dict", "empty": False, "keysrules": {"type": "string"},
            "valuesrules": TEXT,
        }, "For a Partner whose members cannot take decisions individually, the committee or "
           "officer through whom it takes the decisions the board's members would otherwise take "
           "(a party's name or short name, then who decides).",
            {"the City Corporation": "its Community and Children's Services Committee"}),
        "meetings_in_public": about({
            "type": "dict",
            "schema": {
                "from": about(DATE, "The date from which the board meets in public.",
                              "2018-04-01"),
                "forward_plan_days": about(WHOLE, "Days' notice of decisions in the forward "
                                           "plan.", 28),
                "papers_working_days": about(WHOLE, "Working days before a meeting that its "
                                             "papers are published.", 5),
                "call_in": about(FLAG, "Whether the board's decisions may be called in.", True),
                "public_questions": about(FLAG, "Whether the public may ask questions.", True),
            },
        }, "How the board meets in public."),
        "frequency": about({**TEXT, "default": "at least quarterly"}, "How often the board "
                           "meets.", "monthly"),
        "sub_groups": about(TEXT_LIST, "The board's sub-groups.", ["Finance sub-group"]),
        "reports_to": about(TEXT_LIST, "Who receives the board's reports.",
                            ["Health and Wellbeing Board"]),
    },
}

CHANGE_REASON = about({**TEXT, "required": True}, "Why the scheme departs from the vanilla "
                      "model; printed in the deviations report.",
                      "The board asked for closer review.")

# Text a scheme writes (replace, add): a paragraph, with listed items (which may have items of
# their own) or a table. A plain string is a paragraph.
WRITTEN_TABLE = about({"type": "dict", "schema": {
    "header": about({**TEXT_LIST, "required": True}, "The table's column headings.",
                    ["Stage", "Lead"]),
    "rows": about({"type": "list", "required": True, "schema": TEXT_LIST},
                  "The table's rows, each a list of cells.", [["Assessment", "the Council"]]),
    "caption": about(TEXT, "The table's caption.", "Stages and leads"),
}}, "A table in place of the paragraph's text.")
ITEM_LEVELS = 3  # (a), (i), then (A): deeper lists are refused


def _items(depth: int) -> dict[str, Any]:
    """Return the schema of a list of items nested at most `depth` further levels."""
    if depth == 0:
        return about(TEXT_LIST, "Listed items, each plain text.", ["the Cabinet"])
    return about({"type": "list", "schema": {"type": ["string", "dict"], "empty": False,
                                             "schema": {
        "text": about({**TEXT, "required": True}, "The item's text.", "report to:"),
        "items": _items(depth - 1),
    }}}, "Listed items, (a), (b) ...: each text, or `text:` with `items:` of its own.",
        ["agree the annual plan; and"])


WRITTEN_PARAGRAPH = {"type": ["string", "dict"], "empty": False, "schema": {
    "text": about(TEXT, "The paragraph's text.", "The Board shall:"),
    "items": _items(ITEM_LEVELS - 1),
    "table": WRITTEN_TABLE,
    "numbered": about(FLAG, "False for a paragraph printed without a number.", False),
}}
WRITTEN_PARAGRAPHS = about({"type": "list", "schema": WRITTEN_PARAGRAPH},
                           "The clause's numbered paragraphs: each text, or a mapping with "
                           "`text:`, `items:`, `table:` or `numbered:`.",
                           ["The Board shall meet monthly."])
WRITTEN_SECTIONS = about({"type": "list", "schema": {"type": "dict", "schema": {
    "title": about(TEXT, "The section's heading.", "Stages"),
    "text": about(TEXT, "The section's opening words.", "The stages are these."),
    "subclauses": WRITTEN_PARAGRAPHS,
}}}, "A schedule's numbered sections.")
CLAUSE_ID = about({**TEXT, "required": True}, "The id of the clause changed (`s75 explain` "
                  "lists a draft's ids).", "review")


def _written(empty_hint: str, what: str) -> dict[str, Any]:
    """Return the keys of a change that writes text (replace, add), with the hint an empty
    `text:` gets; `what` names the clause written, for the descriptions."""
    return {"text": about({**TEXT, "meta": {"empty": empty_hint}},
                          f"The {what}'s opening words, printed as written.",
                          "The Partners shall review this Agreement every six months."),
            "subclauses": WRITTEN_PARAGRAPHS,
            "sections": WRITTEN_SECTIONS, "reason": CHANGE_REASON}


ANCHOR = about(TEXT, "The id of the clause to place it next to.", "governance")


def _changes(schema: dict[str, Any], description: str) -> dict[str, Any]:
    """Return a list of changes of one kind, each a mapping of `schema`."""
    return about({"type": "list", "schema": {"type": "dict", "schema": schema}}, description)


CHANGES = {
    "type": "dict",
    "schema": {
        "omit": _changes({
            "clause": CLAUSE_ID,
            "reason": CHANGE_REASON,
            "keep_number": about(FLAG, "True to print the heading as \"Not used\" and keep "
                                 "later clauses' numbers.", True),
        }, "Clauses left out."),
        "replace": _changes({
            "clause": CLAUSE_ID,
            "title": about(TEXT, "A new heading for the clause.", "Review"),
            **_written("write the clause's new wording, or give its `subclauses:` instead",
                       "clause"),
        }, "Clauses given the scheme's own wording."),
        "rename": _changes({
            "clause": CLAUSE_ID,
            "title": about({**TEXT, "required": True}, "The clause's new heading.",
                           "The Joint Commissioning Board"),
            "reason": CHANGE_REASON,
        }, "Clauses given a new heading, keeping their text."),
        "add": _changes({
            "after": ANCHOR,
            "before": ANCHOR,
            "schedule": about(FLAG, "True to add a schedule rather than a clause.", True),
            "document": about(TEXT, "The document a schedule is added to, when the scheme "
                              "builds more than one.", "section75"),
            "id": about({"type": "string", "regex": ID_RE,
                         "meta": {"hint": "lower-case words joined by hyphens"}},
                        "The new clause's id, for references and later changes (default: the "
                        "title's words joined by hyphens).", "hospital-discharge"),
            "title": about({**TEXT, "required": True}, "The new clause's heading.",
                           "Hospital Discharge"),
            **_written("write the new clause's wording, or give its `subclauses:` instead",
                       "new clause"),
        }, "Clauses or schedules the scheme adds."),
        "move": _changes({
            "clause": CLAUSE_ID,
            "after": ANCHOR,
            "before": ANCHOR,
            "reason": CHANGE_REASON,
        }, "Clauses moved after or before another."),
        "order": _changes({
            "clauses": about({**TEXT_LIST, "required": True, "empty": False},
                             "The clauses, in the order they are to come.",
                             ["definitions", "term"]),
            "reason": CHANGE_REASON,
        }, "Clauses put in a given order."),
        "include": _changes({
            "clause": CLAUSE_ID,
            "reason": CHANGE_REASON,
        }, "Optional clauses of the outline brought in."),
        "variants": _changes({
            "clause": CLAUSE_ID,
            "choose": about({**TEXT, "required": True}, "The variant chosen.", "own_risk"),
            "reason": CHANGE_REASON,
        }, "Variants chosen for clauses that have them."),
    },
}

RENAME = {"type": ["string", "dict"], "empty": False,
          "schema": {"singular": about({**TEXT, "required": True}, "The new name.", "Party"),
                     "plural": about(TEXT, "Its plural, when not just +s.", "Parties")}}

VOCABULARY = {
    "type": "dict",
    "schema": {
        "terms": about({"type": "dict", "keysrules": {"type": "string", "empty": False},
                        "valuesrules": RENAME},
                       "Defined terms of the library renamed: the term as the definitions "
                       "clause spells it, then its new name.",
                       {"Pooled Fund": "Integrated Health and Care Fund"}),
        "definitions": about({"type": "list", "schema": {"type": "dict", "schema": {
            "term": about({**TEXT, "required": True}, "The defined term.",
                          "Better Care Fund Plan"),
            "meaning": about({**TEXT, "required": True}, "What it means, without \"means\".",
                             "the plan agreed by the Health and Wellbeing Board"),
        }}}, "Defined terms added to the definitions clause."),
        "groups": about({"type": "list", "schema": {"type": "dict", "schema": {
            "name": about({**TEXT, "required": True}, "The group's name.", "Commissioners"),
            "parties": about({**TEXT_LIST, "required": True}, "The parties in the group.",
                             ["the CCG", "the Council"]),
        }}}, "Collective names for some of the parties."),
    },
}

# `meta: needed`: the merged scheme must have the key (`checks.scheme.required_top`), so leaving
# it out of one file is a fix only where another file of the chain gives it
NEEDED = {"needed": True}
BY_DOCUMENT = {"type": "dict", "keysrules": {"type": "string", "allowed": DOCUMENTS},
               "valuesrules": TEXT}

SCHEME = {
    "extends": about(TEXT, "The scheme this one builds on: a path relative to this file.",
                     "base.yaml"),
    "id": about({"type": "string", "regex": ID_RE,
                 "meta": {"hint": "lower-case words joined by hyphens", **NEEDED}},
                "The scheme's id: lower-case words joined by hyphens; names its folder of "
                "drafts.", "southampton-bcf-2017"),
    "title": about({**TEXT, "meta": NEEDED}, "The title on the documents' covers.",
                   "Better Care Fund Partnership Agreement 2017/18"),
    "titles": about(BY_DOCUMENT, "A different cover title for one document.",
                    {"tor": "Southampton Joint Commissioning Board"}),
    "topic": about({**TEXT, "meta": NEEDED}, "What the arrangement is about, in a few words.",
                   "Better Care Fund"),
    "status": about({"type": "string", "allowed": STATUSES, "default": "draft", "meta": NEEDED},
                    "Whether the documents are drafts or final.", "draft"),
    "documents": about({"type": "list", "schema": {"type": "string", "allowed": DOCUMENTS},
                        "default": ["section75"]}, "Which documents to build.",
                       ["section75", "tor"]),
    "better_care_fund": about(FLAG, "True for a Better Care Fund pooled budget.", True),
    "footprint": about(TEXT, "The area covered; reads after \"covers\" or \"in\".",
                       "the City of Southampton"),
    "parties": about({"type": "list", "schema": PARTY, "meta": NEEDED},
                     "The parties: at least two."),
    "agreement_date": about(DATE, "The date of the agreement (YYYY-MM-DD).", "2017-04-01"),
    "commencement_date": about(DATE, "The date the arrangements start (YYYY-MM-DD).",
                               "2017-04-01"),
    "replaces": about(TEXT, "The earlier agreement this one replaces, as the agreement is to "
                      "name it; it ends when this one begins, with transitional terms.",
                      "the section 75 agreement between the Partners for the Better Care Fund "
                      "for 2016/17"),
    "term": about({"type": "dict", "schema": {
        "end": about(DATE, "The last day of the term.", "2018-03-31"),
        "initial_years": about(YEARS, "The term in years from commencement.", 3),
        "extension_years": about(YEARS, "How many years in all the term may be extended by.", 1),
        "rolling": about(FLAG, "True for a term that runs from year to year until terminated.",
                         True)}}, "How long the agreement lasts."),
    "aims_and_outcomes": about(TEXT_LIST, "What the arrangements are meant to achieve.",
                               ["Fewer avoidable admissions to hospital"]),
    "functions": about({"type": "dict", "schema": {
        "nhs": about(TEXT_LIST, "The NHS functions exercised under the arrangements.",
                     ["The CCG's functions under sections 3 and 3A of the NHS Act 2006"]),
        "health_related": about(TEXT_LIST, "The council's health-related functions exercised "
                                "under the arrangements.",
                                ["The Council's functions under Part 1 of the Care Act 2014"]),
    }}, "The functions the arrangements cover."),
    "eligible_persons": about(TEXT_OR_LIST, "Who the services are for.",
                              ["Adults ordinarily resident in Southampton"]),
    "services": about(TEXT_LIST, "The services the arrangements cover.",
                      ["Community equipment"]),
    "flexibilities": about({"type": "list", "schema": {"type": "string",
                                                       "allowed": FLEXIBILITIES}},
                           "The section 75 flexibilities used.",
                           ["pooled_fund", "lead_commissioning"]),
    "lead_commissioner": about(TEXT, "The lead commissioner: a party's name or short name.",
                               "the Council"),
    "lead_provider": about(TEXT, "With integrated provision: the partner that leads it.",
                           "the Council"),
    "funds": about(FUNDS, "The pooled and aligned funds and what each party pays into them."),
    "non_financial_contributions": about(
        {"type": "list", "schema": {"type": "dict", "schema": {
            "party": about({**TEXT, "required": True}, "The party that contributes.",
                           "the Council"),
            "description": about({**TEXT, "required": True}, "What it contributes.",
                                 "Accommodation for the integrated team.")}}},
        "What the parties contribute other than money."),
    "risk_share": about({"type": "string", "allowed": RISK_SHARES},
                        "How overspends and underspends are shared.", "proportional"),
    "fixed_shares": about({"type": "dict", "keysrules": {"type": "string"},
                           "valuesrules": NUMBER},
                          "With `risk_share: fixed_shares`: each party's percentage.",
                          {"the CCG": 60, "the Council": 40}),
    "board": about(BOARD, "The partnership board that governs the arrangements."),
    "review": about({"type": "dict", "schema": {"frequency": about({
        "type": "string", "allowed": REVIEW_FREQUENCIES,
        "default": "annually"}, "How often the arrangements are reviewed.", "annually"),
        "more_often_years": about({**WHOLE, "min": 1},
                                  "For how many Financial Years from the start the reviews at "
                                  "`frequency:` are held (then the Annual Review only).", 2),
        "also_consider": about(TEXT_LIST, "Matters every review also considers, each as an "
                               "item of the review clause's list.",
                               ["whether commissioning on a CCG footprint gives fair access"])}},
        "The review of the arrangements."),
    "exit": about({"type": "dict", "schema": {"notice_months": about(
        {**WHOLE, "default": 12}, "Months' notice a party gives to leave.", 12)}},
        "Leaving the arrangements."),
    "signatories": about({"type": "list", "schema": {"type": "dict", "schema": {
        "name": about(TEXT, "The signatory's name.", "Paula Swann"),
        "role": about({**TEXT, "required": True}, "The signatory's role.", "Chief Officer"),
        "party": about({**TEXT, "required": True}, "The party they sign for.", "the CCG")}}},
        "Who signs the memorandum: each has a signature block."),
    "mou": about({"type": "dict", "schema": {
        "parts": about({"type": "list", "schema": {"type": "string", "allowed": MOU_PARTS},
                        "empty": False, "default": ["joint_commissioning"]},
                       "The memorandum's parts.", ["joint_commissioning"]),
        "unit_name": about(TEXT, "The unit's name; required with "
                           "`integrated_commissioning_unit`.",
                           "Integrated Commissioning Unit"),
        "subject": about(TEXT, "What the joint working is on; reads after \"joint working "
                         "between the Parties on\".", "integrated commissioning"),
        "scope_in": about(TEXT_LIST, "Service areas in scope (default: `services`).",
                          ["Adult social care"]),
        "scope_out": about(TEXT_LIST, "Service areas expressly out of scope.",
                           ["Acute hospital services"]),
        "support_requirements": about(TEXT_LIST, "The support the unit needs.",
                                      ["Finance support"]),
        "date": about(DATE, "The memorandum's date, once signed (printed only when final).",
                      "2016-03-31"),
    }}, "The memorandum of understanding."),
    "tor": about({"type": "dict", "schema": {
        "approved_by": about(TEXT, "The body that adopts the terms of reference.",
                             "the Health and Wellbeing Board"),
        "approved_on": about(DATE, "The date they were adopted (printed only when final).",
                             "2017-06-21"),
        "review_by": about(DATE, "The date of their next review.", "2018-06-30"),
    }}, "The adoption of the terms of reference."),
    "variables": about({"type": "dict", "keysrules": {"type": "string"}},
                       "Library variables overridden (clauses/variables.yaml).",
                       {"dispute_escalation_days": 15}),
    "changes": about(CHANGES, "Departures from the vanilla text, each with a reason."),
    "vocabulary": about(VOCABULARY, "The scheme's own words for defined terms."),
    "headings": about(BY_DOCUMENT, "A document's own heading in place of its type's.",
                      {"section75": "Joint Agreement"}),
    "acknowledge": about({"type": "list", "schema": {"type": "dict", "schema": {
        "code": about({**TEXT, "required": True}, "The code of the warning acknowledged "
                      "(`s75 codes` lists them); an error cannot be acknowledged.",
                      "replaced-required"),
        "reason": about({**TEXT, "required": True}, "Why the warning stands: it is printed in "
                        "the deviations report for a reviewer to sign off.",
                        "The board reviews the agreement every six months.")}}},
        "Warnings the scheme's authors have considered and accept, each with its reason: "
        "`s75 check` no longer prints them, even with `--strict`, and the deviations report "
        "lists them. A later file's list replaces an earlier one's.",
        [{"code": "replaced-required", "reason": "The review clause is the board's own."}]),
}


def needed_keys() -> list[str]:
    """Return the top-level keys every merged scheme must have, in the schema's order."""
    return [key for key, rules in SCHEME.items()
            if isinstance(rules, dict) and isinstance(rules.get("meta"), dict)
            and rules["meta"].get("needed")]


def default_at(path: tuple[str, ...]) -> object:
    """Return the schema's default for the key at `path` (list levels stepped over), or None."""
    rules: dict = {"type": "dict", "schema": SCHEME}
    for step in path:
        while rules.get("type") == "list":
            rules = rules["schema"]
        rules = rules["schema"][step]
    default = rules.get("default")
    return list(default) if isinstance(default, list) else default


def scheme_schema(documents: tuple[str, ...]) -> dict[str, Any]:
    """Return the schema of a scheme file for a library whose document types are `documents`."""
    allowed = {"type": "string", "allowed": documents}
    titles: dict[str, Any] = dict(SCHEME["titles"])  # type: ignore[call-overload]
    listed: dict[str, Any] = dict(SCHEME["documents"])  # type: ignore[call-overload]
    headings: dict[str, Any] = dict(SCHEME["headings"])  # type: ignore[call-overload]
    return {**SCHEME, "titles": {**titles, "keysrules": allowed},
            "headings": {**headings, "keysrules": allowed},
            "documents": {**listed, "schema": allowed}}
